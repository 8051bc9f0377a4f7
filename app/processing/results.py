"""Turn an analyzer's result into what is stored: validated cost rows and readable metadata."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.analyzers.base import (
    AnalysisError,
    AnalysisResult,
    CatalogueIndex,
    Evidence,
    MaterialFinding,
    WeightCandidate,
    WeightFinding,
    WeightStatus,
)
from app.articles.jobs import CostRow
from app.extraction.document import ExtractedDocument

SUM_TOLERANCE = 0.02
MATERIAL_CATEGORIES = frozenset({"metal", "polymer", "other"})
PART_DECIMALS = 6


def finalize_cost_model(
    result: AnalysisResult, catalogue: Sequence[CatalogueIndex]
) -> list[CostRow]:
    """Check the shares against the catalogue, renormalise them to sum to exactly 1.

    Material indices get `quantity_g` from the materials' mass shares and the unit weight.
    """
    by_code = {index.code: index for index in catalogue}
    parts: dict[str, float] = {}
    for share in result.cost_shares:
        if share.index_code not in by_code:
            raise AnalysisError(
                "invalid_cost_model", f"The cost model names an unknown index '{share.index_code}'."
            )
        if not 0 < share.part <= 1:
            raise AnalysisError(
                "invalid_cost_model", f"A cost share of {share.part} is outside (0, 1]."
            )
        parts[share.index_code] = parts.get(share.index_code, 0.0) + share.part
    if not parts:
        raise AnalysisError("invalid_cost_model", "The analyzer produced an empty cost model.")
    total = sum(parts.values())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise AnalysisError(
            "invalid_cost_model", f"The cost model's shares sum to {total:.3f}, not 1."
        )
    normalised = {code: round(part / total, PART_DECIMALS) for code, part in parts.items()}
    normalised = {code: part for code, part in normalised.items() if part > 0}
    largest = max(normalised, key=lambda code: normalised[code])
    normalised[largest] = round(1.0 - (sum(normalised.values()) - normalised[largest]), 9)

    mass_by_code = _mass_by_code(result.materials, result.weight)
    rows = []
    for code, part in sorted(normalised.items(), key=lambda item: -item[1]):
        index = by_code[code]
        quantity = mass_by_code.get(code) if index.category in MATERIAL_CATEGORIES else None
        rows.append(CostRow(index_id=index.id, part=part, quantity_g=quantity))
    return rows


def _mass_by_code(
    materials: Sequence[MaterialFinding], weight: WeightFinding | None
) -> dict[str, float]:
    if weight is None:
        return {}
    masses: dict[str, float] = {}
    for material in materials:
        if material.mass_share is not None and material.mass_share > 0:
            grams = weight.grams * material.mass_share
            masses[material.index_code] = round(masses.get(material.index_code, 0.0) + grams, 3)
    return masses


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "quote": evidence.quote,
        "location": evidence.location,
        "confidence": round(evidence.confidence, 3),
    }


def document_facts(
    document: ExtractedDocument, count_tokens: Callable[[str], int]
) -> dict[str, Any]:
    """What a document-processing service reports about one file."""
    return {
        "role": document.role,
        "format": document.format,
        "media_type": document.media_type,
        "page_count": document.page_count,
        "has_text_layer": document.has_text_layer,
        "characters": document.char_count,
        "tokens": count_tokens(document.text) if document.sections else 0,
        "language": document.language,
        "warnings": list(document.warnings),
    }


def _candidate(candidate: WeightCandidate) -> dict[str, Any]:
    return {
        "grams": None if candidate.grams is None else round(candidate.grams, 6),
        "basis": candidate.basis,
        "quote": candidate.quote,
        "location": candidate.location,
        "score": round(candidate.score, 3),
        "chosen": candidate.chosen,
        "reason": candidate.reason,
    }


def review_metadata(result: AnalysisResult) -> dict[str, Any]:
    """Whether a person must look at the article, why, and the ranked weight candidates."""
    return {
        "needed": result.needs_review,
        "reasons": list(result.review_reasons),
        "weight_status": (
            WeightStatus.STATED.value
            if result.weight is not None and result.weight_status == WeightStatus.NOT_STATED
            else result.weight_status
        ),
        "candidates": [_candidate(c) for c in result.weight_candidates],
    }


def build_metadata(result: AnalysisResult, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The article's `extracted_metadata`; `documents` from `document_facts`."""
    weight = result.weight
    return {
        "weight": None
        if weight is None
        else {
            "grams": round(weight.grams, 6),
            "kg": round(weight.grams / 1000, 9),
            "basis": weight.basis,
            "supported_by_document": weight.supported,
            "evidence": _evidence(weight.evidence),
        },
        "materials": [
            {
                "index_code": material.index_code,
                "name": material.name,
                "mass_share": material.mass_share,
                "evidence": _evidence(material.evidence),
            }
            for material in result.materials
        ],
        "documents": documents,
        "review": review_metadata(result),
        "notes": list(result.notes),
        "process": result.process,
        "analysis_method": result.method,
        "tokens": {"prompt": result.prompt_tokens, "completion": result.completion_tokens},
    }
