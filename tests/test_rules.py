"""Integrity of the rules and lexicons: data apart from code, each with a source note, validated on load."""
from __future__ import annotations

import json

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
