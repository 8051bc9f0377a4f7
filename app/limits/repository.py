"""The one statement behind every rate-limit check."""

from __future__ import annotations

import asyncpg

# Count a hit in the current fixed window of the database's clock (one clock for all
# replicas) unless the window is full; either way say how long the window still runs.
# A refused request is not counted, so a client that keeps retrying is admitted again as soon
# as the window turns.
HIT_SQL = """
WITH w AS (
    SELECT to_timestamp(floor(extract(epoch FROM now()) / $3) * $3) AS start
), hit AS (
    INSERT INTO rate_limit_counters AS c (tenant, action, window_start, hits)
    SELECT $1, $2, w.start, 1 FROM w
    ON CONFLICT (tenant, action, window_start)
    DO UPDATE SET hits = c.hits + 1 WHERE c.hits < $4
    RETURNING c.hits
)
SELECT (SELECT hits FROM hit) AS hits,
       extract(epoch FROM (SELECT start FROM w) + make_interval(secs => $3) - now())::float8
           AS reset_in_s
"""

# Count `$5` hits at once, all or none: none when they do not all fit in the window.
HITS_SQL = """
WITH w AS (
    SELECT to_timestamp(floor(extract(epoch FROM now()) / $3) * $3) AS start
), hit AS (
    INSERT INTO rate_limit_counters AS c (tenant, action, window_start, hits)
    SELECT $1, $2, w.start, $5::int FROM w WHERE $5::int <= $4
    ON CONFLICT (tenant, action, window_start)
    DO UPDATE SET hits = c.hits + $5::int WHERE c.hits + $5::int <= $4
    RETURNING c.hits
)
SELECT (SELECT hits FROM hit) AS hits,
       extract(epoch FROM (SELECT start FROM w) + make_interval(secs => $3) - now())::float8
           AS reset_in_s
"""

PURGE_SQL = "DELETE FROM rate_limit_counters WHERE window_start < now() - make_interval(secs => $1)"


async def hit(
    pool: asyncpg.Pool, *, tenant: str, action: str, window_s: int, limit: int
) -> tuple[bool, float]:
    """(admitted, seconds until the window ends)."""
    row = await pool.fetchrow(HIT_SQL, tenant, action, float(window_s), limit)
    assert row is not None
    return row["hits"] is not None, float(row["reset_in_s"])


async def hit_all(
    pool: asyncpg.Pool, *, tenant: str, action: str, window_s: int, limit: int, hits: int
) -> tuple[bool, float]:
    """(all `hits` admitted and counted, seconds until the window ends); none counted when
    they do not all fit."""
    row = await pool.fetchrow(HITS_SQL, tenant, action, float(window_s), limit, hits)
    assert row is not None
    return row["hits"] is not None, float(row["reset_in_s"])


async def purge(pool: asyncpg.Pool, *, older_than_s: float) -> int:
    """Drop windows that ended long ago; returns how many rows went."""
    result = await pool.execute(PURGE_SQL, older_than_s)
    return int(result.split()[-1])
