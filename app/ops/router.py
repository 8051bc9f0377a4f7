"""Liveness and readiness, at the root (outside the API prefix) and open to everyone."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.analyzers.guard import GuardedAnalyzer
from app.core import metrics
from app.dependencies import ServicesDep
from app.errors import (
    PROBLEM_TYPES,
    NotFoundError,
    ProblemTypeInfo,
    problem_responses,
    problem_type_uri,
)
from app.ops.migrations import current_revisions

logger = logging.getLogger(__name__)

router = APIRouter(tags=["operations"])


@router.get("/health", summary="The process is alive")
@router.head("/health", include_in_schema=False)
async def health() -> dict[str, str]:
    """Answers without touching the database (HEAD too, for probes that send it)."""
    return {"status": "ok"}


@router.get(
    "/problems/{slug}",
    response_model=ProblemTypeInfo,
    summary="What a problem `type` URI means",
    responses={404: {**problem_responses(404)[404], "description": "No such problem type"}},
)
async def problem_type(slug: str, request: Request) -> ProblemTypeInfo:
    """Makes the `type` of every problem+json answer resolvable when `CMS_PROBLEM_BASE_URI`
    points at this deployment's `/problems/`."""
    problem = PROBLEM_TYPES.get(slug)
    if problem is None:
        raise NotFoundError(f"No problem type named {slug!r}.")
    return ProblemTypeInfo(
        type=problem_type_uri(slug, request.app.state.settings.problem_base_uri),
        slug=slug,
        status=problem.status,
        title=problem.title,
        description=problem.description,
    )


@router.get("/ready", summary="Ready to serve: database reachable, schema at head, processor up")
@router.head("/ready", include_in_schema=False)
async def ready(services: ServicesDep) -> JSONResponse:
    """503 until every check passes, so a load balancer sends traffic elsewhere."""
    checks: dict[str, Any] = {}
    try:
        async with asyncio.timeout(2.0), services.database.engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")
            checks["database"] = "ok"
            current = await current_revisions(connection)
            checks["migrations"] = (
                "ok"
                if current == services.alembic_heads
                else (
                    f"at {sorted(current) or 'nothing'}, head is {sorted(services.alembic_heads)}"
                )
            )
    except Exception as exc:
        checks["database"] = f"unreachable ({exc.__class__.__name__})"
        checks.setdefault("migrations", "unknown")
    processor = services.processor
    if not services.settings.run_processor:
        checks["processor"] = "ok"  # an API-only replica: analysing is left to the others
    elif processor.running:
        checks["processor"] = "ok"
    else:
        checks["processor"] = "not running"
    checks["active_jobs"] = processor.active_jobs
    checks["analysis_method"] = services.analysis_method
    # The parser processes start in the background: the first analysis must not wait for them.
    checks["parsers"] = services.parsers.state
    if services.guard is not None:
        checks["llm"] = await _llm_state(services.guard)
    ok = all(checks[key] == "ok" for key in ("database", "migrations", "processor", "parsers"))
    return JSONResponse(
        {"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503
    )


async def _llm_state(guard: GuardedAnalyzer) -> dict[str, Any]:
    """The breaker and the spend against the limits (informational: never makes us unready)."""
    llm: dict[str, Any] = {"breaker": guard.breaker.state}
    limits = guard.ledger.limits
    try:
        async with asyncio.timeout(2.0):
            tokens_today, requests_this_minute = await guard.ledger.usage()
        llm.update(
            tokens_today=tokens_today,
            tokens_per_day=limits.tokens_per_day,
            requests_this_minute=requests_this_minute,
            requests_per_minute=limits.requests_per_minute,
            budget_fallback="offline" if limits.fallback_offline else "wait",
        )
    except Exception as exc:
        llm["usage"] = f"unavailable ({exc.__class__.__name__})"
    return llm


@router.get("/metrics", summary="Prometheus metrics", response_class=PlainTextResponse)
async def metrics_endpoint(services: ServicesDep) -> Response:
    """HTTP, jobs, stages, queue depth, model calls and tokens, in Prometheus text format."""
    try:
        async with asyncio.timeout(2.0):
            pending, oldest_age = await services.jobs.queue_depth()
        metrics.QUEUE_PENDING.set(pending)
        metrics.QUEUE_OLDEST_AGE.set(oldest_age)
        guard = services.guard
        if guard is not None:
            tokens_today, requests_this_minute = await guard.ledger.usage()
            metrics.LLM_TOKENS_TODAY.set(tokens_today)
            metrics.LLM_REQUESTS_THIS_MINUTE.set(requests_this_minute)
    except Exception as exc:  # the process metrics are still worth serving
        logger.info("queue metrics unavailable (%s)", exc.__class__.__name__)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
