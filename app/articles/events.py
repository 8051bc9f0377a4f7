"""Status push: PostgreSQL LISTEN/NOTIFY fanned out to Server-Sent Event streams.

A trigger (migration 0002) runs `pg_notify('article_status', id)` on every status change,
whichever replica made it. Each process keeps one listening connection and wakes the streams
watching that article; a stream re-reads the status with one primary-key query and sends it
if it changed. Streams also re-read on a slow timer, so a lost notification (the listening
connection was down) delays an update by seconds but never loses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sse_starlette.event import ServerSentEvent

from app.articles import repository
from app.articles.schemas import ArticleStatus
from app.db import asyncpg_dsn
from app.errors import is_database_unavailable
from app.timestamps import format_timestamp

logger = logging.getLogger(__name__)

CHANNEL = "article_status"
SAFETY_RECHECK_S = 10.0
DISCONNECTED_RECHECK_S = 2.0


class StatusBroadcaster:
    """One LISTEN connection per process; wakes the streams that watch a changed article."""

    def __init__(self, database_url: str) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._watchers: dict[int, set[asyncio.Event]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self.connected = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen_forever(), name="status-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def watch(self, article_id: int) -> asyncio.Event:
        event = asyncio.Event()
        self._watchers[article_id].add(event)
        return event

    def unwatch(self, article_id: int, event: asyncio.Event) -> None:
        watchers = self._watchers.get(article_id)
        if watchers is not None:
            watchers.discard(event)
            if not watchers:
                del self._watchers[article_id]

    @property
    def watched(self) -> int:
        return sum(len(events) for events in self._watchers.values())

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        try:
            article_id = int(str(payload))
        except ValueError:
            return
        for event in self._watchers.get(article_id, ()):
            event.set()

    def _wake_all(self) -> None:
        for events in self._watchers.values():
            for event in events:
                event.set()

    async def _listen_forever(self) -> None:
        backoff = 0.5
        while True:
            connection: asyncpg.Connection | None = None
            lost = asyncio.Event()
            try:
                connection = await asyncpg.connect(self._dsn, timeout=5)
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                await connection.add_listener(CHANNEL, self._on_notify)
                self.connected = True
                backoff = 0.5
                self._wake_all()  # changes may have been missed while disconnected
                while not lost.is_set():
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(15):
                            await lost.wait()
                    if not lost.is_set():
                        await connection.execute("SELECT 1")  # detect a half-open connection
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if is_database_unavailable(exc):
                    logger.warning("status listener: database unavailable (%s)", type(exc).__name__)
                else:
                    logger.exception("status listener failed")
            finally:
                self.connected = False
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await connection.close(timeout=2)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 10.0)


async def status_events(
    *,
    article_id: int,
    tenant: str | None,
    first: ArticleStatus,
    broadcaster: StatusBroadcaster,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[ServerSentEvent]:
    """Emit the status JSON on every change; end after `completed`/`failed` (or deletion)."""
    wake = broadcaster.watch(article_id)
    try:
        status: ArticleStatus | None = first
        sent = None
        while True:
            if status is None:
                yield ServerSentEvent(
                    data=f'{{"id": {article_id}, "deleted": true}}', event="deleted"
                )
                return
            payload = status.model_dump_json()
            if payload != sent:
                yield ServerSentEvent(
                    data=payload, event="status", id=format_timestamp(status.updated_at)
                )
                sent = payload
            if status.processing_status.is_terminal:
                return
            recheck = SAFETY_RECHECK_S if broadcaster.connected else DISCONNECTED_RECHECK_S
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(recheck):
                    await wake.wait()
            wake.clear()
            try:
                async with sessions() as session:
                    row = await repository.get_status(session, article_id, tenant)
                status = None if row is None else ArticleStatus.model_validate(row._mapping)
            except Exception as exc:  # keep the stream, try again at the next wake-up
                if is_database_unavailable(exc):
                    logger.info("status re-read: database unavailable (%s)", type(exc).__name__)
                else:
                    logger.exception("status re-read failed")
    finally:
        broadcaster.unwatch(article_id, wake)
