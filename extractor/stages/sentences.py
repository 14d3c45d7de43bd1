"""The sentence-level stages: recommendations and difficulties (being written)."""
from __future__ import annotations

from .base import Match, Stage


class RecommendationsStage(Stage):
    field = "recommendations"

    def match(self, doc) -> list[Match]:
        return []


class DifficultiesStage(Stage):
    field = "difficulties"

    def match(self, doc) -> list[Match]:
        return []
