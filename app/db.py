"""Declarative base with a constraint naming convention; `open_database`: the engine, the session
factory and the named asyncpg pools of the hot paths, opened and closed together."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.config import Settings
from app.errors import is_database_unavailable

# Stable constraint names, so Alembic migrations can drop exactly what they created.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


def async_database_url(url: str) -> str:
    """Accept plain `postgresql://` URLs too, and use the asyncpg driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def create_engine(settings: Settings, url: str) -> AsyncEngine:
    return create_async_engine(
        async_database_url(url),
        # Jobs record failures, retries and deferrals through sessions, all at once when the
        # model provider fails: a pool smaller than the job concurrency would churn overflow
        # connections just then. (Their hot path uses the raw pools of app.processing.)
        pool_size=max(settings.db_pool_size, settings.max_concurrent_jobs + 5),
        pool_use_lifo=True,
        max_overflow=settings.db_max_overflow,
        # No pre-ping: it costs three round trips per checkout. A connection that died with a
        # database restart is invalidated on its first error; callers retry (503, job retry).
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={"server_settings": {"application_name": settings.project_name}},
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def asyncpg_dsn(database_url: str) -> str:
    """A DSN for asyncpg itself (which spells SQLAlchemy's `ssl=` query option `sslmode=`)."""
    url = make_url(database_url).set(drivername="postgresql")
    query = dict(url.query)
    if "ssl" in query and "sslmode" not in query:
        query["sslmode"] = query.pop("ssl")
    return url.set(query=query).render_as_string(hide_password=False)


async def _keep_session_state(_connection: asyncpg.Connection) -> None:
    """Raw pools run single statements or closed transactions: nothing to reset on release."""


async def create_raw_pool(
    settings: Settings,
    url: str,
    *,
    purpose: str,
    size: int,
    server_settings: dict[str, str] | None = None,
    init: Callable[[asyncpg.Connection], Coroutine[Any, Any, None]] | None = None,
) -> asyncpg.Pool:
    """A small asyncpg pool for a hot path that the ORM session makes too slow.

    asyncpg's default reset on release is a round trip per query; these pools skip it.
    """
    pool: asyncpg.Pool = await asyncpg.create_pool(
        asyncpg_dsn(url),
        min_size=1,
        max_size=size,
        reset=_keep_session_state,
        server_settings={
            "application_name": f"{settings.project_name}-{purpose}",
            **(server_settings or {}),
        },
        init=init,
    )
    return pool


# The job progress pool's connections commit asynchronously: a claim, a stage or a lease
# renewal lost in a database crash only means the article is claimed again. Its statements
# are prepared once per connection and keep one generic plan: the claim (run after every
# finished job) would otherwise be planned anew on each run, which costs more than running it.
JOB_PROGRESS_SETTINGS = {"synchronous_commit": "off", "plan_cache_mode": "force_generic_plan"}
# Ending a run is one short statement, but a connection stays taken until the busy event
# loop has read its answer (~0.15 s in an upload burst): with 4 connections fifty jobs
# queued 0.4 s for one. A third of the jobs (4 at least).
DURABLE_POOL_MIN = 4


def durable_pool_size(max_concurrent_jobs: int) -> int:
    return max(DURABLE_POOL_MIN, max_concurrent_jobs // 3)


async def register_json(connection: asyncpg.Connection) -> None:
    """jsonb in and out as Python objects (a pool's `init`)."""
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog", format="text"
    )


@dataclass(frozen=True, slots=True)
class Pools:
    """The raw pools, one per hot path, so one path's burst never starves another."""

    progress: asyncpg.Pool  # job claims, stages, leases, inputs (asynchronous commit)
    durable: asyncpg.Pool  # job results and what a person asks for (cancel, reprocess, delete)
    status: asyncpg.Pool  # the status fast path
    uploads: asyncpg.Pool  # small uploads in one statement


@dataclass(frozen=True, slots=True)
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pools: Pools


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """Everything that talks to PostgreSQL; what opened is closed even if a later pool fails."""
    url = settings.database_url
    if not url:
        raise RuntimeError(
            "CMS_DATABASE_URL is not set. Run ./start.sh (it starts an embedded PostgreSQL) "
            "or point CMS_DATABASE_URL at your PostgreSQL."
        )
    async with AsyncExitStack() as stack:
        engine = create_engine(settings, url)
        stack.push_async_callback(engine.dispose)

        async def pool(purpose: str, size: int, **options: Any) -> asyncpg.Pool:
            opened = await create_raw_pool(settings, url, purpose=purpose, size=size, **options)
            stack.push_async_callback(opened.close)
            return opened

        pools = Pools(
            progress=await pool(
                "jobs",
                settings.max_concurrent_jobs + 2,
                server_settings=JOB_PROGRESS_SETTINGS,
                init=register_json,
            ),
            durable=await pool(
                "results", durable_pool_size(settings.max_concurrent_jobs), init=register_json
            ),
            status=await pool("status", settings.status_pool_size),
            uploads=await pool("uploads", settings.db_pool_size),
        )
        yield Database(engine=engine, sessions=create_session_factory(engine), pools=pools)


@asynccontextmanager
async def request_session(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One request's session. Closing may run after the response; a connection the database
    dropped meanwhile (a restart) has nothing left to roll back, so that is no error of the
    request's."""
    session = sessions()
    try:
        yield session
    finally:
        try:
            await session.close()
        except Exception as exc:
            if not is_database_unavailable(exc):
                raise
