"""What every stage shares: the ``Match`` it finds and the span it writes.

A stage is a spaCy component in two halves, as in spaCy's own components:
``match(doc) -> list[Match]`` is pure (reads the Doc, returns matches), and
``set_annotations(doc, matches)`` writes them to ``doc.spans[<field>]``.  Each
span carries its ``Match`` in ``span._.item``: exact character offsets (which
may be finer than the token span), the normalised attributes, and the id of the
rule that made it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterator

from spacy.tokens import Doc, Span

def _item_of(span: Span) -> "Match | None":
    """The Match behind a span: span.id is its 1-based index in the field's item list."""
    found = span.doc.user_data.get(("extractor_items", span.label_), [])
    return found[span.id - 1] if 0 < span.id <= len(found) else None


if not Span.has_extension("item"):
    Span.set_extension("item", getter=_item_of)
for _name in ("doc_id", "published", "furniture"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class Match:
    """One extracted item: ``doc.text[start:end]`` is its evidence."""

    start: int
    end: int
    attrs: dict[str, Any]
    rule: str
    sentence: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # internal, not exported (e.g. parsed dates)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def doc_text(doc: Doc) -> str:
    """The Doc's text. spaCy rebuilds ``Doc.text`` from every token on each read (a Token object
    per word); the tokenizer records the text it was given, which is the same string."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the line that holds ``text[start:end]``: from after the last newline before it
    to the first newline after it (or the text's end)."""
    le = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if le < 0 else le


def sentences(doc: Doc) -> list[Sentence]:
    """The body sentences of a Doc: furniture (date marker, bylines, footers) cut away."""
    cached = doc.user_data.get("body_sentences")
    if cached is not None:
        return cached
    furniture = doc._.furniture or []
    text = doc_text(doc)
    out: list[Sentence] = []
    for s, e in doc.user_data.get("sentences", [(0, len(text))]):
        for fs, fe, _ in furniture:
            if fs <= s and e <= fe:
                s = e  # wholly furniture
                break
            if fs <= s < fe:
                s = fe
            elif fs < e <= fe:
                e = fs
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(s, e, text[s:e]))
    doc.user_data["body_sentences"] = out
    return out


def published(doc: Doc) -> dt.date | None:
    return doc._.published


def items(doc: Doc, field_name: str) -> Iterator[Match]:
    """The Matches a stage wrote for ``field_name``, in text order."""
    yield from doc.user_data.get(("extractor_items", field_name), [])


class Stage:
    """Base class of the extraction components; subclasses define ``field`` and ``match``."""

    field: str = ""

    def __init__(self, nlp=None, name: str | None = None):
        self.name = name or self.field

    def match(self, doc: Doc) -> list[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        ordered = sorted(matches, key=lambda m: (m.start, m.end))
        doc.user_data[("extractor_items", self.field)] = ordered
        spans = []
        for i, m in enumerate(ordered, 1):
            # the token span may be wider than the exact evidence (m.start, m.end); span.id finds the Match
            span = doc.char_span(m.start, m.end, label=self.field, alignment_mode="expand", span_id=i)
            if span is None:  # cannot happen with "expand", but never drop an item silently
                raise ValueError(f"{self.field}: no token span for {m.start}:{m.end}")
            spans.append(span)
        doc.spans[self.field] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


def headline(doc: Doc) -> Sentence | None:
    """The article's title: a first body line of its own that does not end like a sentence."""
    body = sentences(doc)
    if not body:
        return None
    first = body[0]
    text = doc_text(doc)
    line_end = text.find("\n", first.start)
    line_end = len(text) if line_end < 0 else line_end
    if text[first.end:line_end].strip() or first.text.rstrip()[-1:] in ".!?…:;":
        return None
    return first


def drop_headline_repeats(doc: Doc, matches: list[Match], key: str = "value", tolerance: float = 0.0) -> list[Match]:
    """A figure in the title that the body repeats is one figure: keep the body's mention.  With a
    ``tolerance``, a rounded title figure (marked ``approx``: "Hơn 1.200 hồ sơ ...", body "1.236 hồ sơ")
    repeats a body figure within that fraction of it."""
    title = headline(doc)
    if title is None:
        return matches
    in_title = [m for m in matches if title.start <= m.start < title.end]
    body_values = {m.attrs.get(key) for m in matches if not title.start <= m.start < title.end}

    def repeated(m: Match) -> bool:
        v = m.attrs.get(key)
        if v in body_values:
            return True
        return bool(tolerance and m.attrs.get("approx")) and any(
            b and abs(b - v) <= tolerance * b for b in body_values)
    return [m for m in matches if m not in in_title or not repeated(m)]
