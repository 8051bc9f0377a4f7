"""What the offline rule tests share: the default catalogue and one document's weight."""

from __future__ import annotations

from app.analyzers.base import AnalysisRequest, CatalogueIndex
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from app.indices.seed import DEFAULT_INDICES

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def weight_of(filename: str, text: str, name: str) -> float | None:
    """The grams the offline analysis reports for `text` read as `filename`, None if unsure."""
    doc = extract_document(text.encode(), role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return None if result.weight is None else result.weight.grams
