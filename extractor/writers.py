"""Writers: predictions JSON (the gold format), records.csv, documents.csv, errors.csv.

The CSV files are written row by row as records arrive, so memory stays flat
in the number of articles.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .record import FIELDS, Record

# One column per attribute any field has, in a stable order.
ATTR_COLUMNS: list[str] = []
for _attrs in FIELDS.values():
    for _a in _attrs:
        if _a not in ATTR_COLUMNS and _a != "value":
            ATTR_COLUMNS.append(_a)
RECORD_COLUMNS = ["doc_id", "field", "text", "start", "end", "value", *ATTR_COLUMNS, "sentence", "rule"]
DOCUMENT_COLUMNS = ["doc_id", "published", "chars", *FIELDS.keys()]
ERROR_COLUMNS = ["doc_id", "source", "reason"]


def prediction_json(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n"


def record_rows(record: Record) -> list[dict[str, Any]]:
    rows = []
    for field, items in record.items.items():
        for item in items:
            row: dict[str, Any] = {"doc_id": record.doc_id, "field": field, "text": item.text,
                                   "start": item.start, "end": item.end,
                                   "value": item.attrs.get("value"), "sentence": item.sentence, "rule": item.rule}
            for col in ATTR_COLUMNS:
                row[col] = item.attrs.get(col)
            rows.append(row)
    return rows


def document_row(record: Record) -> dict[str, Any]:
    return {"doc_id": record.doc_id, "published": record.published.isoformat() if record.published else None,
            "chars": len(record.text), **record.counts()}


class OutputWriter:
    """Writes one run's outputs under ``out``; use as a context manager."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.pred_dir = self.out / "predictions"

    def __enter__(self) -> "OutputWriter":
        self.pred_dir.mkdir(parents=True, exist_ok=True)
        self._files = []
        self.records = self._csv("records.csv", RECORD_COLUMNS)
        self.documents = self._csv("documents.csv", DOCUMENT_COLUMNS)
        self.errors = self._csv("errors.csv", ERROR_COLUMNS)
        self.n_ok = self.n_failed = 0
        return self

    def _csv(self, name: str, columns: list[str]) -> csv.DictWriter:
        fh = open(self.out / name, "w", encoding="utf-8", newline="")
        self._files.append(fh)
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        return writer

    def write(self, record: Record) -> None:
        (self.pred_dir / f"{record.doc_id}.json").write_text(prediction_json(record), encoding="utf-8")
        self.records.writerows(record_rows(record))
        self.documents.writerow(document_row(record))
        self.n_ok += 1

    def fail(self, doc_id: str, source: str, reason: str) -> None:
        self.errors.writerow({"doc_id": doc_id, "source": source, "reason": reason})
        self.n_failed += 1

    def __exit__(self, *exc) -> None:
        for fh in self._files:
            fh.close()
