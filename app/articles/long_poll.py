"""Long-poll on the status: `GET …/status?wait=30` answers at the article's next change.

A waiter is an `asyncio.Event` registered with the process's one `StatusBroadcaster` (one
LISTEN connection for all of them); it holds no database connection and no thread while it
waits, and re-reads the status with one short query only when woken. The broadcaster caps
the number of waiters per process (`CMS_MAX_LONG_POLL_WAITERS`).
"""

from __future__ import annotations

import asyncio
import contextlib

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.articles import service
from app.articles.events import DISCONNECTED_RECHECK_S, SAFETY_RECHECK_S, StatusBroadcaster
from app.articles.schemas import ArticleStatus
from app.articles.status_fast_path import render_status
from app.errors import NotFoundError

MAX_WAIT_S = 60.0

Rendered = tuple[int, bytes, dict[str, str]]


def _etags(if_none_match: str | None) -> set[str]:
    return {t.strip() for t in if_none_match.split(",")} if if_none_match else set()


async def wait_for_change(
    *,
    article_id: int,
    tenant: str | None,
    wait_s: float,
    if_none_match: str | None,
    broadcaster: StatusBroadcaster,
    sessions: async_sessionmaker[AsyncSession],
) -> Rendered:
    """The status once it differs from `if_none_match` (or from now), or when `wait_s` ends.

    A finished article answers at once (with 304 to its own ETag): it has nothing more to say.
    Each read is a short session of its own, so no connection is held while waiting.
    """

    async def read() -> ArticleStatus | None:
        async with sessions() as session:
            return await service.find_status(session, article_id, tenant)

    with broadcaster.waiter(article_id) as wake:  # registered before the first read
        status = await read()
        if status is None:
            raise NotFoundError(f"Article {article_id} does not exist.")
        rendered = render_status(status.model_dump(), None)
        baseline = _etags(if_none_match) or {rendered[2]["etag"]}
        if rendered[2]["etag"] not in baseline:
            return rendered
        if status.processing_status.is_terminal:
            return render_status(status.model_dump(), if_none_match)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(wait_s, MAX_WAIT_S)
        while (remaining := deadline - loop.time()) > 0:
            recheck = SAFETY_RECHECK_S if broadcaster.connected else DISCONNECTED_RECHECK_S
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(remaining, recheck)):
                    await wake.wait()
            wake.clear()
            status = await read()
            if status is None:
                raise NotFoundError(f"Article {article_id} does not exist.")
            rendered = render_status(status.model_dump(), None)
            if rendered[2]["etag"] not in baseline or status.processing_status.is_terminal:
                return rendered
        return rendered
