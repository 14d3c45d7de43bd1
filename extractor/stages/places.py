"""The places stage (being written)."""
from __future__ import annotations

from .base import Match, Stage


class PlacesStage(Stage):
    field = "places"

    def match(self, doc) -> list[Match]:
        return []
