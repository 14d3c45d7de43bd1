"""Vietnamese numbers: "2.446", "42.420", "1.234,5", "91,2", "2 nghìn", "hai nghìn", "1,2 triệu".

Vietnamese writes "." between thousands and "," before decimals.  A dot
followed by exactly three digits is a thousands separator; any other dot is a
decimal point (some crawls write "2.5").
"""
from __future__ import annotations

import regex

from . import rules

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
NUMBER = regex.compile(rf"(?<![\d.,/])(?:{_DIGITS})(?![\d]|[.,]\d)")


def _lexicon() -> tuple[dict[str, int], dict[str, int]]:
    data = rules.load("numbers", required=("id", "word", "value", "kind"))
    words = {e["word"]: e["value"] for e in data["entries"] if e["kind"] == "digit"}
    scales = {e["word"]: e["value"] for e in data["entries"] if e["kind"] == "scale"}
    return words, scales


_WORDS, _SCALES = _lexicon()
_SCALE_RE = "|".join(sorted(map(regex.escape, _SCALES), key=len, reverse=True))
SCALE_WORDS = _SCALE_RE  # a regex alternation of the scale words ("nghìn", "ngàn", "triệu", ...)
_WORD_RE = "|".join(sorted(map(regex.escape, _WORDS), key=len, reverse=True))
# "2 nghìn", "1,2 triệu", "hai nghìn", "hơn 2 nghìn" (the approximation word stays outside the number)
QUANTITY = regex.compile(
    rf"(?<![\p{{L}}\d.,])(?:(?P<num>{_DIGITS})|(?P<word>{_WORD_RE}))(?:\s+(?P<scale>{_SCALE_RE}))?(?![\p{{L}}\d])",
    regex.IGNORECASE,
)


def parse_number(text: str) -> float:
    """ "2.446" -> 2446, "1.234,5" -> 1234.5, "91,2" -> 91.2, "2.5" -> 2.5. """
    t = text.strip().replace(" ", "")
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        return float(t.replace(".", "").replace(",", "."))
    if regex.fullmatch(r"\d+,\d+", t):
        return float(t.replace(",", "."))
    if regex.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    raise ValueError(f"not a Vietnamese number: {text!r}")


def parse_quantity(m: regex.Match) -> float:
    """The value of a ``QUANTITY`` match: digits or a number word, times its scale word."""
    if m.group("num"):
        value = parse_number(m.group("num"))
    else:
        value = float(_WORDS[m.group("word").lower()])
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    return value


def as_int_if_whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
