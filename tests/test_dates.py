"""Dates: written forms to ISO values, ranges as one item, the reader's year, and what is not a date."""
from __future__ import annotations

import pytest


def _dates(run_text, text, published=None):
    return [(i.text, i.attrs["value"]) for i in run_text(text, published=published).items["dates"]]


@pytest.mark.parametrize("text,published,expected", [
    # seed 000 and 004 phrases
    ("Sáng 9/9, Đoàn công tác làm việc tại phường.", "2025-09-09", [("Sáng 9/9", "2025-09-09")]),
    ("Ngày 8/8/2025, Đoàn công tác làm việc với xã.", None, [("Ngày 8/8/2025", "2025-08-08")]),
    ("Ngày 8 tháng 8 năm 2025, đoàn làm việc với xã.", None, [("Ngày 8 tháng 8 năm 2025", "2025-08-08")]),
    ("Chiều 6/7, trung tâm ra mắt kênh hỗ trợ mới.", None, [("Chiều 6/7", "XXXX-07-06")]),
    ("Tối 20.1.2016, đối tượng đi taxi ra cửa khẩu.", None, [("Tối 20.1.2016", "2016-01-20")]),
    ("Ngày 23.8, Phó Thủ tướng chủ trì cuộc họp.", "2024-08-23", [("Ngày 23.8", "2024-08-23")]),
    ("Sáng 7-2, đoàn kiểm tra đột xuất bộ phận một cửa.", "2017-02-08", [("Sáng 7-2", "2017-02-07")]),
    ("Trong tháng 1/2025, xã tiếp nhận 320 hồ sơ.", None, [("tháng 1/2025", "2025-01")]),
    ("Chỉ số giá tháng 6-2016 tăng nhẹ.", None, [("tháng 6-2016", "2016-06")]),
    ("Năm 2017, thành phố đẩy mạnh cải cách.", None, [("Năm 2017", "2017")]),
    ("Đầu năm 2024, tỉnh triển khai đề án mới.", None, [("Đầu năm 2024", "2024")]),
    ("Trong quý I/2024, tỉnh tiếp nhận 1.200 hồ sơ.", None, [("quý I/2024", "2024-01/2024-03")]),
    ("Trong 5 tháng đầu năm, tỉnh tiếp nhận nhiều hồ sơ.", "2024-06-03", [("5 tháng đầu năm", "2024-01/2024-05")]),
    ("Giá tăng 1,2% so với tháng 12 năm trước.", "2016-05-30", [("tháng 12 năm trước", "2015-12")]),
])
def test_dates_forms_to_iso(run_text, text, published, expected):
    assert _dates(run_text, text, published) == expected


@pytest.mark.parametrize("text,published,expected", [
    ("Từ ngày 1/7 đến 6/9, trung tâm phục vụ hành chính công tiếp nhận hồ sơ.", "2025-09-09",
     [("Từ ngày 1/7 đến 6/9", "2025-07-01/2025-09-06")]),
    ("Từ ngày 01/7 đến 06/8/2025, xã tiếp nhận và giải quyết 2.664 hồ sơ.", None,
     [("Từ ngày 01/7 đến 06/8/2025", "2025-07-01/2025-08-06")]),
    ("Đợt cao điểm từ ngày 15/12/2024 đến ngày 14/01/2025 đã kết thúc.", None,
     [("từ ngày 15/12/2024 đến ngày 14/01/2025", "2024-12-15/2025-01-14")]),
    ("Kỳ điều hành giá (từ 26/8 – 5/9) có nhiều biến động.", "2024-09-06",
     [("từ 26/8 – 5/9", "2024-08-26/2024-09-05")]),
    ("Kế hoạch giai đoạn 2021 - 2025 đã hoàn thành.", None, [("giai đoạn 2021 - 2025", "2021/2025")]),
    ("Trong 2017 - 2023, tỉnh thực hiện nhiều dự án.", None, [("2017 - 2023", "2017/2023")]),
    ("Từ tháng 5 - 9/2015, mưa lớn kéo dài.", None, [("Từ tháng 5 - 9/2015", "2015-05/2015-09")]),
    ("Từ ngày 20/12 đến 10/1/2025, đoàn làm việc tại xã.", None,
     [("Từ ngày 20/12 đến 10/1/2025", "2024-12-20/2025-01-10")]),
    ("Kỷ niệm 70 năm chiến thắng (7/5/1954-7/5/2024) được tổ chức trang trọng.", None,
     [("7/5/1954-7/5/2024", "1954-05-07/2024-05-07")]),
    ("Từ đầu năm 2024 đến nay, xã tiếp nhận 500 hồ sơ.", "2024-05-06",
     [("Từ đầu năm 2024 đến nay", "2024/2024-05-06")]),
    ("Từ ngày 5-2 (mùng 9 Tết) đến ngày 11-2, phường nhận hồ sơ đất đai.", "2019-02-12",
     [("Từ ngày 5-2 (mùng 9 Tết) đến ngày 11-2", "2019-02-05/2019-02-11")]),
])
def test_dates_ranges_are_one_item(run_text, text, published, expected):
    assert _dates(run_text, text, published) == expected


@pytest.mark.parametrize("text,published,expected", [
    ("Hôm nay 22-2, giá xăng giảm mạnh.", "2025-02-22", [("Hôm nay 22-2", "2025-02-22")]),
    ("Hôm qua, UBND tỉnh họp bàn về cải cách.", "2025-02-22", [("Hôm qua", "2025-02-21")]),
    ("Hôm qua, UBND tỉnh họp bàn về cải cách.", None, []),
    ("Năm nay, tỉnh đặt mục tiêu cao hơn.", None, []),
    # a yearless date far after publication is last year's
    ("Ngày 31/12, UBND tỉnh tổng kết công tác năm.", "2025-01-05", [("Ngày 31/12", "2024-12-31")]),
])
def test_dates_relative_words_need_the_published_date(run_text, text, published, expected):
    assert _dates(run_text, text, published) == expected


def test_dates_year_comes_from_the_article_when_nothing_is_published(run_text):
    text = ("Sáng 8/2, đoàn kiểm tra bộ phận một cửa. Sổ theo dõi chỉ ghi đến ngày 3/1/2017. "
            "Ngày 9/2, đoàn báo cáo kết quả.")
    assert [v for _, v in _dates(run_text, text)] == ["2017-02-08", "2017-01-03", "2017-02-09"]


def test_dates_targets_do_not_give_the_article_year(run_text):
    text = "Chỉ tiêu đến năm 2030 rất cao. Ngày 15/5, đoàn làm việc với tỉnh."
    assert [v for _, v in _dates(run_text, text)] == ["2030", "XXXX-05-15"]


def test_dates_a_repeated_yearless_date_keeps_its_first_reading(run_text):
    text = "Hôm 19-5, máy bay mất tích. Vụ việc năm 2015 cũng vậy. Tin được xác nhận ngày 19-5."
    assert [v for _, v in _dates(run_text, text)] == ["XXXX-05-19", "2015"]


@pytest.mark.parametrize("text", [
    "Xã đã giải quyết 4.572/4.572 hồ sơ, đạt 100%.",
    "Đội tuyển thắng 2-0 trước đối thủ.",
    "Xã thực hiện tốt Đề án 06 của Chính phủ.",
    "Theo Nghị định 61/2018/NĐ-CP về cơ chế một cửa, xã đã triển khai.",
    "Lúc 15:08, 1/3 số hồ sơ đã được giải quyết.",
    "Tỉnh có 2000 hồ sơ tồn đọng và 2025 người tham gia.",
    "Đến nay 3/4 số xe đã đi đường mới.",
    "Mỗi tháng 2 lần, đoàn đi kiểm tra.",
    "Kết quả tăng 5,13%/năm trong 3 năm.",
])
def test_dates_not_dates(run_text, text):
    assert _dates(run_text, text) == []


def test_dates_distinct_values_with_first_mention_as_evidence(run_text):
    text = "Sáng 9/9, đoàn đến xã. Chiều 9/9, đoàn về tỉnh."
    assert _dates(run_text, text, "2025-09-09") == [("Sáng 9/9", "2025-09-09")]


def test_dates_every_mention_goes_to_linking(nlp):
    from extractor.nlp import make_doc
    from extractor.reading import from_text

    text = "Sáng 9/9, đoàn đến xã. Từ ngày 1/7 đến 6/9, xã tiếp nhận 2.446 hồ sơ. Chiều 9/9, đoàn về tỉnh."
    doc = make_doc(from_text(text, "t", published="2025-09-09"), nlp)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    mentions = doc.user_data["date_mentions"]
    assert [(text[s:e], v) for s, e, v in mentions] == [
        ("Sáng 9/9", "2025-09-09"), ("Từ ngày 1/7 đến 6/9", "2025-07-01/2025-09-06"), ("Chiều 9/9", "2025-09-09")]
    items = doc.user_data[("extractor_items", "dates")]
    assert [m.extra["kind"] for m in items] == ["date", "range"]
    assert all(m.rule.startswith("dates.") and text[m.sentence[0]:m.sentence[1]].find(text[m.start:m.end]) >= 0
               for m in items)


def test_dates_a_bare_day_listed_after_a_date_is_a_date(run_text):
    assert _dates(run_text, "Dịp nghỉ lễ ngày 30/4 và 1/5 kéo dài.", "2025-04-20") == [
        ("ngày 30/4", "2025-04-30"), ("1/5", "2025-05-01")]


def test_dates_every_rule_is_a_rules_file_entry(run_text):
    from extractor import rules

    ids = {e["id"] for e in rules.load("dates", required=("id", "type"))["entries"]}
    text = ("Sáng 9/9, đoàn làm việc. Hôm qua, xã họp. Giai đoạn 2021 - 2025 và quý I/2024 được tổng kết. "
            "Từ đầu năm 2024 đến nay, xã tiếp nhận hồ sơ. Năm nay, xã phấn đấu.")
    record = run_text(text, published="2025-09-09")
    assert {i.rule.removeprefix("dates.") for i in record.items["dates"]} <= ids
    assert len(record.items["dates"]) == 6


# ------------------------------------------------------------ the case table (tests/cases/dates.json)
from cases_tables import table  # noqa: E402


@pytest.mark.parametrize("case", table("dates"))
def test_dates_case_table_values(run_text, case):
    """Exact tier: the distinct values found are the values expected (non-dates expect none)."""
    got = sorted({v for _, v in _dates(run_text, case["text"], case.get("published"))})
    assert got == sorted(set(case["dates"]))
