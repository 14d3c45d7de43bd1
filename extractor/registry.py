"""All spaCy factories of the project, in one place (as spaCy keeps its own).

Each factory builds a stage from ``extractor.stages``; ``STAGES`` is the order
in which ``nlp.build()`` adds them: linking comes last, since it reads the
spans the others wrote.
"""
from __future__ import annotations

from spacy.language import Language

from .stages.counts import DossierCountsStage, ProcedureCountsStage
from .stages.dates import DatesStage
from .stages.linking import LinkingStage
from .stages.officials import OfficialsStage
from .stages.percentages import PercentagesStage
from .stages.places import PlacesStage
from .stages.sentences import DifficultiesStage, RecommendationsStage

STAGES: tuple[str, ...] = (
    "extractor_dates",
    "extractor_places",
    "extractor_officials",
    "extractor_dossier_counts",
    "extractor_procedure_counts",
    "extractor_percentages",
    "extractor_recommendations",
    "extractor_difficulties",
    "extractor_linking",
)


@Language.factory("extractor_dates")
def make_dates(nlp: Language, name: str) -> DatesStage:
    return DatesStage(nlp, name)


@Language.factory("extractor_places")
def make_places(nlp: Language, name: str) -> PlacesStage:
    return PlacesStage(nlp, name)


@Language.factory("extractor_officials")
def make_officials(nlp: Language, name: str) -> OfficialsStage:
    return OfficialsStage(nlp, name)


@Language.factory("extractor_dossier_counts")
def make_dossier_counts(nlp: Language, name: str) -> DossierCountsStage:
    return DossierCountsStage(nlp, name)


@Language.factory("extractor_procedure_counts")
def make_procedure_counts(nlp: Language, name: str) -> ProcedureCountsStage:
    return ProcedureCountsStage(nlp, name)


@Language.factory("extractor_percentages")
def make_percentages(nlp: Language, name: str) -> PercentagesStage:
    return PercentagesStage(nlp, name)


@Language.factory("extractor_recommendations")
def make_recommendations(nlp: Language, name: str) -> RecommendationsStage:
    return RecommendationsStage(nlp, name)


@Language.factory("extractor_difficulties")
def make_difficulties(nlp: Language, name: str) -> DifficultiesStage:
    return DifficultiesStage(nlp, name)


@Language.factory("extractor_linking")
def make_linking(nlp: Language, name: str) -> LinkingStage:
    return LinkingStage(nlp, name)
