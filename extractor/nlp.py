"""The pipeline: one spaCy Language, built once per process, and Article -> Record."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .reading import Article, from_text
from .record import FIELDS, Item, Record
from .stages import base
from .tokenizer import UndertheseaTokenizer


def build(stages: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline: the underthesea tokenizer, then the extraction stages in order."""
    from . import registry

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    for name in registry.STAGES if stages is None else stages:
        nlp.add_pipe(name, name=name.removeprefix("extractor_"))
    return nlp


@lru_cache(maxsize=1)
def load() -> Language:
    """The pipeline of this process, built on first use (models, gazetteer, patterns load once)."""
    return build()


def make_doc(article: Article, nlp: Language | None = None) -> Doc:
    nlp = nlp or load()
    doc = nlp.make_doc(article.text)
    doc._.doc_id = article.doc_id
    doc._.published = article.published
    doc._.furniture = list(article.furniture)
    return doc


def process(article: Article, nlp: Language | None = None) -> Record:
    """Run every stage on one article and turn its spans into a Record."""
    nlp = nlp or load()
    doc = make_doc(article, nlp)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_record(doc)


def to_record(doc: Doc) -> Record:
    text = base.doc_text(doc)
    record = Record(doc_id=doc._.doc_id, text=text, published=doc._.published)
    for name in FIELDS:
        seen: set[tuple] = set()
        for m in base.items(doc, name):
            key = (m.start, m.end, repr(sorted(m.attrs.items())))
            if key in seen:
                continue
            seen.add(key)
            sentence = text[m.sentence[0]:m.sentence[1]] if m.sentence else None
            record.items[name].append(Item(field=name, text=text[m.start:m.end], start=m.start, end=m.end,
                                           attrs=dict(m.attrs), rule=m.rule, sentence=sentence))
    return record


def extract(text: str, published: dt.date | str | None = None, doc_id: str | None = None) -> Record:
    """Extract the facts of one article's text; ``record.to_dict()`` is the gold format."""
    article = from_text(text, doc_id or "article", published=published)
    return process(article)
