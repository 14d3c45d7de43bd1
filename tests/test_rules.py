"""Integrity of the rules and lexicons: data apart from code, each with a source note, validated on load."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import rules
from extractor.rules import RULES_DIR, RulesError

FILES = rules.all_rule_files()


def test_rules_every_stage_has_data_files():
    assert {"counts", "percentages", "dates", "furniture", "titles", "recommendations", "difficulties"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_rules_file_loads_with_source_note_and_unique_ids(name):
    data = rules.load(name)
    assert len(data["source"].strip()) > 20, f"{name}.json: the source note says too little"
    ids = [e["id"] for e in data["entries"] if "id" in e]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", FILES)
def test_rules_file_is_utf8_nfc(name):
    import unicodedata

    text = (RULES_DIR / f"{name}.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text, f"{name}.json is not NFC: patterns would miss NFC text"


@pytest.mark.parametrize("content,reason", [
    ({"entries": [{"id": "a"}]}, "missing 'source'"),
    ({"source": "x", "entries": []}, "non-empty list"),
    ({"source": "x", "entries": [{"id": "a", "pattern": "p"}, {"id": "a", "pattern": "q"}]}, "duplicate id"),
    ({"source": "x", "entries": [{"id": "a"}]}, "has no 'pattern'"),
])
def test_rules_bad_file_is_rejected_with_its_name(tmp_path, monkeypatch, content, reason):
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    (tmp_path / "broken.json").write_text(json.dumps(content), encoding="utf-8")
    rules.load.cache_clear()
    try:
        with pytest.raises(RulesError, match=reason) as err:
            rules.load("broken", required=("pattern",))
        assert "broken.json" in str(err.value)
    finally:
        rules.load.cache_clear()


def test_rules_pipeline_has_every_stage_in_order(nlp):
    from extractor.registry import STAGES

    assert nlp.pipe_names == [s.removeprefix("extractor_") for s in STAGES]
    assert nlp.pipe_names[-1] == "linking"


@pytest.mark.parametrize("pattern,ok", [("khó khăn|chậm\\s+trễ\\S*", True), ("lỗi \\p{L}+ COVID", False)])
def test_rules_difficulty_cues_must_be_lower_case(tmp_path, monkeypatch, pattern, ok):
    """Difficulty cues run on lower-cased text (about twice as fast): an upper-case letter would never match."""
    from extractor.stages import sentences

    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    data = {"source": "x", "entries": [{"id": "cue.x", "type": "cue", "pattern": pattern}]}
    (tmp_path / "difficulties.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rules.load.cache_clear()
    try:
        if ok:
            assert sentences._DiffRules().cues[0].lower.search("hồ sơ bị chậm   trễ nhiều")
        else:
            with pytest.raises(RulesError, match="difficulties.json: cue.x: .*lower case"):
                sentences._DiffRules()
    finally:
        rules.load.cache_clear()


def _difficulty_texts():
    out = []
    for name in ("difficulties.json", "difficulties_long.json"):
        data = json.loads((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))
        for rows in data.values():
            if isinstance(rows, list):
                out += [r["text"] for r in rows if isinstance(r, dict) and "text" in r]
    return out


def test_rules_difficulty_gate_lets_through_every_sentence_a_cue_matches():
    """The fast gate (a loosened copy for the standard library's engine) never stops a sentence that one
    of the exact cue patterns matches: checked on every sentence of the difficulties tables."""
    import regex as _regex

    from extractor.stages import sentences

    r = sentences._diff_rules()
    assert r.gate is not r.any_cue_lower  # the loosened gate compiled
    texts = [t for text in _difficulty_texts() for t in _regex.split(r"(?<=[.!?])\s+", text)]
    hits = [t.lower() for t in texts if r.any_cue_lower.search(t.lower())]
    assert len(hits) > 100
    assert all(r.gate.search(t) for t in hits)


@pytest.mark.parametrize("pattern,text,exact", [
    (r"(?<![\p{L}\p{M}])chậm(?![\p{L}\p{M}])", "hồ sơ chậm trả", True),
    (r"(?<![\p{L}\p{M}])chậm(?![\p{L}\p{M}])", "chậmx", False),     # the loosened one lets it through
    (r"thiếu (?:khoảng )?\d+(?= người)", "thiếu 3 người", True),
    (r"lỗi(?: [\p{L}\p{M}]+)+ hệ thống", "lỗi kết nối hệ thống", True),
])
def test_rules_loosen_matches_wherever_the_exact_pattern_does(pattern, text, exact):
    import re as _re

    import regex as _regex

    from extractor.stages.sentences import loosen

    assert bool(_regex.search(pattern, text)) == exact
    assert _re.search(loosen(pattern), text)


@pytest.mark.parametrize("pattern", [r"[^\p{L}]+x", r"\P{L}x"])
def test_rules_loosen_refuses_a_negated_letter_class(pattern):
    import re as _re

    from extractor.stages.sentences import loosen

    with pytest.raises(_re.error):
        loosen(pattern)
