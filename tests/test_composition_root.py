"""The lifespan: typed services, everything opened is closed also when a later part fails to
open, and /ready waits for the parser processes."""

from __future__ import annotations

import asyncio
import gc

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app import db
from app.articles.events import StatusBroadcaster
from app.config import Settings
from app.extraction.runner import DocumentExtractor
from app.main import create_app
from app.services import Services
from tests.support import running_app


class SlowStartExtractor(DocumentExtractor):
    """Its workers are "warm" only when the test says so; records whether it was closed."""

    def __init__(self) -> None:
        super().__init__(workers=0, timeout_s=30)
        self.warm = asyncio.Event()
        self.closed = False

    async def start(self) -> None:
        await self.warm.wait()

    async def close(self) -> None:
        self.closed = True
        await super().close()


async def test_ready_is_503_until_the_parser_processes_are_warm(
    settings: Settings, db_engine: AsyncEngine
):
    extractor = SlowStartExtractor()
    async with running_app(settings, extractor=extractor) as (app, client):
        starting = await client.get("/ready")
        assert starting.status_code == 503
        assert starting.json()["checks"]["parsers"] == "starting"
        extractor.warm.set()
        assert app.services is not None
        await app.services.parsers.wait()
        ready = await client.get("/ready")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"]["parsers"] == "ok"
    assert extractor.closed


async def test_a_part_failing_to_open_closes_everything_opened_before(
    settings: Settings, db_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
):
    opened: list[asyncpg.Pool] = []
    create_raw_pool = db.create_raw_pool

    async def recording_pool(*args: object, **kwargs: object) -> asyncpg.Pool:
        pool = await create_raw_pool(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(pool)
        return pool

    async def refuse(_self: StatusBroadcaster) -> None:
        raise ConnectionError("LISTEN connection refused")

    monkeypatch.setattr(db, "create_raw_pool", recording_pool)
    monkeypatch.setattr(StatusBroadcaster, "start", refuse)
    extractor = SlowStartExtractor()
    app = create_app(settings, extractor=extractor)
    with pytest.raises(ConnectionError):
        async with app.router.lifespan_context(app):
            pass
    assert len(opened) == 4  # progress, durable, status, uploads
    assert all(pool.is_closing() for pool in opened)
    assert extractor.closed
    assert app.services is None


async def test_services_are_typed_lifespan_state_and_tests_do_not_freeze_the_heap(
    settings: Settings, db_engine: AsyncEngine
):
    frozen = gc.get_freeze_count()
    async with running_app(settings) as (app, client):
        assert isinstance(app.services, Services)
        assert (await client.get("/ready")).status_code == 200
        assert gc.get_freeze_count() == frozen
    assert app.services is None
