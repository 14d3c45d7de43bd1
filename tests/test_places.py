"""The places stage on phrases of our own (and of the seed articles): level, name, province, code."""
from __future__ import annotations

import pytest

from extractor.nlp import build, make_doc
from extractor.reading import from_text


@pytest.fixture(scope="module")
def places_nlp():
    return build(("extractor_places",))


def run(nlp, text, published=None):
    doc = make_doc(from_text(text, "t", published=published), nlp)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    items = doc.user_data.get(("extractor_items", "places"), [])
    for m in items:
        assert m.start < m.end and doc.text[m.start:m.end].strip() == doc.text[m.start:m.end]
    return doc, [(doc.text[m.start:m.end], m.attrs["level"], m.attrs["name"], m.attrs["province"], m.attrs["code"])
                 for m in items]


@pytest.mark.parametrize("text, published, expected", [
    # seed article 000 (after the reform): wards of today's TP.HCM
    ("Đoàn ĐBQH TPHCM làm việc với phường Vũng Tàu và Rạch Dừa.", "2025-09-09",
     [("TPHCM", "province", "Hồ Chí Minh", "Hồ Chí Minh", "79"),
      ("phường Vũng Tàu", "commune", "Vũng Tàu", "Hồ Chí Minh", "26506"),
      ("Rạch Dừa", "commune", "Rạch Dừa", "Hồ Chí Minh", "26536")]),
    ("UBND xã Đại Phước, tỉnh Đồng Nai tiếp nhận 1.234 hồ sơ.", None,
     [("xã Đại Phước", "commune", "Đại Phước", "Đồng Nai", "26491"),
      ("tỉnh Đồng Nai", "province", "Đồng Nai", "Đồng Nai", "75")]),
    ("Giám đốc BHXH tỉnh Điện Biên làm việc tại TP Điện Biên Phủ.", None,
     [("tỉnh Điện Biên", "province", "Điện Biên", "Điện Biên", "11"),
      ("TP Điện Biên Phủ", "district", "Điện Biên Phủ", "Điện Biên", None)]),
    ("Người dân ở Q.1, P.12 và Q.Bình Thạnh, TP.HCM.", None,
     [("Q.1", "district", "1", "Hồ Chí Minh", None), ("P.12", "commune", "12", "Hồ Chí Minh", None),
      ("Q.Bình Thạnh", "district", "Bình Thạnh", "Hồ Chí Minh", None),
      ("TP.HCM", "province", "Hồ Chí Minh", "Hồ Chí Minh", "79")]),
    ("Đề án hợp nhất tỉnh Hà Giang với tỉnh Tuyên Quang, đưa tỉnh Bà Rịa - Vũng Tàu về Thành phố Hồ Chí Minh.", None,
     [("tỉnh Hà Giang", "province", "Hà Giang", "Hà Giang", None),
      ("tỉnh Tuyên Quang", "province", "Tuyên Quang", "Tuyên Quang", "08"),
      ("tỉnh Bà Rịa - Vũng Tàu", "province", "Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", None),
      ("Thành phố Hồ Chí Minh", "province", "Hồ Chí Minh", "Hồ Chí Minh", "79")]),
    ("Cá chết ở các xã ven biển của Thừa Thiên - Huế.", None,
     [("Thừa Thiên - Huế", "province", "Thừa Thiên Huế", "Thừa Thiên Huế", "46")]),
    ("Huyện Lục Yên, tỉnh Yên Bái có mưa lớn.", None,
     [("Huyện Lục Yên", "district", "Lục Yên", "Yên Bái", None),
      ("tỉnh Yên Bái", "province", "Yên Bái", "Yên Bái", None)]),
    ("Lãnh đạo TP.Thái Nguyên và TP Hà Nội trao đổi kinh nghiệm.", None,
     [("TP.Thái Nguyên", "district", "Thái Nguyên", "Thái Nguyên", None),
      ("TP Hà Nội", "province", "Hà Nội", "Hà Nội", "01")]),
    ("Xe chạy trên cao tốc TP.HCM - Long Thành - Dầu Giây.", None,
     [("TP.HCM", "province", "Hồ Chí Minh", "Hồ Chí Minh", "79"),
      ("Long Thành", "district", "Long Thành", "Đồng Nai", None),
      ("Dầu Giây", "commune", "Dầu Giây", "Đồng Nai", "26326")]),
])
def test_places_units_levels_and_codes(places_nlp, text, published, expected):
    _, got = run(places_nlp, text, published)
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("Máy bay cất cánh từ TP New York – Mỹ rồi bay tới thủ đô Paris – Pháp.",
     [("TP New York", "other", "New York"), ("Mỹ", "country", "Mỹ"), ("thủ đô Paris", "other", "Paris"),
      ("Pháp", "country", "Pháp")]),
    ("Việt Nam thắng Malaysia trên sân ở thành phố Al Rayyan, Qatar.",
     [("Việt Nam", "country", "Việt Nam"), ("Malaysia", "country", "Malaysia"),
      ("thành phố Al Rayyan", "other", "Al Rayyan"), ("Qatar", "country", "Qatar")]),
    ("Hàng được mua từ Trung Quốc và Hàn Quốc, rồi bán sang Ai Cập.",
     [("Trung Quốc", "country", "Trung Quốc"), ("Hàn Quốc", "country", "Hàn Quốc"), ("Ai Cập", "country", "Ai Cập")]),
])
def test_places_countries_and_cities_abroad(places_nlp, text, expected):
    _, got = run(places_nlp, text)
    assert [(t, level, name) for t, level, name, _, _ in got] == expected
    assert all(p is None and c is None for _, _, _, p, c in got)


@pytest.mark.parametrize("text", [
    "Chính phủ, Trung ương và Nhà nước quan tâm đến xã hội.",
    "Đoàn công tác số 7 do bà Nguyễn Thị Yến làm trưởng đoàn.",
    "Bà Trần Thị Nga phát biểu; theo bà Nga, kết quả rất tốt.",   # a person, not Russia
    "Ông Nguyễn Hòa Bình dự hội nghị.",
    "Tàu đi qua Thái Bình Dương.",                               # an ocean, not the provinces
    "Học sinh học tiếng Anh, tiếng Pháp; Pháp luật quy định rõ.",   # languages, law
    "Chủ tịch UBND thành phố Nguyễn Văn An phát biểu; Trưởng ban HĐND tỉnh La Văn Bình góp ý.",
    "Mỹ thuật và mỹ phẩm là hai ngành khác nhau.",
])
def test_places_not_places(places_nlp, text):
    _, got = run(places_nlp, text)
    assert got == []


def test_places_one_item_per_unit_and_every_mention_kept(places_nlp):
    text = ("UBND phường Rạch Dừa tiếp nhận 100 hồ sơ. Phường Rạch Dừa giải quyết 90 hồ sơ. "
            "Rạch Dừa đứng đầu TPHCM; TP.HCM khen thưởng.")
    doc, got = run(places_nlp, text, "2025-09-09")
    assert [(t, level) for t, level, *_ in got] == [("phường Rạch Dừa", "commune"), ("TPHCM", "province")]
    mentions = doc.user_data["place_mentions"]
    assert [(doc.text[s:e], level) for s, e, _, level in mentions] == [
        ("phường Rạch Dừa", "commune"), ("Phường Rạch Dừa", "commune"), ("Rạch Dừa", "commune"),
        ("TPHCM", "province"), ("TP.HCM", "province")]
    assert {name for _, _, name, _ in mentions} == {"Rạch Dừa", "Hồ Chí Minh"}


def test_places_ward_resolved_by_the_province_the_article_names(places_nlp):
    # Long Bình is a ward name in several provinces: the article's province decides
    _, got = run(places_nlp, "Tại TP Biên Hòa, tỉnh Đồng Nai, phường Long Bình tiếp nhận hồ sơ.")
    assert ("phường Long Bình", "commune", "Long Bình", "Đồng Nai", "26020") in got
    _, got = run(places_nlp, "Tại TP Thủ Đức, TP.HCM, phường Long Bình tiếp nhận hồ sơ.", "2024-05-01")
    assert ("phường Long Bình", "commune", "Long Bình", "Hồ Chí Minh", "26833") in got


def test_places_rules_name_their_rule(places_nlp):
    doc = make_doc(from_text("UBND xã Đại Phước, tỉnh Đồng Nai.", "t"), places_nlp)
    for _, proc in places_nlp.pipeline:
        doc = proc(doc)
    assert all(m.rule.startswith("places.") for m in doc.user_data[("extractor_items", "places")])


# ------------------------------------------------------------ the case table (tests/cases/places.json)
from cases_tables import table  # noqa: E402


@pytest.mark.parametrize("case", table("places"))
def test_places_case_table_items(run_text, case):
    """Exact tier: the distinct (level, folded name) found are those expected; the province where given."""
    from extractor.folding import fold

    items = run_text(case["text"], published=case.get("published")).items["places"]
    got = {(i.attrs["level"], fold(i.attrs["name"])): i.attrs.get("province") for i in items}
    assert sorted(got) == sorted({(p[0], fold(p[1])) for p in case["places"]})
    for p in case["places"]:
        if len(p) > 2:
            assert fold(got[(p[0], fold(p[1]))] or "") == fold(p[2]), p
