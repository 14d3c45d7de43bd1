"""The Record of one article, and its gold-format dictionary (GOLD_FORMAT.md)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Field -> the attributes GOLD_FORMAT.md gives its items, in order.
FIELDS: dict[str, tuple[str, ...]] = {
    "dates": ("value",),
    "places": ("level", "name", "province", "code"),
    "officials": ("name", "honorific", "title", "role"),
    "dossier_counts": ("value", "status", "category", "place", "period"),
    "procedure_counts": ("value", "kind", "place"),
    "percentages": ("value", "measure", "place", "period"),
    "recommendations": ("trigger", "by", "to"),
    "difficulties": (),
}
HEADLINE_FIELDS = ("dates", "places", "officials", "dossier_counts", "percentages", "recommendations")
# officials have no "text" in the contract: their evidence is the name
TEXT_FIELDS = {f for f in FIELDS if f != "officials"}


@dataclass
class Item:
    field: str
    text: str
    start: int
    end: int
    attrs: dict[str, Any]
    rule: str
    sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.field in TEXT_FIELDS:
            out["text"] = self.text
        for key in FIELDS[self.field]:
            out[key] = self.attrs.get(key)
        for key, value in self.attrs.items():  # extra attributes are welcome
            if key not in out:
                out[key] = value
        if self.field == "officials":
            out.setdefault("text", self.text)
        out["start"] = self.start
        out["end"] = self.end
        out["rule"] = self.rule
        return out


@dataclass
class Record:
    doc_id: str
    text: str
    published: dt.date | None
    items: dict[str, list[Item]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id,
                               "published": self.published.isoformat() if self.published else None}
        for name in FIELDS:
            out[name] = [item.to_dict() for item in self.items.get(name, [])]
        return out

    def counts(self) -> dict[str, int]:
        return {name: len(self.items.get(name, [])) for name in FIELDS}

    def check_offsets(self) -> None:
        """``text[start:end] == item.text`` for every item, or an AssertionError naming it."""
        for name, items in self.items.items():
            for i, item in enumerate(items):
                if self.text[item.start:item.end] != item.text:
                    raise AssertionError(f"{self.doc_id}: {name}[{i}] offsets {item.start}:{item.end} "
                                         f"do not give its text {item.text!r}")
