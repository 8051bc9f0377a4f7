"""The model's answer checked against the document's own evidence (the offline rules).

The offline analysis runs beside the model call. Their weights are reconciled with the same
semantics as the offline path (see `base.WeightStatus`): when they disagree the article goes
to review with the candidates of both, instead of one being chosen silently; a model weight
that no quantity in the text backs loses to the document's, or the analysis abstains; and a
material the documents never name is flagged, never assumed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from app.analyzers.base import (
    NO_SLOT,
    AnalysisError,
    AnalysisRequest,
    AnalysisResult,
    Analyzer,
    CostShare,
    ModelSlot,
    SlottedAnalyzer,
    WeightBasis,
    WeightCandidate,
    WeightFinding,
    WeightStatus,
)
from app.analyzers.offline.cost_model import UNIDENTIFIED

logger = logging.getLogger(__name__)

AGREE_TOLERANCE = 0.01  # 1 %: the same weight written with different rounding
MATERIAL_CATEGORIES = frozenset({"metal", "polymer", "other"})
MODEL_REASON = "model's reading"
# The bases that are the article's own weight; any other is a distractor (see WeightBasis).
OWN_WEIGHT_BASES = frozenset(
    {WeightBasis.NET.value, WeightBasis.UNSPECIFIED.value, WeightBasis.DERIVED.value}
)


class GroundedAnalyzer:
    """The model analyzer with the offline rules running beside it (same interface)."""

    def __init__(self, model: SlottedAnalyzer, document: Analyzer) -> None:
        self._model = model
        self._document = document

    @property
    def method(self) -> str:
        return self._model.method

    async def analyze(
        self, request: AnalysisRequest, *, model_slot: ModelSlot = NO_SLOT
    ) -> AnalysisResult:
        """The offline rules run before and while the model is called, outside `model_slot`."""
        evidence = asyncio.create_task(self._document_evidence(request))
        try:
            result = await self._model.analyze(request, model_slot=model_slot)
        except BaseException:
            evidence.cancel()
            raise
        document = await evidence
        if result.method.startswith("offline") or document is None:
            return result  # a fallback is the document's own analysis already
        return reconcile(result, document, request)

    async def _document_evidence(self, request: AnalysisRequest) -> AnalysisResult | None:
        try:
            return await self._document.analyze(request)
        except AnalysisError as exc:  # the model's answer still stands, unchecked
            logger.warning("the offline check of the model's answer failed: %s", exc.message)
            return None


def reconcile(
    model: AnalysisResult, document: AnalysisResult, request: AnalysisRequest
) -> AnalysisResult:
    """The model's result with its weight decided against the document's, and review reasons."""
    _reconcile_weight(model, document, request)
    _check_materials(model, document, request)
    if model.process is None:
        model.process = document.process  # the process the document's wording names
    return model


def _model_candidate(weight: WeightFinding, *, chosen: bool, why: str) -> WeightCandidate:
    basis = weight.basis if weight.basis in {b.value for b in WeightBasis} else "unspecified"
    return WeightCandidate(
        grams=weight.grams,
        basis=basis,
        quote=weight.evidence.quote,
        location=weight.evidence.location,
        score=weight.evidence.confidence,
        chosen=chosen,
        reason=f"{MODEL_REASON}: {why}",
    )


def _document_candidates(document: AnalysisResult, chosen: float | None) -> list[WeightCandidate]:
    """The offline candidates, with `chosen` set for the weight finally reported."""
    candidates = list(document.weight_candidates)
    if not candidates and document.weight is not None:
        w = document.weight
        candidates = [
            WeightCandidate(
                grams=w.grams,
                basis=w.basis,
                quote=w.evidence.quote,
                location=w.evidence.location,
                score=w.evidence.confidence,
                chosen=True,
                reason="the document's stated weight",
            )
        ]
    return [
        replace(c, chosen=chosen is not None and c.grams is not None and _agree(c.grams, chosen))
        for c in candidates
    ]


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= AGREE_TOLERANCE * max(abs(a), abs(b))


def _same_text(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


def _read_from_images(request: AnalysisRequest) -> bool:
    return any(not d.has_text_layer and d.images for d in request.documents)


def _reconcile_weight(
    result: AnalysisResult, document: AnalysisResult, request: AnalysisRequest
) -> None:
    model, stated = result.weight, document.weight
    reasons = result.review_reasons

    def take_document(note: str, model_why: str) -> None:
        result.weight = stated
        result.weight_status = document.weight_status
        reasons.extend(r for r in document.review_reasons if r not in reasons)
        chosen = None if stated is None else stated.grams
        candidates = _document_candidates(document, chosen)
        if model is not None:
            candidates.append(_model_candidate(model, chosen=False, why=model_why))
        result.weight_candidates = candidates
        result.notes.append(note)

    if model is None:
        if stated is None:
            result.weight_status = WeightStatus.NOT_STATED.value
            return
        # A model that abstains contradicts nothing: the document's weight (with its own
        # review reasons, if the rules had doubts) stands.
        take_document(f"the model gave no weight; used the stated {stated.grams:g} g", "")
        return

    if not model.supported:
        why = "no quantity in the document text backs it"
        if stated is not None:
            take_document(
                f"the model's weight {model.grams:g} g has no support in the document; "
                f"used the stated {stated.grams:g} g instead",
                why,
            )
            return
        if _read_from_images(request):
            result.weight_status = WeightStatus.STATED.value
            result.weight_candidates = [_model_candidate(model, chosen=True, why="page images")]
            reasons.append(f"the weight {model.grams:g} g was read from page images only: check it")
            return
        result.weight = None  # abstain: a number nobody can point to is not a weight
        result.weight_status = WeightStatus.NOT_STATED.value
        result.weight_candidates = [_model_candidate(model, chosen=False, why=why)]
        reasons.append(
            f"the model's weight {model.grams:g} g ('{model.evidence.quote}') is not in the "
            "document and the document states none: no weight taken"
        )
        return

    if stated is None:
        # The rules found no weight of the article where the model found one: say which figure
        # it is when the rules saw it (a gross, per-metre or capacity figure), and let a person
        # confirm it either way.
        seen = [
            c
            for c in document.weight_candidates
            if c.grams is not None and _agree(c.grams, model.grams)
        ]
        result.weight_status = WeightStatus.STATED.value
        result.weight_candidates = [
            _model_candidate(model, chosen=True, why="the document's rules chose no weight"),
            *_document_candidates(document, None),
        ]
        if seen and seen[0].basis not in OWN_WEIGHT_BASES:
            result.weight_status = WeightStatus.AMBIGUOUS.value
            reasons.append(
                f"the model's weight {model.grams:g} g is the document's {seen[0].basis} figure "
                f"('{seen[0].quote}'), not the article's own weight: check it"
            )
        else:
            reasons.append(
                f"the model's weight {model.grams:g} g ('{model.evidence.quote}') is not one "
                "the document's rules take for the article's weight: check it"
            )
        return

    if _agree(stated.grams, model.grams):
        result.weight_status = document.weight_status
        if result.weight_status == WeightStatus.NOT_STATED.value:
            result.weight_status = WeightStatus.STATED.value
        candidates = _document_candidates(document, model.grams)
        result.weight_candidates = [
            _model_candidate(model, chosen=True, why="agrees with the document"),
            *(c for c in candidates if not c.chosen),
        ]
        return

    if _same_text(stated.evidence.quote, model.evidence.quote):
        # The same line read differently ("1.250 g" as 1.25 g in a German document): the
        # rules apply the document's number convention.
        take_document(
            f"the model's weight {model.grams:g} g reads '{stated.evidence.quote}' "
            f"differently; used the stated {stated.grams:g} g instead",
            "the same line read differently",
        )
        return

    # Both weights are in the document and they differ: a person must choose.
    result.weight_status = WeightStatus.AMBIGUOUS.value
    result.weight_candidates = [
        _model_candidate(model, chosen=True, why="disagrees with the document's choice"),
        *_document_candidates(document, None),
    ]
    reasons.append(
        f"the model's weight {model.grams:g} g ('{model.evidence.quote}') and the document's "
        f"{stated.grams:g} g ('{stated.evidence.quote}') disagree: choose one"
    )


def _check_materials(
    result: AnalysisResult, document: AnalysisResult, request: AnalysisRequest
) -> None:
    """A material share the documents give no ground for goes to review, never assumed; when
    neither the documents nor the model name any material, the model's guessed material shares
    are carried by the catalogue's `unidentified_material` index, as on the offline path."""
    categories = {index.code: index.category for index in request.catalogue}
    found = {m.index_code for m in result.materials if m.evidence is not None}
    for material in result.materials:
        if material.evidence is None:
            result.review_reasons.append(
                f"the model's material '{material.name}' is not named in the documents"
            )
    assumed = sorted(
        share.index_code
        for share in result.cost_shares
        if categories.get(share.index_code) in MATERIAL_CATEGORIES
        and share.index_code != UNIDENTIFIED
        and share.index_code not in found
        and not any(m.index_code == share.index_code for m in result.materials)
    )
    if assumed and not found and not document.materials and UNIDENTIFIED in categories:
        moved = sum(s.part for s in result.cost_shares if s.index_code in assumed)
        kept = [s for s in result.cost_shares if s.index_code not in assumed]
        prior = sum(s.part for s in kept if s.index_code == UNIDENTIFIED)
        result.cost_shares = [s for s in kept if s.index_code != UNIDENTIFIED] + [
            CostShare(UNIDENTIFIED, moved + prior, "no material identified: to be named")
        ]
        result.notes.append(
            "the model's material share ("
            + ", ".join(assumed)
            + ") is named by no document: carried by the unidentified material index instead"
        )
        assumed = []
    has_material = any(
        categories.get(s.index_code) in MATERIAL_CATEGORIES for s in result.cost_shares
    )
    rules_unidentified = any(s.index_code == UNIDENTIFIED for s in document.cost_shares)
    if not has_material and not found and not document.materials and rules_unidentified:
        # No material part at all: the rules' split (with the unidentified share) stands.
        result.cost_shares = list(document.cost_shares)
        result.notes.append(
            "the model's cost model has no material part: the document rules' is used"
        )
    if assumed:
        result.review_reasons.append(
            "the cost model has material shares no document names "
            f"({', '.join(assumed)}): check the material"
        )
    if any(s.index_code == UNIDENTIFIED for s in result.cost_shares):
        result.notes.append(
            "no material identified in the documents: the cost model carries an unidentified "
            "material share instead of assuming one"
        )
        if "no material identified" not in result.review_reasons:
            result.review_reasons.append("no material identified")
