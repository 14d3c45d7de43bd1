"""Dates: every calendar date, month, year or range of the body, in ISO form.

Reading is done in three passes over each body sentence:

1. *Atoms*: the written forms of one point or span of time ("9/9", "8/8/2025",
   "ngày 8 tháng 8 năm 2025", "tháng 5/2016", "năm 2017", "quý I/2024",
   "6 tháng đầu năm", "hôm nay", ...).  Forms that numbers share with other
   things (fractions "3/4 xe", scores "2-0", document numbers "61/2018/NĐ-CP",
   quantities "2000 người") are *weak*: they count only with a date cue before
   them ("ngày", "sáng", "từ", ...), or as the end of a range.
2. *Ranges*: two atoms joined by "đến", "tới" or a dash ("từ ngày 1/7 đến 6/9",
   "giai đoạn 2017 - 2023", "tháng 5 - 9/2015") are one item; "từ X đến nay"
   ends at the published date.  A year written on one end applies to the other.
3. *Years*: a date without a year takes the published year (the previous year
   when that would put it far in the future); without a published date, the
   year the article itself states (a full date's year first, targets such as
   "đến 2020" aside); failing that, ``XXXX``.

Every mention goes to ``doc.user_data["date_mentions"]`` for the linking stage;
the items are the distinct values, each with its first mention as evidence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from .. import rules
from .base import Match, doc_text, line_of, Stage, sentences

_YEAR = r"(?:19|20)\d{2}"
_FUTURE_DAYS = 180  # a yearless date this far after publication is last year's


def _alt(words) -> str:
    return "|".join(regex.escape(w) if w != "\\(" else w for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _load():
    data = rules.load("dates", required=("id", "type"))
    lists: dict[str, list[str]] = {}
    rel_day, rel_year, quarters, month_counts, atoms = [], [], {}, {}, []
    for e in data["entries"]:
        t = e["type"]
        if t == "atom":
            atoms.append(e)
        elif "words" not in e:
            raise rules.RulesError(f"dates.json: {e['id']}: no 'words'")
        elif t == "relative_day":
            rel_day.append((e["id"], e["words"], int(e["offset"])))
        elif t == "relative_year":
            rel_year.append((e["id"], e["words"], int(e["offset"])))
        elif t == "quarter":
            for w in e["words"]:
                quarters[w.upper()] = int(e["first_month"])
        elif t == "month_count":
            for w in e["words"]:
                month_counts[w.lower()] = int(e["value"])
        else:
            lists.setdefault(t, []).extend(e["words"])
    return lists, rel_day, rel_year, quarters, month_counts, atoms


_LISTS, _REL_DAY, _REL_YEAR, _QUARTERS, _MONTH_COUNTS, _ATOM_ENTRIES = _load()


def _words(kind: str) -> str:
    return _alt(_LISTS[kind])


_I = regex.IGNORECASE | regex.VERSION1
_PLACEHOLDERS = {
    "@L@": r"(?<![\p{L}\p{M}\d])",  # word start
    "@R@": r"(?![\p{L}\p{M}\d])",   # word end
    "@YEAR_FULL@": r"(?:18|19|20)\d{2}",
    "@YEAR@": _YEAR,
    "@REL_YEAR@": _alt(w for _, ws, _ in _REL_YEAR for w in ws),
    "@REL_DAY@": _alt(w for _, ws, _ in _REL_DAY for w in ws),
    "@MONTH_COUNT@": _alt(_MONTH_COUNTS),
}


def _compile_atom(pattern: str):
    for key, value in _PLACEHOLDERS.items():
        pattern = pattern.replace(key, value)
    return regex.compile(pattern, _I)


# pass 1: (rule id, how it reads, weak, compiled pattern)
_ATOMS = [(e["id"], e["reads"], bool(e.get("weak")), _compile_atom(e["pattern"])) for e in _ATOM_ENTRIES]
_R = _PLACEHOLDERS["@R@"]
_REL_DAY_OFFSET = {w.lower(): off for _, ws, off in _REL_DAY for w in ws}
_REL_DAY_RULE = {w.lower(): rid for rid, ws, _ in _REL_DAY for w in ws}
_REL_YEAR_RULE = {w.lower(): rid for rid, ws, _ in _REL_YEAR for w in ws}
_REL_YEAR_IDS = set(_REL_YEAR_RULE.values())
_REL_YEAR_OFFSET = {w.lower(): off for _, ws, off in _REL_YEAR for w in ws}
_REL_YEAR_SHORT = {"nay": 0, "ngoái": -1, "trước": -1, "sau": 1, "tới": 1}

# a relative day right before a written date cues it too: "Sáng nay 19/5", "tối qua 3/2" (the written date is the item)
_STRONG_CUE = regex.compile(rf"(?:^|[\s(“\"])(?:{_words('day_cue')}|{_words('time_of_day')}|{_words('weekday')}|"
                            rf"{_PLACEHOLDERS['@REL_DAY@']})\s*,?\s*\(?\s*$", _I)
_WEAK_CUE = regex.compile(rf"(?:(?:^|[\s(“\"])(?:{_words('weak_cue')})\s*$|\(\s*$)", _I)
_PREFIX_CUE = regex.compile(rf"(?:^|[\s(“\"])(?:{_words('edge')}|{_words('opener')}|{_words('range_opener')}|{_words('weak_cue')}|{_words('time_of_day')})\s*$", _I)
_TARGET_CUE = regex.compile(rf"(?:^|[\s(“\"])(?:{_words('target_cue')})(?:\s+(?:ngày|tháng|năm))?\s*$", _I)
_AFTER_OK = regex.compile(rf"^(?:\s*(?:$|[,.;:!?)”\"…])|\s+(?:{_words('suffix')}){_R}|\s*(?:{_words('range_connector')}))", _I)
_QUANTITY = regex.compile(rf"^\s+(?:{_words('quantity_noun')}){_R}", _I)
_NOT_BEFORE_YEAR = regex.compile(rf"(?:^|\s)(?:{_words('not_before_year')})\s+$", _I)
_PUNCT_AFTER = regex.compile(r"^\s*(?:$|[,.;:!?)”\"…])")
_CAPITAL_BEFORE = regex.compile(r"(?:^|\s)[\p{Lu}][\p{L}\p{M}\d]*\s+$")
_RANGE_GAP = regex.compile(
    rf"^\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*(?:{_words('range_connector')})\s*(?:(?:ngày|tháng|năm)\s+)?$", _I)
_SINCE_NOW = regex.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*(?:đến|tới|cho đến)\s+(?:{_words('since_now')}){_R}", _I)
_FROM_BEFORE = regex.compile(r"(?:^|[\s(“\"])(?:từ|kể từ)(?:\s+(?:đầu|cuối|giữa))?(?:\s+(?:ngày|mùng|mồng))?\s*$", _I)
# evidence: the words read with a date, nearest first: "ngày", a time of day, "đầu/cuối", "giai đoạn"/"từ"
_PREFIX = regex.compile(
    rf"(?:^|(?<=[\s(“\"]))(?:(?P<open>{_words('opener')})\s+|(?P<from>{_words('range_opener')})\s+)?"
    rf"(?:(?:{_words('edge')})\s+)?(?:(?:{_words('time_of_day')})\s+)?(?:(?:{_words('day_cue')})\s+)?$", _I)
_SUFFIX = regex.compile(rf"^\s+(?:{_words('suffix')}){_R}", _I)
_LIST_GAP = regex.compile(r"\s*(?:,|;|và|hoặc|hay)\s*(?:ngày\s+)?", _I)
_SAME_PERIOD = regex.compile(r"cùng kỳ\s*$", _I)
# a line that holds nothing but a full date and page furniture (a clock time, a byline in capitals,
# a view count, brackets): the page's dateline ("11/06/2024", "(29/03/2017)", "TÊN TÁC GIẢ 06:48, 21/12/2023")
_DATELINE_REST = regex.compile(r"[^\p{Ll}]{0,60}")
_FULL_DATE = regex.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


# a page's time stamp: the date with a clock time, a weekday or the words of a posting or comment stamp
# ("Thứ Hai, 12/04/2021 - 09:15", "Cập nhật ngày: 13/04/2021", "Nguyễn Văn An - 10:11 22/05/2021")
_CLOCK = regex.compile(r"(?<![\p{L}\p{M}\d])\d{1,2}(?::|h)\d{2}(?::\d{2})?(?![\p{L}\p{M}\d])", _I)
_STAMP_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_words('weekday')}|{_words('stamp_word')})(?![\p{{L}}\p{{M}}])", _I)
_STAMP_FILLER = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_words('stamp_filler')})(?![\p{{L}}\p{{M}}])", _I)
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}")
_STAMP_LINE_MAX = 100


_LABEL_MAX_WORDS = 3
_LABEL = regex.compile(r"[\p{L}\p{M}]+(?:[ ,–-]+[\p{L}\p{M}]+)*")


def _label_dateline(text: str, ls: int, le: int, a: "_Atom") -> bool:
    """A section label or a place, then the full date, alone on a line ("Chính trị 13-05-2022",
    "Hà Nội, 12/4/2021"): the page's dateline. Not a cue for the date ("Ngày 15/3/2024") nor a field
    label ("Thời gian: 15/3/2024")."""
    tail = _CLOCK.sub(" ", text[a.end:le])
    if regex.search(r"[\p{L}\d]", tail):
        return False
    lead = text[ls:a.start].strip(" \t,–-")
    if not lead or not _LABEL.fullmatch(lead) or len(lead.split()) > _LABEL_MAX_WORDS:
        return False
    return not (_STRONG_CUE.search(text[ls:a.start]) or _PREFIX_CUE.search(text[ls:a.start])
                or _TARGET_CUE.search(text[ls:a.start]))


_LINKED = regex.compile(r"(?P<head>[^\n]*?)\s*\(\s*\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}\s*\)\s*")


def _linked_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies on a headline line ending with a posting date in brackets ("Tỉnh tổng
    kết công tác năm 2021 (20/01/2022)"), as in lists of related news: the linked page's headline and stamp."""
    ls, le = line_of(text, start, end)
    if not text[ls:le].rstrip().endswith(")"):
        return False  # (cheap test first: the pattern scans the whole line)
    m = _LINKED.fullmatch(text, ls, le)
    if not m:
        return False
    head = m.group("head")
    return len(head.split()) >= 3 and not regex.search(r"[.!?;:…]", head)


def _dateline(text: str, a: "_Atom") -> bool:
    """Whether a full date is the page's dateline or a time stamp: alone on its line but for furniture
    (GOLD_FORMAT: not a date)."""
    if a.parts or a.lo != a.hi or None in a.lo:
        return False
    ls, le = line_of(text, a.start, a.end)
    rest = text[ls:a.start] + " " + text[a.end:le]
    if _FULL_DATE.search(rest):
        return False
    if _DATELINE_REST.fullmatch(rest):
        return True
    if _label_dateline(text, ls, le, a):
        return True
    if le - ls > _STAMP_LINE_MAX or not (_CLOCK.search(rest) or _STAMP_WORD.search(rest)):
        return False
    # what is left once the stamp's words are taken out: names or a byline, never a clause
    left = _STAMP_FILLER.sub(" ", _STAMP_WORD.sub(" ", _CLOCK.sub(" ", rest)))
    return not _LOWER_WORD.search(left)


@dataclass
class _Atom:
    start: int
    end: int
    rule: str
    lo: list  # [year|None, month|None, day|None]
    hi: list
    weak: bool = False
    rel_year: int | None = None   # year offset from the article's year ("năm trước")
    rel_day: int | None = None    # day offset from the published date ("hôm qua")
    ok: bool = True               # a weak form that passed its cue checks
    end_at_published: bool = False
    parts: list = field(default_factory=list)  # the atoms of a range


def _atom(rid: str, reads: str, weak: bool, m: regex.Match, base: int) -> _Atom | list[_Atom] | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    rel = g.get("rel")
    rel_year = None
    if rel:
        rel = rel.lower()
        rel_year = _REL_YEAR_OFFSET.get(rel, _REL_YEAR_SHORT.get(rel))
    s, e = base + m.start(), base + m.end()
    if reads == "date":
        d, mo = int(g["d"]), int(g["m"])
        if not _valid(y or 2000, mo, d):
            return None
        return _Atom(s, e, rid, [y, mo, d], [y, mo, d], weak=weak, rel_year=rel_year)
    if reads == "day_list":
        # "ngày 7 và 8/9": every listed day is a date of the month written last
        d, mo = int(g["d"]), int(g["m"])
        out = []
        for dm in regex.finditer(r"\d{1,2}", g["days"]):
            if not _valid(y or 2000, mo, int(dm.group())):
                return None
            out.append(_Atom(base + m.start("days") + dm.start(), base + m.start("days") + dm.end(), rid,
                             [y, mo, int(dm.group())], [y, mo, int(dm.group())]))
        if not _valid(y or 2000, mo, d):
            return None
        out.append(_Atom(base + m.start("d"), e, rid, [y, mo, d], [y, mo, d]))
        return out
    if reads == "day_range":
        # "các ngày 7-8/9", "từ ngày 20 đến 25/2": the first day shares the month written last
        d1, d, mo = int(g["d1"]), int(g["d"]), int(g["m"])
        if not (d1 < d and _valid(y or 2000, mo, d)):
            return None
        return _Atom(s, e, rid, [y, mo, d1], [y, mo, d], parts=[None, None])
    if reads == "this_year":
        return _Atom(s, e, rid, [None] * 3, [None] * 3, rel_year=0)
    if reads == "month":
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            return None
        return _Atom(s, e, rid, [y, mo, None], [y, mo, None], weak=weak, rel_year=rel_year)
    if reads == "year":
        return _Atom(s, e, rid, [y, None, None], [y, None, None], weak=weak)
    if reads == "quarter":
        first = _QUARTERS[g["q"].upper()]
        return _Atom(s, e, rid, [y, first, None], [y, first + 2, None], rel_year=rel_year)
    if reads == "months_of_year":
        n = int(g["n"]) if g["n"].isdigit() else _MONTH_COUNTS[" ".join(g["n"].lower().split())]
        if not 1 <= n <= 11:
            return None
        lo, hi = (1, n) if (g["which"] or "đầu").lower() == "đầu" else (13 - n, 12)
        return _Atom(s, e, rid, [y, lo, None], [y, hi, None], rel_year=rel_year)
    if reads == "half_year":
        lo, hi = (1, 6) if "đầu" in g["half"].lower() else (7, 12)
        return _Atom(s, e, rid, [y, lo, None], [y, hi, None], rel_year=rel_year)
    if reads == "relative_day":
        word = g["relday"].lower()
        return _Atom(s, e, _REL_DAY_RULE[word], [None] * 3, [None] * 3, rel_day=_REL_DAY_OFFSET[word])
    if reads == "relative_year":
        return _Atom(s, e, _REL_YEAR_RULE[rel], [None] * 3, [None] * 3, rel_year=rel_year)
    raise rules.RulesError(f"dates.json: {rid}: unknown 'reads' {reads!r}")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _judge_weak(a: _Atom, text: str, base: int) -> bool:
    """Whether a weak form stands on its own as a date."""
    before = text[max(0, a.start - base - 40):a.start - base]
    after = text[a.end - base:a.end - base + 30]
    if a.rule == "atom.day_month":
        if _STRONG_CUE.search(before):
            return True
        return bool(_WEAK_CUE.search(before) and _AFTER_OK.match(after))
    if a.rule == "atom.day_month_dash":
        return bool(_STRONG_CUE.search(before))
    if a.rule == "atom.month_year_bare":
        return bool((_STRONG_CUE.search(before) or _WEAK_CUE.search(before)) and _AFTER_OK.match(after))
    if a.rule == "atom.year_bare":
        if _QUANTITY.match(after) or _NOT_BEFORE_YEAR.search(before):
            return False
        if _PREFIX_CUE.search(before):
            return True
        if not regex.search(r"[\p{L}\p{M}”\"]\s*$", before):
            return False
        return bool(_PUNCT_AFTER.match(after) or _CAPITAL_BEFORE.search(before))
    return True


def _pick(atoms: list[_Atom]) -> list[_Atom]:
    """Non-overlapping atoms, earlier then longer first."""
    out: list[_Atom] = []
    for a in sorted(atoms, key=lambda a: (a.start, -(a.end - a.start))):
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def _before(lo: list, hi: list) -> bool:
    """lo <= hi, comparing the fields both have."""
    for x, y in zip(lo, hi):
        if x is None or y is None:
            return True
        if x != y:
            return x < y
    return True


def _combine(atoms: list[_Atom], text: str, base: int) -> list[_Atom]:
    """Join "A đến B" / "A - B" into ranges and "từ A đến nay" into ranges ending today."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if a.rel_day is None and b is not None and b.rel_day is None and a.rule not in _REL_YEAR_IDS \
                and b.rule not in _REL_YEAR_IDS:
            gap = text[a.end - base:b.start - base]
            if _RANGE_GAP.match(gap) and _compatible(a, b, text, base):
                r = _Atom(a.start, b.end, "range_connector", list(a.lo), list(b.hi), parts=[a, b],
                          rel_year=a.rel_year if a.rel_year is not None else b.rel_year)
                _share_year(r)
                if _before(r.lo, r.hi):
                    out.append(r)
                    i += 2
                    continue
        if a.ok and a.rel_day is None and a.rule not in _REL_YEAR_IDS:
            since = _SINCE_NOW.match(text[a.end - base:])
            if since and _FROM_BEFORE.search(text[max(0, a.start - base - 20):a.start - base]):
                out.append(_Atom(a.start, a.end + since.end(), "since_now", list(a.lo), list(a.hi),
                                 rel_year=a.rel_year, end_at_published=True, parts=[a]))
                i += 1
                continue
        out.append(a)
        i += 1
    return out


def _compatible(a: _Atom, b: _Atom, text: str, base: int) -> bool:
    if not (a.ok or b.ok):
        # two bare forms: only year spans ("2017 - 2023") or a "từ" before them
        if not (a.rule == b.rule == "atom.year_bare"
                or _FROM_BEFORE.search(text[max(0, a.start - base - 20):a.start - base])):
            return False
    if b.rule == "atom.year_bare" and a.lo[1] is not None:
        return False  # "ngày 1/7 - 2025" is not a span
    if a.rule == "atom.year_bare" and b.lo[1] is not None:
        return False
    if a.lo[0] is not None and a.lo[1] is None and b.hi[0] is not None and b.hi[1] is None:
        return a.lo[0] < b.hi[0] <= a.lo[0] + 50
    if b.lo[1] is not None and b.lo[2] is None and b.lo[0] is None and a.lo[2] is not None:
        return False  # a day then a bare month
    return True


def _share_year(r: _Atom) -> None:
    """A year written on one end of a range applies to the other (wrapping over new year)."""
    lo, hi = r.lo, r.hi
    if lo[0] is None and hi[0] is not None:
        lo[0] = hi[0] if _before([0] + lo[1:], [0] + hi[1:]) else hi[0] - 1
    elif hi[0] is None and lo[0] is not None and (hi[1] is not None):
        hi[0] = lo[0] if _before([0] + lo[1:], [0] + hi[1:]) else lo[0] + 1


_ANNIVERSARY_MIN_YEARS = 5  # a span of years between the same day: an anniversary, not a term


def _year_sources(atoms: list[_Atom], text_of) -> list[tuple[int, int, bool]]:
    """(position, year, is a full date) of the years the article states that can stand for "this year".

    Range ends and targets ("đến 2020", "vào năm 2030") are not the article's year, but the end of an
    anniversary span of two full dates on the same day is; a full date ("đến ngày 3/1/2017") is, whatever its cue.
    """
    out = []
    for a in atoms:
        if a.parts and None not in a.lo and None not in a.hi and a.lo[1:] == a.hi[1:] \
                and a.hi[0] - a.lo[0] >= _ANNIVERSARY_MIN_YEARS:
            # an anniversary span ("kỷ niệm 80 năm (2/9/1945-2/9/2025)"): its end is this year's day
            out.append((a.start, a.hi[0], True))
            continue
        if (a.parts and not a.end_at_published) or a.rel_year is not None or a.lo[0] is None or not a.ok:
            continue
        full = a.lo[2] is not None
        if not full and _TARGET_CUE.search(text_of(a.start)):
            continue
        out.append((a.start, a.lo[0], full))
    return out


def _year_at(sources: list[tuple[int, int, bool]], pos: int, sent_end: int | None = None) -> int | None:
    """The year a reader has in mind at ``pos``: the latest stated so far, else the article's full dates',
    else the first one stated after it in the same sentence (which ends at ``sent_end``)."""
    before = [y for p, y, _ in sources if p < pos]
    if before:
        return max(before)
    full = [y for _, y, is_full in sources if is_full]
    if full:
        return max(full)
    # "Chiều 29/5, ... kỳ họp giữa năm 2023": the year stated next in the same sentence
    # (a year of a later sentence may be another story's: "Hôm 19-5, ... Vụ việc năm 2015 ...")
    after = [y for p, y, _ in sources if pos < p < (sent_end if sent_end is not None else pos)]
    return after[0] if after else None


def _fmt(p: list) -> str:
    y = "XXXX" if p[0] is None else f"{p[0]:04d}"
    if p[1] is None:
        return y
    if p[2] is None:
        return f"{y}-{p[1]:02d}"
    return f"{y}-{p[1]:02d}-{p[2]:02d}"


def _fill(p: list, year: int | None, rel: int | None, published: dt.date | None) -> list:
    if p[0] is not None or (p[1] is None and rel is None):
        return p
    if rel is not None:
        return [None if year is None else year + rel] + p[1:]
    if published is not None and p[2] is not None and _valid(published.year, p[1], p[2]):
        cand = dt.date(published.year, p[1], p[2])
        if (cand - published).days > _FUTURE_DAYS:
            return [published.year - 1] + p[1:]
    elif published is not None and p[2] is None and p[1] - published.month > _FUTURE_DAYS // 30:
        return [published.year - 1] + p[1:]
    return [year] + p[1:]


def _kind(lo: list, hi: list) -> str:
    if lo != hi:
        return "range"
    return "date" if lo[2] is not None else "month" if lo[1] is not None else "year"


# furniture lines that carry the page's own time stamp ("Cập nhật ngày: 14/02/2019 - 07:21"): cut from the
# body for every stage, still read here for the year they tell
_STAMP_FURNITURE = ("furniture.line.posted",)


def _furniture_stamps(doc, text: str) -> list[_Atom]:
    out = []
    for s, e, rule in doc._.furniture or []:
        if rule not in _STAMP_FURNITURE:
            continue
        for m in _FULL_DATE.finditer(text, s, e):
            d, mo, y = (int(x) for x in m.groups())
            if _valid(y, mo, d):
                out.append(_Atom(m.start(), m.end(), "atom.page_stamp", [y, mo, d], [y, mo, d]))
    return out


def _stamp_date(stamps: list[_Atom], first: int | None) -> dt.date | None:
    """The date of the last time stamp before the first body date, if any."""
    before = sorted((a for a in stamps if first is not None and a.start < first), key=lambda a: a.start)
    if not before:
        return None
    y, m, d = before[-1].lo
    try:
        return dt.date(y, m, d)
    except (TypeError, ValueError):
        return None


class DatesStage(Stage):
    field = "dates"

    def match(self, doc) -> list[Match]:
        text = doc_text(doc)
        published: dt.date | None = doc._.published
        found: list[tuple[_Atom, tuple[int, int]]] = []
        stamps: list[_Atom] = _furniture_stamps(doc, text)
        # relative words ("hôm nay", "năm nay") wait for a date: the published one, or a page stamp's
        pending: list[tuple[_Atom, tuple[int, int]]] = []
        waiting: set[int] = set()
        for sent in sentences(doc):
            atoms = []
            for rid, reads, weak, pat in _ATOMS:
                for m in pat.finditer(sent.text):
                    a = _atom(rid, reads, weak, m, sent.start)
                    if isinstance(a, list):
                        atoms.extend(a)
                    elif a is not None:
                        atoms.append(a)
            atoms = _pick(atoms)
            for a in atoms:
                if a.weak:
                    a.ok = _judge_weak(a, sent.text, sent.start)
                if (a.rel_day is not None or a.rule == "atom.year_start") and published is None:
                    a.ok = False
                    waiting.add(id(a))  # dated later if a page stamp gives the article's date
            # "ngày 30/4 và 1/5": a bare day listed right after a date is a date too
            for k in range(1, len(atoms)):
                a, prev = atoms[k], atoms[k - 1]
                if a.weak and not a.ok and a.rule in ("atom.day_month", "atom.day_month_dash") and prev.ok \
                        and prev.lo[2] is not None and _LIST_GAP.fullmatch(text[prev.end:a.start]):
                    a.ok = True
                # "năm 2022 và 2023": a bare year listed right after a year is a year too
                if a.weak and not a.ok and a.rule == "atom.year_bare" and prev.ok and prev.lo[1] is None \
                        and prev.lo[0] is not None and prev.rel_year is None \
                        and _LIST_GAP.fullmatch(text[prev.end:a.start]) \
                        and not _QUANTITY.match(text[a.end:a.end + 30]):
                    a.ok = True
            # "hôm nay 22-2": the written date, not the relative word, is the item
            atoms = [a for k, a in enumerate(atoms)
                     if not (a.rel_day is not None and k + 1 < len(atoms) and atoms[k + 1].ok
                             and regex.fullmatch(r"\s*,?\s*\(?\s*", text[a.end:atoms[k + 1].start]))]
            for a in _combine(atoms, sent.text, sent.start):
                linked = _linked_headline(text, a.start, a.end)
                if id(a) in waiting and not linked:
                    pending.append((a, (sent.start, sent.end)))
                    continue
                if not a.ok and not a.parts:
                    continue
                if _dateline(text, a):
                    stamps.append(a)  # not a body date, but it tells the reader the year
                    continue
                if linked:
                    continue  # another page's headline and stamp: neither dates nor the article's year
                if a.rule in _REL_YEAR_IDS:
                    same = bool(_SAME_PERIOD.search(text[max(sent.start, a.start - 12):a.start]))
                    if published is None or same:
                        if published is None and not same:
                            pending.append((a, (sent.start, sent.end)))
                        continue
                found.append((a, (sent.start, sent.end)))

        sources = [] if published is not None else _year_sources(
            sorted([a for a, _ in found] + stamps, key=lambda a: a.start), lambda pos: text[max(0, pos - 25):pos])
        if published is None:
            # no published date, but the page's own time stamp stands above the body: it is the article's date
            # (a site header's date may stand above it: the stamp nearest the body is the article's)
            published = _stamp_date(stamps, min((a.start for a, _ in found + pending), default=None))
            if published is not None and pending:
                for a, _ in pending:
                    a.ok = True
                found = sorted(found + pending, key=lambda f: f[0].start)

        matches: list[Match] = []
        mentions: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        resolved: dict[tuple, int | None] = {}
        for a, sent in found:
            year = published.year if published is not None else _year_at(sources, a.start, sent[1])
            if a.rel_day is not None:
                day = published + dt.timedelta(days=a.rel_day)
                lo = hi = [day.year, day.month, day.day]
            elif a.lo[0] is None and a.rel_year is None and not a.parts and a.lo == a.hi and a.lo[1] is not None:
                # a yearless day or month said again is the one read first ("hôm 19-5" ... "ngày 19-5")
                key = tuple(a.lo[1:])
                lo = hi = _fill(list(a.lo), year, None, published) if key not in resolved else [resolved[key]] + a.lo[1:]
                resolved.setdefault(key, lo[0])
            else:
                lo = _fill(list(a.lo), year, a.rel_year, published)
                hi = _fill(list(a.hi), year, a.rel_year, published)
                if a.parts and lo[0] is not None and hi[0] is not None and lo[0] == hi[0] and not _before(lo, hi):
                    lo[0] -= 1
            if a.end_at_published:
                value = f"{_fmt(lo)}/{published.isoformat()}" if published else _fmt(lo)
                kind = "range" if published else _kind(lo, lo)
            else:
                kind = _kind(lo, hi)
                value = _fmt(lo) if kind != "range" else f"{_fmt(lo)}/{_fmt(hi)}"
            start, end = self._evidence(text, a, sent)
            mentions.append((start, end, value))
            if value in seen:
                continue
            seen.add(value)
            matches.append(Match(start, end, {"value": value}, f"dates.{a.rule}", sentence=sent,
                                 extra={"kind": kind}))
        doc.user_data["date_mentions"] = mentions
        return matches

    @staticmethod
    def _evidence(text: str, a: _Atom, sent: tuple[int, int]) -> tuple[int, int]:
        """The atom's span widened by the cue words a reader reads with it ("Sáng 9/9", "hôm 19-5")."""
        start, end = a.start, a.end
        m = _PREFIX.search(text[sent[0]:start])
        if m and m.group("from") and not a.parts:
            m = _PREFIX.search(text[sent[0]:start], m.end("from"))  # "từ" only opens a range
        if m:
            start = sent[0] + m.start()
        m = _SUFFIX.match(text[end:sent[1]])
        if m:
            end += m.end()
        return start, end
