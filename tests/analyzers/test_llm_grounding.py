"""The model's weight reconciled with the document's own evidence: review, never silence."""

from __future__ import annotations

import pytest

from app.analyzers.base import (
    NO_SLOT,
    AnalysisRequest,
    AnalysisResult,
    CatalogueIndex,
    CostShare,
    Evidence,
    MaterialFinding,
    ModelSlot,
    WeightCandidate,
    WeightFinding,
)
from app.analyzers.grounding import GroundedAnalyzer, reconcile
from app.analyzers.offline import OfflineAnalyzer
from app.extraction.document import ExtractedDocument, Section

CATALOGUE = (
    CatalogueIndex(1, "steel", "Steel", "EUR/t", "metal"),
    CatalogueIndex(2, "pa66", "PA66", "EUR/t", "polymer"),
    CatalogueIndex(3, "labour", "Labour", "EUR/h", "labour"),
)
TEXT = "Net weight: 120 g\nGross weight (packed): 185 g\nMaterial: steel S235\n"


def request(text: str = TEXT, *, images: bool = False) -> AnalysisRequest:
    document = ExtractedDocument(
        role="specification",
        format="pdf",
        media_type="application/pdf",
        sections=[Section("page 1", text)] if text else [],
        images=[b"png"] if images else [],
        has_text_layer=not images,
    )
    return AnalysisRequest("Bracket", None, document, None, CATALOGUE)


def weight(grams: float, quote: str, *, supported: bool = True) -> WeightFinding:
    return WeightFinding(
        grams, Evidence(quote, "specification, page 1", 0.9), "unspecified", supported
    )


def model_result(found: WeightFinding | None, *, material: bool = True) -> AnalysisResult:
    materials = (
        [MaterialFinding("steel", "steel S235", 1.0, Evidence("Material: steel S235", "p1", 0.8))]
        if material
        else []
    )
    shares = [CostShare("steel", 0.7), CostShare("labour", 0.3)]
    return AnalysisResult("openai:m", found, materials, shares)


def document_result(found: WeightFinding | None, *others: WeightCandidate) -> AnalysisResult:
    result = AnalysisResult("offline", found, [], [CostShare("steel", 1.0)])
    if found is not None:
        result.weight_status = "stated"
    result.weight_candidates = list(others)
    return result


NET = weight(120.0, "Net weight: 120 g")
GROSS = weight(185.0, "Gross weight (packed): 185 g")


def test_agreeing_weights_are_taken_without_review() -> None:
    result = reconcile(
        model_result(weight(120.0, "Net weight: 120 g")), document_result(NET), request()
    )
    assert result.weight is not None and result.weight.grams == 120.0
    assert result.weight_status == "stated"
    assert not result.needs_review
    assert result.weight_candidates[0].chosen
    assert result.weight_candidates[0].reason.startswith("model's reading")


def test_disagreeing_weights_go_to_review_with_both_candidates() -> None:
    result = reconcile(model_result(GROSS), document_result(NET), request())
    assert result.needs_review
    assert result.weight_status == "ambiguous"
    grams = {c.grams: c for c in result.weight_candidates}
    assert grams[185.0].reason.startswith("model's reading")
    assert grams[120.0].reason == "the document's stated weight"
    assert "disagree" in result.review_reasons[0]


def test_an_unsupported_model_weight_loses_to_the_documents() -> None:
    invented = weight(455.0, "Net weight: 120 g", supported=False)
    result = reconcile(model_result(invented), document_result(NET), request())
    assert result.weight is not None and result.weight.grams == 120.0
    chosen = [c for c in result.weight_candidates if c.chosen]
    assert [c.grams for c in chosen] == [120.0]
    assert any(c.grams == 455.0 and not c.chosen for c in result.weight_candidates)


def test_an_unsupported_weight_without_a_stated_one_is_not_taken() -> None:
    invented = weight(455.0, "weight", supported=False)
    result = reconcile(model_result(invented), document_result(None), request("Material: steel"))
    assert result.weight is None
    assert result.weight_status == "not_stated"
    assert result.needs_review and "no weight taken" in result.review_reasons[0]


def test_a_weight_read_from_page_images_is_kept_for_review() -> None:
    read = weight(42.0, "42 g", supported=False)
    result = reconcile(model_result(read), document_result(None), request("", images=True))
    assert result.weight is not None and result.weight.grams == 42.0
    assert result.needs_review and "page images" in result.review_reasons[0]


def test_the_same_line_read_differently_takes_the_documents_reading() -> None:
    misread = weight(1.25, "Gewicht: 1.250 g")
    stated = weight(1250.0, "Gewicht: 1.250 g")
    result = reconcile(model_result(misread), document_result(stated), request("Gewicht: 1.250 g"))
    assert result.weight is not None and result.weight.grams == 1250.0
    assert not result.needs_review


def test_no_model_weight_takes_the_stated_one_and_its_doubts() -> None:
    document = document_result(NET)
    assert not reconcile(model_result(None), document, request()).needs_review
    document.review_reasons.append("two net weights in the document")
    result = reconcile(model_result(None), document, request())
    assert result.weight is not None and result.weight.grams == 120.0
    assert result.review_reasons == ["two net weights in the document"]


def test_a_material_no_document_names_is_flagged_not_assumed() -> None:
    result = reconcile(model_result(NET, material=False), document_result(NET), request())
    assert result.needs_review
    assert "steel" in result.review_reasons[-1]


def test_no_weight_anywhere_is_not_stated_and_needs_no_review() -> None:
    result = reconcile(model_result(None), document_result(None), request("Material: steel"))
    assert result.weight is None and result.weight_status == "not_stated"
    assert not result.needs_review


class _Fixed:
    def __init__(self, result: AnalysisResult) -> None:
        self.result = result

    @property
    def method(self) -> str:
        return self.result.method

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult:
        return self.result


@pytest.mark.asyncio
async def test_the_grounded_analyzer_checks_against_the_offline_rules() -> None:
    grounded = GroundedAnalyzer(_Fixed(model_result(GROSS)), OfflineAnalyzer())
    result = await grounded.analyze(request())
    assert grounded.method == "openai:m"
    assert result.weight_status == "ambiguous" and result.needs_review


@pytest.mark.asyncio
async def test_an_offline_fallback_is_passed_through_unchanged() -> None:
    fallback = AnalysisResult("offline:llm-unavailable", NET, [], [CostShare("steel", 1.0)])
    result = await GroundedAnalyzer(_Fixed(fallback), OfflineAnalyzer()).analyze(request())
    assert result is fallback and not result.needs_review


def test_a_weight_the_rules_did_not_take_goes_to_review() -> None:
    result = reconcile(model_result(GROSS), document_result(None), request())
    assert result.weight is not None and result.weight.grams == 185.0
    assert result.needs_review and "check it" in result.review_reasons[0]


def test_a_weight_the_rules_saw_as_a_distractor_is_ambiguous() -> None:
    per_metre = WeightCandidate(1450.0, "per_length", "1.45 kg/m", "page 1", 0.2, False, "kg/m")
    found = weight(1450.0, "Weight: 1.45 kg/m")
    result = reconcile(model_result(found), document_result(None, per_metre), request())
    assert result.weight_status == "ambiguous"
    assert "per_length figure" in result.review_reasons[0]
