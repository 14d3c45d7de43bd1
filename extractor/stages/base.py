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

if not Span.has_extension("item"):
    Span.set_extension("item", default=None)
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


def sentences(doc: Doc) -> list[Sentence]:
    """The body sentences of a Doc: furniture (date marker, bylines, footers) cut away."""
    cached = doc.user_data.get("body_sentences")
    if cached is not None:
        return cached
    furniture = doc._.furniture or []
    out: list[Sentence] = []
    for s, e in doc.user_data.get("sentences", [(0, len(doc.text))]):
        for fs, fe, _ in furniture:
            if fs <= s and e <= fe:
                s = e  # wholly furniture
                break
            if fs <= s < fe:
                s = fe
            elif fs < e <= fe:
                e = fs
        while s < e and doc.text[s].isspace():
            s += 1
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(s, e, doc.text[s:e]))
    doc.user_data["body_sentences"] = out
    return out


def published(doc: Doc) -> dt.date | None:
    return doc._.published


def items(doc: Doc, field_name: str) -> Iterator[Match]:
    if field_name in doc.spans:
        for span in doc.spans[field_name]:
            if span._.item is not None:
                yield span._.item


class Stage:
    """Base class of the extraction components; subclasses define ``field`` and ``match``."""

    field: str = ""

    def __init__(self, nlp=None, name: str | None = None):
        self.name = name or self.field

    def match(self, doc: Doc) -> list[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        spans = []
        for i, m in enumerate(sorted(matches, key=lambda m: (m.start, m.end))):
            # span_id keeps two items on the same tokens apart (extension values are keyed by it)
            span = doc.char_span(m.start, m.end, label=self.field, alignment_mode="expand", span_id=i)
            if span is None:  # cannot happen with "expand", but never drop an item silently
                raise ValueError(f"{self.field}: no token span for {m.start}:{m.end}")
            span._.item = m
            spans.append(span)
        doc.spans[self.field] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc
