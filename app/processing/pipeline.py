"""The stages of one article's analysis; every write is one fenced statement of the JobStore."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from app.analyzers.base import (
    NO_SLOT,
    AnalysisRequest,
    AnalysisResult,
    CatalogueIndex,
    ModelSlot,
    SlottedAnalyzer,
)
from app.articles.jobs import EXTRACTION_SPAN, CacheEntry, Claim, JobInput, JobStore
from app.articles.jobs import extraction_progress as page_progress
from app.articles.models import FileRole, ProcessingStage
from app.core import metrics
from app.extraction.document import ExtractedDocument, ExtractionError
from app.processing import cache
from app.processing.results import build_metadata, document_facts, finalize_cost_model

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], Awaitable[None]]
# The article's tenant's catalogue (a tenant edits it at any time: read per job).
CatalogueLoader = Callable[[int], Awaitable[tuple[CatalogueIndex, ...]]]


class Completion(Protocol):
    """The completing statement: on `connection` (None: the durable pool), and with
    `unpriced_only` only for an article with nothing to price (see app.pricing)."""

    def __call__(self, connection: Any, *, unpriced_only: bool = False) -> Awaitable[bool]: ...


# Runs the completing statement and the pricing of the cost model in one transaction (or the
# statement alone when there is nothing to price); returns whether the article was still
# held. Given the article id.
CompleteWith = Callable[[int, Completion], Awaitable[bool]]
# Not a stage a row can hold (the completing statement saves): only a timer label.
SAVING = "saving"


class Extractor(Protocol):
    async def extract(
        self,
        data: bytes,
        *,
        role: str,
        filename: str | None,
        on_progress: ProgressCallback | None = None,
    ) -> ExtractedDocument: ...


class JobLostError(Exception):
    """The article is no longer ours: deleted, cancelled, reprocessed or taken over."""


class Pipeline:
    """extracting_text → extracting_metadata → generating_cost_model → done."""

    def __init__(
        self,
        jobs: JobStore,
        extractor: Extractor,
        analyzer: SlottedAnalyzer,
        count_tokens: Callable[[str], int],
        *,
        load_catalogue: CatalogueLoader,
        complete_with: CompleteWith | None = None,
        cache_results: bool = False,
    ) -> None:
        """`cache_results` reuses earlier analyses of identical input (for analyzers that cost;
        grounding a model's answer in the document is the analyzer's own job)."""
        self._store = jobs
        self._load_catalogue = load_catalogue
        self._complete_with = complete_with
        self._extractor = extractor
        self._analyzer = analyzer
        self._count_tokens = count_tokens
        self._cache_results = cache_results

    @property
    def analysis_method(self) -> str:
        return self._analyzer.method

    async def _stage(
        self, claim: Claim, stage: ProcessingStage, progress: int | None = None
    ) -> None:
        if not await self._store.advance(claim, stage, progress):
            raise JobLostError(claim.article_id)

    async def run(
        self,
        claim: Claim,
        *,
        analysis_slots: ModelSlot = NO_SLOT,
    ) -> None:
        """`analysis_slots` bounds the analyses (model calls) running at once; reading the
        documents, building the prompt, reading the answer and saving the result happen
        outside them."""
        timer = StageTimer()
        try:
            await self._run(claim, timer, analysis_slots)
        finally:
            timer.stop()

    async def _run(
        self,
        claim: Claim,
        timer: StageTimer,
        slots: ModelSlot,
    ) -> None:
        # The claim already set `extracting_text`. Each step awaits as few round trips in a
        # row as it can: at fifty jobs every one waits its turn in the busy event loop, and
        # that wait, not the CPU, is what kept a slot from the model.
        timer.start(ProcessingStage.EXTRACTING_TEXT)
        job, catalogue = await asyncio.gather(
            self._store.load_input(claim.article_id), self._load_catalogue(claim.article_id)
        )
        if job is None:
            raise JobLostError(claim.article_id)
        cache_key = self._cache_key(job, catalogue)
        # The cache lookup runs while the documents are read.
        documents, cached = await asyncio.gather(
            self._extract_documents(job, claim), self._cached_result(cache_key)
        )

        timer.start(ProcessingStage.EXTRACTING_METADATA)
        request = AnalysisRequest(
            article_name=job.article_name,
            description=job.description,
            specification=documents[FileRole.SPECIFICATION.value],
            drawing=documents.get(FileRole.DRAWING.value),
            catalogue=catalogue,
        )
        # The model is asked while the stage is written: a lost claim (the stage's fenced
        # write says so) aborts the call. What does not depend on the model's answer runs
        # meanwhile too.
        analysis = asyncio.create_task(self._analyze(request, cached, cache_key, slots))
        side_work = asyncio.create_task(self._document_side_work(request))
        try:
            await self._stage(claim, ProcessingStage.EXTRACTING_METADATA)
            result, cache_entry = await analysis
            file_facts = await side_work
        finally:
            unfinished = [task for task in (analysis, side_work) if not task.done()]
            for task in unfinished:
                task.cancel()
            # The first error is what the job reports; the other task's own outcome is
            # collected here so that it is never left unretrieved.
            if unfinished:
                await asyncio.wait(unfinished)
            for task in (analysis, side_work):
                if not task.cancelled():
                    task.exception()

        # Building the cost model takes a fraction of a millisecond: the stage
        # `generating_cost_model` is not written (a round trip longer than the stage), the
        # completing statement follows at once.
        timer.start(ProcessingStage.GENERATING_COST_MODEL)
        cost_rows = finalize_cost_model(result, catalogue)
        metadata = build_metadata(result, file_facts)

        # Saving is the one statement that completes the article (durably).
        timer.start(SAVING)

        async def save(connection: Any = None, *, unpriced_only: bool = False) -> bool:
            return await self._store.complete(
                claim,
                unit_weight_kg=None if result.weight is None else result.weight.grams / 1000,
                metadata=metadata,
                analysis_method=result.method,
                prompt_tokens=result.prompt_tokens,
                completion_tokens=result.completion_tokens,
                cost_rows=cost_rows,
                cache_entry=cache_entry,
                needs_review=result.needs_review,
                connection=connection,
                unpriced_only=unpriced_only,
            )

        complete_with = self._complete_with
        saved = await (save() if complete_with is None else complete_with(claim.article_id, save))
        if not saved:
            raise JobLostError(claim.article_id)

    async def _analyze(
        self,
        request: AnalysisRequest,
        cached: AnalysisResult | None,
        cache_key: str | None,
        slots: ModelSlot,
    ) -> tuple[AnalysisResult, CacheEntry | None]:
        """The cached answer, or the analyzer's (with the entry to cache when it is worth it)."""
        if cached is not None:
            return cached, None
        result = await self._analyzer.analyze(request, model_slot=slots)
        if cache_key is None or result.method != self._analyzer.method:
            return result, None  # nothing to key, or an offline fallback: not worth keeping
        return result, CacheEntry(cache_key, result.method, cache.result_to_json(result))

    async def _document_side_work(self, request: AnalysisRequest) -> list[dict[str, Any]]:
        """The documents' facts: counting a long document's tokens is CPU work, off the loop."""
        return await asyncio.to_thread(
            lambda: [document_facts(d, self._count_tokens) for d in request.documents]
        )

    async def _extract_documents(self, job: JobInput, claim: Claim) -> dict[str, ExtractedDocument]:
        documents: dict[str, ExtractedDocument] = {}
        files = sorted(job.files, key=lambda f: f.role != FileRole.SPECIFICATION.value)
        for number, file in enumerate(files):
            if file.content is None:
                raise ExtractionError(
                    "file_purged", f"The {file.role} file was purged; upload it again."
                )
            low, high = EXTRACTION_SPAN
            span_start = low + (high - low) * number // len(files)
            span = (high - low) // len(files)

            async def on_progress(
                done: int, total: int, start: int = span_start, w: int = span
            ) -> None:
                if total <= 1:
                    return  # one chunk: the next stage says it all
                await self._stage(
                    claim,
                    ProcessingStage.EXTRACTING_TEXT,
                    page_progress(done, total, start=start, width=w),
                )

            documents[file.role] = await self._extractor.extract(
                file.content,
                role=file.role,
                filename=file.original_filename,
                on_progress=on_progress,
            )
        return documents

    async def _cached_result(self, cache_key: str | None) -> AnalysisResult | None:
        if cache_key is None:
            return None
        hit = await self._store.load_cache(cache_key)
        return None if hit is None else cache.reused(*hit)

    def _cache_key(self, job: JobInput, catalogue: tuple[CatalogueIndex, ...]) -> str | None:
        """Model analyses are cached by input fingerprint: identical input spends 0 tokens."""
        if not self._cache_results:
            return None
        return cache.cache_key(
            method=self._analyzer.method,
            catalogue=catalogue,
            file_hashes=[(f.role, f.sha256) for f in job.files],
            description=job.description,
        )


class StageTimer:
    """Observes how long each stage took (the `cms_stage_duration_seconds` histogram)."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._started = 0.0

    def start(self, stage: str) -> None:
        self.stop()
        self._stage, self._started = stage, time.perf_counter()

    def stop(self) -> None:
        if self._stage is not None:
            metrics.STAGE_DURATION.labels(self._stage).observe(time.perf_counter() - self._started)
            self._stage = None
