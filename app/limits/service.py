"""Per-tenant rate limits on uploads and reprocessing, shared by every replica.

Each check is one upsert on `rate_limit_counters` (fixed windows on the database's clock), so
N replicas together admit the configured number, not N times it. A window of the limit's
length starts at a multiple of that length; a burst at a window boundary can therefore see
up to twice the limit within one window's time, which generous limits make harmless.
"""

from __future__ import annotations

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


class RateLimiter:
    """Checks and counts; raises `TooManyRequestsError` (429, Retry-After) when a limit is hit."""

    def __init__(self, pool: asyncpg.Pool, limits: dict[Action, Limit]) -> None:
        self._pool = pool
        self._limits = limits
        self._next_purge = time.monotonic() + PURGE_EVERY_S

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
        admitted, reset_in_s = await repository.hit(
            self._pool,
            tenant=tenant,
            action=action.value,
            window_s=limit.window_s,
            limit=limit.amount,
        )
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
