"""The application factory and its lifespan: everything with a lifetime is created here."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.analyzers.base import Analyzer
from app.analyzers.factory import build_analyzer
from app.analyzers.tokens import count_tokens
from app.articles.corrections_router import router as corrections_router
from app.articles.events import StatusBroadcaster
from app.articles.router import router as articles_router
from app.articles.status_fast_path import StatusFastPath
from app.auth.api_keys import ApiKeyRegistry
from app.auth.dependencies import Authenticator, get_principal
from app.auth.jwt import JwtVerifier
from app.config import Settings, get_settings
from app.db import create_engine, create_raw_pool, create_session_factory
from app.dependencies import UploadRateLimiter
from app.errors import install_error_handlers
from app.extraction.document import ExtractionLimits
from app.extraction.runner import DocumentExtractor
from app.indices.router import router as indices_router
from app.middleware import MULTIPART_OVERHEAD, BodySizeLimitMiddleware
from app.ops.migrations import head_revisions
from app.ops.observe import ObservabilityMiddleware
from app.ops.router import router as ops_router
from app.pricing.router import router as pricing_router
from app.processing import job_queries
from app.processing.pipeline import Pipeline
from app.processing.processor import Processor
from app.processing.retention import Housekeeper
from app.ui import router as ui_router

logger = logging.getLogger(__name__)
# Completing an article is one short statement: a few connections serve fifty jobs.
RESULTS_POOL_SIZE = 4


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if not settings.database_url:
        raise RuntimeError(
            "CMS_DATABASE_URL is not set. Run ./start.sh (it starts an embedded PostgreSQL) "
            "or point CMS_DATABASE_URL at your PostgreSQL."
        )
    engine = create_engine(settings, settings.database_url)
    sessions = create_session_factory(engine)
    extractor = DocumentExtractor(
        workers=settings.parser_workers,
        timeout_s=settings.parse_timeout_s,
        limits=ExtractionLimits(max_pages=settings.max_pages),
    )
    setup = build_analyzer(settings, sessions, run_blocking=extractor.run_blocking)
    analyzer: Analyzer = app.state.analyzer_override or setup.analyzer
    jobs_pool = await create_raw_pool(
        settings,
        settings.database_url,
        purpose="jobs",
        size=settings.max_concurrent_jobs + 2,
        server_settings=job_queries.ASYNC_COMMIT,
        init=job_queries.register_json,
    )
    results_pool = await create_raw_pool(
        settings,
        settings.database_url,
        purpose="results",
        size=RESULTS_POOL_SIZE,
        init=job_queries.register_json,
    )
    pipeline = Pipeline(
        sessions,
        extractor,
        analyzer,
        count_tokens,
        jobs_pool=jobs_pool,
        results_pool=results_pool,
        grounding=setup.offline if analyzer is not setup.offline else None,
        cache_results=setup.guard is not None and analyzer is setup.analyzer,
    )
    guard = setup.guard if analyzer is setup.analyzer else None
    processor = Processor(
        sessions,
        pipeline,
        settings,
        claims_pool=jobs_pool,
        admission=guard.admission if guard else None,
    )
    housekeeper = Housekeeper(
        sessions,
        retention_days=settings.file_retention_days,
        interval_s=settings.housekeeping_interval_s,
        ledger=guard.ledger if guard else None,
    )
    http = httpx.AsyncClient(timeout=10.0)
    broadcaster = StatusBroadcaster(settings.database_url)
    status_pool = await create_raw_pool(
        settings, settings.database_url, purpose="status", size=settings.status_pool_size
    )
    uploads_pool = await create_raw_pool(
        settings, settings.database_url, purpose="uploads", size=settings.db_pool_size
    )

    app.state.authenticator = build_authenticator(settings, http)
    app.state.upload_rate_limiter = (
        UploadRateLimiter(settings.rate_limit) if settings.rate_limit else None
    )
    app.state.engine = engine
    app.state.session_factory = sessions
    app.state.processor = processor
    app.state.housekeeper = housekeeper
    app.state.llm_guard = guard
    app.state.status_broadcaster = broadcaster
    app.state.status_pool = status_pool
    app.state.uploads_pool = uploads_pool
    app.state.run_blocking = extractor.run_blocking  # CPU-bound work off the loop (CSV imports)
    app.state.analysis_method = analyzer.method
    app.state.alembic_heads = head_revisions()

    if not app.state.authenticator.enabled and settings.host not in LOOPBACK_HOSTS:
        logger.warning(
            "no CMS_API_KEYS or JWT settings: the API is open to anyone who can reach %s",
            settings.host,
        )
    await broadcaster.start()
    # Load the tokenizer now (about a second, in a thread) rather than during the first jobs.
    await asyncio.to_thread(count_tokens, "warm up")
    if settings.run_processor:
        await processor.start()
        await housekeeper.start()
    # Everything created so far lives as long as the process: moving it out of the collector's
    # reach keeps full collections (pauses of 100 ms and more on this heap) short.
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        await processor.stop(settings.shutdown_grace_s)
        if setup.guard is not None:
            await setup.guard.ledger.close()
        await housekeeper.stop()
        await broadcaster.stop()
        await extractor.close()
        if setup.client is not None:
            await setup.client.close()
        await http.aclose()
        await status_pool.close()
        await uploads_pool.close()
        await jobs_pool.close()
        await results_pool.close()
        await engine.dispose()


class CostModelApp(FastAPI):
    """FastAPI with a front: request observation, CORS and the status fast path run before
    the framework, so the status polls of every open tab skip its middleware layers."""

    front: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self
        if self.front is None:
            await super().__call__(scope, receive, send)
        else:
            await self.front(scope, receive, send)

    async def framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


def create_app(
    settings: Settings | None = None, *, analyzer: Analyzer | None = None
) -> CostModelApp:
    """Build the app; `analyzer` replaces the configured one (tests use slow or failing ones)."""
    settings = settings or get_settings()
    app = CostModelApp(
        title=settings.project_name,
        version="0.1.0",
        summary="Upload a product specification; get unit weight, materials and a cost model.",
        lifespan=lifespan,
        # FastAPI's native OpenTelemetry hook looks up global providers on every request;
        # this service exports Prometheus metrics instead.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.analyzer_override = analyzer
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimitMiddleware, max_body_bytes=2 * settings.max_upload_bytes + MULTIPART_OVERHEAD
    )
    app.include_router(ops_router)
    app.include_router(ui_router)
    # Every API route needs a principal (open, API key or token) before anything else runs.
    api = [Depends(get_principal)]
    app.include_router(articles_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(corrections_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(pricing_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(indices_router, prefix=settings.api_prefix, dependencies=api)

    front: ASGIApp = StatusFastPath(app.framework, api_prefix=settings.api_prefix)
    if settings.cors_origin_list:
        front = CORSMiddleware(
            front,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "If-None-Match",
                "If-Match",
                "X-API-Key",
                "X-Request-ID",
            ],
            expose_headers=[
                "Location",
                "ETag",
                "Retry-After",
                "Link",
                "X-Request-ID",
                "X-Status-URL",
                "Idempotent-Replayed",
            ],
            max_age=600,
        )
    # Outermost: ids and metrics see every request, including refused ones.
    app.front = ObservabilityMiddleware(front, access_log=settings.access_log)
    return app


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def build_authenticator(settings: Settings, http: httpx.AsyncClient) -> Authenticator:
    api_keys = ApiKeyRegistry(settings.api_keys.get_secret_value()) if settings.api_keys else None
    verifier = None
    if settings.jwt_enabled:
        assert settings.jwt_issuer and settings.jwt_audience and settings.jwt_jwks_url
        verifier = JwtVerifier(
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            jwks_url=settings.jwt_jwks_url,
            tenant_claim=settings.jwt_tenant_claim,
            algorithms=[a.strip() for a in settings.jwt_algorithms.split(",") if a.strip()],
            cache_s=settings.jwt_jwks_cache_s,
            http=http,
        )
    return Authenticator(api_keys=api_keys, jwt=verifier)
