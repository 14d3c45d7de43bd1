"""The gold tooling: ``extractor gold check`` rejects each kind of error precisely; draft -> review ->
check -> evaluate works end to end through the CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor import cli
from extractor.gold import check_date_value, check_dirs, check_file

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "gold"
SEED_CORPUS = ROOT / "corpus"
SHARED_GOLD = ROOT.parent / "shared" / "gold"
DOC = "000_8d63e137f7f46837"


@pytest.fixture
def seed_copy(tmp_path):
    """tmp/gold and tmp/corpus: copies of the seed gold and articles (gold/ -> sibling corpus/)."""
    shutil.copytree(SEED_GOLD, tmp_path / "gold")
    shutil.copytree(SEED_CORPUS, tmp_path / "corpus")
    return tmp_path


def _edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


def _failures(path: Path) -> list[str]:
    return [f"{p.where}: {p.reason}" for p in check_file(path) if not p.warning]


def test_gold_check_passes_on_the_seed_gold():
    result = check_dirs([SEED_GOLD])
    assert result.files == 2
    assert result.failures == []
    assert cli.main(["gold", "check"]) == 0


def test_gold_check_passes_on_the_shared_gold():
    if not SHARED_GOLD.is_dir():
        pytest.skip("../shared/gold not found: the development gold is read in place, never copied")
    result = check_dirs([SHARED_GOLD])  # a format check only: no content is read or printed
    assert result.files >= 31
    assert [str(p) for p in result.failures] == []


def _set(field, index, key, value):
    def change(doc):
        doc[field][index][key] = value
    return change


def _top(key, value):
    def change(doc):
        doc[key] = value
    return change


def _offsets(shift):
    def change(doc):
        text = (SEED_CORPUS / f"{DOC}.txt").read_text(encoding="utf-8")
        item = doc["places"][3]  # "phường Rạch Dừa"
        start = text.index(item["text"]) + shift
        item["start"], item["end"] = start, start + len(item["text"])
    return change


@pytest.mark.parametrize("change, where, reason", [
    (_set("places", 0, "level", "city"), "places[0]", "level 'city' is not one of commune, country, district"),
    (_set("dossier_counts", 0, "status", "done"), "dossier_counts[0]", "status 'done' is not one of"),
    (_set("procedure_counts", 0, "kind", "online"), "procedure_counts[0]", "kind 'online' is not one of"),
    (_set("dates", 0, "text", "Sáng 10/9"), "dates[0]", "text 'Sáng 10/9' is not found in the article"),
    (_set("dates", 0, "value", "2025-02-30"), "dates[0]", "value: '2025-02-30': day 30 does not exist"),
    (_set("dates", 0, "value", "9/9/2025"), "dates[0]", "value: '9/9/2025' is not YYYY, YYYY-MM, YYYY-MM-DD"),
    (_set("dates", 0, "value", "09-09-2025"), "dates[0]", "value: '09-09-2025' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    (_set("dates", 1, "value", "2025-09-06/2025-07-01"), "dates[1]",
     "value: '2025-09-06/2025-07-01': the start is after the end"),
    (_set("dossier_counts", 0, "period", "2025-13"), "dossier_counts[0]", "period: '2025-13': month 13 does not exist"),
    (_offsets(1), "places[3]", "start/end"),
    (_offsets(-1), "places[3]", "not the text 'phường Rạch Dừa'"),
    (_top("doc_id", "000_other"), "doc_id", "'000_other' does not match the file name '000_8d63e137f7f46837'"),
    (_top("place", []), "place", "unknown field 'place'"),
    (_set("places", 0, "provice", "Hồ Chí Minh"), "places[0]", "unknown attribute 'provice'"),
    (_set("places", 0, "code", 79), "places[0]", "code 79 must be a zero-padded digit string"),
    (_set("places", 0, "code", "7"), "places[0]", "code '7' must be a zero-padded digit string"),
    (_set("dossier_counts", 0, "value", "2.446"), "dossier_counts[0]", "value '2.446' must be a JSON number"),
    (_set("percentages", 0, "value", None), "percentages[0]", "the key attribute 'value' is missing or null"),
    (_top("published", "9/9/2025"), "published", "'9/9/2025' is not an ISO date YYYY-MM-DD"),
    (_top("dates", {}), "dates", "must be a list"),
], ids=lambda x: x if isinstance(x, str) else None)
def test_gold_check_rejects_each_seeded_error(seed_copy, change, where, reason):
    path = seed_copy / "gold" / f"{DOC}.json"
    _edit(path, change)
    fails = _failures(path)
    assert any(f.startswith(f"{where}: ") and reason in f for f in fails), fails
    assert len(fails) == 1, fails  # nothing else is blamed


def test_gold_check_offsets_that_agree_pass(seed_copy):
    path = seed_copy / "gold" / f"{DOC}.json"
    _edit(path, _offsets(0))
    assert _failures(path) == []


def test_gold_check_rejects_bad_json_and_missing_article(seed_copy):
    bad = seed_copy / "gold" / f"{DOC}.json"
    bad.write_text(bad.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    assert [f for f in _failures(bad) if f.startswith("file: not valid JSON")]
    orphan = seed_copy / "gold" / "004_a34f6314351c6c48.json"
    (seed_copy / "corpus" / "004_a34f6314351c6c48.txt").unlink()
    assert [f for f in _failures(orphan) if f.startswith("doc_id: no readable article")
            and "004_a34f6314351c6c48.txt" in f]


def test_gold_check_cli_lists_every_failure_and_exits_nonzero(seed_copy, capsys):
    path = seed_copy / "gold" / f"{DOC}.json"
    _edit(path, _set("places", 0, "level", "city"))
    _edit(path, _set("dates", 0, "value", "2025-02-30"))
    rc = cli.main(["gold", "check", str(seed_copy / "gold")])
    captured = capsys.readouterr()
    assert rc == 1
    assert f"{path}: places[0]: level 'city'" in captured.err
    assert f"{path}: dates[0]: value: '2025-02-30'" in captured.err
    assert "2 gold files checked: 2 failures" in captured.out


def test_gold_check_warns_but_passes_unreviewed_items(seed_copy, capsys):
    path = seed_copy / "gold" / f"{DOC}.json"
    _edit(path, _set("recommendations", 0, "reviewed", False))
    probs = check_file(path)
    assert not [p for p in probs if not p.warning]
    assert [p for p in probs if p.warning and p.where == "recommendations" and "reviewed" in p.reason]
    assert cli.main(["gold", "check", str(seed_copy / "gold")]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("value, ok", [
    ("2025-09-09", True), ("2025-09", True), ("2025", True), ("XXXX-07-01", True),
    ("2021/2025", True), ("2015-05/2015-09", True), ("2025-07-01/2025-09-06", True), ("XXXX-07-01/XXXX-09-06", True),
    ("2024-02-29", True), ("XXXX-02-29", True), ("2025-02-29", False), ("2025-9-9", False),
    ("2025/2021", False), ("2025-07-01/2025-09/2025-10", False), ("hôm nay", False), (2025, False),
])
def test_gold_date_values(value, ok):
    assert (check_date_value(value) is None) == ok


def test_gold_draft_review_check_evaluate_round_trip(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    gold = tmp_path / "gold"
    assert cli.main(["gold", "draft", str(corpus), "--out", str(gold)]) == 0
    drafts = sorted(gold.glob("*.json"))
    assert [p.stem for p in drafts] == sorted(p.stem for p in SEED_CORPUS.glob("*.txt"))
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in drafts]
    items = [it for d in docs for f, v in d.items() if isinstance(v, list) for it in v]
    assert items, "the pipeline predicted nothing on the seeds"
    assert all(it["reviewed"] is False and "rule" not in it and "sentence" not in it for it in items)
    assert all("start" in it and "end" in it for it in items)
    capsys.readouterr()

    # drafts pass the checker (with warnings), evaluate refuses them
    assert cli.main(["gold", "check", str(gold)]) == 0
    assert "reviewed" in capsys.readouterr().out
    assert cli.main(["evaluate", "--gold", str(gold), "--corpus", str(corpus)]) == 2
    assert "--allow-unreviewed" in capsys.readouterr().err

    # a draft is never overwritten without --force
    assert cli.main(["gold", "draft", str(corpus), "--out", str(gold)]) == 0
    assert "skipped" in capsys.readouterr().err

    # the review: every item accepted as it is
    for p, d in zip(drafts, docs):
        for v in d.values():
            if isinstance(v, list):
                for it in v:
                    it["reviewed"] = True
        p.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    assert cli.main(["gold", "check", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "reviewed" not in out and "0 failures, 0 warnings" in out
    assert cli.main(["evaluate", "--gold", str(gold), "--corpus", str(corpus)]) == 0
    assert "headline macro-F1 (6 fields): 1.000" in capsys.readouterr().out
