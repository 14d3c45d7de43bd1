"""Rules and lexicons are data: JSON files in this folder, each with a source note.

Every file has the shape::

    {"source": "where the entries come from", "description": "...", "entries": [...]}

and ``load(name, required=...)`` validates it on load: a missing source note, a
missing key in an entry, or an entry without an ``id`` where one is required is
a ``RulesError`` naming the file, the entry index and the reason.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent


class RulesError(ValueError):
    """A rules file that does not pass its checks."""


@lru_cache(maxsize=None)
def load(name: str, required: tuple[str, ...] = (), types: tuple[tuple[str, type], ...] = ()) -> dict[str, Any]:
    """Load ``rules/<name>.json`` and check it; ``required`` keys must be in every entry."""
    path = RULES_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulesError(f"{path}: no such rules file") from exc
    except json.JSONDecodeError as exc:
        raise RulesError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{path}: the top level must be an object")
    if not str(data.get("source", "")).strip():
        raise RulesError(f"{path}: missing 'source' note (where the entries come from)")
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        raise RulesError(f"{path}: 'entries' must be a non-empty list")
    type_map = dict(types)
    ids: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise RulesError(f"{path}: entry {i} is not an object")
        for key in required:
            if key not in entry:
                raise RulesError(f"{path}: entry {i} has no '{key}'")
            want = type_map.get(key)
            if want is not None and not isinstance(entry[key], want):
                raise RulesError(f"{path}: entry {i}: '{key}' must be {want.__name__}")
        if "id" in entry:
            if entry["id"] in ids:
                raise RulesError(f"{path}: entry {i}: duplicate id {entry['id']!r}")
            ids.add(entry["id"])
    return data


def all_rule_files() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.json"))
