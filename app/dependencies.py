"""Request-scoped dependencies: the settings and one database session per request."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator
from typing import Annotated

import asyncpg
from fastapi import Depends, Request
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings
from app.errors import TooManyRequestsError


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for this request only; services commit before the response is sent."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        yield session


def get_uploads_pool(request: Request) -> asyncpg.Pool | None:
    """The raw pool for storing small uploads in one statement (None outside the lifespan)."""
    pool: asyncpg.Pool | None = getattr(request.app.state, "uploads_pool", None)
    return pool


def wake_processor(request: Request) -> None:
    """Tell the local processor there is new work; the pending row is the real guarantee."""
    processor = getattr(request.app.state, "processor", None)
    if processor is not None:
        processor.wake()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
UploadsPoolDep = Annotated[asyncpg.Pool | None, Depends(get_uploads_pool)]


def check_upload_rate(request: Request, tenant: str) -> None:
    """Per-tenant limit on uploads (CMS_RATE_LIMIT); 429 with Retry-After when exceeded."""
    limiter: UploadRateLimiter | None = request.app.state.upload_rate_limiter
    if limiter is not None:
        limiter.check(tenant)


class UploadRateLimiter:
    """A moving-window limit per tenant, from the `limits` library (kept per process)."""

    def __init__(self, spec: str) -> None:
        self._item = parse(spec)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self.spec = spec

    def check(self, tenant: str) -> None:
        if self._limiter.hit(self._item, "analyze", tenant):
            return
        reset_at, _ = self._limiter.get_window_stats(self._item, "analyze", tenant)
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise TooManyRequestsError(
            f"Upload rate limit of {self.spec} reached; retry in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )
