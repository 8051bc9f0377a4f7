"""Rate-limit checks that overlap share upserts, and admit exactly what checks one at a time
admit: all of them while they fit, then each on its own until the window is full."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import asyncpg_dsn
from app.errors import TooManyRequestsError
from app.limits.service import Action, Limit, RateLimiter


class CountingPool:
    """The pool, counting the statements the limiter sends."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self.statements = 0
        self.sent = asyncio.Event()  # a statement is out

    async def fetchrow(self, query: str, *args: Any) -> Any:
        self.statements += 1
        self.sent.set()
        return await self.pool.fetchrow(query, *args)

    async def execute(self, query: str, *args: Any) -> Any:
        self.statements += 1
        return await self.pool.execute(query, *args)


@pytest.fixture
async def pool(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[CountingPool]:
    raw = await asyncpg.create_pool(asyncpg_dsn(migrated_url), min_size=1, max_size=4)
    try:
        yield CountingPool(raw)
    finally:
        await raw.close()


def limiter(pool: CountingPool, spec: str) -> RateLimiter:
    return RateLimiter(pool, {Action.UPLOAD: Limit.parse(spec)})  # type: ignore[arg-type]


async def outcomes(limits: RateLimiter, tenants: list[str]) -> list[str]:
    """Each check's outcome, all started at once."""

    async def check(tenant: str) -> str:
        try:
            await limits.check(tenant, Action.UPLOAD)
        except TooManyRequestsError:
            return "refused"
        return "admitted"

    return await asyncio.gather(*(check(tenant) for tenant in tenants))


async def counted(pool: CountingPool, tenant: str) -> int:
    hits = await pool.pool.fetchval(
        "SELECT coalesce(sum(hits), 0) FROM rate_limit_counters WHERE tenant = $1", tenant
    )
    return int(hits)


async def test_overlapping_checks_share_upserts_and_are_all_counted(pool: CountingPool) -> None:
    limits = limiter(pool, "1000/hour")
    assert await outcomes(limits, ["team-a"] * 20) == ["admitted"] * 20
    assert await counted(pool, "team-a") == 20
    assert pool.statements == 1  # all arrived before the first upsert went out


async def test_checks_arriving_while_an_upsert_is_out_go_in_the_next(pool: CountingPool) -> None:
    limits = limiter(pool, "1000/hour")
    first = asyncio.create_task(limits.check("team-a", Action.UPLOAD))
    await pool.sent.wait()
    assert await outcomes(limits, ["team-a"] * 5) == ["admitted"] * 5
    await first
    assert pool.statements == 2
    assert await counted(pool, "team-a") == 6


async def test_checks_one_after_another_are_one_upsert_each(pool: CountingPool) -> None:
    limits = limiter(pool, "1000/hour")
    for _ in range(3):
        assert await outcomes(limits, ["team-a"]) == ["admitted"]
    assert pool.statements == 3
    assert await counted(pool, "team-a") == 3


async def test_a_batch_that_does_not_fit_admits_exactly_what_is_left(pool: CountingPool) -> None:
    limits = limiter(pool, "7/hour")
    results = await outcomes(limits, ["team-a"] * 12)
    assert results == ["admitted"] * 7 + ["refused"] * 5  # in arrival order
    assert await counted(pool, "team-a") == 7
    # Full: a later burst is refused whole, and counts nothing.
    assert await outcomes(limits, ["team-a"] * 4) == ["refused"] * 4
    assert await counted(pool, "team-a") == 7


async def test_tenants_are_counted_apart(pool: CountingPool) -> None:
    limits = limiter(pool, "3/hour")
    results = await outcomes(limits, ["team-a", "team-b"] * 5)
    assert results.count("admitted") == 6
    assert results[::2] == results[1::2] == ["admitted"] * 3 + ["refused"] * 2
    assert await counted(pool, "team-a") == await counted(pool, "team-b") == 3


async def test_a_check_given_up_while_waiting_is_not_counted(pool: CountingPool) -> None:
    limits = limiter(pool, "1000/hour")
    first = asyncio.create_task(limits.check("team-a", Action.UPLOAD))
    await asyncio.sleep(0)  # its upsert is out
    waiting = [asyncio.create_task(limits.check("team-a", Action.UPLOAD)) for _ in range(3)]
    await asyncio.sleep(0)
    waiting[0].cancel()
    await asyncio.gather(first, *waiting[1:])
    assert await counted(pool, "team-a") == 3


async def test_a_database_error_reaches_the_checks_of_its_upsert_only(
    pool: CountingPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = limiter(pool, "1000/hour")
    fetchrow = pool.fetchrow
    failures = iter([True])

    async def failing_once(query: str, *args: Any) -> Any:
        if next(failures, False):
            await asyncio.sleep(0.05)  # the next checks arrive meanwhile
            raise asyncpg.PostgresConnectionError("connection lost")
        return await fetchrow(query, *args)

    monkeypatch.setattr(pool, "fetchrow", failing_once)
    first = asyncio.create_task(limits.check("team-a", Action.UPLOAD))
    await asyncio.sleep(0.01)
    later = [asyncio.create_task(limits.check("team-a", Action.UPLOAD)) for _ in range(2)]
    with pytest.raises(asyncpg.PostgresConnectionError):
        await first
    await asyncio.gather(*later)
    assert await counted(pool, "team-a") == 2
