"""The sentence-level stages: recommendations and difficulties.

A **recommendation** is a sentence in which a party asks, proposes, directs or
assigns an action to another (rules/recommendations.json):

1. a trigger verb used as a verb ("Phường A kiến nghị Chính phủ ...") — not as a
   noun ("các kiến nghị", "theo đề nghị của", "Ban Chỉ đạo"), not a purpose
   ("để đề xuất"), not a passive ("được giao"), not inside a phrase that only
   reports that requests exist ("ghi nhận ... kiến nghị", "trả lời ... kiến nghị");
2. a modal of obligation (cần, phải) whose subject is a named party
   ("các đơn vị phải rà soát ...");
3. a quoted directive with its attribution ("“... phải ...”, Thứ trưởng chỉ đạo");
4. a sentence that plainly continues the previous request: a list connective
   ("Song song đó, ..."), a bare imperative verb, or an obligation word, right
   after a recommendation; it inherits ``by`` and ``to``.

``by`` is the subject before the trigger (a person's name without honorific or
title when the officials stage knows it); ``to`` the party named right after it.

Long report sentences are read clause by clause (clauses end at , ; : and a
dash that is not inside a name): a trigger whose own clause has no subject is a
predicate coordinated with the main one ("Phát biểu tại hội nghị, Phó Chủ tịch
X ghi nhận ..., đồng thời đề nghị ...") and takes the subject of the main clause,
found past the adverbial openings and across appositions (``_main_subject``);
an obligation takes as speaker the subject of a verb of saying in any earlier
clause, "Theo <title> X,", or a closing "..., <title> X nhấn mạnh."; the noun
contexts of a trigger are read on a window that reaches back over a comma
("những kiến nghị, đề xuất", "lãnh đạo, chỉ đạo").
Word classes come from underthesea ``pos_tag``, run only on the few sentences
that hold a trigger (a few milliseconds each).

A **difficulty** is a sentence that reports a problem or shortcoming
(rules/difficulties.json): a cue ("khó khăn", "chưa ổn định", "còn thấp", ...)
outside the contexts that only say problems exist or that are overcome.
"""
from __future__ import annotations

from functools import lru_cache

import re

import regex

from .. import rules
from ..folding import fold
from .base import Match, Sentence, Stage, doc_text, headline, items, line_of, sentences

_FLAGS = regex.IGNORECASE | regex.VERSION1
# for patterns run on text already lower-cased (they hold no upper-case letter: checked on load)
_LOWER_FLAGS = regex.VERSION1


def _words(pattern: str) -> str:
    return rf"(?<![\p{{L}}\p{{M}}])(?:{pattern})(?![\p{{L}}\p{{M}}])"


class _RecRules:
    def __init__(self) -> None:
        data = rules.load("recommendations", required=("id", "type", "pattern"))
        by_type: dict[str, list[dict]] = {}
        for e in data["entries"]:
            by_type.setdefault(e["type"], []).append(e)
        known = {"trigger", "quote", "modal", "modal_not_after", "modal_not_before", "not_before", "not_after",
                 "mention", "continuation", "imperative_not", "urgency", "no_continuation_start", "party",
                 "pronoun", "aux", "intro", "honorific", "person_title", "object_stop", "action",
                 "modal_context_not", "speech", "document", "topic"}
        for t in by_type:
            if t not in known:
                raise rules.RulesError(f"recommendations.json: unknown type {t!r}")
        self.triggers = [_Trigger(e) for e in by_type["trigger"]]
        self.quotes = [(e["id"], regex.compile(e["pattern"], _FLAGS), bool(e.get("needs_party")))
                       for e in by_type.get("quote", [])]
        self.modals = [(e["id"], regex.compile(_words(e["pattern"]), _FLAGS)) for e in by_type["modal"]]
        self.modal_not_after = [regex.compile(e["pattern"], _FLAGS) for e in by_type["modal_not_after"]]
        self.modal_not_before = [regex.compile(e["pattern"], _FLAGS) for e in by_type["modal_not_before"]]
        self.modal_context_not = [regex.compile(e["pattern"], _FLAGS) for e in by_type.get("modal_context_not", [])]
        speech = "|".join(e["pattern"] for e in by_type.get("speech", []))
        # verbs of saying: the subject of an obligation follows them ("Bộ trưởng nhấn mạnh các đơn vị cần ...")
        self.speech = regex.compile(_words(speech), _FLAGS) if speech else None
        acts = "|".join(e["pattern"] for e in by_type.get("action", []))
        self.action = regex.compile(r"\s*(?:" + acts + r")(?![\p{L}\p{M}])", _FLAGS) if acts else None
        self.not_before = [(e["id"], regex.compile(e["pattern"], _FLAGS)) for e in by_type["not_before"]]
        self.not_after = [(e["id"], regex.compile(e["pattern"], _FLAGS)) for e in by_type["not_after"]]
        self.mentions = [(e["id"], regex.compile(e["pattern"], _FLAGS)) for e in by_type["mention"]]
        self.continuations = [(e["id"], regex.compile(e["pattern"], _FLAGS)) for e in by_type["continuation"]]
        self.imperative_not = [regex.compile(e["pattern"], _FLAGS) for e in by_type["imperative_not"]]
        self.urgency = regex.compile(_words("|".join(e["pattern"] for e in by_type["urgency"])), _FLAGS)
        self.no_cont = [regex.compile(e["pattern"], _FLAGS) for e in by_type["no_continuation_start"]]
        self.party = regex.compile(r"^(?:(?:các|những|mọi|mỗi|từng|toàn thể|toàn|tất cả(?: các| những)?)\s+)?" + _words("|".join(e["pattern"] for e in by_type["party"])),
                                   _FLAGS)
        self.pronoun = regex.compile(r"^" + _words("|".join(e["pattern"] for e in by_type["pronoun"])) + r"\s*$",
                                     _FLAGS)
        aux = "|".join(sorted((e["pattern"] for e in by_type["aux"]), key=len, reverse=True))
        self.aux_tail = regex.compile(r"(?:\s+(?:" + aux + r"))+\s*$", _FLAGS)
        self.intro = [regex.compile(e["pattern"], _FLAGS) for e in by_type["intro"]]
        self.person_title = regex.compile(r"^(?:nguyên\s+)?(?:" + "|".join(e["pattern"] for e in by_type["person_title"])
                                          + r")(?![\p{L}\p{M}])", _FLAGS)
        self.honorific = regex.compile(r"^(?:" + "|".join(e["pattern"] for e in by_type["honorific"]) + r")\s+", _FLAGS)
        heads = "|".join(e["pattern"] for e in by_type["party"])
        self.party_word = regex.compile(_words(heads), _FLAGS)
        topics = "|".join(e["pattern"] for e in by_type.get("topic", []))
        # "kiến nghị các vấn đề ...": the topics proposed, not the party asked
        self.topic_object = regex.compile(r"(?:các|những|mọi|tất cả)\s+(?:" + topics + r")(?![\p{L}\p{M}])", _FLAGS) \
            if topics else None
        # the same topics after the addressee: "đề nghị UBND xã một số nội dung sau", "kiến nghị Bộ những vấn đề ..."
        self.topic_tail = regex.compile(r"(?<![\p{L}\p{M}])(?:các|những|một số|một vài|mấy|\d+)\s+(?:nhóm\s+)?(?:"
                                        + topics + r")(?![\p{L}\p{M}])", _FLAGS) if topics else None
        stops = "|".join(e["pattern"] for e in by_type.get("object_stop", []))
        self.object_stop = regex.compile(r"^(?:" + stops + r")$", _FLAGS) if stops else None
        docs = "|".join(e["pattern"] for e in by_type.get("document", []))
        # "UBND tỉnh đã có Tờ trình số 12 đề nghị ...": the document is not the one who proposes
        self.document = regex.compile(r"^(?:" + docs + r")(?![\p{L}\p{M}])", _FLAGS) if docs else None
        # a determiner opens a party phrase whatever its head ("các chủ đầu tư", "những hộ kinh doanh")
        self.determiner = regex.compile(r"^(?:các|những|mọi|toàn thể|tất cả)\s+\p{L}", _FLAGS)


class _Trigger:
    """A trigger entry: its pattern, whether it needs a party right after it (``object``), words skipped
    before that party (``skip``: "giao nhiệm vụ cho Sở X"), and contexts of its own that make it no request."""

    def __init__(self, e: dict) -> None:
        self.id = e["id"]
        self.pattern = regex.compile(_words(e["pattern"]), _FLAGS)
        self.needs_object = bool(e.get("object"))
        self.skip = regex.compile(r"\s*(?:(?:" + e["skip"] + r")\s+)?", _FLAGS) if e.get("skip") else None
        self.not_before = [regex.compile(x, _FLAGS) for x in e.get("not_before", [])]
        self.not_after = [regex.compile(x, _FLAGS) for x in e.get("not_after", [])]
        self.not_subject = [regex.compile(x, _FLAGS) for x in e.get("not_subject", [])]


@lru_cache(maxsize=1)
def _rec_rules() -> _RecRules:
    return _RecRules()


# ---------------------------------------------------------------- word classes

@lru_cache(maxsize=4096)
def _pos(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, word, tag) of underthesea's pos_tag, located in ``text``."""
    from ..postag import pos_tag  # underthesea's tagger and model, its features built fast

    out, cur = [], 0
    for word, tag in pos_tag(text):
        i = text.find(word, cur)
        if i < 0:  # normalised by underthesea: find its first syllable instead
            first = word.split()[0] if word.split() else word
            i = text.find(first, cur)
            if i < 0:
                continue
            j = i + len(first)
        else:
            j = i + len(word)
        out.append((i, j, word, tag))
        cur = j
    return tuple(out)


@lru_cache(maxsize=65536)
def _token_normalize(syllable: str) -> str:
    """underthesea's token_normalize (uỷ -> ủy), once per distinct syllable: a fifth of the tagging time."""
    from underthesea.pipeline.text_normalize import token_normalize

    return token_normalize(syllable)


def _pos_doc(doc, start: int, end: int) -> tuple[tuple[int, int, str, str], ...]:
    """``_pos`` of ``text[start:end]`` from the words the tokenizer already found (no second
    word_tokenize): (start, end, word, tag) relative to ``start``. Words are given to the tagger as
    underthesea's pos_tag gives them, syllables token-normalised (uỷ -> ủy)."""
    from ..postag import tag_words

    cache = doc.user_data.setdefault("pos", {})
    got = cache.get((start, end))
    if got is not None:
        return got
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        got = _pos(doc_text(doc)[start:end])
    else:
        toks = [(t.idx, t.idx + len(t.text), t.text) for t in span if not t.is_space]
        words = [" ".join(_token_normalize(x) for x in w.split()) for _, _, w in toks]
        got = tuple((a - start, b - start, w, tag) for (a, b, w), (_, tag) in zip(toks, tag_words(words)))
    cache[(start, end)] = got
    return got


_VERB_AFTER_HEAD = regex.compile(r"^(?:người|đoàn|tổ|ban|hội đồng|nhóm)$", regex.IGNORECASE)
_DETERMINERS = {"các", "những", "mọi", "mỗi", "từng", "toàn thể", "tất cả"}
_NOUNISH = {"N", "Np", "Nc", "Nu", "Ny", "Nb", "L", "M", "P"}
# a dash between two capitalised parts of one name ("Ban Văn hóa - Xã hội HĐND tỉnh") is no boundary
_BOUNDARY = regex.compile(r"[,;:]|(?<!\p{Lu}[\p{L}\p{M}]*(?:\s+[\p{L}\p{M}]+){0,2})\s[–-]\s|\s[–-]\s(?!\p{Lu})"
                          r"|(?<=\p{L})\.(?=\p{Lu})")
_CAP = regex.compile(r"^[\p{Lu}\d]")
_HAS_CAP = regex.compile(r"\p{Lu}")


def _clause_before(text: str, pos: int) -> tuple[int, str]:
    start = 0
    for m in _BOUNDARY.finditer(text, 0, pos):
        start = m.end()
    return start, text[start:pos]


_LISTED_BEFORE = regex.compile(r"(?:,|và)\s*$")
_QUALIFIER = regex.compile(r"(?:có\s+(?:thẩm quyền|liên quan|trách nhiệm)|liên quan)(?![\p{L}\p{M}])", _FLAGS)


def _noun_phrase(text: str, start: int, tags, stop_lower_verbs: bool = True) -> tuple[int, int] | None:
    """The noun phrase opening at ``start`` (skipping spaces): nouns, names, 'và', commas between nouns,
    a bracket; it ends at the first verb/adverb/adjective that is not capitalised."""
    while start < len(text) and text[start] in " \t,:":
        start += 1
    end, depth, seen, last = start, 0, False, ""
    for s, e, word, tag in tags:
        if e <= start:
            continue
        if s < start:
            if not seen and start < e:  # "giao thủ trưởng" tagged as one verb: the party word in its tail
                pm = _rec_rules().party_word.match(text, start)
                if pm and pm.end() >= e:
                    end, seen, last = e, True, text[start:e]
                    continue
            return (start, end) if seen else None
        if seen and e <= end:  # inside a party word already taken ("chủ đầu tư": "đầu tư" tagged as a verb)
            continue
        gap = text[end:s] if seen else ""
        if seen and regex.search(r"[;:.!?]", gap):
            break
        if "(" in gap:
            depth += gap.count("(") - gap.count(")")
        if depth > 0 or word in "()":
            if word == ")" or ")" in gap:
                depth = max(0, depth - 1)
            end = e
            continue
        if word in (",", "và", "cùng", "&"):
            if not seen:
                return None
            continue
        if not seen and word.lower() in _DETERMINERS:  # "từng cấp ủy", tagged as an adverb
            end, seen, last = e, True, word
            continue
        r = _rec_rules()
        qm = _QUALIFIER.match(text, s) if seen else None
        if qm:  # "các cấp có thẩm quyền", "các đơn vị có liên quan": one party
            end, last = qm.end(), word
            continue
        if seen and word.lower() in ("thuộc", "trực thuộc"):
            after = text[e:].lstrip()
            if _CAP.match(after) or r.party_word.match(after):  # "cơ quan thuộc Chính phủ", "đơn vị trực thuộc Bộ"
                end, last = e, word
                continue
        listed = _LISTED_BEFORE.search(text, max(0, s - 6), s) is not None  # "các cơ quan, tổ chức, đơn vị"
        if seen and r.object_stop is not None and r.object_stop.match(word) and not _CAP.match(word) \
                and last.lower() not in _DETERMINERS and not listed:
            break
        pm = r.party_word.match(text, s)
        if pm and not (seen and r.object_stop is not None and r.object_stop.match(word) and not listed):
            end, seen, last = max(e, pm.end()), True, word
            continue
        if tag in _NOUNISH or _CAP.match(word) or word in ("của",) or (seen and _VERB_AFTER_HEAD.match(last)):
            if word in ("của",) and not seen:
                return None
            end, seen, last = e, True, word
            continue
        break
    if not seen:
        return None
    phrase = text[start:end].rstrip(" ,")
    while phrase.endswith(" và") or phrase.endswith(" cùng"):
        phrase = phrase.rsplit(" ", 1)[0]
    return start, start + len(phrase)


# ---------------------------------------------------------------- triggers

def _trigger_ok(r: _RecRules, text: str, m, trig: "_Trigger", mentions: list[tuple[int, int]]) -> bool:
    s, e = m.span()
    needs_object = trig.needs_object
    if any(ms <= s and e <= me for ms, me in mentions):
        return False
    c_start, before = _clause_before(text, s)
    # the noun contexts are read on a window that may reach back over a comma: a trigger coordinated
    # with a noun ("những kiến nghị, đề xuất", "lãnh đạo, chỉ đạo thực hiện") is a noun too
    wide = text[max(0, s - 60):s]
    for _, pat in r.not_before:
        if pat.search(wide):
            return False
    after = text[e:]
    for _, pat in r.not_after:
        if pat.search(after):
            return False
    # negated: "không đề nghị", "không có ai nhắc nhở"; a negation earlier in the clause that a
    # conjunction closes ("chất lượng chưa cao và đề nghị ...") does not reach the trigger
    if regex.search(r"(?<![\p{L}\p{M}])(?:không|chưa|chẳng)(?:\s+(?!(?:và|nhưng|song|mà)(?![\p{L}\p{M}]))[^\s,;:]+)*\s*$",
                    before, _FLAGS):
        return False
    if any(p.search(wide) for p in trig.not_before) or any(p.search(after) for p in trig.not_after):
        return False
    if any(p.search(before) for p in trig.not_subject):  # "thủ tục ... vẫn yêu cầu người dân nộp"
        return False
    if needs_object:
        nxt = after[trig.skip.match(after).end():] if trig.skip else after
        nxt = nxt.lstrip(" ")
        if not (r.party.match(nxt) or _CAP.match(nxt) or r.determiner.match(nxt)):
            return False
    return True


# a party after "do"/"bởi" with a noun before it is the agent of a relative clause ("thủ tục do Bộ X quản lý")
_AGENT_BEFORE = regex.compile(r"\p{L}[\p{L}\p{M}]*\s+(?:do|bởi)\s+$", _FLAGS)


def _modal_ok(r: _RecRules, text: str, m) -> tuple[bool, str]:
    """(is a directive, subject) for cần/phải at ``m``: the subject must be a named party."""
    s, e = m.span()
    after = text[e:]
    if any(p.search(after) for p in r.modal_not_after):
        return False, ""
    c_start, before = _clause_before(text, s)
    if any(p.search(before) for p in r.modal_not_before):
        return False, ""
    if any(p.search(text[:s]) for p in r.modal_context_not):  # the content of a goal or a plan
        return False, ""
    sm = _last_speech(r, before)
    if sm:  # the subject follows a verb of saying in the clause: "X nhấn mạnh các sở cần"
        before = before[sm.end():]
    subj = _strip_intro(r, before).strip()
    if not subj or r.pronoun.match(subj) or r.pronoun.match(_DET_OPEN.sub("", subj)):  # "mỗi người dân cần"
        return False, ""
    # the party may follow an adverbial opening: "trước mắt các đơn vị", "tới toàn thể cán bộ"
    for pm in regex.finditer(r"(?<![\p{L}\p{M}])\p{L}", subj):
        rest = subj[pm.start():]
        if pm.start() > 0 and _modifier(r, subj[:pm.start()], rest):
            continue
        if _AGENT_BEFORE.search(subj[:pm.start()]):  # "13 thủ tục do Bộ X quản lý phải ...": a thing, not Bộ X
            break
        if r.party.match(rest) or (regex.match(r"[\p{Lu}]{2,}", rest)):
            return True, rest
    # a proper name as the whole subject: "Hà Nội cần ...", "Việt Nam phải ..."
    if _PROPER.fullmatch(subj):
        return True, subj
    # the end of a list of names that a party opens in an earlier clause: "Các địa phương có tỷ lệ ...
    # thấp như huyện A, B và C cần ...": the subject runs from that party
    if _NAME_LIST.fullmatch(subj):
        b = c_start
        while b > 0:
            lo, piece = _clause_before(text, b - 1)
            piece_s = _strip_intro(r, piece).strip()
            if _NAME_LIST.fullmatch(piece_s):
                b = lo
                continue
            pm = regex.search(r"(?<![\p{L}\p{M}])(?:" + r.party.pattern.lstrip("^") + r")", piece_s, _FLAGS) \
                if piece_s else None
            if pm and (pm.start() == 0 or r.determiner.match(piece_s[pm.start():])):
                return True, text[lo + len(piece) - len(piece.lstrip()) + (len(piece.strip()) - len(piece_s))
                                  + pm.start():s].strip()
            break
    return False, ""


_NAME_LIST = regex.compile(r"(?:(?:huyện|xã|phường|tỉnh|thị xã|quận)\s+)?\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}"
                           r"(?:\s*(?:,|và)\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4})*")


_DET_OPEN = regex.compile(r"^(?:mỗi|mọi|từng|các|những|toàn thể|tất cả)\s+", regex.IGNORECASE)
_LEAD = regex.compile(r"(?<![\p{L}\p{M}])(?:tới|đến|với|cho|mắt|nay|đó|này|sau|rằng|là|đây|tiên|hết)\s*$", _FLAGS)


def _modifier(r: _RecRules, head: str, rest: str) -> bool:
    """A lower-case party word right after a common noun modifies it ("ngân sách tỉnh", "giá điện xã"): it is
    not the subject. A determiner, a capital or an adverbial opening before it makes it one."""
    if r.determiner.match(rest) or regex.match(r"(?:mỗi|từng)\s", rest, _FLAGS) or rest[:1].isupper():
        return False
    return bool(regex.search(r"[\p{Ll}]\s*$", head)) and not _LEAD.search(head)


_PROPER = regex.compile(r"(?:\p{Lu}[\p{L}\p{M}]*)(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}")


def _party_list_before(r: _RecRules, text: str, start: int, tags) -> int:
    """Where a comma list of parties that ends at ``start`` begins: "các sở, ngành, địa phương cần",
    "EVN, PVN cần". Each earlier piece must be a verb-free party phrase (a head word or a proper name)."""
    while True:
        b = text.rfind(",", 0, start)
        if b < 0 or text[b + 1:start].strip():
            return start
        lo = max(text.rfind(",", 0, b), text.rfind(";", 0, b), text.rfind(":", 0, b)) + 1
        piece = text[lo:b].strip()
        if not piece or len(piece.split()) > 6:
            return start
        p0 = lo + (len(text[lo:b]) - len(text[lo:b].lstrip()))
        if not (r.party.match(piece) or _PROPER.fullmatch(piece) or r.determiner.match(piece)) \
                or _has_verb(tags, p0, b) or _strip_intro(r, piece) != piece:
            return start
        start = p0


def _last_speech(r: _RecRules, clause: str):
    """The last verb of saying in ``clause`` that has words after it, or None."""
    if r.speech is None:
        return None
    found = [m for m in r.speech.finditer(clause) if clause[m.end():].strip()]
    return found[-1] if found else None


def _modal_party(r: _RecRules, text: str, m, subj: str, tags) -> str | None:
    """The party an obligation at ``m`` is laid on, from its subject ``subj``: the verb-free phrase before
    it, widened to a list of parties ("Các địa phương, đơn vị phải ...", "..., các sở, ngành cần")."""
    c_start = _clause_before(text, m.start())[0]
    at = m.start() - len(subj) - (len(text[c_start:m.start()]) - len(text[c_start:m.start()].rstrip()))
    if at < c_start:  # a subject over several clauses (a list of names): all of it
        return _clean_party(r, subj)
    np = _np_from(r, text, max(c_start, at), m.start(), tags)
    to = _clean_party(r, text[np[0]:np[1]]) if np else _clean_party(r, subj)
    if np:
        lo = _party_list_before(r, text, np[0], tags)
        if lo < np[0]:
            to = _clean_party(r, text[lo:np[1]])
    return to


class _Shift:
    """A match moved by ``d`` characters (a modal found in a sentence, checked within its quote)."""

    def __init__(self, m, d: int) -> None:
        self._s, self._e, self._g = m.start() + d, m.end() + d, m.group(0)

    def span(self):
        return self._s, self._e

    def start(self):
        return self._s

    def end(self):
        return self._e

    def group(self, i=0):
        return self._g


_REQUEST_VERBS = [regex.compile(_words(w), _FLAGS) for w in ("chỉ đạo", "yêu cầu", "đề nghị", "kiến nghị", "đề xuất")]


def _strip_intro(r: _RecRules, text: str) -> str:
    text = text.strip()
    for _ in range(3):
        before = text
        for p in r.intro:
            text = p.sub("", text, count=1).strip()
        if text == before:
            break
    return text


def _clean_party(r: _RecRules, phrase: str | None) -> str | None:
    if not phrase:
        return None
    phrase = _AFFILIATION.sub("", phrase)
    phrase = phrase.strip(" ,;:“”\"'")
    phrase = _strip_intro(r, phrase)
    phrase = r.aux_tail.sub("", phrase).strip(" ,")
    return phrase or None


# a name with where the person lives glued on by a dash: "Nguyễn Văn A-thôn Đông (xã Bắc)" -> the name
_AFFILIATION = regex.compile(r"(?<=(?-i:\p{Lu})[\p{L}\p{M}]*)[-–](?=(?-i:\p{Ll}))[^,;:]*$", _FLAGS)


_SPEAKER_PRONOUN = regex.compile(r"^(?:chúng tôi|tôi|ông|bà|ông ấy|bà ấy|đồng chí)$", regex.IGNORECASE)


class _People:
    """The officials the earlier stage found: full names (with where they are first named) and titles."""

    def __init__(self, doc) -> None:
        self.names: list[tuple[int, str]] = []
        self.titles: list[tuple[frozenset, str]] = []
        self.title_texts: list[tuple[str, str]] = []  # (folded title, name)
        self.places = {fold(m.attrs["name"]) for m in items(doc, "places") if m.attrs.get("name")}
        seen: set[str] = set()
        for m in items(doc, "officials"):
            name = m.attrs.get("name")
            if not name or len(name.split()) < 2 or not all(w[:1].isupper() for w in name.split()):
                continue
            if name not in seen:
                seen.add(name)
                self.names.append((m.start, name))
            title = m.attrs.get("title")
            if title:
                self.titles.append((frozenset(fold(title).split()), name))
                self.title_texts.append((" ".join(fold(title).split()), name))

    def last_before(self, pos: int) -> str | None:
        found = self.last_named_before(pos)
        return found[1] if found else None

    def last_named_before(self, pos: int) -> tuple[int, str] | None:
        """(where first named, name) of the official first named last before ``pos``."""
        before = [(s, n) for s, n in self.names if s < pos]
        return before[-1] if before else None

    def resolve(self, r: _RecRules, phrase: str | None, pos: int = 0) -> str | None:
        if not phrase:
            return phrase
        for _, name in self.names:
            if name in phrase:
                return name
        bare = r.honorific.sub("", phrase + " ").strip()
        if not bare or _SPEAKER_PRONOUN.match(phrase):  # "ông", "tôi": the person last named
            return self.last_before(pos) or phrase
        # "ông Chung", "Thứ trưởng Tuấn": a given name that ends one official's name
        # (not a full name of someone else: "Cử tri Ngô Minh" is not the official "Đinh Thị Hồng Minh")
        words, bw = phrase.split(), bare.split()
        last = words[-1]
        if _CAP.match(last) and len(words) <= 4 and not (len(bw) > 1 and _CAP.match(bw[-2])):
            found = {n for _, n in self.names if n.split()[-1] == last}
            if len(found) == 1:
                return found.pop()
        # a title that names one official ("Phó Thủ tướng", "Chủ tịch Hà Nội")
        key = set(fold(bare).split())  # "đồng chí Chủ tịch UBND xã": the title without the honorific
        if len(key) >= 3 and r.person_title.match(bare):
            found = {n for t, n in self.titles if key <= t}
            if len(found) > 1:  # "Bí thư Đảng ủy xã": the one whose title says it in a row, not "Phó Bí thư ..."
                run = regex.compile(r"(?<![\p{L}\p{M}])(?<!phó\s)" + regex.escape(" ".join(fold(bare).split()))
                                    + r"(?![\p{L}\p{M}])")
                found = {n for t, n in self.title_texts if run.search(t)} or found
            if len(found) == 1:
                return found.pop()
        hm = regex.search(r"(?<![\p{L}\p{M}])(?:ông|bà|anh|chị|đồng chí)\s+((?:(?!(?:Phó|Chủ|Bí|Giám|Trưởng|Tổng|Thứ)(?![\p{L}\p{M}]))"
                       r"\p{Lu}[\p{L}\p{M}]*\s*){2,4})", phrase)  # the name, not the title after it
        if hm and not r.person_title.match(phrase[hm.start(1):]):  # "đồng chí Phó Chủ tịch": a title
            return hm.group(1).strip()
        # a title, then a name the officials stage did not know ("Thứ trưởng Bộ Tài chính Kha Minh Tuệ"):
        # the closing run of capitalised syllables, when it is no place and no organisation
        if r.person_title.match(r.honorific.sub("", phrase + " ").strip()):
            tm = regex.search(r"(?<=\p{Ll}\s)((?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,3}\p{Lu}[\p{Ll}\p{M}]*)$", phrase)
            if tm and not r.party.match(tm.group(1)) and fold(tm.group(1)) not in self.places:
                return tm.group(1)
        return bare if r.honorific.match(phrase) else phrase




# an acronym ("VCCI", "EVN") names a party even as the first word of a sentence
_ACRONYM = regex.compile(r"(?-i:\p{Lu}{2,})(?![\p{L}\p{M}])")
# the letters right after a number's slash or inside a code ("số 162/THH-KH", "1806/SKHCN-CĐS")
_IN_CODE = regex.compile(r"(?:\d\s*/|\d/[\p{L}\p{M}\d.&]+-)\s*$")


_IS_LA = regex.compile(r"là\s+", _FLAGS)
_BRACKETED = regex.compile(r"\([^()]*\)")
_AUX_TAIL_WORDS = regex.compile(r"\s+(?:đã|đang|sẽ|vừa|cũng|luôn)(?![\p{L}\p{M}]).*$", _FLAGS)
_SENTENCE_END = regex.compile(r"[.!?…]\s")
_WORD_START = regex.compile(r"(?<![\p{L}\p{M}])\p{L}")


def _party_starts(r: _RecRules, text: str, lo: int, hi: int) -> list[int]:
    """Offsets in text[lo:hi] where a party's name may begin (a party head word, or a capitalised word
    that is not the first word of the sentence)."""
    out = []
    for m in _WORD_START.finditer(text, lo, hi):
        rest = text[m.start():hi]
        if (r.party.match(rest) or (m.start() > 0 and _CAP.match(rest)) or _ACRONYM.match(rest) or r.honorific.match(rest)
                or r.person_title.match(rest)) \
                and not _IN_CODE.search(text, max(0, m.start() - 40), m.start()):
            # ("Bí thư Đảng ủy xã cũng giao ...": the title, not "Đảng ủy xã"; "công văn số 162/THH-KH": a document's
            # code, not a party)
            out.append(m.start())
    return out


def _has_verb(tags, lo: int, hi: int) -> bool:
    """A verb in text[lo:hi], not counting a verb right after a head that takes one ("đoàn kiểm tra",
    "người lao động") nor capitalised words (names such as "Phòng Quản lý Thu")."""
    prev = ""
    party_word = _rec_rules().party_word
    for i, (s, e, word, tag) in enumerate(tags):
        if s < lo or e > hi:
            continue
        if tag == "V" and not _HAS_CAP.search(word) and not _VERB_AFTER_HEAD.match(prev) \
                and not party_word.fullmatch(word) \
                and not (i + 1 < len(tags) and party_word.fullmatch(word + " " + tags[i + 1][2])):
            # "chi nhánh", "đơn vị" tagged as verbs; "ủy" of "ủy ban" tagged apart as a verb
            return True
        prev = word
    return False


def _np_from(r: _RecRules, text: str, start: int, hi: int, tags) -> tuple[int, int] | None:
    """The party phrase from ``start``: all of text[start:hi] (aux words cut) when it holds no verb, else
    the noun phrase opening there."""
    cut = r.aux_tail.sub("", text[start:hi]).rstrip(" ,")
    if cut and not _has_verb(tags, start, start + len(cut)):
        return start, start + len(cut)
    np = _noun_phrase(text, start, tags)
    if np and np[1] > hi:
        np = (np[0], hi)
    return np


def _subject(r: _RecRules, text: str, pos: int, tags) -> str | None:
    """The subject before the trigger at ``pos``: a party phrase in its clause, or in the clauses before
    when the trigger's clause opens with verbs ("ghi nhận, giải đáp cụ thể và đề nghị"); after a
    semicolon the sentence's own subject. A clause before it that names a party with a proper name
    is a piece of the same list ("Đoàn công tác Bộ X cùng Sở, ngành tỉnh")."""
    bounds = [(0, "")] + [(m.end(), m.group(0)) for m in _BOUNDARY.finditer(text, 0, pos)]
    hi = pos
    found: tuple[int, int] | None = None
    for i in range(len(bounds) - 1, -1, -1):
        b, sep = bounds[i]
        chunk = text[b:hi]
        stripped = _strip_intro(r, chunk)
        lo = b + (len(chunk) - len(chunk.lstrip())) + (len(chunk.strip()) - len(stripped.strip()))
        if found is None:
            led = _LED_BY.search(text, lo, hi)
            if led:
                hi = led.start()
            starts = _not_governed(tags, text, lo, _party_starts(r, text, lo, hi))
            # "Do ... ở cơ sở rất lớn nên Hội X kiến nghị": a party word before a conjunction is not the subject
            starts = [st for st in starts if not _CONJ.search(text, st, hi)]
            # "... thuộc thẩm quyền của UBND tỉnh và kiến nghị": the trigger is a second predicate, that party its object
            starts = [st for st in starts if not _AND_END.search(r.aux_tail.sub("", text[st:hi]).rstrip(" ,"))
                      or _has_verb(tags, st, hi)]
            for st in starts:  # the leftmost party whose phrase runs, verb-free, up to the trigger
                cut = r.aux_tail.sub("", text[st:hi]).rstrip(" ,")
                if cut and not _has_verb(tags, st, st + len(cut)):
                    found = (st, st + len(cut))
                    break
            if found is None and starts:
                found = _np_from(r, text, starts[0], hi, tags)
            if found is not None and r.document is not None and r.document.match(text[found[0]:]):
                vm = regex.search(r"(?:(?:đã|vừa|cũng)\s+)*(?:có|ban hành|gửi|trình|ký|ký ban hành)\s*$", text[lo:found[0]], _FLAGS)
                if vm:  # the issuer before "có Tờ trình", "ban hành văn bản"
                    issuer = [st for st in _party_starts(r, text, lo, lo + vm.start())
                              if not _has_verb(tags, st, lo + vm.start())]
                    if issuer:
                        found = (issuer[0], lo + vm.start())
            if found is None and i == len(bounds) - 1 and sep.strip() != ";":
                # a predicate coordinated with the main one ("..., đồng thời đề nghị", "... và giao"):
                # the subject of the sentence's main clause, not a party inside an earlier clause
                ms = _main_subject(r, text, b, tags) if b > 0 else None
                if ms:
                    return ms
            if found is None:
                if stripped.strip() and not _all_verbs(tags, lo, hi) \
                        and not regex.search(r"(?<![\p{L}\p{M}])và\s*$", stripped):
                    return None
                if sep.strip() == ";":  # "...; đồng thời đề nghị X": the sentence's subject
                    return _subject(r, text, _first_boundary(text, pos), tags) if _first_boundary(text, pos) < b else None
                hi = b - len(sep)
                continue
            hi = b - len(sep)
            if not _CAP.match(text[found[0]:found[1]]) and i > 0:
                continue
            if i > 0 and sep.strip() == "," and found[0] == lo:  # a person, then a capitalised title
                prev_piece = _strip_intro(r, text[bounds[i - 1][0]:hi])
                if _PERSON_APPOS.fullmatch(prev_piece.strip()) or (
                        r.person_title.match(prev_piece.strip())
                        and _TITLE_NAME_END.search(prev_piece.strip())):  # "Phó Thủ tướng X Y Z, Tổ trưởng ... yêu cầu"
                    return _clean_party(r, prev_piece)
                # a name that runs on over a comma ("Đoàn giám sát của Ủy ban Văn hóa, Giáo dục của Quốc
                # hội"): the clause before is a verb-free party phrase ending in a capitalised word
                p_lo = hi - len(prev_piece)
                if prev_piece.strip() and r.party.match(prev_piece.strip()) and not _has_verb(tags, p_lo, hi) \
                        and regex.search(r"(?<=\s)(?:Ủy ban|Uỷ ban|Ban|Bộ|Sở|Cục|Vụ|Viện|Hội)\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Ll}+)?\s*$",
                                         prev_piece):
                    return _clean_party(r, text[p_lo:found[1]])
            break
        # apposition: "bà Nguyễn Thị Yến, trưởng đoàn công tác đề nghị", "đại biểu X, Đoàn ĐBQH tỉnh Y đề
        # nghị", "PGS.TS X, Viện trưởng ... kiến nghị": the person, whatever the title or affiliation after
        piece = text[lo:hi].strip()
        if _PERSON_APPOS.fullmatch(piece):
            return _clean_party(r, piece)
        # list extension: a clause that is all one party phrase with a proper name in it, joined to the
        # next by a comma ("Cử tri xã A, huyện B đề nghị")
        nsep = bounds[i + 1][1] if i + 1 < len(bounds) else ""
        if (sep.strip() != "," and nsep.strip() != ",") and i < len(bounds) - 1:
            break
        piece = text[lo:hi].strip()
        if piece and r.party.match(piece) and not _has_verb(tags, lo, hi) and _HAS_CAP.search(piece):
            found = (lo, found[1])
            hi = b - len(sep)
            continue
        break
    if not found:
        return None
    return _clean_party(r, text[found[0]:found[1]])


# a preposition that governs the party after it ("Đây là trở ngại cho các hợp tác xã, đề nghị ...",
# "Sở X phối hợp với UBND huyện đề nghị ..."): that party is its object, not the subject
_GOVERNING = regex.compile(r"(?<![\p{L}\p{M}])(?:cho|với|đối với|giữa)(?![\p{L}\p{M}])", _FLAGS)


_CONJ = regex.compile(r"(?<![\p{L}\p{M}])(?:nên|vì vậy|do đó|cho nên)(?![\p{L}\p{M}])", _FLAGS)


def _not_governed(tags, text: str, lo: int, starts: list[int]) -> list[int]:
    """``starts`` without the party starts that a preposition earlier in text[lo:] governs: no verb between
    the preposition and the start."""
    preps = [m.end() for m in _GOVERNING.finditer(text, lo, starts[-1])] if starts else []
    return [st for st in starts if not any(p <= st and not _has_verb(tags, p, st) for p in preps)]


# a title that ends with a person's name ("Phó Thủ tướng Vương Đình Huệ"): two or more capitalised syllables
_TITLE_NAME_END = regex.compile(r"(?<=\p{Ll}\s)(?-i:\p{Lu}[\p{Ll}\p{M}]*)(?:\s+(?-i:\p{Lu})[\p{Ll}\p{M}]*){1,3}$")


_AND_END = regex.compile(r"(?<![\p{L}\p{M}])(?:và|rồi)$", _FLAGS)


# "Đoàn công tác ... do Thứ trưởng X làm trưởng đoàn đề nghị": the delegation, not its leader's role
_LED_BY = regex.compile(r"(?<![\p{L}\p{M}])do\s+[^,;:]{2,80}?\s+(?:làm|dẫn đầu|chủ trì)(?:\s+(?:trưởng đoàn|trưởng ban))?\s*$",
                        _FLAGS)


def _main_subject(r: _RecRules, text: str, pos: int, tags) -> str | None:
    """The subject of the sentence's main clause before ``pos``: past the adverbial openings ("Phát biểu tại
    hội nghị,", "Thay mặt Đoàn công tác,", "Sau khi nghe báo cáo ...,"), the first clause that opens with a
    party, a title or an honorific, up to its first verb ("Phó Chủ tịch UBND tỉnh Nguyễn Văn A ghi nhận
    ..."). Verb-free party clauses right before it are an apposition or a list of the same subject
    ("Trưởng đoàn, Phó Chủ nhiệm ... B đánh giá", "Đoàn Bộ X cùng Sở, ngành tỉnh đã ghi nhận"): they are
    kept with it; the first of them stands alone when no clause has a verb."""
    starts = [0] + [m.end() for m in _BOUNDARY.finditer(text, 0, pos)]
    ends = starts[1:] + [pos]
    first = None
    run = None  # where a run of verb-free party clauses began
    skipped = False  # the clause before was an adverbial opening
    for b, hi in zip(starts, ends):
        chunk = text[b:hi]
        stripped = _strip_intro(r, chunk)
        lo = b + (len(chunk) - len(chunk.lstrip())) + (len(chunk.strip()) - len(stripped.strip()))
        rest = regex.sub(r"^(?:nhiều|một số|một vài)\s+", "", text[lo:pos], flags=regex.IGNORECASE)
        if not (r.party.match(rest) or r.person_title.match(rest) or r.honorific.match(rest)
                or regex.match(r"(?:đồng chí|đ/c)\s", rest, _FLAGS)):
            run, skipped = None, True
            continue
        verb = _first_verb(tags, lo, hi)
        if verb is None and skipped and not _HAS_CAP.search(text[lo:hi]):
            continue  # a bare piece of the opening's list: "Tại nhiều quận, huyện, sở, ngành, ..."
        skipped = False
        if verb is None:
            first = first or _clean_party(r, text[lo:hi])
            run = lo if run is None else run
            continue
        return _clean_party(r, text[run if run is not None else lo:verb]) or first
    return first


def _first_verb(tags, lo: int, hi: int) -> int | None:
    prev = ""
    for s, e, word, tag in tags:
        if s < lo or e > hi:
            continue
        if tag == "V" and not _HAS_CAP.search(word) and not _VERB_AFTER_HEAD.match(prev) \
                and not _rec_rules().party_word.fullmatch(word):
            return s
        prev = word
    return None


_PERSON_APPOS = regex.compile(
    r"(?:ông|bà|anh|chị|đồng chí|đại biểu|đại tá|thượng tá|trung tá|thiếu tướng|trung tướng|"
    r"(?-i:(?:P?GS\.?\s*)?TS\.?|ThS\.?|PGS\.TS\.?|GS\.TS\.?))(?:\s+(?-i:\p{Lu})[\p{L}\p{M}]*){2,4}", _FLAGS)


def _first_word(text: str) -> int:
    m = regex.search(r"\p{L}", text)
    return m.start() if m else 0


def _first_boundary(text: str, pos: int) -> int:
    m = _BOUNDARY.search(text, 0, pos)
    return m.start() if m else pos


def _all_verbs(tags, lo: int, hi: int) -> bool:
    seen = False
    for s, e, word, tag in tags:
        if s < lo or e > hi:
            continue
        if tag not in ("V", "A", "R", "C", "CH", "X") and word not in ("và",):
            return False
        seen = True
    return seen


_OBJ_SKIP = regex.compile(r"[\s,:]*(?:(?:giao cho|giao|ngay|cho|với|tới|đến|đối với|gửi tới|gửi đến|gửi)\s+)*", regex.IGNORECASE)


# "đề nghị, trong thời gian tới, các sở ...": an adverbial between the trigger and its party
_OBJ_ADVERBIAL = regex.compile(r"\s*,\s*(?:trong |từ |ngay |thời gian |trước |sau |về |đến |tới )[^,;:.]{0,40},\s*", _FLAGS)


def _object(r: _RecRules, text: str, end: int, tags) -> str | None:
    am = _OBJ_ADVERBIAL.match(text, end)
    if am:
        found = _object(r, text, am.end(), tags)
        if found:
            return found
    end += _OBJ_SKIP.match(text, end).end() - end
    np = _noun_phrase(text, end, tags)
    if not np:
        return None
    phrase = _clean_party(r, text[np[0]:np[1]])
    if phrase and r.topic_tail is not None:
        tm = r.topic_tail.search(phrase)
        if tm and tm.start() > 0:  # "UBND xã một số nội dung sau": whom, then what
            phrase = _clean_party(r, phrase[:tm.start()])
    if not phrase:
        return None
    if not (r.party.match(phrase) or _CAP.match(phrase) or r.determiner.match(phrase)
            or (r.honorific.match(phrase) and _CAP.match(r.honorific.sub("", phrase, count=1)))):
        return None
    if r.topic_object is not None and not r.party.match(phrase) and r.topic_object.match(phrase):  # what, not whom
        return None
    return phrase


def _is_heading(doc, s: Sentence) -> bool:
    """A line of its own that does not end like a sentence: a title, subheading or caption."""
    text = doc_text(doc)
    ls, le = line_of(text, s.start, s.end)
    own_line = not text[ls:s.start].strip() and not text[s.end:le].strip()
    return own_line and s.text.rstrip()[-1:] not in ".!?…;:\"”"


# the author after a request noun: "(đó là chỉ đạo) của Chủ tịch UBND xã X tại cuộc họp"
_OF_SPEAKER = regex.compile(r"\s+của\s+([^,;:.]{3,90}?)\s*(?:(?<![\p{L}\p{M}])(?:tại|trong|khi|ở|trước|sau)(?![\p{L}\p{M}])|[,;:.]|$)",
                            _FLAGS)
# an item of a list: a dash or bullet, or an enumerator ("1.", "a)")
_LIST_ITEM = regex.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-eđ]\))\s+(?=\p{L})", _FLAGS)
# a line that announces tasks: a verb of emphasis, then tasks or an obligation ("nhấn mạnh một số nhiệm vụ
# cần ...:", "lưu ý các giải pháp sau:")
_LEAD_LINE = regex.compile(r"(?<![\p{L}\p{M}])(?:nhấn mạnh|lưu ý|quán triệt|chỉ ra)(?![\p{L}\p{M}])"
                           r"(?=[^:]*(?<![\p{L}\p{M}])(?:nhiệm vụ|công việc|giải pháp|việc cần|cần|phải)(?![\p{L}\p{M}]))",
                           _FLAGS)


_DIRECTIVE_VERBS = {"yêu cầu", "giao", "chỉ đạo", "chỉ thị"}
_SENT_TO = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:đã|vừa|cũng)\s+)*(?:có|ban hành|gửi)\s+(?:văn bản|công văn|công điện|thông báo)"
                         r"(?:\s+số\s+[^\s,;:]+)?(?:\s+ngày\s+[^\s,;:]+)?\s+gửi\s+(?P<to>[^;:]{3,120}?)\s*,?\s*$", _FLAGS)


def _same_party(a: str | None, b: str | None) -> bool:
    """Two party phrases that share at least half of the longer one's words ("ủy ban MTTQ các cấp" /
    "Ủy ban MTTQ Việt Nam các cấp trong tỉnh" share less; "Sở X" / "Sở X tỉnh Y" share more)."""
    if not a or not b:
        return False
    ta, tb = set(fold(a).split()), set(fold(b).split())
    return len(ta & tb) / max(len(ta), len(tb)) >= 0.5
_PASSIVE_REQUEST = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:cũng|đã|đều)\s+)*được\s+(?P<trig>yêu cầu|đề nghị|khuyến cáo|khuyến nghị)(?![\p{L}\p{M}])", _FLAGS)
_PROHIBITION = regex.compile(r"(?:tuyệt đối\s+)?(?:không được|không để|không cho phép|nghiêm cấm|cấm)(?![\p{L}\p{M}])", _FLAGS)
_TRIGGER_PAIR = regex.compile(r"\s*(?:,|và)\s*(?:kiến nghị|đề xuất|đề nghị)(?![\p{L}\p{M}])", _FLAGS)
# "đồng chí Lê Văn A Phó Bí thư ... yêu cầu": the person named with an honorific in the trigger's clause
_HONORIFIC_NAME = regex.compile(r"(?<![\p{L}\p{M}])(?:đồng chí|ông|bà)\s+((?>(?-i:\p{Lu})[\p{L}\p{M}]*(?:\s+(?!(?:Phó|Chủ|Bí|Giám|Trưởng|Tổng|Thứ|Bộ|Ủy|Uỷ)(?![\p{L}\p{M}]))(?-i:\p{Lu})[\p{L}\p{M}]*){1,3}))"
                                r"(?=\s+(?-i:\p{Lu})|\s*[,–-])", _FLAGS)
# the end of a quote and its speaker: '... đất đai" - Phó Tổng Thanh tra Chính phủ nhấn mạnh.'
_QUOTE_ATTRIBUTION = regex.compile(r"([”\"])\s*[–-]\s*([^.;:!?\n”\"“]{3,90}?)\s+(?:nhấn mạnh|cho biết|khẳng định|nói|"
                                   r"chỉ đạo|yêu cầu|đề nghị|phát biểu|lưu ý|kết luận)\s*[.!…]", _FLAGS)
# a sentence with no subject of its own: it opens (after a quote mark and a connective) with its request verb
_OPENS_BARE = regex.compile(r"^\W*(?:(?:đồng thời|ngoài ra|bên cạnh đó|cùng với đó|mặt khác)\s*,?\s*)?(?:cũng\s+)?"
                            r"(?:đề nghị|yêu cầu|kiến nghị|đề xuất|cần|phải|chỉ đạo|giao)(?![\p{L}\p{M}])", _FLAGS)
# "(truyền đạt) ý kiến chỉ đạo của Phó Thủ tướng X": X is who directs
_DIRECTIVE_OF = regex.compile(r"(?<![\p{L}\p{M}])(?:ý kiến\s+)?chỉ đạo\s+của\s+([^,;:.]{3,90}?)\s*(?:(?<![\p{L}\p{M}])(?:về|tại|trong|đối với)(?![\p{L}\p{M}])|[,;:.]|$)", _FLAGS)
# a sentence that continues the one before it: "Đồng thời, ...", "Trong đó, ...", "Theo đó, ..."
_OPENS_LINKED = regex.compile(r"^\W*(?:đồng thời|trong đó|theo đó|ngoài ra|bên cạnh đó|cùng với đó|từ đó|qua đó|trên cơ sở đó)\s*,?\s+", _FLAGS)
_CONT_MODAL = regex.compile(r"^[^,;:]{0,30}?,?\s*(?:cần phải|cần|phải)\s", _FLAGS)


# a person named with an honorific, or a title: the one who speaks in "..., bà X, Trưởng phòng ..., cho biết"
_NAMED_SPEAKER = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:ông|bà|anh|chị|đồng chí)\s+(?-i:\p{Lu})|(?-i:\p{Lu})\p{Ll}*\s+"
                               r"(?:(?-i:\p{Lu})\p{Ll}*\s+){1,3}(?-i:\p{Lu})\p{Ll}*\s*,)", _FLAGS)


class RecommendationsStage(Stage):
    field = "recommendations"

    def match(self, doc) -> list[Match]:
        r = _rec_rules()
        people = _People(doc)
        body = sentences(doc)
        title = headline(doc)
        out: list[Match] = []
        prev: Match | None = None  # the recommendation in the sentence just before
        lead: dict | None = None  # who announced, with a colon, the list of tasks now running
        colon_by: str | None = None  # who opened, with a colon, the tasks now running ("UBND tỉnh có ý kiến như sau:")
        heads_open: list[Match] = []
        quoted = self._quote_speakers(doc, r, people)
        before: Sentence | None = None  # the body sentence just before
        for s in body:
            item = _LIST_ITEM.match(s.text)
            if not item:
                lead = None
            found = self._sentence(doc, r, people, s, prev, title)
            if lead is not None:
                found = self._list_item(doc, r, s, item, lead, found)
            if s.text.rstrip().endswith(":"):
                lead = dict(found.attrs) if found is not None else self._lead(doc, r, people, s)
            if found is not None and not found.attrs.get("by") and colon_by:
                found.attrs["by"] = colon_by  # "Giao Sở X ..." under "UBND tỉnh có ý kiến như sau:"
            if s.text.rstrip().endswith(":"):
                colon_by = (found.attrs.get("by") if found is not None else None) or self._colon_subject(doc, r, people, s)
            elif found is None:
                colon_by = None
            if found is not None and not found.attrs.get("by") \
                    and ((title and s.start == title.start) or _is_heading(doc, s)):
                heads_open.append(found)  # a headline or subheading without its proposer: the text after it tells who
            if found is not None and (found.rule.startswith("recommendations.cont") or _OPENS_BARE.match(s.text)):
                # inside a quote closed later with its speaker ("... ” - Phó Tổng Thanh tra X nhấn mạnh."): X's
                for q0, q1, who in quoted:
                    if q0 <= s.start < q1 and who:
                        found.attrs["by"] = who
                        break
            if found is not None and prev is None and before is not None \
                    and (not found.attrs.get("by") and _OPENS_LINKED.match(s.text)
                         or _OPENS_BARE.match(s.text) and found.rule != "recommendations.cont.list_item"):
                # "Tại hội nghị, Chủ tịch UBND huyện đã kiểm điểm ... . Đồng thời, yêu cầu ...": the subject of the
                # sentence it continues
                found.attrs["by"] = self._linked_subject(doc, r, people, before) or found.attrs.get("by")
            before = s
            if found is not None:
                if not found.attrs.get("by"):
                    # a directive with no stated speaker: the party that made the last request in the
                    # article, else the official named last before it (reports quote one speaker at a time);
                    # an official first named after that request is the one now speaking
                    earlier = [m for m in out if m.attrs.get("by")]
                    named = people.last_named_before(s.start)
                    if earlier and not (named and named[0] > earlier[-1].end):
                        found.attrs["by"] = earlier[-1].attrs["by"]
                    else:
                        found.attrs["by"] = named[1] if named else None
                by = found.attrs.get("by")
                if by and len(by.split()) == 1:  # "Hội đề nghị ...": the party named in full before
                    longer = [m.attrs["by"] for m in out if m.attrs.get("by")
                              and fold(m.attrs["by"]).startswith(fold(by) + " ")]
                    if longer:
                        found.attrs["by"] = longer[-1]
                out.append(found)
                prev = found if not (title and s.start == title.start) else None
            else:
                prev = None
        for head in heads_open:
            # "Đề xuất ..." over "Chính phủ đề xuất ...": the first proposer after it with the same verb, else the first
            body = [m for m in out if m.start > head.start and m.attrs.get("by") and m not in heads_open]
            same = [m for m in body if fold(m.attrs.get("trigger") or "") == fold(head.attrs.get("trigger") or "")]
            if same or body:
                head.attrs["by"] = (same or body)[0].attrs["by"]
        return out

    def _sentence(self, doc, r: _RecRules, people: _People, s: Sentence, prev: Match | None, title) -> Match | None:
        text = s.text
        span = (s.start, s.end)
        attrs_prev = prev.attrs if prev else {}

        def make(rule: str, trigger: str | None, by: str | None, to: str | None) -> Match:
            return Match(s.start, s.end, {"trigger": trigger, "by": by, "to": to}, f"recommendations.{rule}",
                         sentence=span)

        # 3. a quoted directive
        for rid, pat, needs_party in r.quotes:
            qm = pat.search(text)
            if qm is None:
                continue
            # the obligations inside the quote: for each modal pattern, the first that a party is subject of
            q0, q1 = qm.start("q"), qm.end("q")
            obligations = []
            for _, mpat in r.modals:
                for mm in mpat.finditer(text, q0, q1):
                    ok, subj = _modal_ok(r, text[q0:q1], _Shift(mm, -q0))
                    if ok:
                        obligations.append((mm, subj))
                        break
            if needs_party and not obligations:
                continue
            tags = _pos_doc(doc, s.start, s.end)
            om = _OF_SPEAKER.match(text, qm.end("trig"))
            if om:  # "... - đó là chỉ đạo của Chủ tịch UBND xã X tại ...": the one named after it
                by = people.resolve(r, om.group(1).strip(), s.start)
            else:
                by = people.resolve(r, _subject(r, text, qm.start("trig"), tags))
            by = by or attrs_prev.get("by")
            trigger, to = qm.group("trig"), None
            # the obligation inside the quote: its party is told, and it marks the request unless the
            # attribution is itself a request verb ("..., Giám đốc yêu cầu")
            for mm, subj in obligations:
                to = _modal_party(r, text, mm, subj, tags)
                if not any(p.search(trigger) for p in _REQUEST_VERBS):
                    trigger = mm.group(0)
                if to:
                    break
            return make(rid, trigger, by, to)

        mentions = None  # read only when a trigger word occurs (most sentences have none)
        # 1. a trigger verb
        hits = []
        for trig in r.triggers:
            for m in trig.pattern.finditer(text):
                if mentions is None:
                    mentions = [(mm.start(), mm.end()) for _, pat in r.mentions for mm in pat.finditer(text)]
                if _trigger_ok(r, text, m, trig, mentions):
                    hits.append((m.start(), m.end(), trig.id, trig))
        if hits:
            first = min(h[0] for h in hits)
            # an obligation laid on a party before the first request verb: the verb is part of the action
            # the party must take ("bộ phận một cửa phải trả lại hồ sơ, yêu cầu bổ sung ...")
            if any(_modal_ok(r, text, m)[0] for _, pat in r.modals for m in pat.finditer(text, 0, first)):
                hits = []
            # "Đồng thời, cần chú trọng ...; đôn đốc các phòng ...": a list continued with an obligation and no
            # party; the request verb in a later clause is one of the actions asked
            elif prev is not None and _CONT_MODAL.match(text) and any(p.match(text) for _, p in r.continuations) \
                    and _BOUNDARY.search(text, 0, first):
                hits = []
            # "Trên cơ sở đó, chủ trì ... ; đồng thời ... và kiến nghị với Bộ ...": the next task of a directive,
            # opening with its action; a request verb after a semicolon is one of the things to do
            elif prev is not None and fold(attrs_prev.get("trigger") or "") in _DIRECTIVE_VERBS \
                    and ";" in text[:first] and r.action is not None \
                    and any((cm := p.match(text)) and r.action.match(text, cm.end()) for _, p in r.continuations):
                hits = []
        if hits:
            start, end, rid, trig = min(hits, key=lambda h: h[:2])
            tags = _pos_doc(doc, s.start, s.end)
            by = _subject(r, text, start, tags)
            hn = None
            if by and not any(n in by for _, n in people.names):
                c0 = _clause_before(text, start)[0]
                hn = [m for m in _HONORIFIC_NAME.finditer(text, c0, start)]
            b_at = text.rfind(by, 0, start) if hn and by else -1
            if hn and b_at >= hn[-1].end(1) and not _has_verb(tags, hn[-1].end(1), b_at):
                # "... đồng chí Lê Văn A Phó Bí thư thường trực Huyện ủy- Chủ tịch HĐND huyện yêu cầu": A, whose titles follow
                by = hn[-1].group(1)
            elif by and _SPEAKER_PRONOUN.match(by):
                # "ông", "đồng chí": the person named last before the trigger, in this sentence or before
                by = self._speaker(r, people, text, s.start) or attrs_prev.get("by") \
                    or people.resolve(r, by, s.start + start)
            elif by is None:
                by = attrs_prev.get("by")
            else:
                by = people.resolve(r, by, s.start)
            sm_ = _SENT_TO.search(text[:start])
            if sm_:  # "Bộ Y tế vừa có văn bản gửi UBND các tỉnh đề nghị ...": the sender asks the receiver
                sender = _subject(r, text, sm_.start(), tags)
                if sender:
                    by = people.resolve(r, sender, s.start)
            obj_at = trig.skip.match(text, end).end() if trig.skip else end
            pair = _TRIGGER_PAIR.match(text, obj_at)  # "kiến nghị, đề xuất với cơ quan ...": the party after both
            if pair:
                obj_at = pair.end()
            to = _object(r, text, obj_at, tags) or self._regarding(r, text) \
                or (_clean_party(r, sm_.group("to")) if sm_ and (r.party.match(sm_.group("to")) or _CAP.match(sm_.group("to"))) else None)
            for h_start, h_end, _, h_trig in sorted(hits)[1:]:
                if to is not None:
                    break
                # "cử tri kiến nghị về ...; do đó, đề nghị các cấp ...": the addressee of a later request verb
                h_at = h_trig.skip.match(text, h_end).end() if h_trig.skip else h_end
                to = _object(r, text, h_at, tags)
            if to is None and prev is not None and by and attrs_prev.get("by") \
                    and (by == attrs_prev.get("by") or fold(attrs_prev["by"]).startswith(fold(by) + " ")) \
                    and any(p.match(text) for _, p in r.continuations):
                # "Đồng thời, đề nghị bố trí ...": no party named; the list it continues tells to whom
                to = attrs_prev.get("to")
            return make(rid, text[start:end], by, to)

        # 1b. a passive request to a named party: "Các Ban Quản lý dự án được yêu cầu khẩn trương ..."
        pm = _PASSIVE_REQUEST.search(text)
        if pm and r.action is not None:
            c0, clause = _clause_before(text, pm.start())
            subj = _strip_intro(r, clause).strip()
            s0 = pm.start() - len(subj)
            tags = _pos_doc(doc, s.start, s.end)
            if subj and (r.party.match(subj) or r.determiner.match(subj)) \
                    and (_CAP.match(subj) or not _has_verb(tags, s0, pm.start())) \
                    and (r.action.match(text, pm.end()) or r.urgency.match(text, pm.end() + 1)
                         or next((t[3] for t in tags if t[0] >= pm.end()), "") == "V"):
                return make("passive", pm.group("trig"), None, _clean_party(r, subj))

        # 2. an obligation with a named party as subject
        for rid, pat in r.modals:
            for m in pat.finditer(text):
                ok, subj = _modal_ok(r, text, m)
                if ok:
                    tags = _pos_doc(doc, s.start, s.end)
                    to = _modal_party(r, text, m, subj, tags)
                    by = self._modal_by(r, people, text, tags, s.start, m.start(), to) or attrs_prev.get("by")
                    return make(rid, m.group(0), by, to)

        # 4. a continuation of the previous request
        if prev is None or _is_heading(doc, s):
            return None
        if any(p.match(text) for p in r.no_cont):
            return None
        rest, rule = text, None
        for rid, pat in r.continuations:
            cm = pat.match(text)
            if cm:
                rest, rule = text[cm.end():], rid
                break
        if rule == "cont.document":
            return make(rule, None, attrs_prev.get("by"), attrs_prev.get("to"))
        modal = [m for _, pat in r.modals for m in pat.finditer(text)
                 if not any(p.search(text[m.end():]) for p in r.modal_not_after)
                 and not any(p.search(_clause_before(text, m.start())[1]) for p in r.modal_not_before)
                 and not any(p.search(text[:m.start()]) for p in r.modal_context_not)
                 and not r.pronoun.match(_clause_before(text, m.start())[1].strip() or "-")]
        if modal:
            return make("cont.obligation", None, attrs_prev.get("by"), attrs_prev.get("to"))
        lm = _IS_LA.match(rest) if rule else None
        if lm and r.action is not None and r.action.match(rest, lm.end()):
            # "Cùng với đó là tăng cường ...": the next action of the list, put as a noun
            return make(rule, None, attrs_prev.get("by"), attrs_prev.get("to"))
        if any(p.match(rest) for p in r.imperative_not):
            return None
        if rule and _PROHIBITION.match(rest):  # "Đồng thời không được để ...": a prohibition in the same list
            return make(rule, None, attrs_prev.get("by"), attrs_prev.get("to"))
        bare = _BRACKETED.sub(lambda pm: " " * len(pm.group(0)), rest)  # a bracket is an aside
        sm = r.speech.search(bare) if r.speech is not None else None
        if sm and _NAMED_SPEAKER.search(bare, 0, sm.start()):
            return None  # "Trao đổi với phóng viên, bà X, ..., cho biết ...": a report, not the next task
        tags = _pos_doc(doc, s.end - len(rest), s.end)
        # an imperative; after a connective, an action verb however it is tagged ("rà soát" opens as a noun)
        if tags and tags[0][3] == "V" or (rule and r.action is not None and r.action.match(rest)):
            return make(rule or "cont.imperative", None, attrs_prev.get("by"), attrs_prev.get("to"))
        # "Bộ X khẩn trương ...": a party told what to do
        np = _noun_phrase(rest, 0, tags)
        if np and r.party.match(rest[np[0]:np[1]]) or (np and _CAP.match(rest[np[0]:])):
            um = r.urgency.match(rest, np[1] + (1 if rest[np[1]:np[1] + 1] == " " else 0))
            if um:
                return make("cont.urgency", None, attrs_prev.get("by"), _clean_party(r, rest[np[0]:np[1]]))
            # after a list connective, a party and the action it is to take ("Bên cạnh đó, Sở X phối hợp ...")
            party = _clean_party(r, rest[np[0]:np[1]])
            if rule and r.action is not None and r.action.match(rest, np[1]) \
                    and not _same_party(party, attrs_prev.get("by")):  # the requester itself goes on with its own report
                return make("cont.party_action", None, attrs_prev.get("by"), party)
            # right after a directive, a named party and its task, one sentence each ("UBND tỉnh yêu cầu ...
            # Sở X rà soát ..., báo cáo ... Sở Y phối hợp ..."): the next item of the same directive
            if not rule and np[0] == 0 and _CAP.match(rest) and r.party.match(rest) and not r.person_title.match(rest) \
                    and r.action is not None and r.action.match(rest, np[1]) \
                    and (fold(attrs_prev.get("trigger") or "") in _DIRECTIVE_VERBS
                         or prev.rule == "recommendations.cont.directive_item"):
                return make("cont.directive_item", None, attrs_prev.get("by"), _clean_party(r, rest[np[0]:np[1]]))
        return None

    @staticmethod
    def _linked_subject(doc, r: _RecRules, people: _People, s: Sentence) -> str | None:
        """Who acts in the sentence ``s`` that a subjectless request continues: the author of a directive it
        conveys ("... truyền đạt ý kiến chỉ đạo của Phó Thủ tướng X"), the one who speaks ("X nhấn mạnh, ..."),
        else the subject of its main clause, when that is a party or a title."""
        om = _DIRECTIVE_OF.search(s.text)
        if om:
            return people.resolve(r, om.group(1).strip(), s.start)
        tags = _pos_doc(doc, s.start, s.end)
        sm = r.speech.search(s.text) if r.speech is not None else None
        ms = _subject(r, s.text, sm.start(), tags) if sm else None
        ms = ms or _main_subject(r, s.text, len(s.text.rstrip()), tags)
        ms = _AUX_TAIL_WORDS.sub("", ms) if ms else ms
        if ms and (r.party.match(ms) or r.person_title.match(ms) or r.honorific.match(ms)):
            return people.resolve(r, ms, s.start)
        return None

    @staticmethod
    def _quote_speakers(doc, r: _RecRules, people: _People) -> list[tuple[int, int, str | None]]:
        """Quotes over several sentences whose speaker is named after the closing mark: (open, close, speaker)."""
        text = doc_text(doc)
        out = []
        for am in _QUOTE_ATTRIBUTION.finditer(text):
            close = am.start()
            opener = "“" if am.group(1) == "”" else '"'
            op = text.rfind(opener, 0, close)
            if op < 0 or "\n\n" in text[op:close] or not _SENTENCE_END.search(text, op, close):
                continue
            out.append((op, close, people.resolve(r, am.group(2).strip(), close)))
        return out

    @staticmethod
    def _colon_subject(doc, r: _RecRules, people: _People, s: Sentence) -> str | None:
        """The subject of a line that opens a list with a colon ("Sau khi xem xét, UBND tỉnh có ý kiến như
        sau:"): who gives the tasks that follow without a subject of their own."""
        tags = _pos_doc(doc, s.start, s.end)
        ms = _main_subject(r, s.text, len(s.text.rstrip()), tags)
        return people.resolve(r, ms, s.start) if ms else None

    @staticmethod
    def _lead(doc, r: _RecRules, people: _People, s: Sentence) -> dict | None:
        """A line ending with a colon that announces tasks without a request verb: "Kết luận hội nghị, đồng
        chí X nhấn mạnh một số nhiệm vụ cần thực hiện như sau:" -> {by: X}."""
        lm = _LEAD_LINE.search(s.text)
        if not lm:
            return None
        tags = _pos_doc(doc, s.start, s.end)
        by = _subject(r, s.text, lm.start(), tags)
        return {"by": people.resolve(r, by, s.start) if by else people.last_before(s.start), "to": None}

    @staticmethod
    def _list_item(doc, r: _RecRules, s: Sentence, item, lead: dict, found: Match | None) -> Match | None:
        """An item ("- ...", "a) ...") of a list of tasks announced with a colon: a directive of the one who
        announced it, to the party that opens it, else to the list's own party."""
        if found is not None:
            if not found.attrs.get("by"):
                found.attrs["by"] = lead.get("by")
            return found
        rest = s.text[item.end():]
        tags = _pos_doc(doc, s.start + item.end(), s.end)
        np = _noun_phrase(rest, 0, tags)
        party = _clean_party(r, rest[np[0]:np[1]]) if np else None
        if party and not (r.party.match(party) or r.determiner.match(party)):
            party = None
        return Match(s.start, s.end, {"trigger": None, "by": lead.get("by"), "to": party or lead.get("to")},
                     "recommendations.cont.list_item", sentence=(s.start, s.end))

    @staticmethod
    def _regarding(r: _RecRules, text: str) -> str | None:
        """'Đối với UBND huyện X, đoàn ... nhắc nhở ...': the party the sentence is about."""
        m = regex.match(r"^\s*(?:đối với|với|về phía)\s+([^,;:]{2,60}),", text, _FLAGS)
        if m and (r.party.match(m.group(1)) or _CAP.match(m.group(1)) or r.determiner.match(m.group(1))):
            return m.group(1).strip()
        # after an opening: "Kết luận buổi làm việc, đối với huyện X, Phó Chủ tịch yêu cầu ..."
        m = regex.search(r",\s*đối với\s+([^,;:]{2,60}),", text, _FLAGS)
        if m and (r.party.match(m.group(1)) or _CAP.match(m.group(1))):
            return m.group(1).strip()
        return None

    def _modal_by(self, r: _RecRules, people: _People, text: str, tags, base: int, pos: int, to: str | None):
        """Who lays the obligation: a speaker named in the sentence ("Theo ông", "X khẳng định,"), or the
        subject of its first clause when the obligation is laid on someone else."""
        spk = self._speaker(r, people, text[:pos], base) or self._closing(r, people, text, base)
        if spk:
            return spk
        c_start, clause = _clause_before(text, pos)
        sm = _last_speech(r, clause)
        if sm:  # "Bộ trưởng nhấn mạnh các đơn vị cần ...": the one who speaks
            subj = _subject(r, text, c_start + sm.start(), tags)
            if subj:
                return people.resolve(r, subj, base)
        # a verb of saying in an earlier clause ("X cho rằng, trong bối cảnh ..., các sở phải ..."):
        # its subject, then the subject of the main clause
        for sm in reversed([m for m in r.speech.finditer(text, 0, c_start)] if r.speech else []):
            subj = _subject(r, text, sm.start(), tags)
            if subj and (not to or subj not in to):
                return people.resolve(r, subj, base)
        ms = _main_subject(r, text, c_start, tags)
        if ms and (not to or ms not in to):
            return people.resolve(r, ms, base)
        first = _first_boundary(text, pos)
        if first < pos:
            subj = _subject(r, text, first, tags)
            if subj and (not to or subj not in to) and r.party.match(subj):
                return people.resolve(r, subj, base)
        return None

    @staticmethod
    def _closing(r: _RecRules, people: _People, text: str, pos: int = 0) -> str | None:
        """A closing attribution without quotes: "..., Giám đốc Sở Tài chính X nhấn mạnh."."""
        am = regex.search(r",\s*([^,;:]{3,90}?)\s+(?:nhấn mạnh|khẳng định|cho biết|nói|lưu ý|chỉ đạo|yêu cầu|đề nghị)"
                          r"\s*[.!…]*\s*$", text, _FLAGS)
        if am and (r.person_title.match(am.group(1)) or r.honorific.match(am.group(1) + " ")):
            return people.resolve(r, am.group(1).strip(), pos)
        return None

    @staticmethod
    def _speaker(r: _RecRules, people: _People, text: str, pos: int = 0) -> str | None:
        """The person the sentence quotes: "Theo ông X, ...", "X khẳng định, ...", "...” - ông X nói."."""
        # (?-i:...): under IGNORECASE \p{Lu} would match lower-case letters too
        name = r"(?:(?:ông|bà)(?:\s+(?-i:\p{Lu})[\p{L}\p{M}]*){0,4}|(?:(?-i:\p{Lu})[\p{L}\p{M}]*\s*){2,6})"
        for tm in regex.finditer(r"(?:^|,)\s*theo\s+([^,;:]{3,90}?)\s*,(?:\s*((?:\p{Ll}+\s+){0,3}(?:(?-i:\p{Lu})[\p{L}\p{M}]*\s*){2,4}),)?",
                                 text, _FLAGS):
            who = tm.group(1).strip()
            if r.person_title.match(who) or r.honorific.match(who + " ") or r.party.match(who):
                # "Theo Phó Giám đốc Sở X Nguyễn Văn A, ...", "theo Giám đốc Công an tỉnh, đại tá Y, ..."
                found = people.resolve(r, who + (", " + tm.group(2).strip() if tm.group(2) else ""), pos)
                if tm.group(2) and found and fold(found) == fold(who + ", " + tm.group(2).strip()):
                    found = people.resolve(r, tm.group(2).strip(), pos)
                return found
        for pat in (rf"^\s*theo\s+({name})\s*,",
                    rf"(?:^|,\s*)({name})\s+(?:khẳng định|cho rằng|nhấn mạnh|cho biết|xác định)\s*[,:]",
                    rf"[”\"]\s*[,–-]\s*({name})\s+(?:nói|cho biết|nhấn mạnh|khẳng định)"):
            sm = regex.search(pat, text, _FLAGS)
            if sm:
                return people.resolve(r, sm.group(1).strip(), pos)
        return None


# ---------------------------------------------------------------- difficulties

class _Cue:
    def __init__(self, e: dict) -> None:
        self.id = e["id"]
        self.pattern = regex.compile(_words(e["pattern"]), _FLAGS)
        # the same pattern for lower-cased text: case-folding matching costs the regex engine about twice
        self.lower = regex.compile(_words(e["pattern"]), _LOWER_FLAGS)
        self.not_before = [regex.compile(x, _FLAGS) for x in e.get("not_before", [])]
        self.not_after = [regex.compile(x, _FLAGS) for x in e.get("not_after", [])]
        self.require_before = [regex.compile(x, _FLAGS) for x in e.get("require_before", [])]
        self.require_after = [regex.compile(x, _FLAGS) for x in e.get("require_after", [])]

    def fits(self, before: str, after: str) -> bool:
        if any(p.search(before) for p in self.not_before) or any(p.search(after) for p in self.not_after):
            return False
        if self.require_before or self.require_after:
            return any(p.search(before) for p in self.require_before) or any(p.search(after) for p in self.require_after)
        return True


_LOOKAROUND_OPEN = ("(?=", "(?!", "(?<=", "(?<!")
_NEGATED_LETTERS = re.compile(r"\[\^[^\]]*\\p\{")
_MARKS = "\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f"  # the combining blocks
_WORD_OR_MARK = r"\w" + _MARKS


def loosen(pattern: str) -> str:
    """A pattern for ``re`` that matches wherever ``pattern`` (a ``regex`` pattern) matches, and maybe more.

    Every look-around is dropped (dropping a condition can only let more through); ``\\p{L}`` becomes
    ``\\w`` (letters, digits, underscore: a wider class) and ``\\p{M}`` the blocks of combining marks
    (Vietnamese tone marks among them).  A letter class inside a negated class would narrow, not widen:
    such a pattern, or one ``re`` cannot read, raises ``re.error``, and callers keep the exact one."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith(_LOOKAROUND_OPEN, i):
            depth, j = 0, i
            while j < n:
                ch = pattern[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == "[":  # a class may hold brackets of its own
                    j += 1
                    while j < n and pattern[j] != "]":
                        j += 2 if pattern[j] == "\\" else 1
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        out.append(pattern[i])
        i += 1
    loose = "".join(out)
    if _NEGATED_LETTERS.search(loose) or "\\P{" in loose:
        raise re.error("a negated letter class cannot be widened")
    loose = loose.replace(r"[\p{L}\p{M}]", "[" + _WORD_OR_MARK + "]")
    return loose.replace(r"\p{L}", r"\w").replace(r"\p{M}", _MARKS)


_ESCAPES = regex.compile(r"\\[pP]\{[^}]*\}|\\.")
_UPPER_LITERAL = regex.compile(r"\p{Lu}")


class _DiffRules:
    def __init__(self) -> None:
        data = rules.load("difficulties", required=("id", "type", "pattern"))
        self.cues: list[_Cue] = []
        self.not_before, self.not_after, self.mentions, self.vetoes = [], [], [], []
        self.mention_verbs, self.content = [], []
        for e in data["entries"]:
            t = e["type"]
            if t == "cue":
                if _UPPER_LITERAL.search(_ESCAPES.sub("", e["pattern"])):
                    raise rules.RulesError(f"difficulties.json: {e['id']}: a cue pattern is matched on lower-cased "
                                           "text; write it in lower case")
                self.cues.append(_Cue(e))
            elif t in ("not_before", "not_after", "mention", "veto", "mention_verb", "content"):
                getattr(self, {"mention": "mentions", "veto": "vetoes", "mention_verb": "mention_verbs"}.get(t, t)
                        ).append(regex.compile(e["pattern"], _FLAGS))
            else:
                raise rules.RulesError(f"difficulties.json: {e['id']}: unknown type {t!r}")
        # one pass over a sentence tells whether any cue occurs at all (most sentences have none)
        self.any_cue = regex.compile("|".join(f"(?:{c.pattern.pattern})" for c in self.cues), _FLAGS)
        self.any_cue_lower = regex.compile(self.any_cue.pattern, _LOWER_FLAGS)
        # a looser copy for the standard library's engine, a third faster: it may let a sentence through
        # that no cue matches (the exact patterns decide), never stop one that a cue matches
        try:
            self.gate = re.compile(loosen(self.any_cue_lower.pattern))
        except re.error:
            self.gate = self.any_cue_lower


@lru_cache(maxsize=1)
def _diff_rules() -> _DiffRules:
    return _DiffRules()


# a cue coordinated with the one before (",", "và", or juxtaposed: "tồn tại hạn chế")
_COORD = regex.compile(r"^\s*(?:(?:,|và|cũng như)\s*)?(?:(?:những|các|mọi|một số)\s+)?$", _FLAGS)


def difficulty_cue(text: str, limit: tuple[int, int] | None = None) -> str | None:
    """The id of the first problem cue in ``text`` that reports a problem, or None.

    A cue is rejected when its context overcomes the problem, only mentions it (unless the sentence
    says which problem: content after it), or uses the word in another sense; a cue coordinated with
    a rejected one ("tháo gỡ khó khăn, vướng mắc") is rejected with it."""
    r = _diff_rules()
    low = text.lower()
    if len(low) == len(text):  # (lower() keeps offsets for Vietnamese; not for a few letters such as "İ")
        if not r.gate.search(low):
            return None
        cue_matches = ((m, c) for c in r.cues for m in c.lower.finditer(low))
    else:
        if not r.any_cue.search(text):
            return None
        cue_matches = ((m, c) for c in r.cues for m in c.pattern.finditer(text))
    if any(v.search(text) for v in r.vetoes):
        return None
    mentions = [(m.start(), m.end()) for p in r.mentions for m in p.finditer(text)]
    found = sorted({(m.start(), m.end(), c.id): c for m, c in cue_matches}.items())
    rejected_end = -1
    for (s, e, rid), cue in found:
        if rejected_end >= 0 and s >= rejected_end and _COORD.match(text[rejected_end:s]):
            rejected_end = e
            continue
        if s < rejected_end and e <= rejected_end:
            continue  # inside a rejected cue ('hạn chế' of 'chấn chỉnh những mặt còn hạn chế')
        if limit and not (limit[0] <= s < limit[1]):
            continue
        if any(ms <= s and e <= me for ms, me in mentions):
            continue
        before, after = text[max(0, s - 40):s], text[e:e + 60]
        if any(p.search(before) for p in r.not_before) or any(p.search(after) for p in r.not_after):
            rejected_end = e
            continue
        if any(p.search(before) for p in r.mention_verbs) and not any(p.search(after) for p in r.content):
            rejected_end = e
            continue
        if not cue.fits(before, after):
            continue
        return rid
    return None


# a list of problems announced inside a request: "khắc phục một số tồn tại: ..."
_PROBLEM_LIST = r"(?:tồn tại|hạn chế|vướng mắc|bất cập|thiếu sót|sai sót|khuyết điểm)\s*:"
# after a request, a clause that gives its reason or occasion states the problem ("yêu cầu ... xin lỗi
# người dân vì giải quyết hồ sơ chậm", "đề nghị ... chấn chỉnh sau khi bị phản ánh chậm trễ")
_REASON = r"vì|bởi vì|bởi|sau khi bị|do"
# what may follow a request and state the problem: a contrast, a reason, or a list of problems
_AFTER_REQUEST = regex.compile(_words("nhưng|song|tuy nhiên|" + _REASON) + "|" + _PROBLEM_LIST, _FLAGS)
# a heading that only names a section of problems ("II. Những tồn tại, hạn chế", "Khó khăn, vướng mắc
# và kiến nghị"), or any heading of a few words ("Lỗi phần mềm"), is a title, not a report
_SECTION_TITLE = regex.compile(
    r"^[\W\d]*(?:[IVX]+[.)]\s*)?(?:(?:những|các|một số|mặt|về|còn|và|nguyên nhân|kiến nghị|đề xuất|giải pháp"
    r"|bài học|phương hướng|thuận lợi|khó khăn|vướng mắc|bất cập|hạn chế|tồn tại|thách thức|yếu kém|trở ngại"
    r"|thiếu sót|sai sót)(?![\p{L}\p{M}])[\s,;:.–-]*)+$", _FLAGS)
# a sentence that goes on with the details of the problem just reported ("Cụ thể, ...", "Điển hình như ...")
_CONTINUES = regex.compile(r"^\W*(?:cụ thể|điển hình|đơn cử|chẳng hạn|thậm chí)(?![\p{L}\p{M}])", _FLAGS)


class DifficultiesStage(Stage):
    field = "difficulties"

    def match(self, doc) -> list[Match]:
        recs = {(m.start, m.end): m for m in items(doc, "recommendations")}
        out: list[Match] = []
        previous = False  # the sentence before was a difficulty
        for s in sentences(doc):
            if _is_heading(doc, s) and (_SECTION_TITLE.match(s.text) or len(s.text.split()) < 4):
                previous = False
                continue  # a section title; a headline or caption that states a problem is a report
            if previous and _CONTINUES.match(s.text) and not s.text.rstrip().endswith("?"):
                out.append(Match(s.start, s.end, {}, "difficulties.continuation", sentence=(s.start, s.end)))
                continue
            limit = None
            rec = recs.get((s.start, s.end))
            if rec is not None and rec.attrs.get("trigger"):
                # in a request, the problem must be stated, not be the object of the request
                i = s.text.find(rec.attrs["trigger"])
                if i > 0:
                    limit = (0, i)
            rid = difficulty_cue(s.text, limit)
            if rid is None and limit is not None:
                # the problems stated after the request: "..., nhưng ...", "khắc phục các tồn tại: X chưa ..."
                # or its reason: "... vì giải quyết hồ sơ chậm"
                cm = _AFTER_REQUEST.search(s.text[limit[1]:])
                if cm:
                    rid = difficulty_cue(s.text, (limit[1] + cm.end(), len(s.text)))
            previous = bool(rid)
            if rid:
                out.append(Match(s.start, s.end, {}, f"difficulties.{rid}", sentence=(s.start, s.end)))
        return out
