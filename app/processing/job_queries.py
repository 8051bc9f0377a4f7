"""The processing hot path in plain SQL on small asyncpg pools: one round trip per step.

Each article's job is claimed, reads its input, reports its stages, reads the analysis cache
and stores its result. Through the ORM session every step cost a BEGIN and a COMMIT around
the statement and most of a millisecond of CPU; with fifty jobs in flight, and uploads
sharing the event loop, every extra round trip also waits its turn in the loop. So each step
is one statement in autocommit mode:

- the *progress* pool commits asynchronously (`synchronous_commit = off`): a claim or a stage
  lost in a database crash only means the article is claimed or processed again;
- the *results* pool commits durably: a completed article stays completed. Its one statement
  finishes the article, replaces its cost model and fills the analysis cache together.

Every write is guarded like the ORM repository's: only the lease holder of a `processing`
article may change it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from app.processing.repository import ClaimedJob, CostRow, JobFile, JobInput

CLAIM = """
WITH candidates AS (
    SELECT id FROM articles
    WHERE processing_status = 'pending' AND available_at <= now()
    ORDER BY available_at, id
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE articles AS a SET
    processing_status = 'processing', processing_stage = 'extracting_text', progress = 2,
    lease_owner = $1, lease_expires_at = now() + make_interval(secs => $3),
    attempts = a.attempts + 1, processing_started_at = now(),
    processing_completed_at = NULL, updated_at = now()
FROM candidates WHERE a.id = candidates.id
RETURNING a.id, a.attempts
"""

SET_STAGE = """
UPDATE articles SET processing_stage = $3, progress = $4, updated_at = now()
WHERE id = $1 AND lease_owner = $2 AND processing_status = 'processing'
RETURNING id
"""

# The article with its files (one row per file; none when it has no files).
LOAD_JOB = """
SELECT a.article_name, a.description,
       f.role, f.original_filename, f.content_type, f.sha256, f.content
FROM articles AS a LEFT JOIN article_files AS f ON f.article_id = a.id
WHERE a.id = $1
"""

LOAD_CACHE = "SELECT method, result FROM analysis_cache WHERE key = $1"

# Finish the article, replace its cost model and cache the model's answer, all only if the
# guarded update found the article (a lost lease returns nothing and changes nothing). A
# weight or cost model a person corrected stays (app.articles.corrections); the cache gets
# the analyzer's answer only. The
# new rows are upserted and the old ones outside the new set deleted: sub-statements of one
# statement do not see each other's rows, so a delete-then-insert could collide.
FINISH = """
WITH done AS (
    UPDATE articles SET
        processing_status = 'completed', processing_stage = 'done', progress = 100,
        unit_weight = CASE WHEN weight_manual THEN unit_weight ELSE $3 END,
        extracted_metadata = $4::jsonb, analysis_method = $5,
        prompt_tokens = $6, completion_tokens = $7, needs_review = $14,
        fixed_share = CASE WHEN cost_model_manual THEN fixed_share ELSE 0 END,
        processing_error = NULL, processing_error_code = NULL,
        processing_completed_at = now(), lease_owner = NULL, lease_expires_at = NULL,
        updated_at = now()
    WHERE id = $1 AND lease_owner = $2 AND processing_status = 'processing'
    RETURNING id, cost_model_manual
), stale AS (
    DELETE FROM cost_models
    WHERE article_id IN (SELECT id FROM done WHERE NOT cost_model_manual)
      AND index_id <> ALL($8::int[])
), fresh AS (
    INSERT INTO cost_models (article_id, index_id, part, quantity_g)
    SELECT done.id, rows.index_id, rows.part, rows.quantity_g
    FROM done, unnest($8::int[], $9::float8[], $10::float8[]) AS rows(index_id, part, quantity_g)
    WHERE NOT done.cost_model_manual
    ON CONFLICT (article_id, index_id)
    DO UPDATE SET part = excluded.part, quantity_g = excluded.quantity_g, source = 'estimated'
), cached AS (
    INSERT INTO analysis_cache (key, method, result)
    SELECT $11::text, $12::text, $13::jsonb FROM done WHERE $11::text IS NOT NULL
    ON CONFLICT (key) DO NOTHING
)
SELECT id FROM done
"""


# The progress pool's connections (app.db.create_raw_pool) commit asynchronously.
ASYNC_COMMIT = {"synchronous_commit": "off"}


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A model's answer to keep for identical input (see app.processing.cache)."""

    key: str
    method: str
    result: dict[str, Any]


async def register_json(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog", format="text"
    )


async def claim(pool: asyncpg.Pool, *, owner: str, limit: int, lease_s: float) -> list[ClaimedJob]:
    """Take up to `limit` available pending articles; other workers skip the locked rows."""
    rows = await pool.fetch(CLAIM, owner, limit, lease_s)
    return [ClaimedJob(article_id=row["id"], attempts=row["attempts"]) for row in rows]


async def set_stage(
    pool: asyncpg.Pool, *, article_id: int, owner: str, stage: str, progress: int
) -> bool:
    return await pool.fetchval(SET_STAGE, article_id, owner, stage, progress) is not None


async def load_job_input(pool: asyncpg.Pool, article_id: int) -> JobInput | None:
    rows = await pool.fetch(LOAD_JOB, article_id)
    if not rows:
        return None
    first = rows[0]
    return JobInput(
        article_name=first["article_name"],
        description=first["description"],
        files=[
            JobFile(
                role=row["role"],
                original_filename=row["original_filename"],
                content_type=row["content_type"],
                sha256=row["sha256"],
                content=row["content"],
            )
            for row in rows
            if row["role"] is not None
        ],
    )


async def load_cache(pool: asyncpg.Pool, key: str) -> tuple[str, dict[str, Any]] | None:
    row = await pool.fetchrow(LOAD_CACHE, key)
    return None if row is None else (row["method"], row["result"])


async def complete(
    pool: asyncpg.Pool,
    *,
    article_id: int,
    owner: str,
    unit_weight_kg: float | None,
    metadata: dict[str, Any],
    analysis_method: str,
    prompt_tokens: int,
    completion_tokens: int,
    cost_rows: Sequence[CostRow],
    cache_entry: CacheEntry | None = None,
    needs_review: bool = False,
) -> bool:
    """Store the result durably and finish the article; False if the lease was lost.

    `pool` must commit synchronously (the results pool).
    """
    finished = await pool.fetchval(
        FINISH,
        article_id,
        owner,
        unit_weight_kg,
        metadata,
        analysis_method,
        prompt_tokens,
        completion_tokens,
        [row.index_id for row in cost_rows],
        [row.part for row in cost_rows],
        [row.quantity_g for row in cost_rows],
        None if cache_entry is None else cache_entry.key,
        None if cache_entry is None else cache_entry.method,
        None if cache_entry is None else cache_entry.result,
        needs_review,
    )
    return finished is not None
