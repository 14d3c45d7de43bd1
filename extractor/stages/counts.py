"""Dossier counts ("2.446 hồ sơ") and procedure counts ("99 thủ tục trực tuyến toàn trình").

A figure is a number (digits in Vietnamese format, a fraction "4.572/4.572",
or a number word with a scale, "hơn 2 nghìn") right before a counted noun, or
the inverted form "số hồ sơ đang xử lý là 352".  Its status (or kind) comes
from the cue words after the noun, then from the words before the number back
to the previous figure; a figure in a list with no cue of its own ("652 hồ sơ
..., 211 hồ sơ ...") takes the status of the figure before it.  Place and
period are attached afterwards by the linking stage.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import rules
from ..numbers import NUMBER, QUANTITY, SCALE_WORDS, as_int_if_whole, parse_number, parse_quantity
from .base import Match, doc_text, drop_headline_repeats, Sentence, Stage, sentences

_BREAK = regex.compile(r"[;:.!?()\[\]\n]|,|\s[–-]\s|\btrong đó\b|\bcòn lại\b")
_SUBSET = regex.compile(r"trong đó|bao gồm|gồm|riêng|ngoài ra", regex.IGNORECASE)  # a part, not the same list
_PART = regex.compile(r"[\s,;]*(?:trong đó|bao gồm|gồm)(?:\s+có)?[\s,:]*(?:\S+\s*){0,6}", regex.IGNORECASE)
_BREAKDOWN = regex.compile(r"(?<!\p{L})(?:trong đó|bao gồm|gồm|chia ra)(?!\p{L})", regex.IGNORECASE)
_TRAILING = {"và", "hoặc", "với", "cùng", "cùng với"}
_WORD = regex.compile(r"\S+")
_CLAUSE_BREAK = regex.compile(r"[;:!?()\[\]]|\.(?!\d)")
_FUNCTION_START = regex.compile(
    r"^(?:của|được|trong|tại|với|so|đã|đang|là|thì|cho|từ|đến|theo|về|để|này|đó|trên|qua|gồm|bao gồm|chiếm|đạt|"
    r"tăng|giảm|và|hoặc|nhưng|mà|các|những|đều|cũng)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    id: str
    label: str
    where: str
    pattern: regex.Pattern


def _w(pattern: str) -> regex.Pattern:
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{pattern})(?![\p{{L}}\d])", regex.IGNORECASE)


def load_rules() -> tuple[dict[str, regex.Pattern], list[Cue], list[Cue], regex.Pattern, regex.Pattern, regex.Pattern]:
    data = rules.load("counts", required=("id", "type", "pattern"))
    nouns: dict[str, regex.Pattern] = {}
    statuses: list[Cue] = []
    kinds: list[Cue] = []
    masks: list[str] = []
    not_before: list[str] = []
    not_number: list[str] = []
    for e in data["entries"]:
        if e["type"] == "noun":
            nouns[e["field"]] = e["pattern"]
        elif e["type"] == "status":
            statuses.append(Cue(e["id"], e["status"], e["where"], _w(e["pattern"])))
        elif e["type"] == "kind":
            kinds.append(Cue(e["id"], e["kind"], e["where"], _w(e["pattern"])))
        elif e["type"] == "mask":
            masks.append(e["pattern"])
        elif e["type"] == "not_count" and e["where"] in ("before", "number"):
            (not_before if e["where"] == "before" else not_number).append(e["pattern"])
        else:
            raise rules.RulesError(f"counts.json: {e['id']}: unknown type {e['type']!r}")
    mask = _w("|".join(masks) or r"(?!)")
    before = regex.compile(rf"(?<![\p{{L}}\d])(?:{'|'.join(not_before) or '(?!)'})\s*$", regex.IGNORECASE)
    number = regex.compile(rf"(?:{'|'.join(not_number) or '(?!)'})", regex.IGNORECASE)
    return {f: p for f, p in nouns.items()}, statuses, kinds, mask, before, number


_NOUNS, _STATUS_CUES, _KIND_CUES, _MASK, _NOT_COUNT_BEFORE, _NOT_COUNT_NUMBER = load_rules()


def _figure_pattern(noun: str) -> regex.Pattern:
    num = QUANTITY.pattern
    return regex.compile(
        rf"(?P<q>{num})(?:\s*/\s*(?P<of>\d{{1,3}}(?:\.\d{{3}})+|\d+))?\s*(?P<noun>(?<![\p{{L}}])(?:{noun}))(?![\p{{L}}\d])"
        rf"(?:\s*\((?:HS|TTHC|hồ sơ)\))?",
        regex.IGNORECASE,
    )


# a word of the qualifier between the noun and the number: a word, or an abbreviation in brackets "(TTHC)"
_QUAL = r"(?P<qual>(?: (?:[\p{L}\d/]+|\([\p{L}\d/]+\))){0,16}?)"
# "Số lượng hồ sơ: 01 bộ" (a procedure sheet's requirement: how many copies to file) is not a count
# "... là gần 82 ngàn", "... trên 48,6 ngàn": an approximation word before the number and a scale word after it;
# a number followed by a unit of time or money is no count ("số hồ sơ quá hạn trên 30 ngày", "tiết kiệm được
# khoảng 700 triệu đồng")
_APPROX_WORD = r"(?:hơn|trên|gần|khoảng|chừng|ước|tới|xấp xỉ)"
# before a figure ("hơn 2 nghìn hồ sơ"): the same words, and "hàng" (hàng nghìn)
_APPROX_BEFORE = regex.compile(r"(hơn|trên|gần|khoảng|hàng|chừng|ước|tới)\s*$")
_INV_NUM = (r"(?!0\d\s*(?:\([\p{L} ]+\)\s*)?(?:bộ|bản)(?!\p{L}))"
            rf"(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d+,\d+(?=\s+(?:{SCALE_WORDS})(?!\p{{L}}))|\d+)(?![.,]\d)"
            rf"(?>(?:\s+(?P<scale>{SCALE_WORDS})(?!\p{{L}}))?)"
            r"(?!\s*(?:ngày|tháng|năm|giờ|phút|tuần|lần|người|đồng|USD)(?!\p{L}))")
_INV_LINK = rf"(?:(?:là|:|đạt|có|còn)\s*(?:(?P<approx>{_APPROX_WORD})\s+)?|(?P<approx2>{_APPROX_WORD})\s+)"


def _inverted_pattern(noun: str, other: str = "(?!)") -> regex.Pattern:
    # "số hồ sơ đang xử lý là 352", "tổng số hồ sơ tiếp nhận: 1.234", "số hồ sơ tồn chuyển sang năm 2025 là 135",
    # "số hồ sơ trễ hạn còn 21", "tổng số hồ sơ đề nghị giải quyết thủ tục hành chính (TTHC) trong năm ... là 8.400 bộ"
    return regex.compile(
        rf"(?<![\p{{L}}])(?:tổng )?số (?:lượng )?(?P<noun>{noun}){_QUAL}\s*{_INV_LINK}"
        # "số thủ tục ... là 15.000 hồ sơ": a number followed by another counted noun counts that noun
        rf"{_INV_NUM}(?![\d%]|[.,]\d|\s*%)(?!\s*(?:{other})(?![\p{{L}}]))",
        regex.IGNORECASE,
    )


def _bare_inverted_pattern(noun: str) -> regex.Pattern:
    # "..., hồ sơ tồn từ kỳ trước là 58; hồ sơ nhận mới là 1.200": the noun opens its clause, with no
    # "số"; only "là" links it, and the number ends the clause (or is followed by its noun)
    return regex.compile(
        rf"(?<=(?:^|[\n,;:(.]|trong đó)\s*)(?P<noun>{noun}){_QUAL}\s+{_INV_LINK}{_INV_NUM}"
        rf"(?=\s*(?:bộ(?:\s+hồ sơ)?|hồ sơ)?\s*(?:[,;.()]|$))",
        regex.IGNORECASE,
    )


_FIGURES = {f: _figure_pattern(p) for f, p in _NOUNS.items()}
_INVERTED = {f: _inverted_pattern(p, "|".join(q for g, q in _NOUNS.items() if g != f) or "(?!)")
             for f, p in _NOUNS.items()}
_BARE_INVERTED = {f: _bare_inverted_pattern(p) for f, p in _NOUNS.items()}


def _after(text: str, pos: int, end: int, max_words: int = 8) -> tuple[int, int]:
    """The words right after a figure, up to the next break: (start, end) in ``text``."""
    m = _BREAK.search(text, pos, end)
    stop = m.start() if m else end
    nxt = NUMBER.search(text, pos, stop)
    if nxt:
        stop = nxt.start()
    words = list(_WORD.finditer(text, pos, stop))[:max_words]
    while words and words[-1].group().lower() in _TRAILING:
        words.pop()  # "... toàn trình và" + next figure
    if not words:
        return pos, pos
    return words[0].start(), words[-1].end()


def _before(text: str, floor: int, pos: int, max_words: int = 16) -> tuple[int, int]:
    """The words before a figure, back to ``floor`` (the previous figure) or a clause break."""
    start = floor
    for m in _CLAUSE_BREAK.finditer(text, floor, pos):
        start = m.end()
    words = list(_WORD.finditer(text, start, pos))[-max_words:]
    if not words:
        return pos, pos
    return words[0].start(), words[-1].end()


def classify(cues: list[Cue], after: str, before: str) -> tuple[str | None, str | None]:
    """(label, cue id) from the words after the noun first, then the words before the number.

    Names of offices and systems that contain cue words ("Bộ phận tiếp nhận và trả kết quả", "Hệ thống
    thông tin giải quyết thủ tục hành chính") are blanked first: they say where, not what happened."""
    after, before = _MASK.sub(" ", after), _MASK.sub(" ", before)
    for cue in cues:
        if cue.where in ("any", "after") and cue.pattern.search(after):
            return cue.label, cue.id
    # before the number, the verb nearest to it governs it ("Thời gian giải quyết giảm còn 3 ngày, Chi nhánh
    # tiếp nhận 640 hồ sơ"); cues ending at the same place go by their order ("tiếp nhận và giải quyết")
    best: tuple[int, int] | None = None
    for rank, cue in enumerate(cues):
        if cue.where in ("any", "before"):
            ends = [m.end() for m in cue.pattern.finditer(before, overlapped=True)]
            if ends and (best is None or max(ends) > best[0]):
                best = (max(ends), rank)
    if best is not None:
        return cues[best[1]].label, cues[best[1]].id
    return None, None


def _category(after: str, status_found_in_after: bool) -> str | None:
    after = after.strip(" ,.;:")
    if not after or status_found_in_after or _FUNCTION_START.match(after):
        return None
    return after


class _CountStage(Stage):
    cues: list[Cue] = []
    label_key = "status"
    default_label = "other"
    whole_label: str | None = None  # the label of a figure that a breakdown ("trong đó ...") follows
    part_inherits = False  # a part ("trong đó lĩnh vực X 52 ...") without a cue takes the label of its whole
    after_words = 8  # how many words after the noun are read for cues

    def match(self, doc) -> list[Match]:
        out: list[Match] = []
        text = doc_text(doc)
        for sent in sentences(doc):
            out.extend(self.match_sentence(text, sent))
        # a count in the title that the body gives again is one fact; a rounded one within 5 % of it too
        return drop_headline_repeats(doc, out, tolerance=0.05)

    def match_sentence(self, text: str, sent: Sentence) -> list[Match]:
        found: list[Match] = []
        floor = sent.start
        prev_label: str | None = None
        prev_end = sent.start
        spans: list[tuple[int, int, float, dict, str]] = []
        for m in _FIGURES[self.field].finditer(text, sent.start, sent.end):
            q = QUANTITY.match(text, m.start("q"), m.end("q"))
            # "Năm 2024 hồ sơ ...", "nộp một bộ hồ sơ": a year, a date or an article, not a count
            if _NOT_COUNT_BEFORE.search(text, max(sent.start, m.start() - 12), m.start()) or (
                    not q.group("scale") and _NOT_COUNT_NUMBER.fullmatch(q.group())):
                continue
            if q.group() in ("1", "01") and m.group("noun").lower().startswith("bộ "):
                continue  # "nộp 01 bộ hồ sơ": one set of papers to file, as "một bộ hồ sơ", not a count
            try:
                value = parse_quantity(q)
            except ValueError:
                continue
            extra = {}
            if m.group("of"):
                extra["of"] = as_int_if_whole(parse_number(m.group("of")))
            head = text[max(sent.start, m.start() - 6):m.start()].lower()
            if _APPROX_BEFORE.search(head):
                extra["approx"] = True
            spans.append((m.start(), m.end(), value, extra, "figure"))
        quals: dict[int, str] = {}
        for pattern in (_INVERTED[self.field], _BARE_INVERTED[self.field]):
            for m in pattern.finditer(text, sent.start, sent.end):
                if any(s <= m.start("num") < e for s, e, *_ in spans):
                    continue
                quals[m.start()] = m.group("qual")
                value = parse_quantity(m)  # the number times its scale word ("gần 82 ngàn")
                extra = {"approx": True} if m.group("approx") or m.group("approx2") else {}
                spans.append((m.start(), m.end(), value, extra, "inverted"))
        spans.sort()
        for i, (start, end, value, extra, form) in enumerate(spans):
            # the text since the previous figure itself (its noun included, its trailing words too): a breakdown
            # word there ("900 thủ tục gồm 600 ...") makes this figure a part, even when the previous figure's
            # trailing words took it
            between_full = text[floor:start]
            if form == "inverted":
                after_text = quals[start]
                # "Tổng số thủ tục hành chính là 1.765": the head of the inverted form says the whole set
                before_text = "tổng số" if text[start:start + 4].lower() == "tổng" else ""
                a_end = end
            else:
                a_start, a_end = _after(text, end, sent.end, self.after_words)
                after_text = text[a_start:a_end]
                b_start, b_end = _before(text, floor, start)
                before_text = text[b_start:b_end]
            label, cue_id = classify(self.cues, after_text, before_text)
            in_after = bool(label) and any(c.id == cue_id and c.pattern.search(after_text) for c in self.cues)
            rule = f"{self.field}.{form}"
            if label is None and self.whole_label and i + 1 < len(spans) and _BREAKDOWN.search(
                    text, end, spans[i + 1][0]) and not self._in_breakdown(text, sent, spans, i):
                # "triển khai 1.890 TTHC, trong đó 1.120 ...": the figure that a breakdown follows is the whole set
                label, rule = self.whole_label, f"{self.field}.{form}.whole_before_breakdown"
            elif label is None:
                between = text[prev_end:start]
                # a list of figures: ", 211 hồ sơ ...", "; cấp xã 950 hồ sơ" take the status before them
                if (prev_label is not None and regex.fullmatch(r"[\s,;]*(?:và\s*)?(?:\S+\s*){0,4}", between)
                        and not _SUBSET.search(between_full)):
                    label, rule = prev_label, f"{self.field}.{form}.list_inherits"
                elif (prev_label is not None and self.part_inherits
                      and (_PART.fullmatch(between) or _PART.fullmatch(between_full))):
                    # "tiếp nhận và giải quyết 12.306 hồ sơ, trong đó lĩnh vực hộ tịch 5.210 hồ sơ": a part of
                    # the figure before it, with no cue of its own, has that figure's status
                    label, rule = prev_label, f"{self.field}.{form}.part_inherits"
                else:
                    label, rule = self.default_label, f"{self.field}.{form}.no_cue"
            else:
                rule = f"{self.field}.{form}.{cue_id}"
            ev_end = end
            if form == "figure" and after_text.strip() and (in_after or _category(after_text, in_after)):
                ev_end = a_end
            attrs = {"value": as_int_if_whole(value), self.label_key: label}
            attrs.update(self.extra_attrs(after_text, in_after))
            attrs.update(extra)
            attrs.update({"place": None, "period": None} if self.field == "dossier_counts" else {"place": None})
            found.append(Match(start, ev_end, attrs, rule, sentence=(sent.start, sent.end)))
            floor = end
            prev_label, prev_end = label, (a_end if form == "figure" else end)
        return found

    @staticmethod
    def _in_breakdown(text: str, sent: Sentence, spans: list, i: int) -> bool:
        """True when figure ``i`` is itself an item of a breakdown opened after an earlier figure of its clause
        ("900 thủ tục gồm 600 ..., 200 ... và 100 thủ tục cấp xã; trong đó ..."): not a whole set."""
        if i == 0:
            return False
        start = spans[i][0]
        semicolon = text.rfind(";", sent.start, start)
        floor = max(sent.start, semicolon + 1)
        first = next((s for s, *_ in spans[:i] if s >= floor), None)
        return first is not None and bool(_BREAKDOWN.search(text, first, start))

    def extra_attrs(self, after_text: str, in_after: bool) -> dict:
        return {}


class DossierCountsStage(_CountStage):
    field = "dossier_counts"
    cues = _STATUS_CUES
    label_key = "status"
    part_inherits = True

    def extra_attrs(self, after_text: str, in_after: bool) -> dict:
        return {"category": _category(after_text, in_after)}


class ProcedureCountsStage(_CountStage):
    field = "procedure_counts"
    cues = _KIND_CUES
    label_key = "kind"
    whole_label = "total"
    after_words = 14  # "512 thủ tục hành chính được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình"
