"""Liveness and readiness, at the root (outside the API prefix) and open to everyone."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncEngine

from app.ops.migrations import current_revisions

router = APIRouter(tags=["operations"])


@router.get("/health", summary="The process is alive")
async def health() -> dict[str, str]:
    """Answers without touching the database."""
    return {"status": "ok"}


@router.get("/ready", summary="Ready to serve: database reachable, schema at head, processor up")
async def ready(request: Request) -> JSONResponse:
    """503 until every check passes, so a load balancer sends traffic elsewhere."""
    state = request.app.state
    engine: AsyncEngine = state.engine
    checks: dict[str, Any] = {}
    try:
        async with asyncio.timeout(2.0), engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")
            checks["database"] = "ok"
            current = await current_revisions(connection)
            checks["migrations"] = (
                "ok"
                if current == state.alembic_heads
                else (f"at {sorted(current) or 'nothing'}, head is {sorted(state.alembic_heads)}")
            )
    except Exception as exc:
        checks["database"] = f"unreachable ({exc.__class__.__name__})"
        checks.setdefault("migrations", "unknown")
    processor = getattr(state, "processor", None)
    if not state.settings.run_processor:
        checks["processor"] = "ok"  # an API-only replica: analysing is left to the others
    elif processor is not None and processor.running:
        checks["processor"] = "ok"
    else:
        checks["processor"] = "not running"
    if processor is not None:
        checks["active_jobs"] = processor.active_jobs
        checks["analysis_method"] = state.analysis_method
    ok = all(checks[key] == "ok" for key in ("database", "migrations", "processor"))
    return JSONResponse(
        {"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503
    )
