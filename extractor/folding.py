"""One folding function for the whole project: gazetteer, rules and scorer use it.

``fold`` implements the folding of GOLD_FORMAT.md: Unicode NFC, lower case,
one tone-mark placement (uỷ = ủy, hoà = hòa), white space collapsed,
punctuation dropped.  ``fold_ascii`` additionally drops every diacritic, for
tolerant look-ups (``Khanh Hoa`` finds ``Khánh Hòa``).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# Old-style ("hoà", "uỷ") to new-style ("hòa", "ủy") tone placement, applied
# only where the two vowels end the syllable, so "hoàng" and "tuyến" are untouched.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền sắc hỏi ngã nặng
# Tone after the second vowel in old style: "hoà" is o + a + grave in NFD.
_OLD_STYLE_NFD = regex.compile(
    r"(?<![\p{L}\p{M}])(\p{L}*?)([oO])([aAeE])([\u0300\u0301\u0309\u0303\u0323])(?![\p{L}\p{M}])"
    r"|(?<![\p{L}\p{M}])(\p{L}*?)([uU])([yY])([\u0300\u0301\u0309\u0303\u0323])(?![\p{L}\p{M}])"
)
_PUNCT = regex.compile(r"[\p{P}\p{S}]+")
_SPACE = regex.compile(r"\s+")


def _move_tone(m: regex.Match) -> str:
    if m.group(2) is not None:
        pre, v1, v2, tone = m.group(1), m.group(2), m.group(3), m.group(4)
    else:
        pre, v1, v2, tone = m.group(5), m.group(6), m.group(7), m.group(8)
    # "qu" + "y" ("quý") and "gi" style onsets keep the tone on the last vowel.
    if v1 in "uU" and pre.lower().endswith("q"):
        return m.group(0)
    return pre + v1 + tone + v2


def tone_placement(text: str) -> str:
    """Rewrite old-style tone placement (hoà, uỷ) to the new style (hòa, ủy); NFC in, NFC out."""
    nfd = unicodedata.normalize("NFD", text)
    if not any(ch in _TONES for ch in nfd):
        return unicodedata.normalize("NFC", text)
    return unicodedata.normalize("NFC", _OLD_STYLE_NFD.sub(_move_tone, nfd))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The scorer's folding: NFC, lower case, one tone placement, no punctuation, single spaces."""
    text = tone_placement(unicodedata.normalize("NFC", text).lower())
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold_ascii(text: str) -> str:
    """``fold`` without any diacritic (đ becomes d): the tolerant key for look-ups."""
    nfd = unicodedata.normalize("NFD", fold(text))
    out = "".join(ch for ch in nfd if not unicodedata.combining(ch))
    return out.replace("đ", "d")


def tokens(text: str) -> list[str]:
    """Folded tokens, as the scorer compares them."""
    return fold(text).split()
