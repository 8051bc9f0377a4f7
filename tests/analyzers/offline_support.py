"""What the offline rule tests share: the default catalogue, one document's weight, and the
LABELLING tolerance it is judged by."""

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


def assert_weight(filename: str, text: str, name: str, grams: float | None) -> None:
    """The analysis reports `grams` within the LABELLING tolerance, or abstains when None."""
    got = weight_of(filename, text, name)
    if grams is None:
        assert got is None
    else:
        assert got is not None and abs(got - grams) <= max(0.005 * grams, 0.01), got
