"""The application factory and its lifespan, the composition root: everything with a lifetime
is opened here, registered for closing the moment it opens, and frozen into `Services`."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx2
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.analyzers.base import Analyzer, CatalogueIndex
from app.analyzers.factory import build_analyzer
from app.analyzers.tokens import count_tokens
from app.articles.corrections_router import router as corrections_router
from app.articles.event_tokens import EventTokenSigner
from app.articles.events import StatusBroadcaster
from app.articles.events_routes import router as events_router
from app.articles.jobs import JobStore
from app.articles.router import router as articles_router
from app.articles.status_fast_path import StatusFastPath
from app.auth.api_keys import ApiKeyRegistry
from app.auth.dependencies import Authenticator, get_principal
from app.auth.jwt import JwtVerifier
from app.auth.tenants import TOKEN_TENANT_PREFIX
from app.config import Settings, get_settings
from app.core.observe import ObservabilityMiddleware
from app.db import Database, open_database
from app.errors import install_error_handlers
from app.extraction.document import ExtractionLimits
from app.extraction.runner import DocumentExtractor
from app.http_protocol import EarlyResponder
from app.indices.router import router as indices_router
from app.indices.service import load_catalogue_for_article
from app.limits.service import RateLimiter
from app.middleware import MULTIPART_OVERHEAD, AuthenticateFirst, BodySizeLimitMiddleware
from app.openapi import install_docs, operation_id, refine_openapi
from app.ops.migrations import head_revisions
from app.ops.router import router as ops_router
from app.pricing import service as pricing
from app.pricing.router import router as pricing_router
from app.processing.fairness import FairExtractor, TenantGate
from app.processing.pipeline import CatalogueLoader, CompleteWith, Completion, Pipeline
from app.processing.processor import Processor
from app.processing.retention import Housekeeper
from app.services import ParserWarmup, Services, State
from app.ui import router as ui_router
from app.webhooks import dispatcher as webhook_dispatcher
from app.webhooks.router import router as webhooks_router

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    async with AsyncExitStack() as stack:
        services = await open_services(
            app.state.settings,
            stack,
            analyzer=app.state.analyzer_override,
            extractor=app.state.extractor_override,
        )
        if isinstance(app, CostModelApp) and app.freeze_heap:
            # Everything opened so far lives as long as the process: out of the collector's
            # reach, full collections (pauses of 100 ms and more on this heap) stay short.
            gc.collect()
            gc.freeze()
        if isinstance(app, CostModelApp):
            app.services = services
        try:
            yield {"services": services}
        finally:
            if isinstance(app, CostModelApp):
                app.services = None


async def open_services(
    settings: Settings,
    stack: AsyncExitStack,
    *,
    analyzer: Analyzer | None = None,
    extractor: DocumentExtractor | None = None,
) -> Services:
    """Open every service in dependency order; `stack` closes them in reverse, also when a
    later one fails to open. (Adding one: open it, register its close, add the field.)"""
    database = await stack.enter_async_context(open_database(settings))
    http = httpx2.AsyncClient(timeout=10.0)
    stack.push_async_callback(http.aclose)
    if extractor is None:
        extractor = DocumentExtractor(
            workers=settings.parser_workers,
            timeout_s=settings.parse_timeout_s,
            limits=ExtractionLimits(
                max_pages=settings.max_pages,
                ocr_max_pages=settings.ocr_max_pages,
                ocr_budget_s=settings.ocr_budget_s,
                ocr_wall_s=settings.parse_timeout_s / 2,  # the rest is left to the text
            ),
            memory_limit_mb=settings.parser_memory_limit_mb or None,
            # the offline rules run in the same workers, their patterns built before the fork
            preload=("app.analyzers.offline._preload",),
        )
    stack.push_async_callback(extractor.close)
    parsers = ParserWarmup()
    parsers.start(extractor.start)
    stack.push_async_callback(parsers.cancel)
    authenticator = build_authenticator(settings, http)
    shared = authenticator.enabled  # several tenants: each gets its share of jobs and parsers
    # Parsers and the offline rules share the pool; with several tenants each gets its share.
    share = settings.parsers_per_tenant(shared=shared)
    fair = extractor if share is None else FairExtractor(extractor, TenantGate(share))
    setup = build_analyzer(
        settings, database.sessions, run_blocking=fair.run_blocking, override=analyzer
    )
    stack.push_async_callback(setup.close)
    jobs = JobStore(progress_pool=database.pools.progress, durable_pool=database.pools.durable)
    pipeline = Pipeline(
        jobs,
        fair,
        setup.slotted(),
        count_tokens,
        load_catalogue=catalogue_loader(database),
        complete_with=pricer(database),
        cache_results=setup.cache_results,
    )
    processor = Processor(
        jobs,
        pipeline,
        settings,
        jobs_per_tenant=settings.jobs_per_tenant(shared=shared),
        admission=setup.guard.admission if setup.guard else None,
    )
    housekeeper = Housekeeper(
        jobs,
        retention_days=settings.file_retention_days,
        interval_s=settings.housekeeping_interval_s,
        ledger=setup.guard.ledger if setup.guard else None,
    )
    assert settings.database_url is not None  # open_database refused to start without it
    broadcaster = StatusBroadcaster(
        settings.database_url, max_waiters=settings.max_long_poll_waiters
    )
    webhooks = webhook_dispatcher.WebhookDispatcher(database.sessions, settings)
    broadcaster.subscribe(webhook_dispatcher.CHANNEL, webhooks.wake)
    await broadcaster.start()
    stack.push_async_callback(broadcaster.stop)
    await webhooks.start()  # every replica delivers, API-only ones too
    stack.push_async_callback(webhooks.stop)  # stops before the broadcaster it listens on
    if not authenticator.enabled and settings.host not in LOOPBACK_HOSTS:
        logger.warning(
            "no CMS_API_KEYS or JWT settings: the API is open to anyone who can reach %s",
            settings.host,
        )
    # Load the tokenizer now (about a second, in a thread) rather than during the first jobs.
    await asyncio.to_thread(count_tokens, "warm up")
    if settings.run_processor:
        await housekeeper.start()
        stack.push_async_callback(housekeeper.stop)
        await processor.start()
        stack.push_async_callback(processor.stop, settings.shutdown_grace_s)
    return Services(
        settings=settings,
        database=database,
        jobs=jobs,
        extractor=extractor,
        parsers=parsers,
        processor=processor,
        housekeeper=housekeeper,
        broadcaster=broadcaster,
        authenticator=authenticator,
        rate_limiter=RateLimiter.from_settings(database.pools.uploads, settings),
        event_tokens=EventTokenSigner.from_settings(settings),
        webhooks=webhooks,
        guard=setup.guard,
        analysis_method=setup.analyzer.method,
        alembic_heads=frozenset(head_revisions()),
        reprice=pricing.reprice,
    )


def catalogue_loader(database: Database) -> CatalogueLoader:
    """The article's tenant's cost-index catalogue (seeded on the tenant's first use)."""

    async def load(article_id: int) -> tuple[CatalogueIndex, ...]:
        return await load_catalogue_for_article(database.pools.progress, article_id)

    return load


def pricer(database: Database) -> CompleteWith:
    """Completes an article and prices its cost model (a price, index values) in one
    transaction of the durable pool."""

    async def complete_priced(article_id: int, complete: Completion) -> bool:
        return await pricing.complete_priced(database.pools.durable, article_id, complete)

    return complete_priced


class CostModelApp(FastAPI):
    """FastAPI with a front: request observation, CORS and the status fast path run before
    the framework, so the status polls of every open tab skip its middleware layers."""

    front: ASGIApp | None = None
    # Asked by the service's HTTP protocol before the ASGI stack (app.http_protocol).
    early_responder: EarlyResponder | None = None
    # The running lifespan's services, for tests and tools; requests read their lifespan state.
    services: Services | None = None
    freeze_heap: bool = False
    _contract_refined = False

    def openapi(self) -> dict[str, Any]:
        """FastAPI's schema, refined once into the published contract (`app.openapi`)."""
        schema = super().openapi()
        if not self._contract_refined:
            self.openapi_schema = schema = refine_openapi(schema, self.state.settings.api_prefix)
            self._contract_refined = True
        return schema

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = self
        if self.front is None:
            await super().__call__(scope, receive, send)
        else:
            await self.front(scope, receive, send)

    async def framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


def create_app(
    settings: Settings | None = None,
    *,
    analyzer: Analyzer | None = None,
    extractor: DocumentExtractor | None = None,
    freeze_heap: bool = False,
) -> CostModelApp:
    """Build the app; `analyzer` and `extractor` replace the configured ones (tests use slow or
    failing ones). Nothing connects until the lifespan runs. `freeze_heap` (the service's own
    process, app.cli): after startup, move the heap out of the garbage collector's reach."""
    settings = settings or get_settings()
    app = CostModelApp(
        title=settings.project_name,
        version="0.1.0",
        summary="Upload a product specification; get unit weight, materials and a cost model.",
        lifespan=lifespan,
        # FastAPI's native OpenTelemetry hook looks up global providers on every request;
        # this service exports Prometheus metrics instead.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        # The contract (app.openapi): operation ids = function names; docs without a CDN;
        # no redirects (a trailing slash is a 404, and the Host header is never echoed).
        generate_unique_id_function=operation_id,
        docs_url=None,
        redoc_url=None,
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.analyzer_override = analyzer
    app.state.extractor_override = extractor
    app.freeze_heap = freeze_heap
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_bytes=2 * settings.max_upload_bytes + MULTIPART_OVERHEAD,
        idle_timeout_s=settings.body_idle_timeout_s,
        total_timeout_s=settings.body_timeout_s,
    )
    install_docs(app)
    app.include_router(ops_router)
    app.include_router(ui_router)
    # Every API route needs a principal (open, API key or token) before anything else runs.
    api = [Depends(get_principal)]
    app.include_router(articles_router, prefix=settings.api_prefix, dependencies=api)
    # The event stream also accepts an events token (EventSource sends no headers).
    app.include_router(events_router, prefix=settings.api_prefix)
    app.include_router(corrections_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(pricing_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(indices_router, prefix=settings.api_prefix, dependencies=api)
    app.include_router(webhooks_router, prefix=settings.api_prefix, dependencies=api)

    # Credentials are checked on the headers before a request body is read.
    front: ASGIApp = AuthenticateFirst(app.framework, api_prefix=settings.api_prefix)
    status_polls = StatusFastPath(
        front, api_prefix=settings.api_prefix, access_log=settings.access_log
    )
    # Without CORS the fast path answers straight from the HTTP protocol (or, served by
    # another server, from the observing layer); with it, behind CORS (which adds its
    # headers to the answers).
    first = None if settings.cors_origin_list else status_polls
    app.early_responder = first
    if settings.cors_origin_list:
        front = CORSMiddleware(
            status_polls,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "If-Match",
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
    app.front = ObservabilityMiddleware(front, access_log=settings.access_log, first=first)
    return app


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def build_authenticator(settings: Settings, http: httpx2.AsyncClient) -> Authenticator:
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
            tenant_prefix=TOKEN_TENANT_PREFIX if settings.tenant_namespaces == "separate" else "",
        )
    return Authenticator(api_keys=api_keys, jwt=verifier)
