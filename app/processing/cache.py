"""Reuse of finished model analyses: identical input spends no tokens the second time.

The key covers what the model sees and answers from: the files' SHA-256, the description,
the catalogue's version (a hash of what the model sees of it, so a tenant's edit counts) and
the analysis method (which names the model).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from app.analyzers.base import (
    AnalysisResult,
    CatalogueIndex,
    CostShare,
    Evidence,
    MaterialFinding,
    WeightCandidate,
    WeightFinding,
    WeightStatus,
)

# v2: results carry the weight status, the ranked candidates and the review reasons.
CACHE_FORMAT = "v2"


def cache_key(
    *,
    method: str,
    catalogue: Sequence[CatalogueIndex],
    file_hashes: Iterable[tuple[str, str]],
    description: str | None,
) -> str:
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    parts = [
        method,
        catalogue_version(catalogue),
        *(f"{role}={sha}" for role, sha in sorted(file_hashes)),
        description or "",
    ]
    for part in parts:
        digest.update(b"\x00" + part.encode())
    return digest.hexdigest()


def catalogue_version(catalogue: Sequence[CatalogueIndex]) -> str:
    """What the model is shown of a catalogue, hashed: any edit (a tenant's own) moves it."""
    digest = hashlib.sha256()
    for index in catalogue:
        digest.update(
            f"{index.code}\x1f{index.name}\x1f{index.unit}\x1f{index.category}\x1e".encode()
        )
    return digest.hexdigest()


def _evidence(data: dict[str, Any] | None) -> Evidence | None:
    return None if data is None else Evidence(**data)


def _evidence_json(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "quote": evidence.quote,
        "location": evidence.location,
        "confidence": evidence.confidence,
    }


def result_to_json(result: AnalysisResult) -> dict[str, Any]:
    weight = result.weight
    return {
        "weight": None
        if weight is None
        else {
            "grams": weight.grams,
            "evidence": _evidence_json(weight.evidence),
            "basis": weight.basis,
            "supported": weight.supported,
        },
        "materials": [
            {
                "index_code": m.index_code,
                "name": m.name,
                "mass_share": m.mass_share,
                "evidence": _evidence_json(m.evidence),
            }
            for m in result.materials
        ],
        "cost_shares": [
            {"index_code": s.index_code, "part": s.part, "rationale": s.rationale}
            for s in result.cost_shares
        ],
        "notes": list(result.notes),
        "tokens": {"prompt": result.prompt_tokens, "completion": result.completion_tokens},
        "weight_status": result.weight_status,
        "weight_candidates": [asdict(c) for c in result.weight_candidates],
        "review_reasons": list(result.review_reasons),
        "process": result.process,
    }


def result_from_json(method: str, data: dict[str, Any]) -> AnalysisResult:
    weight = data["weight"]
    return AnalysisResult(
        method=method,
        weight=None
        if weight is None
        else WeightFinding(
            grams=weight["grams"],
            evidence=Evidence(**weight["evidence"]),
            basis=weight["basis"],
            supported=weight["supported"],
        ),
        materials=[
            MaterialFinding(
                index_code=m["index_code"],
                name=m["name"],
                mass_share=m["mass_share"],
                evidence=_evidence(m["evidence"]),
            )
            for m in data["materials"]
        ],
        cost_shares=[CostShare(**s) for s in data["cost_shares"]],
        notes=list(data["notes"]),
        weight_status=data.get("weight_status", WeightStatus.NOT_STATED.value),
        weight_candidates=[WeightCandidate(**c) for c in data.get("weight_candidates", [])],
        review_reasons=list(data.get("review_reasons", [])),
        process=data.get("process"),
    )


def reused(method: str, data: dict[str, Any]) -> AnalysisResult:
    """A cached analysis as this article's result: it cost no tokens this time."""
    result = result_from_json(method, data)
    spent = data.get("tokens", {})
    result.notes.append(
        "reused the analysis of identical earlier input: 0 tokens spent "
        f"(the first analysis took {spent.get('prompt', 0)} + {spent.get('completion', 0)})"
    )
    return result
