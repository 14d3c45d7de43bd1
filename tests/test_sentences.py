"""Recommendations and difficulties: sentence-level stages, on real Vietnamese phrases.

Phrases are either from the seed articles (corpus/000_, corpus/004_) or written here.
"""
from __future__ import annotations

import pytest

from extractor.folding import tokens


def _recs(run_text, text):
    return [i.to_dict() for i in run_text(text).items["recommendations"]]


def _diffs(run_text, text):
    return [i.text for i in run_text(text).items["difficulties"]]


def _overlap(a, b):
    sa, sb = set(tokens(a or "")), set(tokens(b or ""))
    return len(sa & sb) / max(len(sa), len(sb), 1)


@pytest.mark.parametrize("text, trigger, by, to", [
    # seed 000
    ("Phường Rạch Dừa kiến nghị Chính phủ sớm chỉ đạo các bộ ngành tham mưu thống nhất việc sử dụng các loại giấy tờ.",
     "kiến nghị", "Phường Rạch Dừa", "Chính phủ"),
    # seed 004: the sentence opens with a mere reference to the proposals, then proposes
    ("Trước các kiến nghị trên, đại diện Đoàn công tác Bộ Khoa học và Công nghệ cùng Sở, ngành tỉnh đã ghi nhận, "
     "giải đáp cụ thể và đề nghị xã Đại Phước tiếp tục phối hợp rà soát thủ tục hành chính.",
     "đề nghị", "đại diện Đoàn công tác Bộ Khoa học và Công nghệ cùng Sở, ngành tỉnh", "xã Đại Phước"),
    ("UBND xã kiến nghị tiếp tục được hỗ trợ kỹ thuật trong rà soát, thống kê số liệu.", "kiến nghị", "UBND xã", None),
    ("Sở Nội vụ đã đề xuất với Bộ Nội vụ bổ sung biên chế cho cấp xã.", "đề xuất", "Sở Nội vụ", "Bộ Nội vụ"),
    ("Chủ tịch UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở, ngành rà soát kinh phí.",
     "giao", "Chủ tịch UBND tỉnh", "Sở Tài chính"),
    ("Đoàn kiểm tra yêu cầu UBND phường Tân Mai khắc phục ngay các tồn tại.", "yêu cầu", "Đoàn kiểm tra",
     "UBND phường Tân Mai"),
])
def test_sentences_recommendation_trigger_by_to(run_text, text, trigger, by, to):
    found = _recs(run_text, text)
    assert len(found) == 1, found
    item = found[0]
    assert item["text"] == text
    assert item["trigger"] == trigger
    assert _overlap(item["by"], by) >= 0.5, item
    if to is None:
        assert item["to"] is None, item
    else:
        assert _overlap(item["to"], to) >= 0.5, item


@pytest.mark.parametrize("text", [
    # seed 000: only says that proposals exist
    "Đoàn ghi nhận những đề xuất, kiến nghị của các phường để tổng hợp báo cáo và làm việc với UBND thành phố.",
    "UBND huyện đã nhận được kiến nghị của cử tri về việc sửa chữa tuyến đường.",
    "Theo đề nghị của Sở Nội vụ, tỉnh đã ban hành quyết định thành lập đoàn kiểm tra.",
    "Ông Nguyễn Văn A, Phó trưởng Ban Chỉ đạo cải cách hành chính tỉnh, phát biểu tại hội nghị.",
    "Hệ thống phần mềm đáp ứng tốt yêu cầu giải quyết thủ tục hành chính.",
    "Thời gian tới, tỉnh sẽ tiếp tục giao thông suốt các tuyến đường liên xã.",
    "Người dân có thể nộp hồ sơ trực tuyến hoặc yêu cầu nhận kết quả tại nhà.",
    "Công chức không đúng hẹn sẽ phải giải trình với lãnh đạo.",
    "Nhập thành phố Cần Thơ và tỉnh Hậu Giang thành thành phố mới.",
])
def test_sentences_recommendation_mention_only_is_not_one(run_text, text):
    assert _recs(run_text, text) == []


def test_sentences_recommendation_continuation_inherits_by_and_to(run_text):
    # seed 000: "Song song đó, ..." continues bà Yến's request
    text = ("Bà Nguyễn Thị Yến, trưởng đoàn công tác đề nghị phường Vũng Tàu và Rạch Dừa tăng cường chỉ đạo "
            "trong công tác cải cách TTHC, chuyển đổi số.\n"
            "Song song đó, đổi mới phương pháp tổ chức thực hiện, nhất là việc hỗ trợ người dân trong công tác "
            "chuyển đổi số…\n"
            "Đoàn ghi nhận những đề xuất, kiến nghị của các phường để tổng hợp báo cáo.")
    found = _recs(run_text, text)
    assert [f["trigger"] for f in found] == ["đề nghị", None]
    assert found[1]["text"].startswith("Song song đó")
    assert found[1]["by"] == found[0]["by"]
    assert found[1]["to"] == found[0]["to"]
    assert _overlap(found[0]["to"], "phường Vũng Tàu và Rạch Dừa") >= 0.5


@pytest.mark.parametrize("text, to", [
    ("Trong thời gian tới, các đơn vị phải rà soát toàn bộ thủ tục hành chính.", "các đơn vị"),
    ("Theo ông, UBND các xã cần sớm công khai danh mục thủ tục.", "UBND các xã"),
])
def test_sentences_recommendation_obligation_of_a_named_party(run_text, text, to):
    found = _recs(run_text, text)
    assert len(found) == 1 and found[0]["trigger"] in ("cần", "phải")
    assert _overlap(found[0]["to"], to) >= 0.5


def test_sentences_recommendation_offsets_are_the_sentence(run_text):
    text = "Hội nghị tổng kết năm 2024.\nHội đề nghị Chính phủ tiếp tục hỗ trợ ngư dân."
    rec = run_text(text)
    items = rec.items["recommendations"]
    assert len(items) == 1
    assert rec.text[items[0].start:items[0].end] == "Hội đề nghị Chính phủ tiếp tục hỗ trợ ngư dân."
    assert items[0].rule == "recommendations.de_nghi"


@pytest.mark.parametrize("text, is_difficulty", [
    # seed 004
    ("Tuy nhiên, địa phương vẫn gặp một số khó khăn như: tỷ lệ người dân chủ động thực hiện dịch vụ công trực "
     "tuyến còn thấp; tỷ lệ sử dụng chữ ký số công dân chưa cao.", True),
    # seed 000
    ("Một số phần mềm hệ thống chưa liên thông với phần mềm một cửa của TPHCM…", True),
    ("Tuy nhiên, công tác giải phóng mặt bằng của dự án triển khai rất chậm.", True),
    ("Tại bộ phận một cửa, bảng niêm yết thiếu 30 phút so với quy định.", True),
    # only says problems exist, or that they are overcome
    ("Bà Minh cho biết, trong quá trình thực hiện gặp rất nhiều khó khăn, vướng mắc.", False),
    ("Tỉnh đã phối hợp với Công an tỉnh để tháo gỡ các vướng mắc.", False),
    ("Qua kiểm tra cho thấy, chưa có đơn vị nào để xảy ra vi phạm.", False),
    ("Từ ngày 1/7 đến 6/9, phường tiếp nhận 2.446 hồ sơ, đã giải quyết 2.242 hồ sơ.", False),
])
def test_sentences_difficulty(run_text, text, is_difficulty):
    assert (_diffs(run_text, text) == [text]) is is_difficulty


def test_sentences_seed_004_fields(seed_records):
    rec = seed_records["004_a34f6314351c6c48"]
    recs = rec.items["recommendations"]
    assert [r.attrs["trigger"] for r in recs] == ["kiến nghị", "đề nghị"]
    assert recs[1].attrs["to"] == "xã Đại Phước"
    diffs = rec.items["difficulties"]
    assert len(diffs) == 1 and diffs[0].text.startswith("Tuy nhiên, địa phương vẫn gặp một số khó khăn")
