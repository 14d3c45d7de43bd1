"""Loading the case tables of tests/cases/<field>.json (own Vietnamese phrases) for the stage tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "cases"


def table(field: str) -> list:
    """pytest params, one per case, with the case's text as its id (cut short)."""
    cases = json.loads((CASES / f"{field}.json").read_text(encoding="utf-8"))["cases"]
    return [pytest.param(c, id=c["text"][:60]) for c in cases]
