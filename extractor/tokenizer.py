"""Sentences and words: underthesea's ``word_tokenize`` made lossless for spaCy.

Sentences are found on the raw text first (paragraphs, then sentence ends
inside a paragraph, including "…" and the glued "hạn.Trong" of old crawls);
each sentence is word-tokenized by underthesea with ``use_token_normalize=False``
and every word is located in the raw characters, so the ``Doc``'s text is
exactly the article text, character for character.
"""
from __future__ import annotations

from typing import Callable

import regex
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import rules

_FALLBACK = regex.compile(r"\w+|[^\w\s]")
_WS = regex.compile(r"\s+")


def _abbreviations() -> frozenset[str]:
    data = rules.load("abbreviations", required=("id", "word"))
    return frozenset(e["word"] for e in data["entries"])


# A sentence ends at . ! ? … (with closing quotes or brackets) before a space and
# an upper-case letter, a digit or an opening quote; or at a full stop glued to
# the next sentence ("đúng hạn.Trong") when a lower-case letter precedes it; a
# question or exclamation mark right after a word ends its sentence even when the
# next one starts in lower case ("... là bao nhiêu? mùi ..."; inside quotes a
# closing quote follows the mark, and the sentence goes on).
_END = regex.compile(
    r"(?P<end>[.!?…]+[\"'”’)\]]*)(?=\s+[\"“‘(\[]?[\p{Lu}\d])"
    r"|(?P<ask>(?<=\p{L})[?!]+)(?=\s+\p{Ll})"
    r"|(?<=\p{L}\p{Ll})(?P<glued>\.)(?=\p{Lu}\p{Ll})"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end), trimmed of white space, of ``text[start:end]``."""
    abbr = _ABBR()
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for para in regex.finditer(r"[^\n]+", text, pos=start, endpos=end):
        p_start, p_end = para.span()
        cur = p_start
        for m in _END.finditer(text, p_start, p_end):
            dot = m.start("end") if m.group("end") is not None else m.start("ask") if m.group("ask") else m.start("glued")
            if text[dot] == ".":
                head = text[cur:dot].split()
                word = head[-1].lstrip("(\"“") if head else ""
                if word in abbr or (len(word) == 1 and word.isalpha()):
                    continue  # "TP. Hồ Chí Minh", "Q. 1", an initial
            _add(text, spans, cur, m.end())
            cur = m.end()
        _add(text, spans, cur, p_end)
    return spans


def _add(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


_ABBR_CACHE: frozenset[str] | None = None


def _ABBR() -> frozenset[str]:
    global _ABBR_CACHE
    if _ABBR_CACHE is None:
        _ABBR_CACHE = _abbreviations()
    return _ABBR_CACHE


def align_words(text: str, start: int, end: int, words: list[str]) -> list[tuple[int, int]]:
    """Char spans of ``words`` (underthesea's output for ``text[start:end]``) in the raw text.

    A word that cannot be found where expected (a tokenizer that rewrote a
    character) ends the alignment: the rest of the sentence is split by a
    plain regex, so no character is ever lost or invented.
    """
    spans: list[tuple[int, int]] = []
    cur = start
    for word in words:
        # the usual case first: the word as written, after the white space before it
        p = cur
        while p < end and text[p].isspace():
            p += 1
        if word and not word[0].isspace() and text.startswith(word, p) and p + len(word) <= end:
            spans.append((p, p + len(word)))
            cur = p + len(word)
            continue
        parts = word.split()
        if not parts:
            continue
        w_start = None
        ok = True
        for part in parts:
            m = _WS.match(text, cur, end)
            if m:
                cur = m.end()
            if text.startswith(part, cur) and cur + len(part) <= end:
                if w_start is None:
                    w_start = cur
                cur += len(part)
            else:
                ok = False
                break
        if not ok:
            cur = w_start if w_start is not None else cur
            break
        spans.append((w_start, cur))
    else:
        return spans
    spans.extend(m.span() for m in _FALLBACK.finditer(text, cur, end))
    return spans


def _default_word_tokenize(sentence: str) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(sentence, use_token_normalize=False)


class UndertheseaTokenizer:
    """A spaCy tokenizer: ``tokenizer(text) -> Doc`` with ``doc.text == text`` and sentences set."""

    def __init__(self, vocab: Vocab, word_tokenize: Callable[[str], list[str]] | None = None):
        self.vocab = vocab
        self.word_tokenize = word_tokenize or _default_word_tokenize

    def __call__(self, text: str) -> Doc:
        sentences = split_sentences(text)
        token_spans: list[tuple[int, int]] = []
        sent_starts: set[int] = set()
        for s, e in sentences:
            spans = align_words(text, s, e, self.word_tokenize(text[s:e]))
            if spans:
                sent_starts.add(len(token_spans))
                token_spans.extend(spans)
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool | None] = []
        cur = 0
        for i, (s, e) in enumerate(token_spans):
            self._gap(text, cur, s, words, spaces, starts)
            words.append(text[s:e])
            spaces.append(False)
            starts.append(i in sent_starts)
            cur = e
        self._gap(text, cur, len(text), words, spaces, starts)
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        doc.user_data["sentences"] = sentences
        doc.user_data["text"] = text  # == doc.text, which spaCy would rebuild from the tokens on every read
        return doc

    @staticmethod
    def _gap(text: str, s: int, e: int, words: list[str], spaces: list[bool], starts: list) -> None:
        """White space between two words: a trailing space, or a white-space token."""
        if s >= e:
            return
        gap = text[s:e]
        if words and gap[0] == " " and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            starts.append(False if words[:-1] else True)

    def to_disk(self, *args, **kwargs) -> None:  # pragma: no cover - spaCy API
        pass

    def from_disk(self, *args, **kwargs) -> "UndertheseaTokenizer":  # pragma: no cover - spaCy API
        return self
