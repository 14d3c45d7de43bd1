"""Linking: each figure takes the place and period of its sentence, or the nearest before it."""
from __future__ import annotations

import pytest

SEED_000 = ("Tại phường Rạch Dừa, đoàn ghi nhận kết quả. Từ ngày 1/7 đến 6/9, trung tâm phường Rạch Dừa tiếp nhận "
            "2.446 hồ sơ. Tương tự, tại phường Vũng Tàu, việc tiếp nhận diễn ra thông suốt. Từ ngày 1/8 đến 29/8, "
            "phường đã tiếp nhận 2.077 hồ sơ, 100% được tiếp nhận trực tuyến.")


@pytest.mark.parametrize("value,place,period", [
    (2446, "Rạch Dừa", "2025-07-01/2025-09-06"),
    (2077, "Vũng Tàu", "2025-08-01/2025-08-29"),
])
def test_linking_counts_take_sentence_or_preceding_context(run_text, value, place, period):
    record = run_text(SEED_000, published="2025-09-09")
    item = next(i for i in record.items["dossier_counts"] if i.attrs["value"] == value)
    assert (item.attrs["place"], item.attrs["period"]) == (place, period)


def test_linking_percentage_shares_the_counts_context(run_text):
    record = run_text(SEED_000, published="2025-09-09")
    pct = record.items["percentages"][0]
    assert (pct.attrs["place"], pct.attrs["period"]) == ("Vũng Tàu", "2025-08-01/2025-08-29")


def test_linking_prefers_the_level_the_sentence_names(run_text):
    text = ("Đoàn làm việc với Sở Nội vụ tỉnh Đồng Nai và UBND xã Đại Phước. Ngày 8/8/2025, tỉnh Đồng Nai họp. "
            "Xã tiếp nhận 320 hồ sơ.")
    item = run_text(text).items["dossier_counts"][0]
    assert item.attrs["place"] == "Đại Phước"


def test_linking_never_uses_a_country(run_text):
    item = run_text("Việt Nam có 1.200 hồ sơ được tiếp nhận.").items["dossier_counts"][0]
    assert item.attrs["place"] is None


@pytest.mark.parametrize("text,period", [
    ("Từ năm 2016, Chi cục bắt đầu nhận hồ sơ qua mạng và đến nay, tính đến ngày 15/3/2019, đã nhận 2.480 hồ sơ.",
     "2016/2019-03-15"),
    ("Tính đến ngày 15/3/2019, Chi cục đã tiếp nhận 2.480 hồ sơ.", "2019-03-15"),
])
def test_linking_cutoff_date_closes_the_period_opened_by_tu(run_text, text, period):
    item = run_text(text).items["dossier_counts"][0]
    assert item.attrs["period"] == period


def test_linking_figure_before_any_place_takes_the_articles_main_place(run_text):
    text = ("Năm 2024, toàn tỉnh có 1.820 thủ tục hành chính. Tỉnh Bình Thuận đã số hóa hồ sơ. "
            "UBND tỉnh Bình Thuận khen thưởng huyện Tuy Phong.")
    item = run_text(text, published="2024-12-30").items["procedure_counts"][0]
    assert item.attrs["place"] == "Bình Thuận"


@pytest.mark.parametrize("text,published,period", [
    # the date a figure is compared with is not its period
    ("Tháng 3/2025, phường tiếp nhận 1.420 hồ sơ, nhiều hơn so với tháng 3/2024.", "2025-04-02", "2025-03"),
    ("Năm 2024, xã giải quyết 2.900 hồ sơ, tăng 12% so với cùng kỳ năm 2023 với 310 hồ sơ trực tuyến.",
     "2025-01-05", "2024"),
    # a start opened by "từ" and closed by "đến nay" runs to the published date
    ("Từ ngày 1/7/2025 đến nay, xã đã tiếp nhận 3.120 hồ sơ.", "2025-08-20", "2025-07-01/2025-08-20"),
    ("Kể từ tháng 7/2025 tới nay, phường tiếp nhận 5.004 hồ sơ.", "2025-09-30", "2025-07/2025-09-30"),
])
def test_linking_period_skips_compared_dates_and_runs_until_now(run_text, text, published, period):
    items = run_text(text, published=published).items["dossier_counts"]
    assert items and all(i.attrs["period"] == period for i in items)


@pytest.mark.parametrize("text,period", [
    # the date of a cited document is when it was signed, not what the figure covers
    ("Năm 2023, thực hiện Quyết định số 1085/QĐ-UBND ngày 20/5/2022 của UBND tỉnh, xã tiếp nhận 640 hồ sơ.",
     "2023"),
    ("Quý II/2024, theo Kế hoạch 41/KH-UBND ban hành ngày 2/3/2024, phường giải quyết 1.150 hồ sơ.",
     "2024-04/2024-06"),
    ("Tháng 9/2024, căn cứ Nghị quyết của HĐND tỉnh ngày 8/7/2024, huyện giải quyết 810 hồ sơ.", "2024-09"),
    # a few words of the compared period between "so với" and its date
    ("Tháng 6/2024, đoàn làm việc tại phường. Phường tiếp nhận 930 hồ sơ, tăng 10% so với các kỳ báo cáo "
     "tháng 5/2024.", "2024-06"),
])
def test_linking_period_skips_document_dates_and_wordy_comparisons(run_text, text, period):
    items = run_text(text, published="2024-12-01").items["dossier_counts"]
    assert items and all(i.attrs["period"] == period for i in items)


@pytest.mark.parametrize("text,period", [
    # a document's own name is not a cue when the date opens the figure's clause
    ("Trong tháng 7/2024, xã tiếp nhận 300 hồ sơ; ngày 5/8/2024, xã tiếp nhận thêm 20 hồ sơ.", "2024-08-05"),
    # the plan year a share is measured against is its period
    ("Đến ngày 30/11/2024, xã giải quyết 95% hồ sơ, đạt kế hoạch năm 2024.", "2024-11-30"),
])
def test_linking_period_keeps_dates_that_are_the_figures(run_text, text, period):
    items = run_text(text, published="2024-12-01").items
    figs = items["dossier_counts"] or items["percentages"]
    assert figs and figs[-1].attrs["period"] == period
