"""Per-tenant rate limits on uploads and reprocessing, shared by every replica.

Each check is counted by an upsert on `rate_limit_counters` (fixed windows on the database's
clock), so N replicas together admit the configured number, not N times it; checks of one
tenant and action that arrive while its upsert is out go together in the next one (`_drain`).
A window of the limit's length starts at a multiple of that length; a burst at a window
boundary can therefore see up to twice the limit within one window's time, which generous
limits make harmless.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from enum import StrEnum

import asyncpg
from limits import RateLimitItem, parse
from prometheus_client import Counter

from app.config import Settings
from app.errors import TooManyRequestsError
from app.limits import repository

# Old windows are deleted by the checks themselves, at most this often per process.
PURGE_EVERY_S = 600.0
KEEP_WINDOWS_S = 86_400.0


REFUSED = Counter("cms_rate_limited_total", "Requests refused by a rate limit", ["action"])


class Action(StrEnum):
    UPLOAD = "upload"
    REPROCESS = "reprocess"


@dataclass(frozen=True, slots=True)
class Limit:
    spec: str
    amount: int
    window_s: int

    @classmethod
    def parse(cls, spec: str) -> Limit:
        item: RateLimitItem = parse(spec)
        return cls(spec=spec, amount=item.amount, window_s=item.get_expiry())


Verdict = tuple[bool, float]  # (admitted, seconds until the window ends)


class RateLimiter:
    """Checks and counts; raises `TooManyRequestsError` (429, Retry-After) when a limit is hit."""

    def __init__(self, pool: asyncpg.Pool, limits: dict[Action, Limit]) -> None:
        self._pool = pool
        self._limits = limits
        self._next_purge = time.monotonic() + PURGE_EVERY_S
        # Checks waiting for the next upsert, by tenant and action; present while one is out.
        self._waiting: dict[tuple[str, Action], list[asyncio.Future[Verdict]]] = {}
        self._drains: set[asyncio.Task[None]] = set()

    @classmethod
    def from_settings(cls, pool: asyncpg.Pool, settings: Settings) -> RateLimiter:
        specs = {
            Action.UPLOAD: settings.rate_limit_uploads,
            Action.REPROCESS: settings.rate_limit_reprocess,
        }
        return cls(pool, {a: Limit.parse(s) for a, s in specs.items() if s is not None})

    def limit(self, action: Action) -> Limit | None:
        return self._limits.get(action)

    async def check(self, tenant: str, action: Action) -> None:
        limit = self._limits.get(action)
        if limit is None:
            return
        admitted, reset_in_s = await self._hit(tenant, action, limit)
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + PURGE_EVERY_S
            await repository.purge(self._pool, older_than_s=KEEP_WINDOWS_S)
        if admitted:
            return
        REFUSED.labels(action.value).inc()
        retry_after = max(1, math.ceil(reset_in_s))
        what = "Upload" if action is Action.UPLOAD else "Reprocess"
        raise TooManyRequestsError(
            f"{what} rate limit of {limit.spec} per tenant reached; retry in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )

    async def _hit(self, tenant: str, action: Action, limit: Limit) -> Verdict:
        future: asyncio.Future[Verdict] = asyncio.get_running_loop().create_future()
        key = (tenant, action)
        waiting = self._waiting.get(key)
        if waiting is not None:
            waiting.append(future)  # counted by the upsert after the one that is out
        else:
            self._waiting[key] = [future]
            drain = asyncio.create_task(self._drain(key, limit), name="rate-limit-hits")
            self._drains.add(drain)
            drain.add_done_callback(self._drains.discard)
        return await future

    async def _drain(self, key: tuple[str, Action], limit: Limit) -> None:
        """Counts the waiting checks until none are left, as many in each upsert as arrived
        while the one before was out: in an upload burst a check per upload was a commit and a
        round trip of the busy event loop per upload."""
        batch: list[asyncio.Future[Verdict]] = []
        try:
            while batch := [future for future in self._waiting[key] if not future.done()]:
                self._waiting[key] = []
                try:
                    await self._count(key, limit, batch)
                except Exception as exc:  # the database's: raised by these checks alone
                    for future in batch:
                        if not future.done():
                            future.set_exception(exc)
        except BaseException:  # cancelled (shut down): so are the checks still waiting
            for future in [*batch, *self._waiting[key]]:
                future.cancel()
            raise
        finally:
            del self._waiting[key]

    async def _count(
        self, key: tuple[str, Action], limit: Limit, batch: list[asyncio.Future[Verdict]]
    ) -> None:
        """One upsert counts the whole batch when it all fits in the window. When it does not,
        that upsert counts none of it and each check goes alone, in arrival order: as if they
        had come one after another."""
        tenant, action = key
        if len(batch) > 1:
            counted, reset_in_s = await repository.hit_all(
                self._pool,
                tenant=tenant,
                action=action.value,
                window_s=limit.window_s,
                limit=limit.amount,
                hits=len(batch),
            )
            if counted:
                for future in batch:
                    if not future.done():
                        future.set_result((True, reset_in_s))
                return
        for future in batch:
            if future.done():
                continue  # given up while waiting: not counted
            verdict = await repository.hit(
                self._pool,
                tenant=tenant,
                action=action.value,
                window_s=limit.window_s,
                limit=limit.amount,
            )
            if not future.done():
                future.set_result(verdict)
