"""``extractor gold check`` and ``extractor gold draft``: the tooling around hand-labelled gold.

``check`` validates gold files against GOLD_FORMAT.md and the articles they
label; every failure names the file, the field, the item index and the reason.
``draft`` runs the pipeline and writes a gold-format file per article with every
item marked ``"reviewed": false``, the starting point of a human review
(gold/README.md describes the workflow).
"""
from __future__ import annotations

import argparse
import calendar
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .evaluate import _freeze, contract_view
from .folding import fold
from .record import FIELDS, TEXT_FIELDS

ROOT = Path(__file__).resolve().parent.parent

ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("places", "level"): frozenset({"country", "province", "commune", "district", "other"}),
    ("dossier_counts", "status"): frozenset({"received", "resolved", "pending", "online", "on_time", "early",
                                             "overdue", "other"}),
    ("procedure_counts", "kind"): frozenset({"full_online", "partial_online", "total", "other"}),
}
# the attribute(s) an item is matched on: never null
KEYS: dict[str, tuple[str, ...]] = {
    "dates": ("value",),
    "places": ("level", "name"),
    "officials": ("name",),
    "dossier_counts": ("value",),
    "procedure_counts": ("value",),
    "percentages": ("value",),
    "recommendations": ("text",),
    "difficulties": ("text",),
}
NUMBER_ATTRS = {("dossier_counts", "value"), ("procedure_counts", "value"), ("percentages", "value")}
DATE_ATTRS = {("dates", "value"), ("dossier_counts", "period"), ("percentages", "period")}
# attributes a gold item may carry besides the contract's: evidence offsets and the review flag
EXTRA_ATTRS = ("start", "end", "reviewed")
TOP_KEYS = ("doc_id", "published", *FIELDS, "reviewed")
CODE = regex.compile(r"\A(?:\d{2}|\d{3}|\d{5})\Z")
DATE_PART = regex.compile(r"\A(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?\Z")


# ---------------------------------------------------------------- values

def check_date_part(part: str) -> tuple | str:
    """(year|None, month|None, day|None) of 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' (YYYY may be XXXX), or a reason."""
    m = DATE_PART.match(part)
    if not m:
        return f"{part!r} is not YYYY, YYYY-MM or YYYY-MM-DD (XXXX for an unknown year)"
    year = None if m[1] == "XXXX" else int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    if month is not None and not 1 <= month <= 12:
        return f"{part!r}: month {month} does not exist"
    if day is not None:
        last = calendar.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= last:
            return f"{part!r}: day {day} does not exist in that month"
    return (year, month, day)


def check_date_value(value: Any) -> str | None:
    """None when ``value`` is a valid ISO date, month, year or START/END range; else the reason."""
    if not isinstance(value, str):
        return f"{value!r} is not a string"
    parts = value.split("/")
    if len(parts) > 2:
        return f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or one START/END range"
    parsed = []
    for part in parts:
        r = check_date_part(part)
        if isinstance(r, str):
            return r
        parsed.append(r)
    if len(parsed) == 2:
        (y1, m1, d1), (y2, m2, d2) = parsed
        if (y1 is None) == (y2 is None):  # comparable: both years known, or both unknown
            a = [x for x in (y1, m1, d1) if x is not None]
            b = [x for x in (y2, m2, d2) if x is not None]
            n = min(len(a), len(b))
            if a[:n] > b[:n]:
                return f"{value!r}: the start is after the end"
    return None


# ---------------------------------------------------------------- check

@dataclass
class Problem:
    path: str
    where: str  # "field[i]" or "file"
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{'warning' if self.warning else 'FAIL'}: {self.path}: {self.where}: {self.reason}"


@dataclass
class CheckResult:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failures(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def default_corpus(gold_dir: Path) -> Path:
    """The sibling ``corpus/`` of a gold folder: gold/ -> corpus/, ../shared/gold -> ../shared/corpus."""
    return Path(gold_dir).resolve().parent / "corpus"


def load_article_text(corpus: Path, doc_id: str) -> str | None:
    from .reading import ReadError, read_file

    path = Path(corpus) / f"{doc_id}.txt"
    if not path.is_file():
        return None
    try:
        return read_file(path).text
    except ReadError:
        return None


def check_file(path: Path, corpus: Path | None = None) -> list[Problem]:
    """Every problem of one gold file (failures and warnings)."""
    path = Path(path)
    corpus = Path(corpus) if corpus is not None else default_corpus(path.parent)
    probs: list[Problem] = []

    def fail(where: str, reason: str) -> None:
        probs.append(Problem(str(path), where, reason))

    def warn(where: str, reason: str) -> None:
        probs.append(Problem(str(path), where, reason, warning=True))

    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        fail("file", f"not UTF-8 ({exc.reason} at byte {exc.start})")
        return probs
    except json.JSONDecodeError as exc:
        fail("file", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return probs
    if not isinstance(doc, dict):
        fail("file", "must hold a JSON object")
        return probs

    doc_id = doc.get("doc_id")
    if doc_id != path.stem:
        fail("doc_id", f"{doc_id!r} does not match the file name {path.stem!r}")
    text = load_article_text(corpus, path.stem)
    if text is None:
        fail("doc_id", f"no readable article {corpus / (path.stem + '.txt')}")
    for key in doc:
        if key not in TOP_KEYS:
            fail(key, f"unknown field {key!r} (known: {', '.join(TOP_KEYS)})")
    pub = doc.get("published")
    if pub is not None:
        r = check_date_part(pub) if isinstance(pub, str) else f"{pub!r} is not a string"
        if isinstance(r, str) or r[2] is None or r[0] is None:
            fail("published", f"{pub!r} is not an ISO date YYYY-MM-DD")
    if doc.get("reviewed") is False:
        warn("file", "marked \"reviewed\": false")
    missing = [f for f in FIELDS if f not in doc]
    if missing:
        warn("file", f"fields left out (not scored for this file): {', '.join(missing)}")

    for f in FIELDS:
        if f not in doc:
            continue
        items = doc[f]
        if not isinstance(items, list):
            fail(f, f"must be a list, not {type(items).__name__}")
            continue
        allowed = set(FIELDS[f]) | set(EXTRA_ATTRS) | {"text"}
        seen: dict[str, int] = {}
        n_unreviewed = 0
        for i, item in enumerate(items):
            where = f"{f}[{i}]"
            if not isinstance(item, dict):
                fail(where, f"must be an object, not {type(item).__name__}")
                continue
            for k in item:
                if k not in allowed:
                    fail(where, f"unknown attribute {k!r} (known: {', '.join(('text',) + FIELDS[f])})")
            for k in KEYS[f]:
                if item.get(k) is None:
                    fail(where, f"the key attribute {k!r} is missing or null")
            if f in TEXT_FIELDS and "text" not in item:
                fail(where, "no 'text' (the evidence copied from the article)")
            absent = [k for k in FIELDS[f] if k not in item and k not in KEYS[f]]
            if absent:
                warn(where, f"attributes left out (read as null): {', '.join(absent)}")
            if item.get("reviewed") is False:
                n_unreviewed += 1
            elif "reviewed" in item and not isinstance(item["reviewed"], bool):
                fail(where, f"'reviewed' must be true or false, not {item['reviewed']!r}")
            # strings
            for k in ("text",) + FIELDS[f]:
                v = item.get(k)
                if v is None or (f, k) in NUMBER_ATTRS or (f, k) in DATE_ATTRS or (f, k) == ("places", "code"):
                    continue
                if not isinstance(v, str):
                    fail(where, f"{k!r} must be a string or null, not {v!r}")
                elif not v.strip():
                    fail(where, f"{k!r} is empty (use null)")
            # enums
            for (ef, ek), allowed_values in ENUMS.items():
                if ef == f and item.get(ek) is not None and item.get(ek) not in allowed_values:
                    fail(where, f"{ek} {item.get(ek)!r} is not one of {', '.join(sorted(allowed_values))}")
            # numbers
            for (nf, nk) in NUMBER_ATTRS:
                v = item.get(nk)
                if nf == f and v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                    fail(where, f"{nk} {v!r} must be a JSON number, not {type(v).__name__}")
            # dates
            for (df, dk) in DATE_ATTRS:
                v = item.get(dk)
                if df == f and v is not None:
                    reason = check_date_value(v)
                    if reason:
                        fail(where, f"{dk}: {reason}")
            # codes
            if f == "places" and item.get("code") is not None:
                code = item["code"]
                if not isinstance(code, str) or not CODE.match(code):
                    fail(where, f"code {code!r} must be a zero-padded digit string (\"01\", \"79\", \"00070\")")
            # evidence
            ev = item.get("text")
            if isinstance(ev, str) and ev.strip() and text is not None:
                nfc = unicodedata.normalize("NFC", ev)
                if nfc != ev:
                    warn(where, "text is not in NFC")
                if nfc not in text:
                    fail(where, f"text {_short(ev)!r} is not found in the article")
                elif "start" in item or "end" in item:
                    s, e = item.get("start"), item.get("end")
                    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
                        fail(where, f"start/end must both be integers, not {s!r}/{e!r}")
                    elif text[s:e] != nfc or s < 0:
                        actual = text[s:e] if 0 <= s <= e <= len(text) else None
                        first = text.find(nfc)
                        fail(where, f"start/end {s}:{e} give {_short(actual)!r}, not the text "
                                    f"{_short(ev)!r} (found at {first}:{first + len(nfc)})")
            elif f == "officials" and text is not None and isinstance(item.get("name"), str):
                if fold(item["name"]) not in fold(text):
                    warn(where, f"name {item['name']!r} is not written as such in the article")
            # exact duplicates are counted once by the scorer: flag them
            dkey = repr(_freeze(contract_view(f, item)))
            if dkey in seen:
                warn(where, f"exact duplicate of {f}[{seen[dkey]}] (counted once)")
            else:
                seen[dkey] = i
        if n_unreviewed:
            warn(f, f"{n_unreviewed} item(s) marked \"reviewed\": false (evaluate refuses them "
                    f"without --allow-unreviewed)")
    return probs


def _short(s: str | None, n: int = 70) -> str | None:
    if s is None or len(s) <= n:
        return s
    return s[: n - 3] + "..."


def check_dirs(paths: list[Path], corpus: Path | None = None) -> CheckResult:
    """Check every gold .json file of the folders (or files) given."""
    result = CheckResult()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted(p.glob("*.json"))
            if not files:
                result.problems.append(Problem(str(p), "folder", "no .json gold files"))
        elif p.is_file():
            files = [p]
        else:
            result.problems.append(Problem(str(p), "folder", "no such file or folder"))
            continue
        for f in files:
            result.files += 1
            result.problems.extend(check_file(f, corpus if corpus is not None else default_corpus(f.parent)))
    return result


def cmd_check(args: argparse.Namespace) -> int:
    dirs = [Path(d) for d in (args.dirs or [ROOT / "gold"])]
    result = check_dirs(dirs, Path(args.corpus) if args.corpus else None)
    for p in result.problems:
        if p.warning and args.quiet:
            continue
        print(p, file=sys.stderr if not p.warning else sys.stdout)
    print(f"{result.files} gold files checked: {len(result.failures)} failures, {len(result.warnings)} warnings")
    return 1 if result.failures else 0


# ---------------------------------------------------------------- draft

def draft_dict(record_dict: dict) -> dict:
    """A prediction (Record.to_dict()) as a gold draft: contract attributes, offsets, reviewed false."""
    out: dict[str, Any] = {"doc_id": record_dict["doc_id"], "published": record_dict.get("published")}
    for f in FIELDS:
        items = []
        for item in record_dict.get(f) or []:
            d: dict[str, Any] = {}
            if "text" in item and (f in TEXT_FIELDS or f == "officials"):
                d["text"] = item["text"]
            for k in FIELDS[f]:
                d[k] = item.get(k)
            if "start" in item and "end" in item:
                d["start"], d["end"] = item["start"], item["end"]
            d["reviewed"] = False
            items.append(d)
        out[f] = items
    return out


def cmd_draft(args: argparse.Namespace) -> int:
    from .reading import expand_inputs, iter_articles
    from .runner import results

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not expand_inputs(args.inputs):
        print(f"extractor gold draft: no .txt or .jsonl files in {', '.join(args.inputs)}", file=sys.stderr)
        return 2
    written = skipped = failed = 0
    for result in results(iter_articles(args.inputs)):
        if hasattr(result, "reason"):
            print(f"error: {result.reason}", file=sys.stderr)
            failed += 1
            continue
        target = out / f"{result.doc_id}.json"
        if target.exists() and not args.force:
            print(f"skipped: {target} exists (a reviewed gold file is never overwritten; --force to replace)",
                  file=sys.stderr)
            skipped += 1
            continue
        target.write_text(json.dumps(draft_dict(result.to_dict()), ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        written += 1
    print(f"{written} drafts -> {out}" + (f"; {skipped} skipped" if skipped else "")
          + (f"; {failed} failed" if failed else "") + ". Review every item, set \"reviewed\": true, "
          "then: extractor gold check", file=sys.stderr)
    return 1 if failed and not written else 0


def add_parser(sub) -> None:
    p = sub.add_parser("gold", help="gold files: check them, draft new ones from the pipeline")
    gsub = p.add_subparsers(dest="gold_command", required=True)

    c = gsub.add_parser("check", help="validate gold files against GOLD_FORMAT.md and their articles")
    c.add_argument("dirs", nargs="*", help="gold folders or files (default: the project's gold/)")
    c.add_argument("--corpus", help="folder of the articles (default: the sibling corpus/ of each gold folder)")
    c.add_argument("--quiet", action="store_true", help="failures only, no warnings")
    c.set_defaults(func=cmd_check)

    d = gsub.add_parser("draft", help="run the pipeline and write gold drafts (every item \"reviewed\": false)")
    d.add_argument("inputs", nargs="+", help=".txt files, folders of them, or .jsonl files")
    d.add_argument("--out", required=True, help="folder for the <doc_id>.json drafts")
    d.add_argument("--force", action="store_true", help="overwrite existing files")
    d.set_defaults(func=cmd_draft)
