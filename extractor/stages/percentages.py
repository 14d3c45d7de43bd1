"""Percentages: "91,2%", "100 %", "97 phần trăm", ranges "85-90%", each with its measure.

The measure is the phrase the figure is said of, as written:
- the subject before a linking verb ("tỷ lệ hồ sơ giải quyết đúng hạn chiếm 91,2%");
- or, when the figure opens its clause, the words after it ("100% được tiếp nhận trực tuyến");
- or, for a figure in brackets ("2.584 hồ sơ trực tuyến (đạt 97%)"), the phrase before the bracket.
A comparison right after the figure ("tăng 0,54% so với tháng trước") is kept in it.
Place and period are attached by the linking stage.
"""
from __future__ import annotations

import regex

from .. import rules
from ..numbers import as_int_if_whole, parse_number
from .base import Match, doc_text, Stage, drop_headline_repeats, sentences

_MAX_WORDS = 16
_LETTER = regex.compile(r"\p{L}")
_BREAKS = regex.compile(r"[;:]|,(?!\d)|\s[–-]\s|\.(?!\d)")
_LEADING_DATE = regex.compile(
    r"^(?:(?:từ|đến|trong|vào|tính đến|tính hết|hết|tính chung|sau|riêng)\s+)*(?:(?:ngày|tháng|năm|quý|giai đoạn)\s+)?"
    r"(?:[\dIVX]+(?:[/\-–.]\d+)*)(?![\p{L}\d])(?:\s*(?:đến|[-–])\s*(?:ngày\s+|tháng\s+)?\d+(?:[/\-.]\d+)*)?\s*,?\s*",
    regex.IGNORECASE)
# "so với cùng kỳ năm 2023", "so với tháng 12 năm trước": a number right after a date word belongs to the comparison
_COMPARISON = regex.compile(r"^\s*(so (?:với )?(?:(?!\s(?:và|nhưng|còn)\s)(?:(?<=(?:tháng|năm|quý|ngày) )\d+(?:/\d+)*|[^,;.()\d%])){1,60})")
# what is left of the previous figure's comparison: "so với tháng trước và [tăng 2,1%]"
_LEADING_COMPARISON = regex.compile(r"^so (?:với )?[^,;]*?(?:\s(?:và|còn|nhưng)(?:\s+|$))", regex.IGNORECASE)
_OBJECT_END = regex.compile(r"[;:()]|\.(?!\d)|\s[–-]\s|[\d]")
# a word that can open the noun phrase a share is of (not a comparison, date, or clause word)
_OBJECT_START = regex.compile(
    r"^(?!(?:so|vào|trong|năm|tháng|ngày|của|và|hay|hoặc|với|thì|là|trở|trên|dưới|tổng|so với|đến|tới|tính|theo|"
    r"khi|nhưng|còn|nên|mà|để|do|vì)\b)\p{L}", regex.IGNORECASE)
_PARENS = regex.compile(r"\([^()]*\)")
_HAS_NUMBER_TAIL = regex.compile(r"\s+(?:có|là|gồm|với|đạt|còn|được)\s+[\d.,]+(?:\s+\S+){0,3}$")
_NUMBER_LEAD = regex.compile(r"^(?:có\s+)?[\d.,/]+\s*", regex.IGNORECASE)
# "trễ hẹn 40 hồ sơ, chiếm 2,5%": the count inside the phrase a share is of is not part of what it measures
_INNER_COUNT = regex.compile(
    r"(?<!\S)(?:(?:hơn|trên|gần|khoảng)\s+)?\d[\d.,]*(?!\s+(?:tháng|năm|ngày|quý|tuần)(?!\p{L}))"
    r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ))?(?:\s+(?:đồng|USD)(?!\p{L}))?(?:\s+(?=\p{L})|\s*$)", regex.IGNORECASE)
# "(TTHC)", "(DN)": an abbreviation in brackets inside a noun phrase does not end it
_ABBREVIATION = regex.compile(r"\(\p{Lu}[\p{Lu}\d&]*\)")
# "nâng/đưa/kéo/hạ/giảm X lên/xuống N%": the causative verb before what is raised or cut
_RAISE = regex.compile(r"(?:^|.*\s)(?:nâng|đưa|kéo|hạ|giảm)\s+(?=\p{L})", regex.IGNORECASE)
# approximation words kept out of a measure ("tăng khoảng 2%" measures what "tăng" says)
_QUALIFIER = regex.compile(r"\s+(?:khoảng|gần|hơn|trên|dưới|tới|tối thiểu|tối đa|ít nhất)$", regex.IGNORECASE)
_COMPARE = regex.compile(r"(?:cao|thấp|nhiều|ít|lớn|nhỏ) hơn", regex.IGNORECASE)
_TO_LEVEL = regex.compile(r"(?:^|\s)(?:lên|xuống|còn)(?:\s+\S+)?\s*$", regex.IGNORECASE)
# "tỷ lệ hài lòng khá cao, trung bình cả nước là 94%", "bình quân toàn tỉnh đạt 98%": a scope alone is not what
# is measured; the rate named earlier in the sentence is
_SCOPE = regex.compile(r"^(?:(?:trung bình|bình quân|tính chung|chung)\s+)*(?:của\s+)?(?:cả nước|toàn quốc|toàn tỉnh|"
                       r"toàn thành phố|toàn huyện|toàn quận|toàn xã|toàn phường|toàn ngành|toàn vùng|các địa phương|"
                       r"cả tỉnh|cả huyện|cả xã)$", regex.IGNORECASE)
_RATE_NOUN = regex.compile(r"(?<![\p{L}\p{M}])(?:tỷ lệ|tỉ lệ|chỉ số|tốc độ|mức độ)\s+[^,;:.()\d%]{2,80}", regex.IGNORECASE)
_RATE_VERB = regex.compile(r"\s+(?:đạt|chiếm|là|ở mức|tăng|giảm|cao|thấp|khá|rất|luôn|đều|được|vẫn)(?![\p{L}\p{M}]).*$",
                           regex.IGNORECASE)
# a proper name of one to four capitalised words ("Liên Hà", "TP Hồ Chí Minh")
_PROPER_NAME = regex.compile(r"(?:(?:xã|phường|huyện|quận|tỉnh|thị xã|thị trấn|TP\.?)\s+)?\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,3}")
# "..., tỷ lệ 1,8%": the bare word for a rate says nothing of what is measured
_BARE_RATE = regex.compile(r"^(?:với |chiếm |ở )?(?:tỷ lệ|tỉ lệ)$", regex.IGNORECASE)


def _load():
    data = rules.load("percentages", required=("id", "type", "pattern"))
    figures, verbs, leads, cuts, pairs = [], [], [], [], []
    for e in data["entries"]:
        if e["type"] == "percent":
            figures.append((e["id"], regex.compile(rf"(?<![\d.,]){e['pattern']}", regex.IGNORECASE)))
        elif e["type"] == "link_verb":
            verbs.append((e["id"], regex.compile(rf"(?:^|\s)({e['pattern']})\s*$", regex.IGNORECASE), e.get("keep", False)))
        elif e["type"] == "lead":
            leads.append(regex.compile(e["pattern"], regex.IGNORECASE))
        elif e["type"] == "cut":
            cuts.append(e["pattern"])
        elif e["type"] == "pair":
            pairs.append(e["pattern"])
        else:
            raise rules.RulesError(f"percentages.json: {e['id']}: unknown type {e['type']!r}")
    cut = regex.compile(rf"(?<!\p{{L}})(?:{'|'.join(cuts)})(?!\p{{L}})", regex.IGNORECASE) if cuts else regex.compile(r"(?!)")
    pair = regex.compile(rf"(?<!\p{{L}})(?:{'|'.join(pairs) or '(?!)'})(?!\p{{L}})", regex.IGNORECASE)
    return figures, verbs, leads, cut, pair


_FIGURES, _VERBS, _LEADS, _CUT, _PAIRS = _load()
_APPROX = {"khoảng", "vào khoảng", "gần", "hơn", "trên", "dưới", "tới"}


def _clause_start(text: str, floor: int, pos: int) -> tuple[int, bool]:
    """Start of the clause holding ``pos``; True when it opens with an unclosed bracket.

    Breaks inside brackets do not count: "Lạm phát cơ bản (trừ lương thực, thực phẩm) tăng 0,25%"
    is one clause.
    """
    start, bracket, depth, opened = floor, False, 0, []
    # the comma of a conventional pair of nouns ("xã, phường", "bộ, ngành") joins, it does not break
    joined = {i for m in _PAIRS.finditer(text, floor, pos) for i in range(m.start(), m.end()) if text[i] == ","}
    for i in range(floor, pos):
        ch = text[i]
        if i in joined:
            continue
        if ch == "(":
            depth += 1
            opened.append(i)
        elif ch == ")" and depth:
            depth -= 1
            opened.pop()
        elif depth == 0 and _BREAKS.match(text, i):
            start = _BREAKS.match(text, i).end()
    if opened:
        return opened[-1] + 1, True
    return start, bracket


def _strip_lead(phrase: str) -> str:
    for _ in range(3):
        before = phrase
        for lead in _LEADS:
            phrase = lead.sub("", phrase)
        phrase = _LEADING_DATE.sub("", phrase)
        phrase = _LEADING_COMPARISON.sub("", phrase)
        if phrase == before:
            break
    return phrase.strip(" ,")


def _previous_clause(text: str, sent_start: int, floor: int, c_start: int) -> str | None:
    """The clause before the one opening at ``c_start`` (not back over the previous figure), without its count."""
    prev_start, _ = _clause_start(text, sent_start, c_start - 1)
    prev_start = max(prev_start, floor)
    before = _strip_lead(text[prev_start:c_start - 1].strip())
    before = _HAS_NUMBER_TAIL.sub("", before)
    before = _NUMBER_LEAD.sub("", before)
    before = _INNER_COUNT.sub("", before)
    return before if _LETTER.search(before) else None


def _own_clause_between(text: str, floor: int, c_start: int) -> bool:
    """True when words other than the previous figure's comparison stand between it and this clause."""
    between = text[floor:c_start]
    # "bằng 64% dự toán, tăng 11%": the words right after the previous figure are its own object
    own = regex.match(r"^\s+[^,;:()]*", between)
    if own and regex.match(r"^ \p{L}", between) and not regex.search(r"\d", own.group()) and not regex.match(
            r"^\s+(?:và|còn|nhưng|trong khi|trong đó|riêng)(?!\p{L})", between, regex.IGNORECASE):
        between = between[own.end():]
    between = between.strip(" ,;")
    between = _COMPARISON.sub("", between).strip(" ,;")
    between = regex.sub(r"^(?:và|còn|nhưng|,)\s*", "", between, flags=regex.IGNORECASE)
    return bool(_LETTER.search(between))


def _left_of(text: str, c_start: int, start: int) -> tuple[str, str, bool, bool]:
    """(subject, kept verb, had a linking verb, the 'verb' was only an approximation word such as 'gần')
    of the words from ``c_start`` to the figure at ``start``."""
    left = _PARENS.sub(" ", text[c_start:start]).strip()
    kept, had_verb, approx = "", False, False
    # the longest linking phrase wins ("lên khoảng", "giảm gần"), the first listed on a tie
    best = None
    for _, verb, keep in _VERBS:
        m = verb.search(left)
        if m and (best is None or m.start(1) < best[0].start(1)):
            best = (m, keep)
    if best is not None:
        m, keep = best
        kept = m.group(1) if _COMPARE.fullmatch(m.group(1)) else _QUALIFIER.sub("", m.group(1)).strip()
        kept = kept if keep else ""
        had_verb = True
        approx = m.group(1).lower() in _APPROX
        left = left[:m.start()].strip()
    pieces = _CUT.split(left.lstrip(") ,;"))
    subject = _strip_lead(pieces[-1].strip())
    if len(pieces) > 1 and not _LETTER.search(subject):
        # "Số lượt khách tăng nhanh khi tính hết quý III ước đạt 76%": a clause word followed by nothing but a date
        # introduces no subject of its own
        subject = _strip_lead(pieces[-2].strip())
    return subject, kept, had_verb, approx


def measure_of(text: str, sent_start: int, sent_end: int, start: int, end: int, floor: int | None = None,
               prev_subject: str | None = None) -> tuple[str | None, str, str | None]:
    """(measure, how, subject) for the figure at text[start:end] in its sentence.

    ``floor`` is the end of the previous figure in the sentence: "tăng 0,4% so với tháng trước và
    tăng 2,1% so với cùng kỳ" gives the second figure the subject of the first (``prev_subject``).
    """
    floor = sent_start if floor is None else floor
    c_start, in_bracket = _clause_start(text, floor, start)
    left, kept, had_verb, approx = _left_of(text, c_start, start)
    joiner = ""
    if c_start > floor and text[c_start - 1] == ",":
        joiner = ","
    elif c_start - 3 >= floor and regex.fullmatch(r"\s[–-]\s", text[c_start - 3:c_start]):
        joiner = "-"
    if (not in_bracket and joiner and len(left.split()) <= (1 if joiner == "," else 2)
            and _LETTER.search(left) and not any(v.search(left) for _, v, _ in _VERBS)):
        # "khối sở, ngành đạt 91,5%": a single word after a comma is the last of coordinated nouns, not a subject;
        # so are one or two words after a spaced dash ("khu vực thương mại - dịch vụ chiếm 41%")
        p_start, _ = _clause_start(text, floor, c_start - (1 if joiner == "," else 3))
        wider, w_kept, w_verb, w_approx = _left_of(text, p_start, start)
        if len(wider.split()) > 1:
            left, kept, had_verb, approx = wider, w_kept, w_verb, w_approx
    raised = _RAISE.search(left) if had_verb and not kept and _TO_LEVEL.search(
        _PARENS.sub(" ", text[c_start:start])) else None
    if raised and _LETTER.search(left[raised.end():]):
        # "nâng tỷ lệ hồ sơ trực tuyến lên 80%": the share is of what is raised (or cut), not of who raises it
        left = left[raised.end():].strip()
    if _BARE_RATE.match(left) and c_start > max(floor, sent_start):
        left, had_verb, approx = "", True, False
    verb_only = had_verb and not _LETTER.search(left)
    right_m = _BREAKS.search(text, end, sent_end)
    right = text[end:right_m.start() if right_m else sent_end]
    right = right.split(")")[0].strip()
    comparison = _COMPARISON.match(right)
    tail = (" " + comparison.group(1).strip()) if comparison else ""
    # "100% cán bộ, công chức có mặt": a figure right before a noun phrase is a share of it
    masked = _ABBREVIATION.sub(lambda a: " " * len(a.group()), text[end:sent_end])
    obj_m = _OBJECT_END.search(masked)
    obj = text[end:end + obj_m.start() if obj_m else sent_end].strip()
    # "khoảng 90% phường ...": an approximation word before a figure that opens its clause is no linking verb
    if (not had_verb or (approx and not _LETTER.search(left))) and _OBJECT_START.match(obj):
        return " ".join(obj.split()[:_MAX_WORDS]), "object", None
    if (not had_verb and prev_subject and floor > sent_start and not in_bracket
            and _PROPER_NAME.fullmatch(left.strip())):
        # "tỉ lệ hồ sơ trả về của xã A chiếm 53%, B 50%, C 47%": a bare name before the next figure of a list
        # names whose share it is; the measure is the one the list opened with
        return prev_subject + (" " + kept if kept else "") + tail, "list_of_names", prev_subject
    if _SCOPE.match(left.strip()):
        rates = list(_RATE_NOUN.finditer(text, sent_start, c_start))
        rate = _RATE_VERB.sub("", rates[-1].group()).strip() if rates else ""
        if len(rate.split()) > 2:
            subject = " ".join(rate.split()[:_MAX_WORDS])
            return subject + (" " + kept if kept else "") + tail, "rate_before_scope", subject
    if _LETTER.search(left):
        subject = " ".join(left.split()[-_MAX_WORDS:])
        return subject + (" " + kept if kept else "") + tail, "subject", subject
    if (verb_only and prev_subject and floor > sent_start and not (in_bracket and not kept)
            and not _own_clause_between(text, floor, c_start)):
        # (a share in brackets, "(chiếm 0,5%)", is of the phrase before the bracket, below; so is a share after a
        # clause of its own: "A đạt 90%, B thuộc nhóm cuối, chỉ đạt 10%")
        return prev_subject + (" " + kept if kept else "") + tail, "previous_subject", prev_subject
    if verb_only and kept and not in_bracket and c_start > max(floor, sent_start):
        # "huyện tiếp nhận 5.000 hồ sơ, tăng 12%": a change verb alone after a comma is said of the clause before
        before = _previous_clause(text, sent_start, floor, c_start)
        if before:
            subject = " ".join(before.split()[-_MAX_WORDS:])
            return subject + " " + kept + tail, "previous_clause_change", subject
    if (in_bracket or (verb_only and not kept)) and c_start > sent_start:
        # "2.584 hồ sơ trực tuyến (đạt 97%)", "... có 403 thủ tục, đạt 100%": the figure is said
        # of the phrase before the bracket or comma
        before = _previous_clause(text, sent_start, floor, c_start)
        if before:
            subject = " ".join(before.split()[-_MAX_WORDS:])
            # a share in brackets does not become the subject of the figures after it
            return subject, "previous_clause", (None if in_bracket else subject)
    if _LETTER.search(right):
        return " ".join(((kept + " ") if kept else "").split() + right.split()[:_MAX_WORDS]), "object", None
    return None, "none", None


class PercentagesStage(Stage):
    field = "percentages"

    def match(self, doc) -> list[Match]:
        text = doc_text(doc)
        out: list[Match] = []
        for sent in sentences(doc):
            found: list[tuple[int, int, int, int, str]] = []  # figure span, evidence span, rule
            for rule_id, pattern in _FIGURES:
                for m in pattern.finditer(text, sent.start, sent.end):
                    if any(s < m.end() and m.start() < e for s, e, *_ in found):
                        continue
                    if m.groupdict().get("num2"):
                        found.append((m.start(), m.end(), m.start("num"), m.end("num"), rule_id))
                        found.append((m.start(), m.end(), m.start("num2"), m.end("num2"), rule_id))
                    else:
                        found.append((m.start(), m.end(), m.start(), m.end(), rule_id))
            found.sort()
            floor, prev_subject, last = sent.start, None, None
            for f_start, f_end, s, e, rule_id in found:
                if last is not None and last[0] == (f_start, f_end):
                    floor, prev_subject = last[1]  # the second end of a range shares the first's measure
                number = regex.match(r"[\d.,]+", text[s:e]).group()
                try:
                    value = parse_number(number)
                except ValueError:
                    continue
                if value > 1000:
                    continue  # not a share
                last = ((f_start, f_end), (floor, prev_subject))
                measure, how, subject = measure_of(text, sent.start, sent.end, f_start, f_end, floor, prev_subject)
                out.append(Match(s, e, {"value": float(as_int_if_whole(value)), "measure": measure,
                                        "place": None, "period": None},
                                 f"percentages.{rule_id}.measure_{how}", sentence=(sent.start, sent.end)))
                floor, prev_subject = f_end, subject or prev_subject
        return drop_headline_repeats(doc, out)
