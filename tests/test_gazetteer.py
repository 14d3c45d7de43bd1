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
