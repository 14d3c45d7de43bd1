"""The linking stage (being written)."""
from __future__ import annotations

from .base import Match, Stage


class LinkingStage(Stage):
    """Fills place and period of counts and percentages; writes no spans of its own."""
    field = "linking"

    def match(self, doc) -> list[Match]:
        return []

    def __call__(self, doc):
        return doc
