"""Request-scoped dependencies: the settings and one database session per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings


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
