"""The tokenizer is lossless: the Doc's text is the input, character for character."""
from __future__ import annotations

import unicodedata

import pytest

from extractor.tokenizer import split_sentences

AWKWARD = [
    "Sáng 9/9, Đoàn công tác số 7, Đoàn ĐBQH TPHCM do bà Nguyễn Thị Yến làm Trưởng đoàn.",
    unicodedata.normalize("NFD", "Tỉnh uỷ và UBND phường Rạch Dừa tiếp nhận 2.446 hồ sơ."),
    "Hai  dấu cách  ở giữa, và\tmột tab.",
    "Chưa ổn định… Đoàn ghi nhận – rồi kết thúc.",
    "Đoạn một.\n\n\n\nĐoạn hai sau các đoạn trống.\n",
    "   Khoảng trắng ở đầu và cuối   ",
    "Giải quyết đúng hạn.Trong đó có 12 hồ sơ quá hạn.",
    "TP.HCM, Q.1, P.24 và TP. Hồ Chí Minh",
    "\u00a0Dấu cách không ngắt\u00a0giữa câu.",
    "",
    "“Trích dẫn,” ông nói. (Ảnh: Tư liệu)",
]


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_tokenizer_is_lossless(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_tokenizer_recorded_text_is_the_docs_text(nlp, text):
    from extractor.stages.base import doc_text

    doc = nlp.make_doc(text)
    assert doc.user_data["text"] == doc.text == doc_text(doc)


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_tokenizer_sentences_tile_the_text(nlp, text):
    doc = nlp.make_doc(text)
    spans = doc.user_data["sentences"]
    for (s, e), (s2, _) in zip(spans, spans[1:]):
        assert s < e <= s2
        assert text[e:s2].strip() == ""
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # every non-space character is in a sentence


def test_tokenizer_keeps_uy_spelling(nlp):
    # use_token_normalize=False: "uỷ" must not become "ủy", or offsets would break
    doc = nlp.make_doc("Tỉnh uỷ họp.")
    assert "uỷ" in doc.text and any("uỷ" in t.text for t in doc)


def test_tokenizer_groups_multiword_names(nlp):
    doc = nlp.make_doc("bà Nguyễn Thị Yến phát biểu")
    assert "Nguyễn Thị Yến" in [t.text for t in doc]


@pytest.mark.parametrize("text,expected", [
    ("Câu một. Câu hai.", ["Câu một.", "Câu hai."]),
    ("Chậm… Đoàn ghi nhận.", ["Chậm…", "Đoàn ghi nhận."]),
    ("đúng hạn.Trong đó có 2 hồ sơ.", ["đúng hạn.", "Trong đó có 2 hồ sơ."]),
    ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
    ("Tại TP. Hồ Chí Minh và Q. 1 có TS. Lê Văn A.", ["Tại TP. Hồ Chí Minh và Q. 1 có TS. Lê Văn A."]),
    ("Tỷ lệ đạt 91,2%... Tuy nhiên còn chậm.", ["Tỷ lệ đạt 91,2%...", "Tuy nhiên còn chậm."]),
    ("Ông nói: “Làm ngay.” Sau đó họp.", ["Ông nói: “Làm ngay.”", "Sau đó họp."]),
    ("Mức hỗ trợ là bao nhiêu? mùi hôi vẫn lan rộng.", ["Mức hỗ trợ là bao nhiêu?", "mùi hôi vẫn lan rộng."]),
    ("Thật đáng mừng! năm nay xã về đích sớm.", ["Thật đáng mừng!", "năm nay xã về đích sớm."]),
    ("“Vì sao chậm?” ông Bình hỏi lại.", ["“Vì sao chậm?” ông Bình hỏi lại."]),
    ("Xã có (?) hồ sơ trễ hạn.", ["Xã có (?) hồ sơ trễ hạn."]),
])
def test_tokenizer_splits_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("ý kiến của Bộ.Đồng thời, Bộ yêu cầu.", ["ý kiến của Bộ.", "Đồng thời, Bộ yêu cầu."]),
    ("Tại Tp.Hồ Chí Minh và Q.Bình Thạnh.", ["Tại Tp.Hồ Chí Minh và Q.Bình Thạnh."]),
])
def test_tokenizer_glued_full_stop_after_a_short_word_but_not_an_abbreviation(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected
