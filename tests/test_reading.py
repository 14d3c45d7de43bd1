"""Reading: NFC, the date marker, furniture, and clear errors for bad input."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from extractor.reading import ReadError, from_text, iter_articles, read_file


def test_reading_date_marker_is_publication_date_and_furniture():
    article = from_text(" date 2025-09-09 Sáng 9/9, Đoàn làm việc.", "x")
    assert article.published == dt.date(2025, 9, 9)
    s, e, rule = article.furniture[0]
    assert article.text[s:e].strip() == "date 2025-09-09" and rule == "furniture.date_marker"


def test_reading_normalises_to_nfc_without_moving_offsets():
    raw = unicodedata.normalize("NFD", "Tỉnh uỷ Đồng Nai")
    article = from_text(raw, "x")
    assert article.text == unicodedata.normalize("NFC", raw)


@pytest.mark.parametrize("line,rule", [
    ("Tác giả: Tùng Nguyễn Minh", "furniture.line.author"),
    ("Những tin mới hơn", "furniture.footer.more_news"),
    ("Tổng lượt truy cập", "furniture.footer.visits"),
    ("Xuân Mai – Thu Hiền", "furniture.line.byline_names"),
    ("Theo Cổng thông tin điện tử Chính phủ", "furniture.line.source"),
    ("Giờ đăng: 11/06/2025 10:52", "furniture.line.posted"),
    ("Ảnh: Hoàng Hà", "furniture.line.author"),
    ("Xem chi tiết văn bản tại đây.", "furniture.line.links"),
    ("Mời bạn đọc theo dõi toàn bộ bản tin.", "furniture.line.links"),
    ("Xem chi tiết công văn đính kèm./.", "furniture.line.links"),
    ("Tải về: Kế hoạch số 12", "furniture.line.links"),
    ("Xem thêm chi tiết tại Báo cáo số 45/BC-UBND.", "furniture.line.links"),
    ("Nguồn Báo Quảng Trị: https://baoquangtri.vn/bai-viet-123.htm", "furniture.line.url_source"),
    ("Theo Cổng TTĐT tỉnh: http://example.gov.vn/tin-tuc", "furniture.line.url_source"),
    ("https://www.example.vn/xa-an-phu-khao-sat.html", "furniture.line.url_source"),
    ("Tin, ảnh: Minh Tâm", "furniture.line.author"),
    ("Tin-ảnh: T.Hà", "furniture.line.author"),
    ("Cập nhật ngày: 14/02/2019 - 07:21", "furniture.line.posted"),
    ("- Đã xem: 835", "furniture.line.posted"),
    ("Mặc định Cỡ chữ", "furniture.line.share"),
    ("Chịu trách nhiệm chính: Ông Trần Văn Bình - Chánh Văn phòng UBND tỉnh", "furniture.footer.masthead"),
    ("Trưởng Ban biên tập: Lê Thị Hoa", "furniture.footer.masthead"),
    ("Ý kiến bạn đọc", "furniture.footer.comments"),
    ("BÌNH LUẬN", "furniture.footer.comments"),
    ("Lưu ý: Tòa soạn có quyền duyệt bình luận trước khi hiển thị.", "furniture.footer.comments"),
])
def test_reading_furniture_lines(line, rule):
    text = f"Tiêu đề bài viết\nĐoàn công tác làm việc với UBND xã.\n{line}\n"
    article = from_text(text, "x")
    assert rule in [r for _, _, r in article.furniture]
    start = text.index(line)
    assert any(s <= start < e for s, e, _ in article.furniture)


def test_reading_footer_swallows_everything_after():
    text = "Thân bài.\nNhững tin mới hơn\nHôm nay\nTin khác dài dòng ở đây."
    article = from_text(text, "x")
    assert article.is_furniture(text.index("Tin khác"), len(text))


def test_reading_end_mark_closes_the_body():
    text = ("Tiêu đề\nĐoàn đề nghị xã rà soát hồ sơ tồn đọng./.\n"
            "Ông Lê Văn Tâm, Phó Giám đốc Sở Y tế được bổ nhiệm lại ngày 3/5/2021\nTin khác về xã Hòa An")
    article = from_text(text, "x")
    assert not article.is_furniture(text.index("Đoàn"), text.index("./.") + 3)
    assert article.is_furniture(text.index("Ông Lê"), len(text))
    assert [r for _, _, r in article.furniture] == ["furniture.end.press_mark"]


@pytest.mark.parametrize("text", [
    "Tiêu đề\nĐoàn đề nghị xã rà soát hồ sơ tồn đọng./.\n",       # the mark on the last line: nothing after it
    "Tiêu đề\nCâu có ./. ở giữa dòng thì không phải dấu kết.\nĐoạn sau vẫn là thân bài.",
])
def test_reading_end_mark_only_at_line_end_with_text_after(text):
    assert not from_text(text, "x").furniture


@pytest.mark.parametrize("line", [
    "Giấy phép xây dựng: tiếp nhận 12 hồ sơ, giải quyết đúng hạn 12 hồ sơ.",  # a row of a report, not a masthead
    "Đã xem xét 14 hồ sơ đề nghị cấp phép.",
    "Bình luận về kết quả này, ông Nguyễn Văn An cho rằng thủ tục còn rườm rà.",
])
def test_reading_body_lines_like_furniture_words_stay_body(line):
    text = f"Tiêu đề\n{line}\nĐoạn cuối."
    article = from_text(text, "x")
    assert not article.is_furniture(text.index(line), text.index(line) + len(line))


def test_reading_trailing_byline_glued_to_last_paragraph():
    text = "Thân bài.\nĐây là câu cuối của bài viết. Hải Vân Phong Thu"
    article = from_text(text, "x")
    assert any(text[s:e] == "Hải Vân Phong Thu" for s, e, _ in article.furniture)


def test_reading_caption_is_body():
    text = "Thân bài.\nÔng Nguyễn Văn A (thứ 2 từ phải sang) khảo sát thực tế tại xã Đại Phước\nTác giả: B"
    article = from_text(text, "x")
    assert not article.is_furniture(text.index("Ông"), text.index("Phước") + 5)


@pytest.mark.parametrize("content,reason", [
    (b"\xff\xfe\x00bad", "not UTF-8"),
    (b"   \n  ", "empty file"),
    (" date 2025-13-40 Sáng nay.".encode(), "bad date marker"),
])
def test_reading_bad_files_name_the_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_file(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_reading_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("Bài một.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "c.txt").write_text("Bài ba.", encoding="utf-8")
    results = list(iter_articles([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]


def test_reading_jsonl_lines_and_their_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Bài một.", "published": "2025-01-02"}\nnot json\n{"id": "c"}\n',
                    encoding="utf-8")
    results = list(iter_articles([path]))
    assert results[0].doc_id == "a" and results[0].published == dt.date(2025, 1, 2)
    assert "not valid JSON" in results[1].reason and "feed.jsonl:2" in results[1].reason
    assert "no 'text'" in results[2].reason


def test_reading_missing_input_is_an_error(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        list(iter_articles([tmp_path / "missing"]))


@pytest.mark.parametrize("line", ["Chia sẻ khó khăn, đôn đốc giải quyết", "Theo báo cáo, tỉnh đã tiếp nhận 120 hồ sơ.",
                                  "Hôm nay, Đoàn làm việc với UBND xã.",
                                  "Tải về máy tính bảng ứng dụng, người dân nộp hồ sơ trực tuyến dễ dàng hơn nhiều so với trước đây khi phải đến tận trụ sở."])
def test_reading_subheadings_and_sentences_are_not_furniture(line):
    text = f"Tiêu đề\n{line}\nCâu cuối của bài viết có đủ dài."
    article = from_text(text, "x")
    assert not article.is_furniture(text.index(line), text.index(line) + len(line))
