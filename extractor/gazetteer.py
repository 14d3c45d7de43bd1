"""The gazetteer: Vietnam's administrative units, today and before the 2025 reform.

Truth is the installed packages' data, read once per process (lazily, cached):

* ``vietnam_provinces`` (data/nested-divisions.json): the 34 provinces and the
  wards/communes in force since the 1 July 2025 reform, with their official codes;
* ``vietnamadminunits`` (data/dataset.db, table ``admin_units_legacy``): the
  63 provinces, their districts and wards as they were before the reform, and
  (data/converter_2025.json, ``DICT_PROVINCE``) which current province each old
  province went into.  Its ``wardAlias`` column also names the wards and
  communes merged away before that (2019-2024: "Phường 8" of Tuy Hòa went into
  Phường 2): older articles name them, so they are *absorbed* units, found by
  their name in their old district and province, with no code.

Look-ups go by ``folding.fold`` of the short name (no unit word), with
``fold_ascii`` as a tolerant second key.  Aliases (TPHCM, Thừa Thiên Huế, ...)
come from ``rules/places_aliases.json``.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
import importlib.util
from pathlib import Path
from typing import Iterable

from .folding import fold, fold_ascii
from .rules import load as load_rules

# "Phú Quí"/"Phú Quý", "Kì Anh"/"Kỳ Anh": the old and new spellings of a final i/y after a consonant
_FINAL_Y = re.compile(r"(?<![a-z])(qu|[bcdghklmnprstvx]{1,3})y(?![a-z])")


def _iy_key(name: str) -> str:
    """fold_ascii with a final y after a consonant written i: the two spellings look up alike."""
    return _FINAL_Y.sub(r"\1i", fold_ascii(name))


# the unit words the packages' data put in front of names
_TYPE_WORDS = ("thành phố", "tỉnh", "phường", "xã", "thị trấn", "đặc khu", "quận", "huyện", "thị xã")


_ABSORBED_KEY = re.compile(r"(thitran|phuong|xa)([a-z0-9]+)")
_ABSORBED_KINDS = {"thitran": "Thị trấn", "phuong": "Phường", "xa": "Xã"}


_NOT_KEY = re.compile(r"[^a-z0-9]")


def _nospace_key(name: str) -> str:
    """The data's alias key form: ascii, no spaces, no punctuation ("Bình Ngọc" -> "binhngoc")."""
    return _NOT_KEY.sub("", fold_ascii(name))


@dataclass(frozen=True)
class Unit:
    """One administrative unit: ``name`` is its short name, ``province`` the province it is in."""

    level: str  # province | district | commune
    name: str
    province: str | None
    code: str | None  # the unit's own code in its data set (legacy codes for legacy units)
    era: str  # "current" (since 2025-07-01) or "legacy" (before)
    kind: str  # the unit word of the data: Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu
    district: str | None = None


def _data_dir(package: str) -> Path:
    """The package's data folder, found without importing the package (its import is slow)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the gazetteer needs the package {package!r}")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def short_name(full: str) -> tuple[str, str]:
    """("Phường Rạch Dừa") -> ("Phường", "Rạch Dừa"); a name with no unit word is returned whole."""
    low = full.lower()
    for word in sorted(_TYPE_WORDS, key=len, reverse=True):
        if low.startswith(word + " "):
            return full[: len(word)], full[len(word) + 1:].strip()
    return "", full.strip()


def _clean(name: str, kind: str) -> str:
    """Numbered units keep only their number ("Quận 1" -> "1"); other names as they are."""
    word, rest = short_name(name)
    if word and rest and (rest[0].isdigit() or word.lower() == kind.lower()):
        return rest
    return name


class Gazetteer:
    def __init__(self) -> None:
        self.units: list[Unit] = []
        self._by_fold: dict[tuple[str, str], list[Unit]] = {}
        self._by_ascii: dict[tuple[str, str], list[Unit]] = {}
        self.successor: dict[str, str] = {}  # fold(old province) -> current province name
        self.current_provinces: dict[str, Unit] = {}  # fold(name) -> current province
        self.current_wards: dict[tuple[str, str], Unit] = {}  # (fold(province), fold(name)) -> ward
        self.central_cities: set[str] = set()  # fold(name) of provinces that are "thành phố"
        self.aliases: dict[str, dict] = {}  # fold(alias) -> alias entry
        # ascii key without spaces of a commune merged away before 2025 -> (kind, province, district)
        self.absorbed: dict[str, list[tuple[str, str, str | None]]] = {}
        self.max_words = 1
        self._load_current()
        self._load_legacy()
        self._load_aliases()

    # ------------------------------------------------------------ loading
    def _add(self, unit: Unit) -> None:
        self.units.append(unit)
        self._by_fold.setdefault((unit.level, fold(unit.name)), []).append(unit)
        self._by_ascii.setdefault((unit.level, _iy_key(unit.name)), []).append(unit)
        self.max_words = max(self.max_words, len(fold(unit.name).split()))

    def _load_current(self) -> None:
        path = _data_dir("vietnam_provinces") / "nested-divisions.json"
        for prov in json.loads(path.read_text(encoding="utf-8")):
            kind, pname = short_name(prov["name"])
            unit = Unit("province", pname, pname, f"{int(prov['code']):02d}", "current", kind)
            self._add(unit)
            self.current_provinces[fold(pname)] = unit
            if kind.lower() == "thành phố":
                self.central_cities.add(fold(pname))
            for ward in prov.get("wards", []):
                wkind, wname = short_name(ward["name"])
                w = Unit("commune", _clean(ward["name"], wkind), pname, f"{int(ward['code']):05d}", "current", wkind)
                self._add(w)
                self.current_wards[(fold(pname), fold(w.name))] = w

    def _load_legacy(self) -> None:
        base = _data_dir("vietnamadminunits")
        conv = json.loads((base / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
        new_of_old = {old: new for new, olds in conv.items() for old in olds}
        con = sqlite3.connect(f"file:{base / 'dataset.db'}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "select province, provinceShort, provinceCode, provinceKey, district, districtShort, districtType,"
                " ward, wardShort, wardType, wardCode, wardAlias from admin_units_legacy").fetchall()
            new_names = dict(con.execute("select distinct provinceKey, provinceShort from admin_units").fetchall())
        finally:
            con.close()
        seen_p: set[str] = set()
        seen_d: set[tuple[str, str]] = set()
        numbered: list[Unit] = []  # absorbed numbered wards, added after every ward in force
        for (prov, pshort, pcode, pkey, dist, dshort, dtype, ward, wshort, wtype, wcode, walias) in rows:
            if pshort not in seen_p:
                seen_p.add(pshort)
                pkind, _ = short_name(prov)
                self._add(Unit("province", pshort, pshort, pcode, "legacy", pkind))
                if pkind.lower() == "thành phố":
                    self.central_cities.add(fold(pshort))
                new_key = new_of_old.get(pkey)
                if new_key in new_names:
                    self.successor[fold(pshort)] = new_names[new_key]
            if dshort and (pshort, dshort) not in seen_d:
                seen_d.add((pshort, dshort))
                self._add(Unit("district", _clean(dist or dshort, dtype or ""), pshort, None, "legacy",
                               dtype or "", dshort))
            if wshort:
                dname = _clean(dist or dshort, dtype or "")
                self._add(Unit("commune", _clean(ward or wshort, wtype or ""), pshort, wcode, "legacy",
                               wtype or "", dname))
                if walias:
                    self._add_absorbed(json.loads(walias), ward or wshort, pshort, dname, numbered)
        for unit in numbered:  # after the wards in force, so that they win only by context
            if not any(u.province == unit.province and u.district == unit.district
                       for u in self._by_fold.get(("commune", unit.name), [])):
                self._add(unit)

    def _add_absorbed(self, keys: list[str], ward: str, province: str, district: str | None,
                      numbered: list[Unit]) -> None:
        """The units merged into ``ward`` before 2025, from the data's ascii alias keys ("phuong8", "xabinhngoc");
        numbered wards, whose names are known exactly, go to ``numbered``, the others to ``self.absorbed``."""
        own = _nospace_key(ward)
        for key in keys:
            m = _ABSORBED_KEY.fullmatch(key)
            if m is None:
                continue
            kind, rest = _ABSORBED_KINDS[m.group(1)], m.group(2)
            if rest.isdigit():
                rest = str(int(rest))
            if _nospace_key(f"{kind} {rest}") == own or _nospace_key(rest) == own:
                continue  # the ward's own name, not one merged into it
            if rest.isdigit():
                numbered.append(Unit("commune", rest, province, None, "legacy", kind, district))
                continue
            self.absorbed.setdefault(rest, []).append((kind, province, district))

    def _load_aliases(self) -> None:
        for entry in load_rules("places_aliases", required=("id", "forms", "level", "name", "unit"))["entries"]:
            for form in entry["forms"]:
                self.aliases[fold(form)] = entry
                self.aliases.setdefault(fold_ascii(form), entry)

    # ------------------------------------------------------------ look-ups
    def lookup(self, level: str, name: str, tolerant: bool = True) -> list[Unit]:
        """Units of ``level`` whose short name folds like ``name`` (diacritic-blind as a second try)."""
        found = self._by_fold.get((level, fold(name)), [])
        if not found and tolerant:
            found = self._by_ascii.get((level, _iy_key(name)), [])
        found = list(found)
        if level == "commune":
            # units merged away before 2025 come last: they win only where the article's context names
            # their district or province; their name is the one written (the data keep only an ascii key)
            found += [Unit("commune", name.strip(), prov, None, "legacy", kind, dist)
                      for kind, prov, dist in self.absorbed.get(_nospace_key(name), ())]
        return found

    def alias(self, text: str) -> dict | None:
        return self.aliases.get(fold(text)) or self.aliases.get(fold_ascii(text))

    def province_code(self, name: str) -> str | None:
        """The code today of the province called ``name`` (aliases count), or None."""
        unit = self.current_provinces.get(fold(name))
        if unit is None:
            entry = self.alias(name)
            if entry is not None and entry.get("unit"):
                unit = self.current_provinces.get(fold(entry["unit"]))
        return unit.code if unit else None

    def current_province_of(self, province: str | None) -> str | None:
        """The province today that ``province`` (current or pre-2025) is, or went into."""
        if not province:
            return None
        if fold(province) in self.current_provinces:
            return self.current_provinces[fold(province)].name
        return self.successor.get(fold(province))

    def commune_code(self, name: str, province: str | None) -> str | None:
        """The code today of the commune called ``name`` in (the successor of) ``province``."""
        today = self.current_province_of(province)
        if today is None:
            return None
        unit = self.current_wards.get((fold(today), fold(name)))
        return unit.code if unit else None

    def is_central_city(self, name: str) -> bool:
        return fold(name) in self.central_cities

    def provinces(self) -> Iterable[Unit]:
        return (u for u in self.units if u.level == "province")


CACHE_VERSION = 3  # bump when the Gazetteer's fields change


def _sources() -> list[Path]:
    from .rules import RULES_DIR

    return [_data_dir("vietnam_provinces") / "nested-divisions.json",
            _data_dir("vietnamadminunits") / "dataset.db",
            _data_dir("vietnamadminunits") / "converter_2025.json",
            RULES_DIR / "places_aliases.json", Path(__file__), Path(__file__).with_name("folding.py")]


def _cache_path() -> Path | None:
    """A cache file named by the identity (path, size, mtime) of every source: new data, new file."""
    base = os.environ.get("EXTRACTOR_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "vn-extractor")
    try:
        ident = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in _sources())
    except OSError:
        return None
    digest = hashlib.sha256(f"{CACHE_VERSION}|{ident}".encode()).hexdigest()[:16]
    return Path(base) / f"gazetteer-{digest}.pickle"


@lru_cache(maxsize=1)
def get() -> Gazetteer:
    """The process's gazetteer: from the cache when its sources are unchanged, else built and cached.

    The cache is only a faster copy of what the packages' data give (a build
    takes ~0.4 s, a cached load ~0.05 s); any failure to read or write it
    falls back to building from the data.
    """
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # a stale or broken cache is rebuilt
            pass
    gaz = Gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return gaz
