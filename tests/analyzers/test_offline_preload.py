"""The parser workers' forkserver warms the offline rules (app/analyzers/offline/_preload.py)."""

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import _preload, analyze_sync
from app.extraction.document import ExtractedDocument, Section


def test_every_warm_up_sample_reaches_the_weight_and_material_rules() -> None:
    for text in _preload._SAMPLES:
        doc = ExtractedDocument(
            role="specification",
            format="text",
            media_type="text/plain",
            sections=[Section("", text)],
        )
        result = analyze_sync(AnalysisRequest("Bracket", None, doc, None, ()))
        assert result.weight_candidates, text
        assert result.materials, text
