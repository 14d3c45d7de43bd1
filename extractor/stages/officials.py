"""Officials: every named person acting in an official capacity, one item per person.

A person is found from one of three ways of writing (ids in rules/officials_cues.json):

* ``title_before``: a title and its organisation right before a full name
  ("Phó Giám đốc Sở Nội vụ Nguyễn Văn A", "Bí thư Đảng uỷ xã, Chủ tịch HĐND xã Nguyễn Văn B");
* ``name_apposition``: (ông/bà +) a full name, a comma or dash, then the title
  ("ông Nguyễn Văn A – Cục trưởng Cục X (Bộ Y) làm Trưởng đoàn");
* ``title_then_honorific``: a title, a comma, then ông/bà + name ("Phó Chủ tịch hãng X, ông A B").

A name is a capitalised run of 2-4 syllables that starts with a family name
(rules/officials_surnames.json) or, for foreign officials, of syllables that are
not Vietnamese.  Later short mentions ("bà Minh", "Thứ trưởng Tuấn") and bare
full names merge into the person whose name ends the same way: they add the
honorific and role they show, never a new person.  A name with an honorific but
no title anywhere in the article (a citizen quoted) is not an official.
The item's offsets cover the first full mention of the name; the title keeps the
fullest wording the article gives.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from .. import gazetteer, rules
from ..folding import fold, fold_ascii
from .base import Match, doc_text, Stage, sentences

_MAX_ORG_WORDS = 14
_MAX_TITLE_WORDS = 30


def _alt(patterns) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


def _load():
    titles = rules.load("titles", required=("id", "kind", "pattern"))
    mods = [e["pattern"] for e in titles["entries"] if e["kind"] == "modifier"]
    heads = [e for e in titles["entries"] if e["kind"] in ("title", "role")]
    for e in titles["entries"]:
        if e["kind"] not in ("modifier", "title", "role"):
            raise rules.RulesError(f"titles.json: {e['id']}: unknown kind {e['kind']!r}")
    mod = rf"(?:(?:{_alt(mods)})\s+)*"
    title_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({mod}(?:{_alt(e['pattern'] for e in heads)}))(?![\p{{L}}\p{{M}}])",
                             regex.IGNORECASE)
    role_heads = [(regex.compile(rf"(?:{e['pattern']})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE), e["value"])
                  for e in heads if e["kind"] == "role"]
    title_ids = [(regex.compile(rf"(?:{mod})(?:{e['pattern']})$", regex.IGNORECASE), e["id"]) for e in heads]

    hon = rules.load("honorifics", required=("id", "form", "pattern"))["entries"]
    hon_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({_alt(e['pattern'] for e in hon)})\s+$", regex.IGNORECASE)
    hon_forms = {fold(e["pattern"]): e["form"] for e in hon}

    sur = rules.load("officials_surnames", required=("id", "surname"))["entries"]
    surnames = {fold(e["surname"]) for e in sur}
    common = {fold(e["surname"]) for e in sur if e.get("common")}

    cues = rules.load("officials_cues", required=("id", "type", "pattern"))["entries"]
    by = lambda t: [e for e in cues if e["type"] == t]  # noqa: E731
    rule_ids = {e["id"] for e in by("rule")}
    missing = {"title_before", "name_apposition", "title_then_honorific"} - rule_ids
    if missing:
        raise rules.RulesError(f"officials_cues.json: no rule entries {sorted(missing)}")
    stop_re = regex.compile(rf"(?:{_alt(e['pattern'] for e in by('stop'))})(?![\p{{L}}\p{{M}}])", regex.IGNORECASE)
    roles = {where: [(regex.compile(e["pattern"], regex.IGNORECASE), e["value"], e["id"])
                     for e in by("role") if e.get("where") == where] for where in ("after", "before", "sentence_start")}
    # a role before a name must end right before it: anchored once here, not on every call
    roles["before"] = [(regex.compile(rf"(?:{e['pattern']})\s*$", regex.IGNORECASE), e["value"], e["id"])
                       for e in by("role") if e.get("where") == "before"]
    unit_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt(e['pattern'] for e in by('unit'))})\s+$", regex.IGNORECASE)
    middles = {fold(m) for e in by("middle") for m in e["pattern"].split("|")}
    historical = {}
    for e in rules.load("officials_historical", required=("id", "name", "died"))["entries"]:
        try:
            historical[fold(e["name"])] = dt.date.fromisoformat(e["died"])
        except ValueError as err:
            raise rules.RulesError(f"officials_historical.json: {e['id']}: died {e['died']!r}: {err}") from None
    clause_open = regex.compile(rf"^(?:(?:{_alt(e['pattern'] for e in by('clause_open'))})\s+)+", regex.IGNORECASE)
    return dict(title_re=title_re, role_heads=role_heads, title_ids=title_ids, hon_re=hon_re, hon_forms=hon_forms,
                surnames=surnames, common=common, rule_ids=rule_ids, stop_re=stop_re, roles=roles, unit_re=unit_re,
                middles=middles, clause_open=clause_open, historical=historical)


_R = _load()

# a capitalised word: "Nguyễn", "A", "McCaul", "Hang-seo"; not an acronym ("UBND")
_WORD = r"\p{Lu}(?:\p{Ll}[\p{Ll}\p{M}]*(?:\p{Lu}\p{Ll}[\p{Ll}\p{M}]*)?)?(?:[-'’]\p{L}[\p{Ll}\p{M}]*)*"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d])({_WORD})(?: (?:{_WORD}))*(?![\p{{L}}\p{{M}}\d])")
_TOKEN = regex.compile(_WORD)
# a Vietnamese syllable, read without diacritics
_VN_SYLLABLE = regex.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
                             r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$")
_HON_WORDS = {"ông", "bà"}
_LATE = regex.compile(r"(?<![\p{L}\p{M}])cố\s+$", regex.IGNORECASE)  # "cố Thủ tướng": the late ...
# ", Công nghệ và Môi trường": a comma inside an organisation named by a list of fields
_ORG_LIST = regex.compile(r",\s*(?:(?-i:\p{Lu})[\p{Ll}\p{M}]*(?:\s+[\p{Ll}\p{M}]+){0,3}\s*,\s*)*"
                          r"(?-i:\p{Lu})[\p{Ll}\p{M}]*(?:\s+[\p{Ll}\p{M}]+){0,3}\s+và\s+(?-i:\p{Lu})")
_OPEN_DELIMS = ",;:“”\"\n"


def _is_vn(token: str) -> bool:
    return bool(_VN_SYLLABLE.match(fold_ascii(token)))


def _province_names() -> frozenset[str]:
    """Folded names of provinces (today's and before 2025): a run equal to one is a place, not a person."""
    global _PROVINCES
    if _PROVINCES is None:
        _PROVINCES = frozenset(fold(unit.name) for unit in gazetteer.get().provinces())
    return _PROVINCES


_PROVINCES: frozenset[str] | None = None


@dataclass
class Mention:
    start: int
    end: int
    name: str
    full: bool
    honorific: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    role: str | None = None
    rule: str | None = None
    sentence: tuple[int, int] | None = None
    list_head: bool = False  # the title ends in "gồm": the names listed after it share it
    list_hon: bool = False  # the honorific is a plural's heading a list ("các ông: A ...; B ...")


@dataclass
class Person:
    first: Mention
    name: str
    honorific: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    role: str | None = None
    rule: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def _fuller(self, title: str) -> bool:
        """A later title replaces the one kept when it says more about the same post."""
        old, new = fold(self.title).split(), fold(title).split()
        head = _R["title_re"].match(self.title)
        return len(new) > len(old) and (head is None or fold(head.group(1)) in fold(title))

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.honorific and not self.honorific:
            self.honorific = m.honorific
        if m.title and (self.title is None or self._fuller(m.title)):
            self.title, self.title_span = m.title, m.title_span
        if m.role and not self.role:
            self.role = m.role
        if m.rule and not self.rule:
            self.rule = m.rule


# ------------------------------------------------------------------ names

def _split_run(tokens: list[tuple[str, int, int]], after_unit: bool) -> tuple[int, str] | None:
    """Where the personal name starts in a capitalised run, and its kind ("vn", "foreign", "short").

    A run may start with the end of an organisation or a place ("TP Hà Nội Nguyễn Văn A",
    "quận Hai Bà Trưng Lê Văn B"): among the positions where a name could start, a common
    family name, a middle name after it and a three-syllable name are the better cues; a
    province name is never split or taken as a name, and right after a unit word ("tỉnh",
    "xã") the run starts with the place.
    """
    n = len(tokens)
    words = [t[0] for t in tokens]
    folded = [fold(w) for w in words]
    provinces = _province_names()
    place_spans = [(a, b) for a in range(n) for b in range(a + 2, min(n, a + 4) + 1)
                   if " ".join(folded[a:b]) in provinces]

    def vn_name_at(i: int) -> bool:
        rest = n - i
        if not 2 <= rest <= 4 or not all(_is_vn(w) for w in words[i:]):
            return False
        if any(a <= i < b for a, b in place_spans):
            return False
        if folded[i] in _R["surnames"]:
            return True
        return rest >= 3 and folded[i + 1] in _R["middles"]  # an unlisted family name before Văn/Thị/...

    def score(i: int) -> tuple[int, int]:
        rest = n - i
        cue = 2 * (folded[i] in _R["common"]) + (rest >= 3 and folded[i + 1] in _R["middles"]) + (rest == 3)
        return cue, -i

    starts = [i for i in range(n) if vn_name_at(i)]
    if after_unit:
        # "tỉnh Đồng Nai": two syllables after a unit word are the place; "xã Nguyễn Thế Phong" may be a name
        later = [i for i in starts if i >= 1]
        starts = later or [i for i in starts if n - i >= 3]
    if starts:
        return max(starts, key=score), "vn"
    # foreign: the tail from the first non-Vietnamese word
    for i, w in enumerate(words):
        if not _is_vn(w):
            if 2 <= n - i <= 4:
                return i, "foreign"
            break
    if n == 1 or (n == 2 and folded[0] not in _R["surnames"]):
        return 0, "short"
    return None


def _runs(text: str, s: int, e: int):
    """(name_start, name_end, name, kind) for each capitalised run in text[s:e]."""
    for m in _RUN.finditer(text, s, e):
        tokens = [(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(text, m.start(), m.end())]
        # "Ông Nguyễn Văn A" at a sentence start: the honorific is not part of the name
        while tokens and fold(tokens[0][0]) in _HON_WORDS:
            tokens = tokens[1:]
        # "Đặng Văn A-Ủy viên Ban Thường vụ": a title glued to the name by a hyphen ends the name
        for k, (w, ws, _) in enumerate(tokens):
            cut = w.find("-")
            if cut > 0 and _R["title_re"].match(text, ws + cut + 1):
                tokens = tokens[:k] + [(w[:cut], ws, ws + cut)]
                break
        if not tokens:
            continue
        before = text[max(s, tokens[0][1] - 40):tokens[0][1]]
        after_unit = bool(_R["unit_re"].search(before))
        split = _split_run(tokens, after_unit)
        if split is None:
            continue
        i, kind = split
        yield tokens[i][1], tokens[-1][2], " ".join(t[0] for t in tokens[i:]), kind


# ------------------------------------------------------------------ titles

def _segment_start(text: str, lo: int, hi: int) -> int:
    """Start of the clause segment ending at ``hi``: after the last delimiter outside brackets."""
    depth = 0
    for i in range(hi - 1, lo - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and (ch in _OPEN_DELIMS or (ch == "." and (i + 1 >= hi or text[i + 1].isspace()))):
            return i + 1
    return lo


def _clean_between(between: str) -> bool:
    """The organisation between a title head and a name: short, and no verb of a clause."""
    words = between.split()
    if len(words) > _MAX_ORG_WORDS:
        return False
    for m in regex.finditer(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*", between):
        if _R["stop_re"].match(between, m.start()):
            return False
    return True


def _opening_bracket(text: str, lo: int, close: int) -> int | None:
    """The position of the "(" that the ")" at ``close`` closes, or None."""
    depth = 0
    for i in range(close, lo - 1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return None


def _title_before(text: str, lo: int, name_start: int) -> tuple[int, int, str] | None:
    """(start, end, title id) of a title written before the name, chained over commas."""
    end = name_start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end > lo and text[end - 1] == ")":
        # "Phó Chủ tịch UBND tỉnh (người được giao điều hành ...) Trần Văn A": an aside in brackets between
        # the title and the name is not the title
        opening = _opening_bracket(text, lo, end - 1)
        if opening is not None:
            end = opening
            while end > lo and text[end - 1].isspace():
                end -= 1
    seg = _segment_start(text, lo, end)
    heads = list(_R["title_re"].finditer(text, seg, end))
    if not heads:
        return None
    head = heads[-1]
    if not _clean_between(text[head.end():end]):
        return None
    start = head.start()
    # chain: "Bí thư Đảng uỷ xã, Chủ tịch HĐND xã" - earlier comma segments that are titles too
    while not text[seg:start].strip() and seg - 1 > lo and text[seg - 1] == ",":
        prev = _segment_start(text, lo, seg - 1)
        body = text[prev:seg - 1]
        lead = len(body) - len(body.lstrip())
        m = _R["title_re"].match(text, prev + lead, seg - 1)
        opened = False
        if not m:
            # "Cùng dự có Ủy viên Ban Chấp hành Trung ương Đảng, Phó Thủ tướng A": a short lead-in
            # ("cùng dự có", "tham dự có đồng chí") opens the first title of the chain
            m = _R["title_re"].search(text, prev + lead, seg - 1)
            opened = bool(m) and _lead_in(text, prev + lead, m.start())
        if not m or (not opened and m.start() != prev + lead) or not _clean_between(text[m.end():seg - 1]) \
                or _names_in(text, m.end(), seg - 1):
            break
        start, seg = m.start(), prev
        if opened:
            break
    return start, end, _title_id(head.group(1))


_LEAD_MAX_WORDS = 5


def _lead_in(text: str, s: int, e: int) -> bool:
    """Words before the first title of a chain that only introduce it: few, no name, no title."""
    lead = text[s:e]
    return 0 < len(lead.split()) <= _LEAD_MAX_WORDS and not _R["title_re"].search(lead) \
        and not _names_in(text, s, e)


def _names_in(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] holds a personal name (then a title before it is that person's)."""
    return any(kind in ("vn", "foreign") for _, _, _, kind in _runs(text, s, e))


def _title_id(head: str) -> str:
    for pat, tid in _R["title_ids"]:
        if pat.match(head):
            return tid
    return "title"


def _role_head(head: str) -> str | None:
    for pat, value in _R["role_heads"]:
        if pat.match(head.strip()):
            return value
    return None


# a person joined to the one named before: the title before them belongs to that one
_JOINED = regex.compile(r"(?:^|\s)(?:và|cùng|với|cùng với)$", regex.IGNORECASE)

_WORD_AT = regex.compile(r"[^\s,;:()“”\"!?]+")


def _title_after(text: str, pos: int, end: int) -> tuple[int, int, str | None, str | None] | None:
    """A title in apposition after a name: (start, end, role, next position) or None.

    ``pos`` is just after the separator.  The title runs until a clause delimiter, a
    verb of reporting, or a comma not followed by another title; brackets that name a
    place or an organisation are kept ("(Bộ Khoa học và Công nghệ)", "(huyện X)").
    """
    while pos < end and text[pos].isspace():
        pos += 1
    head = _R["title_re"].match(text, pos, end)
    if not head:
        return None
    role = None
    if _role_head(head.group(1)):
        return None
    start, p, last, words = pos, head.end(), head.end(), 0
    while p < end and words < _MAX_TITLE_WORDS:
        while p < end and text[p] in " \t":
            p += 1
        if p >= end:
            break
        ch = text[p]
        if ch == "(":
            close = text.find(")", p, end)
            inner = text[p + 1:close].strip() if close > 0 else ""
            if close > 0 and inner and (inner[0].isupper() or _R["unit_re"].search(inner.split(" ", 1)[0] + " ")):
                p = last = close + 1
                continue
            break
        if ch == ",":
            nxt = p + 1
            while nxt < end and text[nxt].isspace():
                nxt += 1
            h2 = _R["title_re"].match(text, nxt, end)
            if h2 and not _role_head(h2.group(1)):
                p = last = h2.end()
                continue
            if not h2 and _ORG_LIST.match(text, p, end) and fold(_WORD_AT.match(text, nxt, end).group()) \
                    not in _R["surnames"] | _HON_WORDS:
                p = nxt
                continue
            if h2:
                role = _role_head(h2.group(1))
            break
        if ch in ";:“”\"\n!?)" or (ch == "." and (p + 1 >= end or text[p + 1].isspace())):
            break
        if ch in "–—-" and (p + 1 < end and text[p + 1].isspace()):
            # a dash inside a title ("Ban Kinh tế - Ngân sách", "văn phòng - thống kê") continues it
            nxt = p + 1
            while nxt < end and text[nxt].isspace():
                nxt += 1
            if nxt < end and text[nxt].isalpha() and not _R["stop_re"].match(text, nxt):
                p = nxt
                continue
            break
        if text[p].islower() and _R["stop_re"].match(text, p):
            break
        w = _WORD_AT.match(text, p, end)
        if not w:
            break
        p = last = w.end()
        words += 1
    while last > start and text[last - 1] in " ,.–-":
        last -= 1
    return start, last, role, last


_ROLE_GAP = regex.compile(r"\s*[,–-]?\s*")
# between a name and a title in apposition: a comma or a dash; a hyphen with no space only before a capital
_APPOSITION_SEP = regex.compile(r"\s*(?:,|–|—|-(?=\s))\s*|-(?=\p{Lu})")


def _role_after(text: str, pos: int, end: int) -> str | None:
    m = _ROLE_GAP.match(text, pos, end)
    p = m.end() if m else pos
    for pat, value, _ in _R["roles"]["after"]:
        if pat.match(text, p, end):
            return value
    return None


def _role_before(text: str, lo: int, pos: int) -> str | None:
    left = text[max(lo, pos - 60):pos]
    for pat, value, _ in _R["roles"]["before"]:  # anchored at the end on load
        if pat.search(left):
            return value
    return None


def _role_sentence_open(sentence: str) -> str | None:
    for pat, value, _ in _R["roles"]["sentence_start"]:
        if pat.match(sentence):
            return value
    return None


# ------------------------------------------------------------------ the stage

def find_mentions(text: str, spans: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for s, e in spans:
        first_in_sentence = True
        opener = _role_sentence_open(text[s:e])
        claimed = s  # the end of the last title in apposition: the words in it are not names
        for ns, ne, name, kind in _runs(text, s, e):
            if ns < claimed:
                continue
            left = text[s:ns]
            hon_m = _R["hon_re"].search(left)
            honorific = _R["hon_forms"].get(fold(hon_m.group(1))) if hon_m else None
            # "các ông: A – Chủ tịch ...; B – ...": a plural honorific heading a list is each listed name's
            plural_hon = None if hon_m else _PLURAL_HON.search(left)
            if plural_hon:
                honorific = _R["hon_forms"].get(fold(plural_hon.group(1)))
            title_lo = s + hon_m.start() if hon_m else ns
            m = Mention(ns, ne, name, kind != "short", honorific=honorific, sentence=(s, e),
                        list_hon=bool(plural_hon))
            title = None
            listed = False
            if not hon_m:
                t = _title_before(text, s, ns) or _list_title(text, s, ns)
                if t and _is_rank(text[t[0]:t[1]]):
                    # "Phó Chủ tịch Quốc hội: Thượng tướng A, B, C": the rank is not the post the list shares
                    lt = _list_title(text, s, t[0])
                    if lt:
                        t, listed = lt, True
                # a short mention takes only a bare title right before it ("Thứ trưởng Tuấn")
                if t and (kind != "short" or _R["title_re"].fullmatch(text[t[0]:t[1]].strip())):
                    title, m.rule = t, "title_before"
            else:
                # "Phó Chủ tịch hãng X, ông A B": the title is the segment before the comma
                # "Chủ tịch UBND xã ông A B" (no comma) reads the same
                pre = text[s:title_lo].rstrip()
                comma = s + len(pre) - (1 if pre.endswith(",") else 0)
                t = _title_before(text, s, comma) if kind != "short" else None
                if _JOINED.search(pre):  # "Bí thư X Lò Văn A và ông B": that title is A's, not B's
                    t = None
                seg = _segment_start(text, s, comma)
                if t and (not pre.endswith(",") or not text[seg:t[0]].strip()):
                    title, m.rule = t, "title_then_honorific"
            role = None
            after = ne
            sep = _APPOSITION_SEP.match(text, ne, e)
            if sep and kind != "short":
                t2 = _title_after(text, sep.end(), e)
                if t2:
                    ts, te, role, after = t2
                    claimed = te
                    if title is None or (te - ts) > (title[1] - title[0]):
                        title, m.rule = (ts, te, "apposition"), "name_apposition"
                else:
                    # "bà A, trưởng đoàn công tác": a role in apposition
                    h = _R["title_re"].match(text, sep.end(), e)
                    if h and _role_head(h.group(1)):
                        role, m.rule = _role_head(h.group(1)), "name_apposition"
            if title:
                m.title = text[title[0]:title[1]].strip(" ,")
                m.title_span = (title[0], title[1])
                m.list_head = m.list_head or listed or text[title[1]:ns].strip() == ":" \
                    or bool(_PLURAL_BEFORE.search(text, s, title[0]))
                g = _LIST_HEAD.search(m.title)
                if g and g.start() > 0:  # "Tổ đại biểu HĐND huyện gồm ông A, ông B": the title is before "gồm"
                    m.title, m.list_head = m.title[:g.start()], True
                    m.title_span = (title[0], title[0] + len(m.title))
                if _role_head(m.title) and not regex.search(r"[,]", m.title):
                    role, m.title, m.title_span = _role_head(m.title), None, None
            role = role or _role_after(text, after, e) or _role_before(text, s, m.title_span[0] if m.title_span
                                                                      else title_lo)
            if role is None and opener and first_in_sentence and (m.title or m.honorific):
                role = opener
            m.role = role
            if m.title or m.honorific or m.role or kind != "short":
                out.append(m)
            if m.title or m.honorific:
                first_in_sentence = False
    _share_titles(text, out)
    return out


_LIST_HEAD = regex.compile(r"\s+(?:bao\s+)?gồm(?:\s+có)?$", regex.IGNORECASE)
# "ông A và ông B, ...", "gồm ông A, ông B": names listed with an honorific each
_HON_LIST_GAP = regex.compile(r"\s*(?:,|và|cùng)\s*(?:ông|bà)\s+", regex.IGNORECASE)


_PLURAL = regex.compile(r"(?:^|(?<=[\s(]))(?:các|những)\s+", regex.IGNORECASE)
_PLURAL_HON = regex.compile(r"(?<![\p{L}\p{M}])(?:các|những)\s+(ông|bà)\s*:\s*$", regex.IGNORECASE)
_COMRADE = regex.compile(r"(?:đồng chí|vị)\s+", regex.IGNORECASE)
# "các Phó Chủ tịch HĐND tỉnh A, B": a plural right before a title makes it every listed name's
_PLURAL_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:các|những)\s+(?:(?:đồng chí|vị)\s+)?$", regex.IGNORECASE)


def _is_rank(title: str) -> bool:
    """A military or police rank alone ("Thượng tướng", "Đại tá"): not a post."""
    head = _R["title_re"].fullmatch(title.strip())
    return bool(head) and _title_id(head.group(1)).startswith("title.rank_")
_LIST_GAP = regex.compile(r"\s*(?:,|và|cùng)\s*(?:(?:ông|bà)\s+)?", regex.IGNORECASE)


def _list_title(text: str, lo: int, name_start: int) -> tuple[int, int, str] | None:
    """"các Đại biểu Quốc hội: A, B, C": a plural title before a colon heads the list of names after it.

    The plural may open a chain of titles ("Các đồng chí Ủy viên Trung ương Đảng, Phó Chủ tịch Quốc hội: A, B").
    """
    end = name_start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo or text[end - 1] != ":":
        return None
    colon = end - 1
    seg = _segment_start(text, lo, colon)
    plural = None
    for plural in _PLURAL.finditer(text, seg, colon):
        pass
    while plural is None and seg - 1 > lo and text[seg - 1] == ",":
        lead = len(text[seg:colon]) - len(text[seg:colon].lstrip())
        if not _R["title_re"].match(text, seg + lead, colon):
            return None
        prev = _segment_start(text, lo, seg - 1)
        for plural in _PLURAL.finditer(text, prev, seg - 1):
            pass
        seg = prev
    if plural is None:
        return None
    p = plural.end()
    comrade = _COMRADE.match(text, p, colon)
    head = _R["title_re"].match(text, comrade.end() if comrade else p, colon)
    if not head or _role_head(head.group(1)) or not _clean_between(text[head.end():colon]) \
            or _names_in(text, head.end(), colon):
        return None
    return head.start(), colon, _title_id(head.group(1))


def _share_titles(text: str, out: list[Mention]) -> None:
    """One title for a list of honorific names: "ông A và ông B, đại biểu HĐND huyện" (the title after
    the last name is every listed name's) and "Tổ đại biểu HĐND huyện gồm ông A, ông B" (the title
    before "gồm" is every listed name's)."""
    def joined(a: Mention, b: Mention) -> bool:
        return a.sentence == b.sentence and a.full and b.full and bool(a.honorific and b.honorific) \
            and bool(_HON_LIST_GAP.fullmatch(text, a.end, b.start))

    def give(src: Mention, dst: Mention) -> None:
        dst.title, dst.title_span, dst.rule, dst.list_head = src.title, src.title_span, src.rule, src.list_head

    for a, b in zip(out, out[1:]):
        if a.list_hon and b.honorific is None and a.sentence == b.sentence and a.full and b.full \
                and text[a.end:b.start].rstrip()[-1:] in (";", ","):
            b.honorific, b.list_hon = a.honorific, True
    for a, b in zip(out, out[1:]):
        if a.title and a.list_head and b.title is None and a.sentence == b.sentence and a.full and b.full \
                and _LIST_GAP.fullmatch(text, a.end, b.start):
            give(a, b)
    for a, b in reversed(list(zip(out, out[1:]))):
        if a.title is None and b.title and b.rule == "name_apposition" and joined(a, b):
            give(b, a)


def merge(mentions: list[Mention]) -> list[Person]:
    """One person per full name; short and bare mentions join the person they name."""
    persons: dict[str, Person] = {}
    for m in mentions:
        if m.full and (m.title or m.role):
            key = fold(m.name)
            if key not in persons:
                persons[key] = Person(first=m, name=m.name)
    # earlier full mentions with only an honorific (the title comes later) still give the offsets
    for m in mentions:
        if m.full and fold(m.name) in persons:
            p = persons[fold(m.name)]
            if m.start < p.first.start:
                p.first = m
    for m in mentions:
        key = fold(m.name)
        if m.full:
            if key in persons:
                persons[key].add(m)
            continue
        short = key.split()
        hits = [p for k, p in persons.items() if k.split()[-len(short):] == short]
        if len(hits) == 1 and (m.title or m.honorific):
            hits[0].add(m)
    return sorted(persons.values(), key=lambda p: p.first.start)


def _remembered(p: Person, text: str, published: dt.date | None, latest: dt.date | None = None) -> bool:
    """A leader named in remembrance: dead before the article (before its published date, or, without
    one, before the latest day or month it reports), or a title after 'cố' (the late)."""
    died = _R["historical"].get(fold(p.name))
    if died is not None and (published > died if published else latest > died if latest else died.year < 2000):
        return True
    return any(m.title_span and _LATE.search(text[max(0, m.title_span[0] - 8):m.title_span[0]])
               for m in p.mentions + [p.first])


def _latest_reported(doc) -> dt.date | None:
    """The latest day (or the first day of the latest month) of the dates the article reports, ranges
    aside (a plan's end is no event): where there is no published date, the article is at least that late."""
    latest = None
    for _, _, value in doc.user_data.get("date_mentions") or []:
        parts = value.split("-")
        if "/" in value or not parts[0].isdigit() or len(parts) < 2:
            continue
        try:
            day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            continue
        latest = day if latest is None or day > latest else latest
    return latest


class OfficialsStage(Stage):
    field = "officials"

    def match(self, doc) -> list[Match]:
        text = doc_text(doc)
        spans = [(s.start, s.end) for s in sentences(doc)]
        published = doc._.published
        latest = None if published else _latest_reported(doc)
        out = []
        for p in merge(find_mentions(text, spans)):
            if _remembered(p, text, published, latest):
                continue
            attrs = {"name": p.name, "honorific": p.honorific, "title": p.title, "role": p.role}
            if p.title_span:
                attrs["title_start"], attrs["title_end"] = p.title_span
            out.append(Match(p.first.start, p.first.end, attrs, rule=f"officials.{p.rule or 'title_before'}",
                             sentence=p.first.sentence))
        return out
