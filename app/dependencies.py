"""Request-scoped dependencies: the lifespan's services (`ServicesDep`), the settings and one
database session per request."""

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
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.errors import TooManyRequestsError
from app.services import Services


def get_services(request: Request) -> Services:
    """What the lifespan built (typed lifespan state, copied into every request's scope)."""
    services: Services = request.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(services: ServicesDep) -> AsyncIterator[AsyncSession]:
    """A session for this request only; services commit before the response is sent."""
    async with services.database.sessions() as session:
        yield session


def get_uploads_pool(services: ServicesDep) -> asyncpg.Pool:
    """The raw pool for storing small uploads in one statement."""
    return services.database.pools.uploads


def wake_processor(request: Request) -> None:
    """Tell the local processor there is new work; the pending row is the real guarantee."""
    get_services(request).processor.wake()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
UploadsPoolDep = Annotated[asyncpg.Pool, Depends(get_uploads_pool)]


def check_upload_rate(request: Request, tenant: str) -> None:
    """Per-tenant limit on uploads (CMS_RATE_LIMIT); 429 with Retry-After when exceeded."""
    limiter = get_services(request).upload_rate_limiter
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
