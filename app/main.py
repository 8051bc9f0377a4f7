"""The application factory and its lifespan: everything with a lifetime is created here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from openai import AsyncOpenAI

from app.analyzers.base import Analyzer
from app.analyzers.factory import build_analyzer
from app.analyzers.tokens import count_tokens
from app.articles.router import router as articles_router
from app.config import Settings, get_settings
from app.db import create_engine, create_session_factory
from app.errors import install_error_handlers
from app.extraction.document import ExtractionLimits
from app.extraction.runner import DocumentExtractor
from app.indices.router import router as indices_router
from app.ops.migrations import head_revisions
from app.ops.router import router as ops_router
from app.processing.pipeline import Pipeline
from app.processing.processor import Processor

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if not settings.database_url:
        raise RuntimeError(
            "CMS_DATABASE_URL is not set. Run ./start.sh (it starts an embedded PostgreSQL) "
            "or point CMS_DATABASE_URL at your PostgreSQL."
        )
    engine = create_engine(settings, settings.database_url)
    session_factory = create_session_factory(engine)
    extractor = DocumentExtractor(
        workers=settings.parser_workers,
        timeout_s=settings.parse_timeout_s,
        limits=ExtractionLimits(max_pages=settings.max_pages),
    )
    analyzer: Analyzer
    openai_client: AsyncOpenAI | None = None
    if app.state.analyzer_override is not None:
        analyzer = app.state.analyzer_override
    else:
        analyzer, openai_client = build_analyzer(settings)
    pipeline = Pipeline(session_factory, extractor, analyzer, count_tokens)
    processor = Processor(session_factory, pipeline, settings)

    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.processor = processor
    app.state.analysis_method = analyzer.method
    app.state.alembic_heads = head_revisions()
    await processor.start()
    try:
        yield
    finally:
        await processor.stop(settings.shutdown_grace_s)
        await extractor.close()
        if openai_client is not None:
            await openai_client.close()
        await engine.dispose()


def create_app(settings: Settings | None = None, *, analyzer: Analyzer | None = None) -> FastAPI:
    """Build the app; `analyzer` replaces the configured one (tests use slow or failing ones)."""
    settings = settings or get_settings()
    app = FastAPI(
        title=settings.project_name,
        version="0.1.0",
        summary="Upload a product specification; get unit weight, materials and a cost model.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.analyzer_override = analyzer
    install_error_handlers(app)
    app.include_router(ops_router)
    app.include_router(articles_router, prefix=settings.api_prefix)
    app.include_router(indices_router, prefix=settings.api_prefix)
    return app
