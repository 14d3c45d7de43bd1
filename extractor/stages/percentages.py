"""Percentages: "91,2%", "100 %", "97 phần trăm", ranges "85-90%", each with its measure.

The measure is the phrase the figure is said of, as written:
- the subject before a linking verb ("tỷ lệ hồ sơ giải quyết đúng hạn chiếm 91,2%");
- or, when the figure opens its clause, the words after it ("100% được tiếp nhận trực tuyến");
- or, for a figure in brackets ("2.584 hồ sơ trực tuyến (đạt 97%)"), the phrase before the bracket.
A comparison right after the figure ("tăng 0,54% so với tháng trước") is kept in it.
Place and period are attached by the linking stage.
"""
from __future__ import annotations

import regex

from .. import rules
from ..numbers import as_int_if_whole, parse_number
from .base import Match, Stage, sentences

_MAX_WORDS = 16
_BREAKS = regex.compile(r"[;:]|,(?!\d)|\s[–-]\s|\.(?!\d)")
_LEADING_DATE = regex.compile(
    r"^(?:(?:từ|đến|trong|vào|tính đến|tính chung|sau|riêng)\s+)*(?:(?:ngày|tháng|năm|quý|giai đoạn)\s+)?"
    r"(?:[\dIVX]+(?:[/\-–.]\d+)*)(?:\s*(?:đến|[-–])\s*(?:ngày\s+|tháng\s+)?\d+(?:[/\-.]\d+)*)?\s*,?\s*",
    regex.IGNORECASE)
_COMPARISON = regex.compile(r"^\s*(so (?:với )?[^,;.()]{1,60})")
_HAS_NUMBER_TAIL = regex.compile(r"\s+(?:có|là|gồm|với|đạt)\s+[\d.,]+(?:\s+\S+){0,3}$")
_NUMBER_LEAD = regex.compile(r"^[\d.,/]+\s*")


def _load():
    data = rules.load("percentages", required=("id", "type", "pattern"))
    figures, verbs, leads = [], [], []
    for e in data["entries"]:
        if e["type"] == "percent":
            figures.append((e["id"], regex.compile(rf"(?<![\d.,]){e['pattern']}", regex.IGNORECASE)))
        elif e["type"] == "link_verb":
            verbs.append((e["id"], regex.compile(rf"(?:^|\s)({e['pattern']})\s*$", regex.IGNORECASE), e.get("keep", False)))
        elif e["type"] == "lead":
            leads.append(regex.compile(e["pattern"], regex.IGNORECASE))
        else:
            raise rules.RulesError(f"percentages.json: {e['id']}: unknown type {e['type']!r}")
    return figures, verbs, leads


_FIGURES, _VERBS, _LEADS = _load()


def _clause_start(text: str, floor: int, pos: int) -> tuple[int, bool]:
    """Start of the clause holding ``pos``; True when it opens with an unclosed bracket."""
    start, bracket = floor, False
    depth_open = None
    for m in _BREAKS.finditer(text, floor, pos):
        start, bracket = m.end(), False
    for i in range(pos - 1, start - 1, -1):
        ch = text[i]
        if ch == ")":
            break
        if ch == "(":
            depth_open = i
            break
    if depth_open is not None:
        return depth_open + 1, True
    return start, bracket


def _strip_lead(phrase: str) -> str:
    for _ in range(3):
        before = phrase
        for lead in _LEADS:
            phrase = lead.sub("", phrase)
        phrase = _LEADING_DATE.sub("", phrase)
        if phrase == before:
            break
    return phrase.strip(" ,")


def measure_of(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[str | None, str]:
    """(measure, how) for the figure at text[start:end] in its sentence."""
    c_start, in_bracket = _clause_start(text, sent_start, start)
    left = text[c_start:start].strip()
    kept = ""
    verb_only = False
    for _, verb, keep in _VERBS:
        m = verb.search(left)
        if m:
            kept = m.group(1) if keep else ""
            left = left[:m.start()].strip()
            verb_only = not left and not keep
            break
    left = _strip_lead(left)
    right_m = _BREAKS.search(text, end, sent_end)
    right = text[end:right_m.start() if right_m else sent_end]
    right = right.split(")")[0].strip()
    comparison = _COMPARISON.match(right)
    if regex.search(r"\p{L}", left):
        words = left.split()[-_MAX_WORDS:]
        measure = " ".join(words + ([kept] if kept else []))
        if comparison:
            measure += " " + comparison.group(1).strip()
        return measure, "subject"
    if (in_bracket or verb_only) and c_start > sent_start:
        # "2.584 hồ sơ trực tuyến (đạt 97%)", "... có 403 thủ tục, đạt 100%": the figure is said
        # of the phrase before the bracket or comma
        prev_start, _ = _clause_start(text, sent_start, c_start - 1)
        before = _strip_lead(text[prev_start:c_start - 1].strip())
        before = _HAS_NUMBER_TAIL.sub("", before)
        before = _NUMBER_LEAD.sub("", before)
        if regex.search(r"\p{L}", before):
            return " ".join(before.split()[-_MAX_WORDS:]), "previous_clause"
    if regex.search(r"\p{L}", right):
        return " ".join(((kept + " ") if kept else "").split() + right.split()[:_MAX_WORDS]), "object"
    return None, "none"


class PercentagesStage(Stage):
    field = "percentages"

    def match(self, doc) -> list[Match]:
        text = doc.text
        out: list[Match] = []
        for sent in sentences(doc):
            taken: list[tuple[int, int]] = []
            for rule_id, pattern in _FIGURES:
                for m in pattern.finditer(text, sent.start, sent.end):
                    if any(s < m.end() and m.start() < e for s, e in taken):
                        continue
                    taken.append(m.span())
                    groups = ["num"] + (["num2"] if m.groupdict().get("num2") else [])
                    for g in groups:
                        s, e = (m.start(g), m.end(g)) if len(groups) > 1 else m.span()
                        try:
                            value = parse_number(m.group(g))
                        except ValueError:
                            continue
                        if value > 1000:
                            continue  # not a share
                        measure, how = measure_of(text, sent.start, sent.end, m.start(), m.end())
                        out.append(Match(s, e, {"value": float(as_int_if_whole(value)), "measure": measure,
                                                "place": None, "period": None},
                                         f"percentages.{rule_id}.measure_{how}", sentence=(sent.start, sent.end)))
        return out
