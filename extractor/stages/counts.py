"""The dossier and procedure counts stages (being written)."""
from __future__ import annotations

from .base import Match, Stage


class DossierCountsStage(Stage):
    field = "dossier_counts"

    def match(self, doc) -> list[Match]:
        return []


class ProcedureCountsStage(Stage):
    field = "procedure_counts"

    def match(self, doc) -> list[Match]:
        return []
