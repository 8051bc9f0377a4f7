"""The stages of one article's analysis, each step one statement on the job pools."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import (
    AnalysisRequest,
    AnalysisResult,
    Analyzer,
    CatalogueIndex,
    WeightFinding,
)
from app.articles.models import FileRole, ProcessingStage
from app.extraction.document import ExtractedDocument, ExtractionError
from app.indices.service import load_catalogue_for_article
from app.ops import metrics
from app.pricing import service as pricing
from app.processing import cache, job_queries, repository
from app.processing.results import build_metadata, document_facts, finalize_cost_model

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], Awaitable[None]]


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
    """extracting_text → extracting_metadata → generating_cost_model → saving."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        extractor: Extractor,
        analyzer: Analyzer,
        count_tokens: Callable[[str], int],
        *,
        jobs_pool: asyncpg.Pool,
        results_pool: asyncpg.Pool,
        grounding: Analyzer | None = None,
        cache_results: bool = False,
    ) -> None:
        """`grounding` (the offline analyzer) checks a model's weight against the document;
        `cache_results` reuses earlier analyses of identical input (for analyzers that cost)."""
        self._sessions = session_factory
        self._pool = jobs_pool
        self._results_pool = results_pool
        self._extractor = extractor
        self._analyzer = analyzer
        self._count_tokens = count_tokens
        self._grounding = grounding
        self._cache_results = cache_results

    @property
    def analysis_method(self) -> str:
        return self._analyzer.method

    async def _stage(
        self, article_id: int, owner: str, stage: ProcessingStage, progress: int
    ) -> None:
        held = await job_queries.set_stage(
            self._pool, article_id=article_id, owner=owner, stage=stage.value, progress=progress
        )
        if not held:
            raise JobLostError(article_id)

    async def run(self, article_id: int, owner: str) -> None:
        timer = StageTimer()
        try:
            await self._run(article_id, owner, timer)
        finally:
            timer.stop()

    async def _catalogue(self, article_id: int) -> tuple[CatalogueIndex, ...]:
        """The article's tenant's catalogue, read per job: a tenant edits it at any time."""
        return await load_catalogue_for_article(self._pool, article_id)

    async def _run(self, article_id: int, owner: str, timer: StageTimer) -> None:
        # The claim already set `extracting_text`; one query reads everything the job needs.
        timer.start(ProcessingStage.EXTRACTING_TEXT)
        job = await job_queries.load_job_input(self._pool, article_id)
        if job is None:
            raise JobLostError(article_id)
        catalogue = await self._catalogue(article_id)
        cache_key = self._cache_key(job, catalogue)
        # The cache lookup runs while the documents are read.
        documents, cached = await asyncio.gather(
            self._extract_documents(job, article_id, owner), self._cached_result(cache_key)
        )

        timer.start(ProcessingStage.EXTRACTING_METADATA)
        await self._stage(article_id, owner, ProcessingStage.EXTRACTING_METADATA, 45)
        request = AnalysisRequest(
            article_name=job.article_name,
            description=job.description,
            specification=documents[FileRole.SPECIFICATION.value],
            drawing=documents.get(FileRole.DRAWING.value),
            catalogue=catalogue,
        )
        # What does not depend on the model's answer runs while the model thinks.
        side_work = asyncio.create_task(self._document_side_work(request))
        try:
            cache_entry = None
            if cached is not None:
                result = cached
            else:
                result = await self._analyzer.analyze(request)
                if cache_key is not None and result.method == self._analyzer.method:
                    # Not an offline fallback: worth keeping (stored with the result).
                    cache_entry = job_queries.CacheEntry(
                        cache_key, result.method, cache.result_to_json(result)
                    )
            stated_weight, file_facts = await side_work
        finally:
            if not side_work.done():
                side_work.cancel()
            # When the analysis failed, its error is what the job reports; the side work's own
            # outcome is collected here so that it is never left unretrieved.
            with contextlib.suppress(BaseException):
                await side_work

        timer.start(ProcessingStage.GENERATING_COST_MODEL)
        await self._stage(article_id, owner, ProcessingStage.GENERATING_COST_MODEL, 75)
        if self._grounding is not None:
            result = ground_weight(result, stated_weight)
        cost_rows = finalize_cost_model(result, catalogue)
        metadata = build_metadata(result, file_facts)

        # Saving is the one statement that completes the article (durably).
        timer.start(ProcessingStage.SAVING)
        saved = await job_queries.complete(
            self._results_pool,
            article_id=article_id,
            owner=owner,
            unit_weight_kg=None if result.weight is None else result.weight.grams / 1000,
            metadata=metadata,
            analysis_method=result.method,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            cost_rows=cost_rows,
            cache_entry=cache_entry,
            needs_review=result.needs_review,
        )
        if not saved:
            raise JobLostError(article_id)
        await pricing.after_analysis(self._pool, self._sessions, article_id)

    async def _document_side_work(
        self, request: AnalysisRequest
    ) -> tuple[WeightFinding | None, list[dict[str, Any]]]:
        """The weight the document states (for grounding a model's) and the documents' facts.

        Counting a long document's tokens and the offline rules are CPU work: not on the loop.
        """
        facts = asyncio.to_thread(
            lambda: [document_facts(d, self._count_tokens) for d in request.documents]
        )
        if self._grounding is None:
            return None, await facts
        offline, document_list = await asyncio.gather(self._grounding.analyze(request), facts)
        return offline.weight, document_list

    async def _extract_documents(
        self, job: repository.JobInput, article_id: int, owner: str
    ) -> dict[str, ExtractedDocument]:
        documents: dict[str, ExtractedDocument] = {}
        files = sorted(job.files, key=lambda f: f.role != FileRole.SPECIFICATION.value)
        for number, file in enumerate(files):
            if file.content is None:
                raise ExtractionError(
                    "file_purged", f"The {file.role} file was purged; upload it again."
                )
            span_start, span = 5 + 35 * number // len(files), 35 // len(files)

            async def on_progress(
                done: int, total: int, start: int = span_start, w: int = span
            ) -> None:
                if total <= 1:
                    return  # one chunk: the next stage says it all
                await self._stage(
                    article_id,
                    owner,
                    ProcessingStage.EXTRACTING_TEXT,
                    start + (w * done // max(total, 1)),
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
        hit = await job_queries.load_cache(self._pool, cache_key)
        return None if hit is None else cache.reused(*hit)

    def _cache_key(
        self, job: repository.JobInput, catalogue: tuple[CatalogueIndex, ...]
    ) -> str | None:
        """Model analyses are cached by input fingerprint: identical input spends 0 tokens."""
        if not self._cache_results:
            return None
        return cache.cache_key(
            method=self._analyzer.method,
            catalogue=catalogue,
            file_hashes=[(f.role, f.sha256) for f in job.files],
            description=job.description,
        )


def ground_weight(result: AnalysisResult, stated: WeightFinding | None) -> AnalysisResult:
    """Check a model's weight against the weight the document states (the offline rules').

    A weight with no support in the text loses to the stated one. So does a weight read from
    the same line as the stated one but differently (e.g. "1.250 g" taken as 1.25 g in a
    German document): the offline rules apply the document's number convention.
    """
    model = result.weight
    if model is None:
        return result
    if stated is None:
        if not model.supported:
            result.notes.append(
                f"the model's weight {model.grams:g} g is not found in the document and "
                "no stated weight supports it: treat it with care"
            )
        return result
    same_line = _same_text(stated.evidence.quote, model.evidence.quote)
    disagrees = abs(stated.grams - model.grams) > 0.01 * stated.grams
    if not model.supported:
        reason = "has no support in the document"
    elif same_line and disagrees:
        reason = f"reads '{stated.evidence.quote}' differently"
    else:
        return result
    result.notes.append(
        f"the model's weight {model.grams:g} g {reason}; used the stated {stated.grams:g} g instead"
    )
    result.weight = stated
    return result


def _same_text(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


class StageTimer:
    """Observes how long each stage took (the `cms_stage_duration_seconds` histogram)."""

    def __init__(self) -> None:
        self._stage: ProcessingStage | None = None
        self._started = 0.0

    def start(self, stage: ProcessingStage) -> None:
        self.stop()
        self._stage, self._started = stage, time.perf_counter()

    def stop(self) -> None:
        if self._stage is not None:
            metrics.STAGE_DURATION.labels(self._stage.value).observe(
                time.perf_counter() - self._started
            )
            self._stage = None
