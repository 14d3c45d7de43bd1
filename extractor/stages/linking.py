"""Linking: the place and period of every dossier count, procedure count and percentage.

A figure belongs to the place and period stated in its own sentence (the
nearest before it, else the first after it), or else to the nearest statement
of them before it in the article (for a place, failing that, the unit the
article mentions most): "Tại phường X, ... Từ ngày 1/8 đến 29/8,
phường đã tiếp nhận 2.077 hồ sơ" gives phường X and 1/8–29/8.  When the
sentence names the kind of unit ("xã tiếp nhận ..."), the nearest unit of that
level is preferred.  Countries and foreign places are never a figure's place.
"""
from __future__ import annotations

import regex

from .base import Match, doc_text, Stage, items

LINKED_FIELDS = ("dossier_counts", "procedure_counts", "percentages")
_LOCAL_LEVELS = {"commune", "district", "province"}
_UNIT_HINTS = [
    ("commune", regex.compile(r"(?<!\p{L})(?:xã|phường|thị trấn|đặc khu)(?!\p{L})", regex.IGNORECASE)),
    ("district", regex.compile(r"(?<!\p{L})(?:huyện|quận|thị xã)(?!\p{L})", regex.IGNORECASE)),
    ("province", regex.compile(r"(?<!\p{L})(?:tỉnh|thành phố)(?!\p{L})", regex.IGNORECASE)),
]


def place_mentions(doc) -> list[tuple[int, int, str, str]]:
    """(start, end, canonical name, level) of every sub-national place mention, in text order."""
    found = doc.user_data.get("place_mentions")
    if found is None:
        found = [(m.start, m.end, m.attrs.get("name"), m.attrs.get("level")) for m in items(doc, "places")]
    return sorted(t for t in found if t[3] in _LOCAL_LEVELS and t[2])


def date_mentions(doc) -> list[tuple[int, int, str]]:
    """(start, end, ISO value) of every date mention, in text order."""
    found = doc.user_data.get("date_mentions")
    if found is None:
        found = [(m.start, m.end, m.attrs.get("value")) for m in items(doc, "dates")]
    return sorted(t for t in found if t[2])


def _pick(mentions: list[tuple], sent: tuple[int, int], pos: int, prefer=None) -> tuple | None:
    """The mention for a figure at ``pos``: own sentence (nearest before, else first after), else nearest before."""
    s, e = sent
    ok = (lambda t: True) if prefer is None else (lambda t: t[3] == prefer)
    for pool in ([t for t in mentions if ok(t)], mentions) if prefer else (mentions,):
        before = [t for t in pool if s <= t[0] and t[1] <= pos]
        if before:
            return before[-1]
        after = [t for t in pool if pos <= t[0] and t[1] <= e]
        if after:
            return after[0]
        earlier = [t for t in pool if t[1] <= s]
        if earlier:
            return earlier[-1]
    return None


def _main_place(mentions: list[tuple]) -> tuple | None:
    """The place the article is about: its most mentioned unit (the first of a tie)."""
    if not mentions:
        return None
    counts: dict[tuple, int] = {}
    for t in mentions:
        counts[(t[2], t[3])] = counts.get((t[2], t[3]), 0) + 1
    best = max(counts.values())
    return next(t for t in mentions if counts[(t[2], t[3])] == best)


# "tăng 18% so với năm 2023", "so với cùng kỳ năm 2024": the date a figure is compared with is not its period
# ("so với các kỳ trước tháng 4": a few words of the compared period may stand between)
_COMPARED = regex.compile(r"(?<!\p{L})(?:so với(?:\s+(?:các|cùng|kỳ|thời điểm|báo cáo|đầu|cuối|bình quân|trung bình|"
                          r"giai đoạn|mức|của))*|so|hơn|bằng)(?:\s+(?:cùng kỳ|cùng thời điểm|thời điểm))?"
                          r"(?:\s+(?:năm|tháng|quý|ngày))?\s*$", regex.IGNORECASE)
# "theo Nghị quyết số 12/NQ-HĐND ngày 10/12/2021": the date of a cited document is not a figure's period
_DOCUMENT_DATE = regex.compile(r"(?<!\p{L})(?:nghị quyết|quyết định|kế hoạch|công văn|văn bản|thông tư|nghị định|"
                               r"chỉ thị|thông báo|tờ trình|luật|pháp lệnh|hướng dẫn|đề án|chương trình)"
                               r"(?:\s+(?:số\s+)?[\w/.\-Đđ]*\d[\w/.\-Đđ]*)?(?:\s+của\s+[^,;.()]{1,40}?)?"
                               r"\s+(?:(?:ban hành|ký)\s+)?(?P<day>ngày\s*)?$", regex.IGNORECASE)
_UNTIL_NOW = regex.compile(r"\s*,?\s*(?:đến|tới|cho đến|cho tới)\s+(?:nay|hiện nay|thời điểm này|hiện tại)(?!\p{L})",
                           regex.IGNORECASE)


def _compared(text: str, date: tuple[int, int, str]) -> bool:
    return bool(_COMPARED.search(text, max(0, date[0] - 40), date[0]))


def _document_date(text: str, date: tuple[int, int, str]) -> bool:
    """A date written "ngày ..." right after a document's name (the date mention may hold the "ngày")."""
    m = _DOCUMENT_DATE.search(text, max(0, date[0] - 90), date[0])
    return bool(m and (m.group("day") or text[date[0]:date[0] + 4].lower() == "ngày"))


def _until_now(text: str, period: tuple[int, int, str], iso: str, published) -> str:
    """ "Từ ngày 1/7/2025 đến nay": a start opened by "từ" and closed by "đến nay" runs to the published date."""
    start, end, _ = period
    if published is None or "/" in iso or not _SINCE.search(text[max(0, start - 15):start]):
        return iso
    if not _UNTIL_NOW.match(text, end, min(len(text), end + 40)):
        return iso
    today = published.isoformat()
    return f"{iso}/{today}" if iso < today else iso


_CUTOFF = regex.compile(r"(?:tính đến|tính tới|đến nay,?\s*(?:tính )?đến)\s*$", regex.IGNORECASE)
_SINCE = regex.compile(r"(?:^|\s)(?:từ|kể từ|bắt đầu từ)\s*$", regex.IGNORECASE)


def _cumulative(text: str, dates: list[tuple[int, int, str]], period: tuple[int, int, str]) -> str:
    """ "từ năm 2015 ... đến nay, tính đến ngày 6/2": a cut-off date closes the period opened by
    "từ" earlier in its sentence, giving 2015/2017-02-06; otherwise the date as it is."""
    start, _, iso = period
    if "/" in iso or not _CUTOFF.search(text[max(0, start - 30):start]):
        return iso
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    for s, e, since in reversed([d for d in dates if sentence_start <= d[0] and d[1] <= start]):
        if "/" not in since and _SINCE.search(text[max(0, s - 15):s]) and since < iso:
            return f"{since}/{iso}"
    return iso


class LinkingStage(Stage):
    """Writes no spans of its own: it fills ``place``/``period`` of the figures' Matches."""

    field = "linking"

    def match(self, doc) -> list[Match]:
        return []

    def __call__(self, doc):
        places = place_mentions(doc)
        text = doc_text(doc)
        dates = [d for d in date_mentions(doc) if not _compared(text, d) and not _document_date(text, d)]
        published = getattr(doc._, "published", None)
        for field in LINKED_FIELDS:
            for m in items(doc, field):
                sent = m.sentence or (m.start, m.end)
                head = text[sent[0]:m.start]
                prefer = next((level for level, hint in _UNIT_HINTS if hint.search(head)), None)
                # a figure before any place is named belongs to the place the article is about
                place = _pick(places, sent, m.start, prefer) or _main_place(places)
                if place is not None and m.attrs.get("place") is None:
                    m.attrs["place"] = place[2]
                    m.extra["place_at"] = (place[0], place[1])
                if "period" in m.attrs and m.attrs.get("period") is None:
                    period = _pick(dates, sent, m.start)
                    if period is not None:
                        m.attrs["period"] = _until_now(text, period, _cumulative(text, dates, period), published)
                        m.extra["period_at"] = (period[0], period[1])
        return doc
