"""The offline analyzer: deterministic rules, no network, a few milliseconds per document.

It reads the specification first, then the drawing (title blocks carry "Material:" and
"Masse:" fields), then the free-text description, then the article name; an earlier source
wins ties, so the specification's net weight beats the drawing's mass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from app.analyzers.base import (
    AnalysisError,
    AnalysisRequest,
    AnalysisResult,
    MaterialFinding,
    WeightFinding,
)
from app.analyzers.offline.cost_model import build_cost_model, detect_process
from app.analyzers.offline.materials import find_materials_with_note
from app.analyzers.offline.weights import (
    WeightCandidate,
    best_candidate,
    choose_unit_weight,
    find_weight_candidates,
)
from app.extraction.document import ExtractionError, Section

__all__ = ["OfflineAnalyzer", "analyze_sync"]


def _fmt(grams: float) -> str:
    return f"{grams / 1000:g} kg" if grams >= 1000 else f"{grams:g} g"


def _sources(request: AnalysisRequest) -> list[tuple[str, list[Section], str | None]]:
    out: list[tuple[str, list[Section], str | None]] = [
        (
            request.specification.role or "specification",
            request.specification.sections,
            request.specification.language,
        )
    ]
    if request.drawing is not None:
        out.append(
            (request.drawing.role or "drawing", request.drawing.sections, request.drawing.language)
        )
    if request.description:
        out.append(("description", [Section("", request.description)], None))
    return out


def _weight_notes(chosen: WeightFinding | None, candidates: list[WeightCandidate]) -> list[str]:
    if chosen is None:
        per_metre = [c for c in candidates if c.per_metre and c.note]
        unknown_pack = [c for c in candidates if c.grams is None and c.note and not c.per_metre]
        notes = [f"{c.note}; unit weight not derived" for c in per_metre[:1] + unknown_pack[:1]]
        return notes or ["no weight stated in the document"]
    best = best_candidate(candidates)
    assert best is not None and best.grams is not None
    label = {
        "net": "net weight",
        "unit": "unit (piece) weight",
        "generic": "stated weight",
        "gross": "gross weight (no net weight stated)",
        "raw": "raw-part weight (no finished weight stated)",
        "per_length": "weight per metre × length",
    }[best.kind]
    notes = [f"weight {_fmt(chosen.grams)} taken from {label} ({best.location})"]
    if best.note:
        notes.append(best.note)
    ignored_gross = {
        c.stated_grams
        for c in candidates
        if c.kind == "gross" and best.kind != "gross" and c.grams is not None
    }
    for grams in sorted(ignored_gross)[:2]:
        notes.append(f"gross/shipping weight {_fmt(grams)} ignored")
    others = {
        round(c.grams, 3)
        for c in candidates
        if c.kind in ("net", "unit", "generic")
        and c.grams is not None
        and abs(c.grams - chosen.grams) > 0.01 * chosen.grams
        and c is not best
    }
    if others:
        listed = ", ".join(_fmt(g) for g in sorted(others)[:3])
        notes.append(f"other stated weights not used: {listed}")
    return notes


def analyze_sync(request: AnalysisRequest) -> AnalysisResult:
    """The whole analysis; pure CPU, safe to call from a worker thread or directly."""
    candidates: list[WeightCandidate] = []
    materials: list[MaterialFinding] = []
    material_note = ""
    material_source = ""
    texts: list[str] = []
    for source, sections, language in _sources(request):
        candidates.extend(find_weight_candidates(sections, source=source, language=language))
        texts.extend(s.text for s in sections)
        if not materials:
            materials, material_note = find_materials_with_note(sections, source=source)
            material_source = source if materials else ""
    if not materials and request.article_name:
        materials, material_note = find_materials_with_note(
            [Section("", request.article_name)], source="article name"
        )
        material_source = "article name" if materials else ""
    weight = choose_unit_weight(candidates)
    unreadable = [d for d in request.documents if not d.has_text_layer and not d.text.strip()]
    if weight is None and unreadable:
        # Not "no weight stated": the file was never read. Say so, and how to read it.
        notes = [
            f"the {d.role} ({d.format}) has no text layer; the offline analyzer cannot read "
            "scans or images, so the unit weight was not derived (a vision model reads them "
            "when CMS_OPENAI_API_KEY is set)"
            for d in unreadable
        ]
    else:
        notes = _weight_notes(weight, candidates)
    if materials:
        notes.append(f"{material_note} (from {material_source})")
    else:
        notes.append("no material found in the documents; generic steel part assumed for costs")
    text = "\n".join(texts)
    shares = build_cost_model(materials, weight, request.catalogue, text=text)
    process = detect_process(materials, text)
    notes.append(f"cost model for {process.name}")
    missing = sorted({m.index_code for m in materials} - {c.code for c in request.catalogue})
    if missing:
        notes.append(f"materials without a catalogue index left out of the cost model: {missing}")
    return AnalysisResult(
        method="offline", weight=weight, materials=materials, cost_shares=shares, notes=notes
    )


BlockingRunner = Callable[
    [Callable[[AnalysisRequest], AnalysisResult], AnalysisRequest], Awaitable[AnalysisResult]
]


async def _in_thread(
    fn: Callable[[AnalysisRequest], AnalysisResult], request: AnalysisRequest
) -> AnalysisResult:
    return await asyncio.to_thread(fn, request)


class OfflineAnalyzer:
    """Rule-based `Analyzer`: same request in, same result out, no network.

    The rules are pure-Python regex work, seconds on a 200-page document: they run where
    `run` puts them (the service passes its parser process pool), never on the event loop.
    """

    def __init__(self, run: BlockingRunner | None = None) -> None:
        self._run = run or _in_thread

    @property
    def method(self) -> str:
        return "offline"

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        try:
            return await self._run(analyze_sync, request)
        except ExtractionError as exc:  # the pool's deadline or a crashed worker
            raise AnalysisError(exc.code, f"The offline analysis failed: {exc.message}") from exc
