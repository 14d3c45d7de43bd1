"""Places: every distinct named administrative unit of the body (GOLD_FORMAT.md "places").

How a place is found, in the order the passes run:

1. **Unit word + name** ("xã Đại Phước", "TP.HCM", "Q.1", "Huyện Lục Yên"): the
   unit word (rules/places_units.json) gives the level, the capitalised words
   after it the name, resolved against the gazetteer at that level.  A list
   after one unit word shares it ("phường Vũng Tàu và Rạch Dừa", "các xã A, B").
   "thành phố"/"TP" is a province for a centrally-run city, a district for a
   city under a province, and "other" abroad.
2. **Bare names** of provinces, their aliases (rules/places_aliases.json),
   countries and cities abroad (rules/places_countries.json, places_foreign.json),
   as whole capitalised words that are not part of a longer proper name
   ("Thái Bình Dương" is no province, "Nguyễn Thị Nga" no country).
3. **Bare district/commune names** only where the text ties them to places
   already found: a dash chain with a known place ("TP.HCM - Long Thành - Dầu
   Giây"), or a district name the gazetteer places in a province the article names.

A unit named by many provinces is resolved by the provinces (and districts)
the article names, the nearest before it first; the article's date chooses
between the units before and after the 2025 reform.  One Match per distinct
(level, name); every mention goes to ``doc.user_data["place_mentions"]`` as
(start, end, name, level) for the linking stage.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import gazetteer
from ..folding import fold
from ..rules import load as load_rules
from .base import Match, doc_text, line_of, Stage, sentences

REFORM = dt.date(2025, 7, 1)  # the two-level local government took effect

_SYL = r"(?:\p{Lu}[\p{Ll}\p{M}']*(?:['’]\p{Lu}?[\p{Ll}\p{M}]+)?|\d{1,3}[A-Z]?)"
# capitalised syllables joined by a space (crawls may write two or three), or by a dash inside a compound name
_NAME = regex.compile(_SYL + r"(?:(?:[ \u00a0]{1,3}|\s?[-–]\s?)" + _SYL + r")*")
_DASH = regex.compile(r"\s?[-–]\s?")
_NAME_SEP = regex.compile(r"(?:[ \u00a0]{1,3}|\s?[-–]\s?)")  # between the syllables of a _NAME
_WORD = regex.compile(r"\S+")
_LATIN_WORD = regex.compile(r"[A-Z][a-z'’\-]+")
_FOREIGN_NAME = regex.compile(r"[A-Z][a-z'’]+(?:[ \-](?:(?:de|da|do|del|la|el|al|von|van|le|du)[ \-])?[A-Z][a-z'’]+)*"
                              r"(?![\p{L}\p{M}])")
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
_VIET_MARKS = regex.compile(r"[À-ỹĐđ]")
# a Vietnamese syllable written without marks: onset, vowels, coda ("Tho", "Cai", "Long")
_VIET_SYLLABLE = regex.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                               r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?", regex.IGNORECASE)


def _looks_vietnamese(word: str) -> bool:
    """A syllable Vietnamese could write ("Tho", "Hồng"); "Airlines", "Fergus", "Surabaya" are not."""
    return bool(_VIET_MARKS.search(word)) or bool(_VIET_SYLLABLE.fullmatch(word))


def _cues() -> dict[str, list[str]]:
    return {e["id"]: e["words"] for e in load_rules("places_cues", required=("id", "words"))["entries"]}


@dataclass
class Hit:
    start: int
    end: int
    level: str
    name: str
    province: str | None
    code: str | None
    rule: str
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _lexicon():
    """Compiled look-ups: unit words, bare names (provinces, aliases, countries, foreign cities)."""
    gaz = gazetteer.get()
    cues = _cues()
    never = {fold(w) for w in cues["bare_never"]}
    units = load_rules("places_units", required=("id", "forms", "level"))["entries"]
    unit_of_form = {}
    for e in units:
        for f in e["forms"]:
            unit_of_form[f] = e
    unit_re = regex.compile(
        r"(?<![\p{L}\p{M}\d.])(" + "|".join(regex.escape(f) for f in sorted(unit_of_form, key=len, reverse=True))
        + r")(?=[\s.\d\p{Lu}:])")
    bare: dict[str, tuple] = {}  # surface form -> (level, name, unit-for-code, rule, entry)
    for u in gaz.provinces():
        if fold(u.name) not in never:
            bare.setdefault(u.name, ("province", u.name, u.name, "province_bare", {}))
    for e in load_rules("places_aliases", required=("id", "forms", "level", "name", "unit"))["entries"]:
        if e.get("bare"):
            for f in e["forms"]:
                bare[f] = ("province", e["name"], e["unit"], "alias_" + e["id"], e)
    for e in load_rules("places_countries", required=("id", "name", "forms"))["entries"]:
        for f in e["forms"]:
            bare[f] = ("country", e["name"], None, e["id"], e)
    for e in load_rules("places_foreign", required=("id", "name", "forms"))["entries"]:
        for f in e["forms"]:
            bare.setdefault(f, ("other", e["name"], None, e["id"], e))
    bare_re = regex.compile(
        r"(?<![\p{L}\p{M}\d])(" + "|".join(regex.escape(f) for f in sorted(bare, key=len, reverse=True))
        + r")(?![\p{L}\p{M}\d])")
    foreign = {}
    for name in ("places_countries", "places_foreign"):
        for e in load_rules(name)["entries"]:
            for f in e["forms"]:
                foreign[fold(f)] = ("country" if name == "places_countries" else "other", e["name"])
    return {
        "unit_re": unit_re, "unit_of_form": unit_of_form, "bare": bare, "bare_re": bare_re,
        "never": never, "not_names": set(cues["not_names"]), "country_cue": cues["country_cue"],
        "surnames": set(cues["surnames"]), "person_before": set(cues["person_before"]),
        "continent": set(cues["continent"]), "language_before": set(cues["language_before"]),
        "foreign": foreign, "street_before": set(cues["street_before"]),
    }


def _foreign_name(name: str, text: str, end: int) -> bool:
    """A name in Latin letters that Vietnamese would not write, not followed by more capitalised words."""
    words = regex.findall(r"[A-Za-z'’]+", name)
    if not words or all(_looks_vietnamese(w) for w in words if w[0].isupper()):
        return False
    return not _is_cap_word(_next_word(text, end))


def _is_cap_word(w: str) -> bool:
    return bool(w) and w[0].isupper() and not w.isupper()


_WORD_BEFORE = regex.compile(r"(?r)[\p{L}\p{M}\d]+$")
_INITIALS_LINE = regex.compile(r"\s*\p{Lu}{1,2}\.\s*\p{Lu}{1,3}\.?\s*")
# after a listed name: the next item, the end of the list, or its parent unit in brackets
_LIST_NEXT = regex.compile(r"\s*(?:[,;().]|$|(?:và|hoặc)\s)")


# "các xã, phường" / "các phường" right before a unit word: a list of units follows
_PLURAL_BEFORE = regex.compile(r"(?r)(?<![\p{L}\p{M}])các\s+(?:[\p{Ll}\p{M}]+(?:\s+[\p{Ll}\p{M}]+)?\s*,\s*)*$",
                               regex.IGNORECASE)


def _prev_word(text: str, pos: int) -> tuple[str, int]:
    """The word right before ``pos`` (only spaces between), or ("", -1)."""
    j = pos
    while j > 0 and text[j - 1] in " \u00a0":
        j -= 1
    if j == pos and pos > 0:
        return "", -1
    m = _WORD_BEFORE.search(text, 0, j)  # searched backwards from j: not a scan of the whole prefix
    return (m.group(0), m.start()) if m else ("", -1)


_NEXT_WORD = regex.compile(r"[ \u00a0]+([\p{L}\p{M}\d]+)")
_ALNUM = regex.compile(r"[\p{L}\p{M}\d]")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)  # (at pos: no copy of the rest of the text)
    return m.group(1) if m else ""


def _sentence_initial(text: str, pos: int) -> bool:
    """Nothing but opening punctuation between the sentence (or line) start and ``pos``."""
    k = text.rfind("\n", 0, pos)
    if not _ALNUM.search(text, k + 1, pos):
        return True
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j > 0 and text[j - 1] in ':;"“(-–'


class Resolver:
    """Resolves names to units with the article's context (provinces and districts named, date)."""

    def __init__(self, published: dt.date | None):
        self.gaz = gazetteer.get()
        self.new_era = published is not None and published >= REFORM
        self.provinces: list[tuple[int, str]] = []  # (position, province name) as named in the text
        self.districts: list[tuple[int, str, str]] = []  # (position, district name, province)

    def _context_score(self, province: str | None, district: str | None, pos: int) -> float:
        score = 0.0
        if province:
            fp = self._key(province)
            near = [p for p, n in self.provinces if self._key(n) == fp]
            if near:
                score += 2 + (0.5 if any(p <= pos for p in near) else 0)
        if district:
            fd = fold(district)
            if any(fold(n) == fd for _, n, _ in self.districts):
                score += 3
        return score

    def _key(self, province: str) -> str:
        entry = self.gaz.alias(province)
        return fold(entry["unit"]) if entry is not None else fold(province)

    def pick(self, candidates: list, pos: int, kinds: frozenset[str] = frozenset()):
        """The candidate the context names; then one of the kind the unit word says ("TX. Tân Uyên" is the
        thị xã, not the huyện of that name elsewhere); then one of the article's era."""
        def key(u):
            era = 1 if (u.era == "current") == self.new_era else 0
            return (self._context_score(u.province, u.district, pos), 1 if u.kind.lower() in kinds else 0, era)
        return max(candidates, key=key) if candidates else None

    def as_written(self, province: str | None) -> str | None:
        """The article's own name for a province the data names otherwise (Thừa Thiên Huế for Huế)."""
        if not province:
            return province
        for _, name in self.provinces:
            entry = self.gaz.alias(name)
            if entry is not None and fold(entry["unit"]) == fold(province):
                return entry["name"]
        return province

    def districts_province(self) -> str | None:
        """The province of the article's districts, when it names no province and they all lie in one."""
        if self.provinces:
            return None
        areas = {self._key(prov): prov for _, _, prov in self.districts if prov}
        return next(iter(areas.values())) if len(areas) == 1 else None

    def context_province(self, pos: int) -> str | None:
        before = [n for p, n in self.provinces if p <= pos]
        if before:
            return before[-1]
        return self.provinces[0][1] if self.provinces else None

    def province(self, name: str) -> tuple[str, str, str | None] | None:
        """(canonical name, province, code today) of a province called ``name``, or None."""
        entry = self.gaz.alias(name)
        if entry is not None:
            return entry["name"], entry["name"], self.gaz.province_code(entry["unit"])
        found = self.gaz.lookup("province", name)
        if not found:
            return None
        u = found[0]
        return u.name, u.name, self.gaz.province_code(u.name)

    def district(self, name: str, pos: int, prefer_kind: str | None = None, kinds: frozenset[str] = frozenset()):
        found = self.gaz.lookup("district", name)
        if prefer_kind:
            kinded = [u for u in found if u.kind.lower() == prefer_kind]
            found = kinded or found
        u = self.pick(found, pos, kinds)
        if u is None:
            return None
        return u.name, self.as_written(u.province), None

    def commune(self, name: str, pos: int):
        u = self.pick(self.gaz.lookup("commune", name), pos)
        if u is None:
            return None
        area = self.districts_province() if self._context_score(u.province, u.district, pos) == 0 else None
        if area and self._key(area) != self._key(u.province or ""):
            # no unit of that name lies in the only province the article's districts are in ("thành phố
            # Tuy Hòa ... xã Bình Ngọc", a commune the data lacks): a reader places it there, not in a
            # namesake's far away
            return u.name, area, None
        if u.era == "current":
            return u.name, u.province, u.code
        return u.name, self.as_written(u.province), self.gaz.commune_code(u.name, u.province)


# the kinds of district a unit word names (a thị xã may since have become a thành phố)
_DISTRICT_KINDS = {"thi_xa": frozenset({"thị xã", "thành phố"}), "tx_abbrev": frozenset({"thị xã", "thành phố"}),
                   "huyen": frozenset({"huyện"}), "huyen_dao": frozenset({"huyện"}), "h_abbrev": frozenset({"huyện"}),
                   "quan": frozenset({"quận"}), "q_abbrev": frozenset({"quận"})}


class _Taken(list):
    """The spans already taken by a place, with a mask of their characters."""

    def __init__(self, spans, length: int):
        super().__init__()
        self.covered = bytearray(length + 1)
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        self.append((a, b))
        self.covered[a:b] = b"\x01" * (b - a)


class PlacesStage(Stage):
    field = "places"

    def match(self, doc) -> list[Match]:
        lex = _lexicon()
        text = doc_text(doc)
        body = sentences(doc)
        res = Resolver(doc._.published)
        hits: list[Hit] = []

        # pass 1: bare provinces, aliases, countries, foreign cities
        for s in body:
            for m in lex["bare_re"].finditer(s.text):
                hit = self._bare(s.text, m, lex, res)
                if hit:
                    hit.start += s.start
                    hit.end += s.start
                    hits.append(hit)
        for h in hits:
            if h.level == "province":
                res.provinces.append((h.start, h.name))

        # pass 2: unit word + name (and the lists that share the unit word)
        unit_hits: list[Hit] = []
        for s in body:
            for m in lex["unit_re"].finditer(s.text):
                unit_hits.extend(self._unit(s.text, s.start, m, lex, res))
        for h in unit_hits:
            if h.level == "province":
                res.provinces.append((h.start, h.name))
            elif h.level == "district":
                res.districts.append((h.start, h.name, h.province or ""))
        res.provinces.sort()
        # resolve the lower levels again now that every province and district is known
        for h in unit_hits:
            if h.level in ("district", "commune") and h.extra.get("resolved"):
                again = res.district(h.extra["lookup"], h.start, kinds=h.extra.get("kinds", frozenset())) \
                    if h.level == "district" else res.commune(h.extra["lookup"], h.start)
                if again:
                    name, h.province, h.code = again
                    if "gazetteer_name" not in h.extra:
                        h.name = name
        area = res.districts_province()
        if area:
            for h in unit_hits:
                if h.level == "commune" and h.province is None and h.rule == "unit_unknown":
                    h.province = area  # "xã Nhật Tựu (huyện Kim Bảng)": the only districts' province
        covered = [(h.start, h.end) for h in unit_hits]
        hits = [h for h in hits if not any(a <= h.start < b or a < h.end <= b for a, b in covered)] + unit_hits

        # pass 3: bare district/commune names tied to known places
        hits.extend(self._tied(doc, body, hits, lex, res))
        hits.sort(key=lambda h: (h.start, -h.end))

        # repeats of known lower units without their unit word, for linking
        mentions = [(h.start, h.end, h.name, h.level) for h in hits]
        mentions.extend(self._repeats(body, hits))
        doc.user_data["place_mentions"] = sorted(set(mentions))

        out: list[Match] = []
        seen: set[tuple[str, str]] = set()
        for h in hits:
            key = (h.level, fold(h.name))
            if key in seen:
                continue
            seen.add(key)
            attrs = {"level": h.level, "name": h.name, "province": h.province, "code": h.code}
            if h.level in ("province", "district", "commune") and h.province:
                today = res.gaz.current_province_of(h.province)
                if today and fold(today) != fold(h.province):
                    attrs["successor"] = today
            for k in ("written_level",):
                if k in h.extra:
                    attrs[k] = h.extra[k]
            out.append(Match(h.start, h.end, attrs, "places." + h.rule))
        return out

    # ------------------------------------------------------------ pass 1
    def _bare(self, text: str, m, lex, res: Resolver) -> Hit | None:
        form = m.group(1)
        level, name, unit, rule, entry = lex["bare"][form]
        prev, prev_pos = _prev_word(text, m.start())
        nxt = _next_word(text, m.end())
        if _is_cap_word(nxt) and _looks_vietnamese(nxt):
            return None  # part of a longer proper name ("Thái Bình Dương")
        if _is_cap_word(prev) and not _sentence_initial(text, prev_pos):
            before_prev, _ = _prev_word(text, prev_pos)
            if before_prev not in lex["continent"]:
                return None  # "Nguyễn Thị Nga", "Olympic ..."; but "châu Phi Guinea"
        if prev in lex["person_before"] or text[max(0, m.start() - 12):m.start()].rstrip().endswith(
                tuple(w for w in lex["person_before"] if " " in w)):
            return None  # "bà Nga"
        if (prev in lex["street_before"] or text[max(0, m.start() - 8):m.start()].rstrip().endswith(
                tuple(w for w in lex["street_before"] if " " in w))) and not regex.match(r"\s?[-–]\s?\p{Lu}", text[m.end():]):
            return None  # "phố Huế", "đường Hà Nội" are streets
        if level == "country" and prev in lex["language_before"]:
            return None  # "tiếng Anh" is a language
        if level == "country" and m.start() >= 2 and text[m.start() - 1] == "." and text[m.start() - 2].isalnum():
            return None  # "VOV.VN": the end of a web address or an outlet's name, not the country
        if nxt and fold(nxt) in {fold(w) for w in entry.get("reject_next", [])}:
            return None
        if entry.get("cue_only"):
            before = text[max(0, m.start() - 20):m.start()].rstrip()
            if not any(before.endswith(c) for c in lex["country_cue"]):
                return None
        if level == "province":
            if unit is not None and unit != name:  # an alias
                return Hit(m.start(), m.end(), level, name, name, res.gaz.province_code(unit), rule)
            return Hit(m.start(), m.end(), level, name, name, res.gaz.province_code(name), rule)
        return Hit(m.start(), m.end(), level, name, None, None, rule)

    # ------------------------------------------------------------ pass 2
    def _unit(self, text: str, offset: int, m, lex, res: Resolver) -> list[Hit]:
        form = m.group(1)
        entry = lex["unit_of_form"][form]
        pos = m.end()
        if pos < len(text) and text[pos] == ":":
            # "các xã, phường: 1, 2, Phú Lâm": a colon opens the list only after a plural "các ..."
            if not _PLURAL_BEFORE.search(text, 0, m.start()):
                return []
            pos += 1
        if form[-1] != "." and (pos >= len(text) or text[pos] not in " \u00a0"):
            # a unit word needs a space before its name ("TPHCM" is an alias, found bare)
            return []
        while pos < len(text) and text[pos] in " \u00a0":
            pos += 1
        first = self._resolve_after(text, offset, pos, entry, lex, res, form)
        if first is None:
            return []
        if entry.get("abbrev") and _INITIALS_LINE.fullmatch(text, *line_of(text, m.start(), m.end())):
            return []  # "P.V", "Q.A" alone on a line: a byline's initials (phóng viên), not a unit
        if form[-1] == "." and pos == m.end() and first.end - offset - pos == 1 and text[pos].isupper():
            return []  # "P.V" glued to one capital, anywhere ("Ảnh: P.V", "P.V 19/05/2023"): initials, not Phường V
        first.start = m.start() + offset
        hits = [first]
        # a list after one unit word: "xã A, B và C"
        end = first.end - offset
        joiner = regex.compile(r"(?:\s*,\s*|\s+(?:và|cùng|hoặc)\s+)")
        while True:
            j = joiner.match(text, end)
            if not j:
                break
            nxt = self._resolve_after(text, offset, j.end(), entry, lex, res, form, continuation=True)
            if nxt is None:
                break
            hits.append(nxt)
            end = nxt.end - offset
        return hits

    def _resolve_after(self, text, offset, pos, entry, lex, res: Resolver, form, continuation=False) -> Hit | None:
        level = entry["level"]
        abs_pos = offset + pos
        # foreign names first after thành phố / thủ đô / tỉnh ("TP Rio de Janeiro")
        fm = _FOREIGN_NAME.match(text, pos)
        nm = _NAME.match(text, pos)
        if nm is None and fm is None:
            return None
        words = _NAME_SEP.split(nm.group(0)) if nm else []
        seps = [mm.end() for mm in _NAME_SEP.finditer(nm.group(0))] if nm else []
        # longest prefix of the capitalised words that the gazetteer knows at this level
        for k in range(min(len(words), 6), 0, -1):
            if k < len(words):
                cand = nm.group(0)[: seps[k - 1]].rstrip(" -–\u00a0")
            else:
                cand = nm.group(0)
            if k == 1 and words[0] in lex["not_names"]:
                break
            hit = self._resolve_name(cand, level, abs_pos, entry, lex, res, continuation)
            if hit is not None:
                hit.end = abs_pos + len(cand)
                if hit.level in ("district", "commune") and fold(hit.name) != fold(cand):
                    hit.extra["gazetteer_name"] = hit.name
                    hit.name = regex.sub(r"\s*[-–]\s*", " - ", cand)  # as written: a misspelling stays one
                return hit
        if continuation:
            # a listed unit the data lacks ("các xã: Tân Bình Đông, Hòa Lạc Thượng"): a Vietnamese name of 2-4
            # capitalised syllables that ends the list or is followed by the next item; not a district or a
            # province, which name the unit's parent ("Phường 1, Đà Lạt")
            if nm is None or level not in ("commune", "district") or not 2 <= len(words) <= 4 \
                    or words[0] in lex["not_names"] or words[0] in lex["surnames"] \
                    or not all(_looks_vietnamese(w) for w in words) or res.province(nm.group(0)) \
                    or res.gaz.lookup("district", nm.group(0), tolerant=False) \
                    or not _LIST_NEXT.match(text, nm.end()):
                return None
            return Hit(abs_pos, offset + nm.end(), level, nm.group(0), res.context_province(abs_pos), None,
                       "unit_unknown", {"written_level": entry["id"]})
        # not in the gazetteer
        if fm and level in ("city", "capital", "province") and _foreign_name(fm.group(0), text, fm.end()):
            name = fm.group(0)
            kind = lex["foreign"].get(fold(name))
            return Hit(abs_pos, abs_pos + len(name), "other" if not kind else kind[0], kind[1] if kind else name,
                       None, None, "unit_foreign", {"written_level": entry["id"]})
        if nm is None:
            return None
        w0 = words[0]
        if w0 in lex["not_names"] or w0 in lex["surnames"] or w0.isdigit() and not entry.get("numbered"):
            return None
        if entry.get("abbrev") and not w0.isdigit():
            return None
        if level in ("commune", "district") and (w0.isdigit() or 2 <= len(words) <= 4):
            if w0.isdigit():
                name = w0
            else:
                name = " ".join(words[:4]) if len(words) <= 4 else None
            if not name:
                return None
            end = nm.start() + nm.group(0).find(words[0]) + len(w0) if w0.isdigit() else nm.end()
            return Hit(abs_pos, offset + end, level, name, res.context_province(abs_pos), None, "unit_unknown",
                       {"written_level": entry["id"]})
        return None

    def _resolve_name(self, cand, level, abs_pos, entry, lex, res: Resolver, continuation) -> Hit | None:
        rule = "unit_" + entry["id"]
        if cand in lex["not_names"]:
            return None
        if level == "province":
            got = res.province(cand)
            return Hit(abs_pos, 0, "province", *got, rule) if got else None
        if level in ("city", "capital"):
            # a centrally-run city (or the capital) is a province; an alias names one
            got = res.province(cand)
            if got and (level == "capital" or res.gaz.alias(cand) is not None or res.gaz.is_central_city(got[0])):
                return Hit(abs_pos, 0, "province", *got, rule)
            got = res.district(cand, abs_pos, prefer_kind="thành phố")
            if got:
                return Hit(abs_pos, 0, "district", *got, rule, {"lookup": cand, "resolved": True})
            f = lex["foreign"].get(fold(cand))
            if f:
                return Hit(abs_pos, 0, f[0], f[1], None, None, rule)
            return None
        if continuation and res.province(cand) and level != "province":
            return None  # "xã A, Hà Tĩnh": the province is named bare
        if level == "district":
            kinds = _DISTRICT_KINDS.get(entry["id"], frozenset())
            got = res.district(cand, abs_pos, kinds=kinds)
            return Hit(abs_pos, 0, "district", *got, rule, {"lookup": cand, "resolved": True, "kinds": kinds}) \
                if got else None
        if level == "commune":
            got = res.commune(cand, abs_pos)
            if got:
                return Hit(abs_pos, 0, "commune", *got, rule, {"lookup": cand, "resolved": True})
            return None
        return None

    # ------------------------------------------------------------ pass 3
    def _tied(self, doc, body, hits: list[Hit], lex, res: Resolver) -> list[Hit]:
        out: list[Hit] = []
        taken = [(h.start, h.end) for h in hits]
        named_provinces = {fold(n) for _, n in res.provinces}
        never = lex["never"]
        dash = _DASH
        text = doc_text(doc)
        # the characters already inside a place: one look-up per candidate instead of a pass over every span
        taken = _Taken(taken, len(text))
        for s in body:
            for run in _NAME.finditer(s.text):
                # the dash-separated parts of a run of capitalised words, each on its own
                parts, last = [], run.start()
                for d in dash.finditer(run.group(0)):
                    parts.append((last, run.start() + d.start()))
                    last = run.start() + d.end()
                parts.append((last, run.end()))
                for ps0, pe in parts:
                    starts = [w.start() for w in _WORD.finditer(s.text, ps0, pe)]
                    for ps in starts:  # any word may start the name: "LNG Nhơn Trạch 3"
                        if self._tied_at(text, s, ps, pe, taken, never, named_provinces, res, out, dash):
                            break
        return out

    def _tied_at(self, text: str, s, ps, pe, taken: "_Taken", never, named_provinces, res, out, dash) -> bool:
        a0 = ps + s.start
        if taken.covered.find(1, a0, pe + s.start) != -1:
            return False
        prev, prev_pos = _prev_word(s.text, ps)
        if _is_cap_word(prev) and not _sentence_initial(s.text, prev_pos):
            return False
        words = s.text[ps:pe].split()
        for k in range(min(len(words), 4), 1, -1):  # two words at least: one is too ambiguous
            name = " ".join(words[:k])
            a, b = a0, a0 + len(name)
            if text[a:b] != name or fold(name) in never or res.province(name):
                continue
            if k < len(words) and not words[k].isdigit():
                continue  # only a number may follow ("Nhơn Trạch 3")
            chained = any(y <= a <= y + 3 and dash.fullmatch(text[y:a]) for _, y in taken) or \
                any(b <= x <= b + 3 and dash.fullmatch(text[b:x]) for x, _ in taken)
            hit = self._tied_one(name, a, b, chained, named_provinces, res)
            if hit:
                out.append(hit)
                taken.add(a, b)
                return True
        return False

    @staticmethod
    def _tied_one(name, a, b, chained, named_provinces, res: Resolver) -> Hit | None:
        dist = res.gaz.lookup("district", name, tolerant=False)
        if dist:
            pick = res.pick(dist, a)
            if chained or fold(pick.province) in named_provinces:
                return Hit(a, b, "district", pick.name, pick.province, None,
                           "district_chain" if chained else "district_bare")
        if chained and res.gaz.lookup("commune", name, tolerant=False):
            got = res.commune(name, a)
            return Hit(a, b, "commune", *got, "commune_chain")
        return None

    def _repeats(self, body, hits: list[Hit]) -> list[tuple]:
        """Later mentions of a found district or commune by its bare name."""
        names = {h.name: h.level for h in hits if h.level in ("district", "commune") and not h.name.isdigit()}
        if not names:
            return []
        pat = regex.compile(r"(?<![\p{L}\p{M}\d])(" + "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
                            + r")(?![\p{L}\p{M}\d])")
        taken = [(h.start, h.end) for h in hits]
        out = []
        for s in body:
            for m in pat.finditer(s.text):
                a, b = m.start() + s.start, m.end() + s.start
                if any(x <= a < y for x, y in taken):
                    continue
                prev, prev_pos = _prev_word(s.text, m.start())
                if _is_cap_word(prev) and not _sentence_initial(s.text, prev_pos):
                    continue
                out.append((a, b, m.group(1), names[m.group(1)]))
        return out
