"""The gazetteer built from vietnam-provinces (today) and vietnamadminunits (before the 2025 reform)."""
from __future__ import annotations

import pytest

from extractor import gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.get()


@pytest.mark.parametrize("level, name, era, province, code", [
    ("commune", "Rạch Dừa", "current", "Hồ Chí Minh", "26536"),
    ("commune", "Rạch Dừa", "legacy", "Bà Rịa - Vũng Tàu", None),
    ("commune", "Đại Phước", "current", "Đồng Nai", "26491"),
    ("district", "Biên Hòa", "legacy", "Đồng Nai", None),
    ("district", "1", "legacy", "Hồ Chí Minh", None),
    ("province", "Hà Giang", "legacy", "Hà Giang", None),
    ("province", "Tuyên Quang", "current", "Tuyên Quang", "08"),
])
def test_gazetteer_lookup_finds_units_of_both_eras(gaz, level, name, era, province, code):
    found = [u for u in gaz.lookup(level, name) if u.era == era and u.province == province]
    assert found, f"no {era} {level} {name} in {province}"
    if code is not None:
        assert found[0].code == code


@pytest.mark.parametrize("written, expected", [
    ("Khanh Hoa", "Khánh Hòa"),   # no diacritics
    ("Khánh Hoà", "Khánh Hòa"),   # old tone placement
])
def test_gazetteer_lookup_is_tolerant_of_spelling(gaz, written, expected):
    assert any(u.name == expected for u in gaz.lookup("province", written))


@pytest.mark.parametrize("old, today", [
    ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Yên Bái", "Lào Cai"),
    ("Quảng Bình", "Quảng Trị"), ("Hà Nội", "Hà Nội"), ("Thừa Thiên Huế", None),
])
def test_gazetteer_successor_of_old_provinces(gaz, old, today):
    assert gaz.current_province_of(old) == today


@pytest.mark.parametrize("name, code", [
    ("Hà Nội", "01"), ("Hồ Chí Minh", "79"), ("Thừa Thiên Huế", "46"), ("Huế", "46"),
    ("Bình Dương", None), ("Hà Giang", None), ("Quảng Trị", "44"),
])
def test_gazetteer_province_code_is_todays(gaz, name, code):
    assert gaz.province_code(name) == code


@pytest.mark.parametrize("name, province, code", [
    ("Long Bình", "Đồng Nai", "26020"),      # an old ward whose name lives on in the same province
    ("Tân Hiệp", "Đồng Nai", None),          # merged away there (a Tân Hiệp elsewhere does not count)
    ("Vũng Tàu", "Bà Rịa - Vũng Tàu", "26506"),  # the old province's successor is TP.HCM
])
def test_gazetteer_commune_code_in_successor_province(gaz, name, province, code):
    assert gaz.commune_code(name, province) == code


def test_gazetteer_is_built_once(gaz):
    assert gazetteer.get() is gaz
    assert len([u for u in gaz.units if u.level == "province" and u.era == "current"]) == 34
    assert len([u for u in gaz.units if u.level == "province" and u.era == "legacy"]) == 63


@pytest.mark.parametrize("written,level,expected", [
    ("Phú Quý", "district", "Bình Thuận"),   # the data spell it Phú Quí
    ("Kì Anh", "district", "Hà Tĩnh"),
])
def test_gazetteer_final_i_and_y_spellings_look_up_alike(written, level, expected):
    from extractor import gazetteer

    assert expected in {u.province for u in gazetteer.get().lookup(level, written)}


@pytest.mark.parametrize("name, province, district, kind", [
    ("8", "Phú Yên", "Tuy Hòa", "Phường"),                      # a numbered ward merged into Phường 2
    ("Bình Ngọc", "Phú Yên", "Tuy Hòa", "Xã"),                  # a commune merged into a ward
    ("Nguyễn Trung Trực", "Hà Nội", "Ba Đình", "Phường"),       # a ward merged in 2019-2020
    ("Nguyen Trung Truc", "Hà Nội", "Ba Đình", "Phường"),       # the data keep only an ascii key
])
def test_gazetteer_units_merged_away_before_2025_are_found_in_their_old_district(gaz, name, province,
                                                                                  district, kind):
    found = [u for u in gaz.lookup("commune", name) if u.province == province and u.district == district]
    assert found and found[0].kind == kind and found[0].code is None and found[0].era == "legacy"
    assert found[0].name == name.strip()  # reported as written


def test_gazetteer_merged_units_come_after_units_in_force(gaz):
    # with nothing in the context, a namesake in force wins over a unit merged away
    units = gaz.lookup("commune", "8")
    absorbed = [i for i, u in enumerate(units) if u.code is None and u.province == "Phú Yên"]
    assert absorbed and absorbed[0] > 0 and units[0].code is not None
    assert gaz.lookup("commune", "Đại Phước")[0].code  # a ward's own name is not an absorbed entry


@pytest.mark.parametrize("text, name, province", [
    ("Đoàn làm việc với UBND Phường 8, thành phố Tuy Hòa, tỉnh Phú Yên.", "8", "Phú Yên"),
    ("Đoàn khảo sát phường Nguyễn Trung Trực, quận Ba Đình.", "Nguyễn Trung Trực", "Hà Nội"),
])
def test_gazetteer_merged_unit_takes_the_province_its_context_names(text, name, province):
    from extractor.nlp import extract

    places = extract(text, "2019-05-01").to_dict()["places"]
    commune = [p for p in places if p["level"] == "commune"]
    assert [(p["name"], p["province"]) for p in commune] == [(name, province)]
