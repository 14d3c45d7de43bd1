"""Reading articles: files, folders and JSONL streams to ``Article`` objects.

The article text is the file's text in NFC.  Every offset the pipeline reports
indexes that text.  Nothing is removed from it: the ` date YYYY-MM-DD` marker,
bylines and footers stay in the text and are listed as *furniture* spans that
the stages skip.
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import regex

from . import rules

DATE_MARKER = regex.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})(?=\s|\Z)")
# A line whose end is a run of 2-3 capitalised names after the last sentence:
# the byline that crawls glue onto the last paragraph ("... chính phủ điện tử. Tuấn Ngọc").
TRAILING_BYLINE = regex.compile(
    r"(?<=[.!?”\"…])\s+((?:\p{Lu}\p{Ll}+)(?:[ ]\p{Lu}\p{Ll}+){1,4}(?:\s*[–-]\s*\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){1,3})?)\s*\Z"
)


class ReadError(ValueError):
    """An input that cannot be read as an article; the message names the file and the reason."""


@dataclass
class Article:
    doc_id: str
    text: str
    published: dt.date | None = None
    furniture: list[tuple[int, int, str]] = field(default_factory=list)
    source: str | None = None
    url: str | None = None

    def is_furniture(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e, _ in self.furniture)


def _furniture_rules() -> list[tuple[str, str, regex.Pattern]]:
    data = rules.load("furniture", required=("id", "kind", "pattern"))
    out = []
    for entry in data["entries"]:
        if entry["kind"] not in ("footer", "line", "end"):
            raise rules.RulesError(f"furniture.json: {entry['id']}: kind must be footer, line or end")
        out.append((entry["id"], entry["kind"], regex.compile(entry["pattern"])))
    return out


_RULES: list | None = None


def find_furniture(text: str, body_start: int = 0) -> list[tuple[int, int, str]]:
    """Furniture spans (start, end, rule id) of an NFC text, line by line."""
    global _RULES
    if _RULES is None:
        _RULES = _furniture_rules()
    spans: list[tuple[int, int, str]] = []
    pos = 0
    lines = text.split("\n")
    for idx, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if end <= body_start:
            continue
        s = max(start, body_start)
        stripped = text[s:end].strip()
        if not stripped:
            continue
        lead = s + (len(text[s:end]) - len(text[s:end].lstrip()))
        for rule_id, kind, pattern in _RULES:
            if pattern.search(stripped):
                if rule_id == "furniture.line.byline_names" and (idx == 0 or len(stripped.split()) > 8):
                    continue  # a title line, or too long to be a byline
                if kind == "footer":
                    spans.append((lead, len(text), rule_id))
                    return spans
                if kind == "end":
                    # the end mark of press copy ("... kết quả./."): the line is body, what follows is not
                    rest = len(text) - len(text[end + 1:].lstrip())
                    if rest < len(text):
                        spans.append((rest, len(text), rule_id))
                        return spans
                    break
                spans.append((lead, lead + len(stripped), rule_id))
                break
        else:
            if _last_body_line(lines, idx):
                m = TRAILING_BYLINE.search(text, s, end)
                if m:
                    spans.append((m.start(1), m.end(1), "furniture.trailing_byline"))
    return spans


def _last_body_line(lines: list[str], idx: int) -> bool:
    return all(not l.strip() for l in lines[idx + 1:])


def from_text(raw: str, doc_id: str, published: dt.date | str | None = None, source: str | None = None,
              url: str | None = None) -> Article:
    """An Article from raw text: NFC, the date marker read, furniture found."""
    if not isinstance(raw, str):
        raise ReadError(f"{source or doc_id}: text must be a string, not {type(raw).__name__}")
    text = unicodedata.normalize("NFC", raw)
    body_start = 0
    furniture: list[tuple[int, int, str]] = []
    m = DATE_MARKER.match(text)
    pub: dt.date | None = None
    if m:
        try:
            pub = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise ReadError(f"{source or doc_id}: bad date marker {m[0].strip()!r}: {exc}") from exc
        body_start = m.end()
        furniture.append((m.start(), m.end(), "furniture.date_marker"))
    if published is not None:
        pub = parse_published(published, source or doc_id)
    furniture.extend(find_furniture(text, body_start))
    return Article(doc_id=doc_id, text=text, published=pub, furniture=furniture, source=source, url=url)


def parse_published(value: dt.date | str, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ReadError(f"{where}: 'published' is not an ISO date: {value!r}") from exc


def read_file(path: Path) -> Article:
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if "\x00" in raw:
        raise ReadError(f"{path}: binary file (contains NUL bytes)")
    if not raw.strip():
        raise ReadError(f"{path}: empty file")
    return from_text(raw, path.stem, source=str(path))


@dataclass
class Failure:
    """An input that could not be read; it becomes a row of errors.csv."""
    doc_id: str
    source: str
    reason: str


def iter_jsonl(path: Path) -> Iterator[Article | Failure]:
    """One article per line: {"id": ..., "text": ..., "published": ..., "url": ...}."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ReadError(f"{where}: each line must be a JSON object")
                doc_id = obj.get("id") or obj.get("doc_id")
                if not doc_id:
                    raise ReadError(f"{where}: no 'id'")
                if "text" not in obj:
                    raise ReadError(f"{where}: no 'text'")
                yield from_text(obj["text"], str(doc_id), published=obj.get("published"), source=where,
                                url=obj.get("url"))
            except json.JSONDecodeError as exc:
                yield Failure(f"{path.stem}:{lineno}", where, f"{where}: not valid JSON: {exc.msg}")
            except ReadError as exc:
                yield Failure(str((obj or {}).get("id") if isinstance(obj, dict) else f"{path.stem}:{lineno}"),
                              where, str(exc))


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files and folders to a sorted list of .txt / .jsonl files; a missing input is an error."""
    paths: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            paths.extend(sorted(q for q in p.iterdir() if q.suffix in (".txt", ".jsonl") and q.is_file()))
        elif p.exists() or p.suffix in (".txt", ".jsonl"):
            paths.append(p)
        else:
            raise ReadError(f"{p}: no such file or folder")
    return paths


def iter_articles(inputs: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Stream articles from files, folders and JSONL files; unreadable ones come as ``Failure``."""
    for path in expand_inputs(inputs):
        if path.suffix == ".jsonl":
            try:
                yield from iter_jsonl(path)
            except OSError as exc:
                yield Failure(path.stem, str(path), f"{path}: cannot be read: {exc.strerror or exc}")
            continue
        try:
            yield read_file(path)
        except ReadError as exc:
            yield Failure(path.stem, str(path), str(exc))
