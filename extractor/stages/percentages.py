"""The percentages stage (being written)."""
from __future__ import annotations

from .base import Match, Stage


class PercentagesStage(Stage):
    field = "percentages"

    def match(self, doc) -> list[Match]:
        return []
