"""The whole pipeline: exact offsets everywhere, snapshots of every article, the CLI as a user runs it."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEV_CORPUS, HOLDOUT, ROOT, SEED_CORPUS, requires_dev

# Development-set snapshots keep offsets and normalised values only: never quoted text.
NORMALISED = ("value", "level", "province", "code", "status", "kind", "place", "period", "honorific")


def _offsets_ok(record):
    for field, items in record.items.items():
        for item in items:
            assert record.text[item.start:item.end] == item.text, (record.doc_id, field, item)
            assert item.rule, (record.doc_id, field, item)


def test_pipeline_offsets_exact_on_seeds(seed_records):
    assert seed_records
    for record in seed_records.values():
        _offsets_ok(record)


@requires_dev
def test_pipeline_offsets_exact_on_development_set(dev_records):
    assert len(dev_records) == len(list(DEV_CORPUS.glob("*.txt")))
    for record in dev_records.values():
        _offsets_ok(record)


def test_pipeline_prediction_json_is_the_gold_format(seed_records):
    from extractor.record import FIELDS

    for record in seed_records.values():
        d = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
        assert set(d) == {"doc_id", "published", *FIELDS}
        for field, attrs in FIELDS.items():
            for item in d[field]:
                assert set(attrs) <= set(item) and {"start", "end", "rule"} <= set(item)


def test_pipeline_snapshot_seeds(seed_records, data_regression):
    data_regression.check({doc_id: r.to_dict() for doc_id, r in seed_records.items()})


@requires_dev
def test_pipeline_snapshot_development_set(dev_records, data_regression):
    snap = {}
    for doc_id, record in dev_records.items():
        snap[doc_id] = {field: [{"start": it.start, "end": it.end, **{k: it.attrs.get(k) for k in NORMALISED
                                                                      if k in it.attrs}}
                                for it in items] for field, items in record.items.items()}
    data_regression.check(snap)


def test_pipeline_extract_api_uses_published_for_missing_year():
    from extractor import extract

    record = extract("Sáng 9/9, phường Rạch Dừa tiếp nhận 2.446 hồ sơ.", published="2025-09-09", doc_id="api")
    d = record.to_dict()
    assert d["doc_id"] == "api" and d["published"] == "2025-09-09"
    assert d["dossier_counts"][0]["value"] == 2446


def test_pipeline_cli_run_and_evaluate_as_a_user(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for p in SEED_CORPUS.glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00")
    out = tmp_path / "out"
    exe = [sys.executable, "-m", "extractor.cli"]
    run = subprocess.run([*exe, "run", str(corpus), "--out", str(out), "--quiet"], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "broken.txt" in run.stderr
    preds = sorted(p.stem for p in (out / "predictions").glob("*.json"))
    assert preds == sorted(p.stem for p in SEED_CORPUS.glob("*.txt"))
    with open(out / "errors.csv", encoding="utf-8") as fh:
        errors = list(csv.DictReader(fh))
    assert [e["doc_id"] for e in errors] == ["broken"] and "not UTF-8" in errors[0]["reason"]
    with open(out / "records.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"doc_id", "field", "text", "start", "end", "value", "sentence", "rule"} <= set(rows[0])
    with open(out / "documents.csv", encoding="utf-8") as fh:
        docs = list(csv.DictReader(fh))
    assert {d["doc_id"] for d in docs} == set(preds)
    ev = subprocess.run([*exe, "evaluate", "--gold", str(ROOT / "gold"), "--pred", str(out / "predictions")],
                        capture_output=True, text=True, cwd=ROOT)
    assert ev.returncode == 0, ev.stderr
    assert "macro-F1" in ev.stdout
