"""Accuracy floors, scored by the GOLD_FORMAT rules: raise them as accuracy improves.

The held-out third of the development set (tests/devsplit.json) is scored apart:
its floors guard against rules that fit only the articles they were written from.
"""
from __future__ import annotations

import pytest

from conftest import DEV_GOLD, HOLDOUT, SEED_GOLD, requires_dev
from extractor.evaluate import load_dir, score

# field -> minimum F1
SEED_FLOORS = {"dates": 0.95, "places": 0.95, "officials": 0.95, "dossier_counts": 0.95,
               "procedure_counts": 0.95, "percentages": 0.95, "recommendations": 0.9, "difficulties": 0.9}
TUNE_FLOORS = {"dates": 0.9, "places": 0.9, "officials": 0.85, "dossier_counts": 0.9,
               "procedure_counts": 0.9, "percentages": 0.9, "recommendations": 0.8, "difficulties": 0.7}
HOLDOUT_FLOORS = {"dates": 0.8, "places": 0.85, "officials": 0.8, "percentages": 0.85,
                  "recommendations": 0.55, "difficulties": 0.4}
HEADLINE_FLOORS = {"seeds": 0.95, "dev": 0.85, "tune": 0.9, "holdout": 0.8}


def _scores(records, gold_dir, keep=lambda d: True):
    gold = {d: g for d, g in load_dir(gold_dir).items() if keep(d)}
    pred = {d: records[d].to_dict() for d in gold}
    return score(gold, pred)


def test_accuracy_seeds(seed_records):
    s = _scores(seed_records, SEED_GOLD)
    assert s.headline >= HEADLINE_FLOORS["seeds"]
    for field, floor in SEED_FLOORS.items():
        assert s.fields[field].f1 >= floor, (field, s.fields[field].to_dict())


@requires_dev
def test_accuracy_development_set(dev_records):
    assert _scores(dev_records, DEV_GOLD).headline >= HEADLINE_FLOORS["dev"]


@requires_dev
@pytest.mark.parametrize("split,floors", [("tune", TUNE_FLOORS), ("holdout", HOLDOUT_FLOORS)])
def test_accuracy_development_split(dev_records, split, floors):
    keep = (lambda d: d in HOLDOUT) if split == "holdout" else (lambda d: d not in HOLDOUT)
    s = _scores(dev_records, DEV_GOLD, keep)
    assert s.headline >= HEADLINE_FLOORS[split]
    for field, floor in floors.items():
        assert s.fields[field].f1 >= floor, (split, field, round(s.fields[field].f1, 3))


def test_accuracy_attributes_on_seeds(seed_records):
    s = _scores(seed_records, SEED_GOLD)
    for field, attr in [("dossier_counts", "status"), ("dossier_counts", "place"), ("dossier_counts", "period"),
                        ("places", "code"), ("officials", "title")]:
        assert s.fields[field].accuracy(attr) >= 0.9, (field, attr)
