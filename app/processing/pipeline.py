"""The stages of one article's analysis; each opens its own short database session."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.analyzers.base import AnalysisRequest, Analyzer
from app.articles.models import FileRole, ProcessingStage
from app.extraction.document import ExtractedDocument, ExtractionError
from app.indices.service import load_catalogue
from app.processing import repository
from app.processing.results import build_metadata, finalize_cost_model

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
    ) -> None:
        self._sessions = session_factory
        self._extractor = extractor
        self._analyzer = analyzer
        self._count_tokens = count_tokens

    @property
    def analysis_method(self) -> str:
        return self._analyzer.method

    async def _stage(
        self, article_id: int, owner: str, stage: ProcessingStage, progress: int
    ) -> None:
        async with self._sessions() as session:
            held = await repository.set_stage(
                session, article_id=article_id, owner=owner, stage=stage.value, progress=progress
            )
            await session.commit()
        if not held:
            raise JobLostError(article_id)

    async def run(self, article_id: int, owner: str) -> None:
        await self._stage(article_id, owner, ProcessingStage.EXTRACTING_TEXT, 2)
        async with self._sessions() as session:
            job = await repository.load_job_input(session, article_id)
            catalogue = await load_catalogue(session)
        if job is None:
            raise JobLostError(article_id)

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

        await self._stage(article_id, owner, ProcessingStage.EXTRACTING_METADATA, 45)
        request = AnalysisRequest(
            article_name=job.article_name,
            description=job.description,
            specification=documents[FileRole.SPECIFICATION.value],
            drawing=documents.get(FileRole.DRAWING.value),
            catalogue=catalogue,
        )
        result = await self._analyzer.analyze(request)

        await self._stage(article_id, owner, ProcessingStage.GENERATING_COST_MODEL, 75)
        cost_rows = finalize_cost_model(result, catalogue)
        metadata = build_metadata(result, request.documents, self._count_tokens)

        await self._stage(article_id, owner, ProcessingStage.SAVING, 90)
        async with self._sessions() as session:
            saved = await repository.complete(
                session,
                article_id=article_id,
                owner=owner,
                unit_weight_kg=None if result.weight is None else result.weight.grams / 1000,
                metadata=metadata,
                analysis_method=result.method,
                prompt_tokens=result.prompt_tokens,
                completion_tokens=result.completion_tokens,
                cost_rows=cost_rows,
            )
            await session.commit()
        if not saved:
            raise JobLostError(article_id)
