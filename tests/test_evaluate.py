"""The scorer (extractor/evaluate.py) against hand-made gold/prediction pairs with known numbers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import cli
from extractor.evaluate import bootstrap, jaccard, overlap, score, score_field
from extractor.record import FIELDS, HEADLINE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((Path(__file__).parent / "cases" / "evaluate.json").read_text(encoding="utf-8"))["cases"]
SEED_GOLD = ROOT / "gold"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_evaluate_field_cases_counts_and_attribute_tallies(case):
    fs, _ = score_field("doc", case["field"], case["gold"], case["pred"])
    want = case["expect"]
    assert (fs.gold, fs.pred, fs.tp) == (want["gold"], want["pred"], want["tp"])
    for attr, tally in want["attrs"].items():
        assert fs.attrs[attr] == tally, attr


@pytest.mark.parametrize("a, b, expected", [
    ("Đề nghị tỉnh.", "Đề nghị Bộ.", 0.5),
    ("Đề nghị tỉnh.", "đề nghị Bộ ngành", 0.4),
    ("Tỉnh uỷ Đồng Nai", "tỉnh ủy đồng nai", 1.0),  # folding: case, tone placement
    ("UBND xã Đại Phước", "", 0.0),
])
def test_evaluate_jaccard_on_folded_token_sets(a, b, expected):
    assert jaccard(a, b) == pytest.approx(expected)


@pytest.mark.parametrize("a, b, expected", [
    ("Cục trưởng Cục Chuyển đổi số quốc gia", "Cục trưởng Cục Chuyển đổi số", 5 / 7),  # sets: 5 shared of 7
    ("Phó Bí thư Thường trực Tỉnh uỷ", "Nguyên Phó Bí thư Thường trực Tỉnh ủy, Phó Chủ tịch Nhóm Nữ ĐBQH Việt Nam",
     7 / 15),
    ("Chính phủ", "Chính phủ, Quốc hội", 0.5),
])
def test_evaluate_token_overlap_is_shared_over_longer(a, b, expected):
    assert overlap(a, b) == pytest.approx(expected)
    assert overlap(b, a) == pytest.approx(expected)


def _doc(**fields):
    return {"doc_id": "d", "published": "2025-09-09", **fields}


def test_evaluate_micro_average_over_articles_and_headline():
    gold = {
        "a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}, {"text": "ngày 1/7", "value": "2025-07-01"}],
                  places=[], officials=[], dossier_counts=[], percentages=[], recommendations=[]),
        "b": _doc(dates=[{"text": "ngày 6/9", "value": "2025-09-06"}],
                  places=[{"text": "xã Đại Phước", "level": "commune", "name": "Đại Phước", "province": "Đồng Nai",
                           "code": None}],
                  officials=[], dossier_counts=[], percentages=[], recommendations=[]),
    }
    pred = {
        "a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}]),
        "b": _doc(dates=[{"text": "ngày 6/9", "value": "2025-09-06"}, {"text": "năm 2025", "value": "2025"}],
                  places=[{"text": "Đại Phước", "level": "commune", "name": "Đại Phước", "province": None}],
                  recommendations=[{"text": "Xã đề nghị tỉnh hỗ trợ.", "trigger": "đề nghị", "by": None, "to": None}]),
    }
    s = score(gold, pred)
    d = s.fields["dates"]
    assert (d.gold, d.pred, d.tp) == (3, 3, 2)
    assert (d.precision, d.recall, d.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert s.fields["places"].f1 == 1.0
    assert s.fields["places"].attrs["province"] == [0, 1]  # gold province given, pred null: wrong
    assert s.fields["places"].attrs["code"] == [0, 0]  # gold code null: not scored
    r = s.fields["recommendations"]
    assert (r.gold, r.pred, r.tp, r.f1) == (0, 1, 0, 0.0)
    # officials, dossier_counts, percentages: nothing to find and nothing found -> 1
    assert s.headline == pytest.approx((2 / 3 + 1 + 1 + 1 + 1 + 0) / 6)
    assert set(s.by_doc) == {"a", "b"}
    assert s.doc_score("a").recall == 0.5


def _dates_docs(hits: list[tuple[int, int]]) -> tuple[dict, dict]:
    """Articles with n gold dates each, of which k are predicted (and nothing else)."""
    gold, pred = {}, {}
    for i, (n, k) in enumerate(hits):
        items = [{"text": f"ngày {d + 1}/3", "value": f"2025-03-{d + 1:02d}"} for d in range(n)]
        gold[f"a{i}"] = _doc(dates=items)
        pred[f"a{i}"] = _doc(dates=items[:k])
    return gold, pred


def test_evaluate_bootstrap_perfect_scores_give_a_point_interval():
    gold, pred = _dates_docs([(2, 2), (3, 3), (1, 1)])
    ci = bootstrap(score(gold, pred), draws=200)
    assert ci["dates"] == (1.0, 1.0)
    assert "places" not in ci  # no article scores places: no interval rather than a made-up one
    assert "headline" not in ci  # the headline needs every headline field


@pytest.mark.parametrize("hits", [[(4, 4), (4, 0), (2, 1), (3, 3), (5, 2)], [(1, 1), (1, 0)]])
def test_evaluate_bootstrap_interval_brackets_the_score_and_repeats(hits):
    gold, pred = _dates_docs(hits)
    s = score(gold, pred)
    ci = bootstrap(s, draws=500)
    lo, hi = ci["dates"]
    assert 0.0 <= lo < s.fields["dates"].f1 < hi <= 1.0
    assert bootstrap(s, draws=500) == ci  # a fixed seed: the same numbers every run
    assert bootstrap(s, draws=500, seed=1)["dates"] != (0.0, 0.0)


def test_evaluate_bootstrap_wider_on_fewer_articles():
    few = bootstrap(score(*_dates_docs([(4, 4), (4, 0)] * 2)), draws=1000)["dates"]
    many = bootstrap(score(*_dates_docs([(4, 4), (4, 0)] * 20)), draws=1000)["dates"]
    assert many[1] - many[0] < few[1] - few[0]


def test_evaluate_field_left_out_of_gold_is_not_scored():
    gold = {"a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}])}  # no percentages key at all
    pred = {"a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}],
                      percentages=[{"text": "97%", "value": 97, "measure": "hồ sơ trực tuyến"}])}
    s = score(gold, pred)
    p = s.fields["percentages"]
    assert (p.gold, p.pred, p.tp) == (0, 0, 0)
    assert "percentages" not in s.by_doc["a"]
    assert not [e for e in s.errors if e.field == "percentages"]


def test_evaluate_article_missing_from_predictions_counts_as_nothing_predicted():
    gold = {"a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}]),
            "b": _doc(dates=[{"text": "ngày 6/9", "value": "2025-09-06"}])}
    pred = {"a": _doc(dates=[{"text": "Sáng 9/9", "value": "2025-09-09"}]),
            "zzz": _doc(dates=[{"text": "ngày 1/7", "value": "2025-07-01"}])}  # not in gold: ignored
    d = score(gold, pred).fields["dates"]
    assert (d.gold, d.pred, d.tp) == (2, 1, 1)


def test_evaluate_errors_name_missed_spurious_and_wrong_attributes():
    gold = {"a": _doc(dossier_counts=[
        {"text": "2.446 hồ sơ", "value": 2446, "status": "received", "category": None, "place": "Rạch Dừa",
         "period": None},
        {"text": "204 hồ sơ", "value": 204, "status": "pending", "category": None, "place": None, "period": None}])}
    pred = {"a": _doc(dossier_counts=[
        {"text": "2.446 hồ sơ", "value": 2446, "status": "resolved", "category": None, "place": "Rạch Dừa"},
        {"text": "99 hồ sơ", "value": 99, "status": "other"}])}
    errs = {(e.kind, e.field, (e.gold or e.pred)["value"], e.attrs) for e in score(gold, pred).errors}
    assert errs == {("attribute", "dossier_counts", 2446, ("status",)),
                    ("missed", "dossier_counts", 204, ()),
                    ("spurious", "dossier_counts", 99, ())}


def test_evaluate_gold_against_itself_is_perfect():
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SEED_GOLD.glob("*.json")}
    s = score(gold, gold)
    assert s.headline == 1.0
    for f in FIELDS:
        fs = s.fields[f]
        assert fs.f1 == 1.0, f
        assert all(c == n for c, n in fs.attrs.values()), f


def test_evaluate_cli_table_json_errors_and_split(tmp_path, capsys):
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    for p in SEED_GOLD.glob("*.json"):
        doc = json.loads(p.read_text(encoding="utf-8"))
        doc["dates"] = doc["dates"][1:]  # one date missed per article
        (pred_dir / p.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out_json = tmp_path / "scores.json"
    rc = cli.main(["evaluate", "--gold", str(SEED_GOLD), "--pred", str(pred_dir), "--json", str(out_json),
                   "--errors", "--by-doc", "--split", "tune"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "headline macro-F1 (6 fields):" in out
    assert out.count("MISSED") == 2 and "SPURIOUS" not in out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    dates = data["fields"]["dates"]
    n_gold = dates["gold"]
    assert dates["tp"] == n_gold - 2 and dates["pred"] == n_gold - 2 and dates["precision"] == 1.0
    assert data["headline_fields"] == list(HEADLINE_FIELDS)
    f1 = 2 * (n_gold - 2) / n_gold / (1 + (n_gold - 2) / n_gold)
    assert data["headline_macro_f1"] == pytest.approx((f1 + 5) / 6)
    assert len(data["errors"]) == 2

    rc = cli.main(["evaluate", "--gold", str(SEED_GOLD), "--pred", str(pred_dir), "--field", "dates"])
    out = capsys.readouterr().out
    assert rc == 0 and "dates" in out and "places" not in out.split("headline")[0]

    rc = cli.main(["evaluate", "--gold", str(SEED_GOLD), "--pred", str(pred_dir), "--split", "holdout"])
    assert rc == 2 and "no gold document" in capsys.readouterr().err

    rc = cli.main(["evaluate", "--gold", str(SEED_GOLD), "--pred", str(SEED_GOLD), "--ci", "--json", str(out_json)])
    out = capsys.readouterr().out
    assert rc == 0 and "95% CI" in out and "headline macro-F1 (6 fields): 1.000 [1.00-1.00]" in out
    assert json.loads(out_json.read_text(encoding="utf-8"))["bootstrap_95"]["headline"] == [1.0, 1.0]


def test_evaluate_refuses_unreviewed_gold_unless_allowed(tmp_path, capsys):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    src = next(SEED_GOLD.glob("000_*.json"))
    doc = json.loads(src.read_text(encoding="utf-8"))
    doc["places"][1]["reviewed"] = False
    (gold_dir / src.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    rc = cli.main(["evaluate", "--gold", str(gold_dir), "--pred", str(SEED_GOLD)])
    err = capsys.readouterr().err
    assert rc == 2
    assert src.name in err and "places[1]" in err and "--allow-unreviewed" in err
    rc = cli.main(["evaluate", "--gold", str(gold_dir), "--pred", str(SEED_GOLD), "--allow-unreviewed"])
    assert rc == 0 and "headline macro-F1 (6 fields): 1.000" in capsys.readouterr().out


def test_evaluate_docs_file_restricts_the_articles(tmp_path, capsys):
    ids = tmp_path / "ids.txt"
    ids.write_text("004_a34f6314351c6c48\n", encoding="utf-8")
    out_json = tmp_path / "s.json"
    rc = cli.main(["evaluate", "--gold", str(SEED_GOLD), "--pred", str(SEED_GOLD), "--docs", str(ids),
                   "--json", str(out_json)])
    capsys.readouterr()
    assert rc == 0
    assert list(json.loads(out_json.read_text(encoding="utf-8"))["by_doc"]) == ["004_a34f6314351c6c48"]
