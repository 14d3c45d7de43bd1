"""The dates stage (being written)."""
from __future__ import annotations

from .base import Match, Stage


class DatesStage(Stage):
    field = "dates"

    def match(self, doc) -> list[Match]:
        return []
