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

# factory name -> stage class, in pipeline order
_STAGE_CLASSES = {
    "extractor_dates": DatesStage,
    "extractor_places": PlacesStage,
    "extractor_officials": OfficialsStage,
    "extractor_dossier_counts": DossierCountsStage,
    "extractor_procedure_counts": ProcedureCountsStage,
    "extractor_percentages": PercentagesStage,
    "extractor_recommendations": RecommendationsStage,  # reads officials
    "extractor_difficulties": DifficultiesStage,  # reads recommendations
    "extractor_linking": LinkingStage,  # reads places, dates and the figures
}
STAGES: tuple[str, ...] = tuple(_STAGE_CLASSES)


def _factory(cls):
    def make(nlp: Language, name: str):
        return cls(nlp, name)

    make.__name__ = f"make_{cls.__name__}"
    return make


for _name, _cls in _STAGE_CLASSES.items():
    if not Language.has_factory(_name):
        Language.factory(_name, func=_factory(_cls))
