"""Scale: one process, a process pool and Dask write the same outputs, byte for byte; JSONL in = .txt in.

The inputs are the seed articles, plus the development articles of ../shared
when present (the held-out ten are left out: they are never read), plus a bad
file and a JSONL stream with a broken line, so that failures are ordered and
reported the same way in every mode too.
"""
from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.reading import iter_jsonl

from conftest import DEV_CORPUS, HOLDOUT, SEED_CORPUS

OUTPUTS = ("records.csv", "documents.csv", "errors.csv")


def scale_inputs(tmp_path: Path) -> list[str]:
    if DEV_CORPUS.is_dir():
        articles = sorted(p for p in DEV_CORPUS.glob("*.txt") if p.stem not in HOLDOUT)
    else:
        articles = sorted(SEED_CORPUS.glob("*.txt"))
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_text("  \n", encoding="utf-8")
    seed = (SEED_CORPUS / "004_a34f6314351c6c48.txt").read_text(encoding="utf-8")
    (bad / "feed.jsonl").write_text(
        json.dumps({"id": "feed_ok", "text": seed}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "feed_no_text"}) + "\n",
        encoding="utf-8")
    return [*map(str, articles), str(bad)]


def assert_same_outputs(a: Path, b: Path) -> None:
    preds = sorted(os.listdir(a / "predictions"))
    assert preds == sorted(os.listdir(b / "predictions"))
    for name in [*OUTPUTS, *(f"predictions/{p}" for p in preds)]:
        assert filecmp.cmp(a / name, b / name, shallow=False), f"{name} differs between {a.name} and {b.name}"


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("scale")
    inputs = scale_inputs(tmp)
    out = tmp / "one"
    assert main(["run", *inputs, "--out", str(out), "--quiet"]) == 0
    return inputs, out


def test_scale_one_process_reports_every_input_in_order(one_process):
    inputs, out = one_process
    n_articles = len(inputs)  # the .txt articles + the one good JSONL line
    docs = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(docs) == 1 + n_articles
    assert docs[-1].startswith("feed_ok,")
    assert [line.split(",")[0] for line in docs[1:-1]] == [Path(p).stem for p in inputs[:-1]]
    errors = (out / "errors.csv").read_text(encoding="utf-8")
    assert "empty.txt: empty file" in errors
    assert "feed.jsonl:2: not valid JSON" in errors
    assert "feed.jsonl:3: no 'text'" in errors


def test_scale_process_pool_writes_identical_outputs(one_process, tmp_path):
    inputs, ref = one_process
    out = tmp_path / "pool"
    assert main(["run", *inputs, "--out", str(out), "--quiet", "--workers", "2"]) == 0
    assert_same_outputs(ref, out)


def test_scale_dask_local_cluster_writes_identical_outputs(one_process, tmp_path):
    pytest.importorskip("dask.distributed")
    inputs, ref = one_process
    out = tmp_path / "dask"
    assert main(["run", *inputs, "--out", str(out), "--quiet", "--dask", "--workers", "2"]) == 0
    assert_same_outputs(ref, out)


def test_scale_run_dask_takes_articles_and_an_existing_client(one_process, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    from extractor.distributed import run_dask
    from extractor.reading import read_file

    inputs, ref = one_process
    seeds = [Path(p) for p in inputs if Path(p).stem.startswith(("000_", "004_"))]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        n_ok, n_failed = run_dask((read_file(p) for p in seeds), tmp_path / "threads", client=client)
    assert (n_ok, n_failed) == (len(seeds), 0)
    for p in seeds:
        name = f"predictions/{p.stem}.json"
        assert filecmp.cmp(ref / name, tmp_path / "threads" / name, shallow=False)


def test_scale_jsonl_gives_the_same_predictions_as_txt(tmp_path):
    txt_dir = tmp_path / "txt"
    txt_dir.mkdir()
    lines = []
    for path in sorted(SEED_CORPUS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        (txt_dir / path.name).write_text(raw, encoding="utf-8")
        lines.append(json.dumps({"id": path.stem, "text": raw, "url": f"https://example.org/{path.stem}"},
                                ensure_ascii=False))
    feed = tmp_path / "seeds.jsonl"
    feed.write_text("\n".join(lines) + "\n\n", encoding="utf-8")  # a trailing blank line is skipped
    assert main(["run", str(txt_dir), "--out", str(tmp_path / "from_txt"), "--quiet"]) == 0
    assert main(["run", str(feed), "--out", str(tmp_path / "from_jsonl"), "--quiet"]) == 0
    assert sorted(os.listdir(tmp_path / "from_jsonl" / "predictions")) == [p.stem + ".json" for p in
                                                                          sorted(txt_dir.glob("*.txt"))]
    for name in ["records.csv", "documents.csv", *(f"predictions/{p}" for p in
                                                   os.listdir(tmp_path / "from_txt" / "predictions"))]:
        assert filecmp.cmp(tmp_path / "from_txt" / name, tmp_path / "from_jsonl" / name, shallow=False), name


@pytest.mark.parametrize("published, expected", [
    (None, "2025-09-09"),            # the text's own date marker
    ("2024-03-15", "2024-03-15"),    # the JSONL field wins over the marker
    ("2024-03-15T08:30:00+07:00", "2024-03-15"),
])
def test_scale_jsonl_published_field(tmp_path, published, expected):
    obj = {"id": "bai_1", "text": " date 2025-09-09 \nSáng 9/9, UBND xã A tiếp nhận 1.234 hồ sơ."}
    if published:
        obj["published"] = published
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = list(iter_jsonl(feed))
    assert article.doc_id == "bai_1" and article.published.isoformat() == expected
    assert article.text.startswith(" date 2025-09-09")  # the text is never edited


def test_scale_jsonl_bad_published_is_a_failure_not_a_crash(tmp_path):
    feed = tmp_path / "bad.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": "Hà Nội.", "published": "hôm qua"}, ensure_ascii=False)
                    + "\n" + json.dumps({"id": "y", "text": "Huế."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(feed), "--out", str(out), "--quiet"]) == 0
    assert "'published' is not an ISO date" in (out / "errors.csv").read_text(encoding="utf-8")
    assert os.listdir(out / "predictions") == ["y.json"]
