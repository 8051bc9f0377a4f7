"""The offline analyzer: deterministic rules, no network, a few milliseconds per document.

Weights: every mass figure of the specification, the drawing and the description is collected
with its context and classified (weights.py); one decision picks the article's weight or
abstains with the reason and the ranked candidates. Materials: the first document that names
one (materials.py); none named means an unidentified material, never an assumed one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from app.analyzers.base import AnalysisError, AnalysisRequest, AnalysisResult, MaterialFinding
from app.analyzers.offline._text import iter_lines
from app.analyzers.offline.cost_model import (
    PROCESSES,
    UNIDENTIFIED,
    build_cost_model,
    detect_process,
)
from app.analyzers.offline.derived import document_volumes
from app.analyzers.offline.materials import find_materials_with_note
from app.analyzers.offline.parts_total import parts_list_totals, with_parts_totals
from app.analyzers.offline.vocabulary import DENSITY, guess_language
from app.analyzers.offline.weights import Mention, collect_mentions, decide
from app.analyzers.quantities import decimal_comma
from app.extraction.document import ExtractedDocument, ExtractionError, Section

__all__ = ["OfflineAnalyzer", "analyze_sync"]


def _sources(request: AnalysisRequest) -> list[tuple[str, ExtractedDocument]]:
    out = [(request.specification.role or "specification", request.specification)]
    if request.drawing is not None:
        out.append((request.drawing.role or "drawing", request.drawing))
    if request.description:
        out.append(
            (
                "description",
                ExtractedDocument(
                    role="description",
                    format="text",
                    media_type="text/plain",
                    sections=[Section("", request.description)],
                    language=request.specification.language,
                ),
            )
        )
    return out


def analyze_sync(request: AnalysisRequest) -> AnalysisResult:
    """The whole analysis; pure CPU, safe to call from a worker thread or a process pool."""
    mentions: list[Mention] = []
    volumes: list[float] = []
    materials: list[MaterialFinding] = []
    material_note = material_source = ""
    texts: list[str] = []
    for k, (source, doc) in enumerate(_sources(request)):
        text = doc.text
        texts.append(text)
        # The ONE decimal decision of this document, from its language (extraction's, or for a
        # text too short for that, its label words).
        comma = decimal_comma(text, doc.language or guess_language(text))
        found = collect_mentions(
            doc.sections,
            source=source,
            name=request.article_name,
            comma=comma,
            tables=doc.tables,
            order_base=k * 10_000_000,
        )
        totals = parts_list_totals(
            list(iter_lines(doc.sections)),
            name=request.article_name,
            source=source,
            comma=comma,
            order_base=k * 10_000_000,
        )
        mentions.extend(with_parts_totals(found, totals))
        volumes.extend(document_volumes(doc.sections, comma))
        if not materials:
            materials, material_note = find_materials_with_note(
                doc.sections, source=source, comma=comma, article_name=request.article_name
            )
            material_source = source if materials else ""
    if not materials and request.article_name:
        materials, material_note = find_materials_with_note(
            [Section("", request.article_name)], source="article name", names_the_article=True
        )
        material_source = "article name" if materials else ""
    density = DENSITY.get(materials[0].index_code) if materials else None
    decision = decide(mentions, name=request.article_name, volumes=volumes, density=density)
    notes = list(decision.notes)
    review = list(decision.review)
    unreadable = [d for d in request.documents if not d.has_text_layer and not d.text.strip()]
    if decision.finding is None and unreadable:
        # Not "no weight stated": the file was never read. Say so, and how to read it.
        notes = [
            f"the {d.role} ({d.format}) has no text layer; the offline analyzer cannot read "
            "scans or images, so the unit weight was not derived (a vision model reads them "
            "when CMS_OPENAI_API_KEY is set)"
            for d in unreadable
        ]
        review.append("the document has no text layer (a scan): nothing could be read")
    if materials:
        notes.append(f"{material_note} (from {material_source})")
    else:
        notes.append(
            "no material identified in the documents: the cost model carries an unidentified "
            "material share instead of assuming one"
        )
        review.append("no material identified")
    text = "\n".join(texts)
    catalogue_codes = {c.code for c in request.catalogue}
    shares = build_cost_model(materials, decision.finding, request.catalogue, text=text)
    if not materials and UNIDENTIFIED not in catalogue_codes:
        notes.append(
            f"the catalogue has no '{UNIDENTIFIED}' index: the material part of the cost "
            "model is left out (labour and energy only) until a person names the material"
        )
    process = detect_process(materials, text)
    notes.append(f"cost model for {process.name}")
    process_key = next(key for key, known in PROCESSES.items() if known is process)
    missing = sorted({m.index_code for m in materials} - catalogue_codes)
    if missing:
        notes.append(f"materials without a catalogue index left out of the cost model: {missing}")
    return AnalysisResult(
        method="offline",
        weight=decision.finding,
        materials=materials,
        cost_shares=shares,
        notes=notes,
        weight_status=decision.status,
        weight_candidates=decision.candidates,
        review_reasons=review,
        process=process_key,
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

    The rules are pure-Python work (milliseconds for a data sheet, more for a 200-page
    manual): they run where `run` puts them (the service passes its parser process pool),
    never on the event loop.
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
