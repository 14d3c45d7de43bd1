"""extractor.postag is underthesea's pos_tag with fast features: same features, same tags."""
from __future__ import annotations

from pathlib import Path

import pytest
from underthesea import pos_tag as underthesea_pos_tag
from underthesea import word_tokenize
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

from extractor import postag
from extractor.tokenizer import split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

OWN = [
    "Phát biểu kết luận, Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành tập trung tháo gỡ khó khăn.",
    "UỶ BAN NHÂN DÂN XÃ Hoà Bình kiến nghị Bộ Tư pháp sớm hướng dẫn.",
    "Đề nghị",
    "A",
    "“Các đơn vị phải hoàn thành trước ngày 30/9”, Bộ trưởng nhấn mạnh.",
    "Tỷ lệ hồ sơ trực tuyến đạt 97,5 %; 2.446 hồ sơ (HS) đã giải quyết.",
    "TP.HCM, TPHCM và Thừa Thiên Huế  –  ba địa phương …",
]


def _seed_sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(text[s:e] for s, e in split_sentences(text) if text[s:e].strip())
    return out


SENTENCES = OWN + _seed_sentences()


def test_postag_uses_underthesea_template():
    assert postag._predictor() is not None, "underthesea's template changed: postag falls back to its own function"


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_postag_features_equal_underthesea(sentence):
    words = word_tokenize(sentence)
    expected = CRFPOSTagPredictor.Instance().transformer.transform([[(w, "X") for w in words]])[0][0]
    assert postag.features(words) == expected


@pytest.mark.parametrize("sentence", SENTENCES, ids=range(len(SENTENCES)))
def test_postag_tags_equal_underthesea(sentence):
    assert postag.pos_tag(sentence) == underthesea_pos_tag(sentence)


def test_postag_empty():
    assert postag.pos_tag("") == [] == postag.tag_words([])
