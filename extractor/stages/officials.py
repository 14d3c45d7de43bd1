"""The officials stage (being written)."""
from __future__ import annotations

from .base import Match, Stage


class OfficialsStage(Stage):
    field = "officials"

    def match(self, doc) -> list[Match]:
        return []
