"""The processing hot path in plain SQL on a small asyncpg pool: one round trip per step.

Each article's job reads its input, reports its stages, reads and writes the analysis cache
and stores its result. Through the ORM session every step cost a BEGIN and a COMMIT around
the statement and most of a millisecond of CPU; with fifty jobs in flight that CPU was the
bottleneck. The pool's connections commit progress asynchronously (`synchronous_commit =
off`: a progress write lost in a crash only means the article is processed again); storing
the result switches it back on, so a completed article stays completed.

Every write is guarded like the ORM repository's: only the lease holder of a `processing`
article may change it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from app.processing.repository import CostRow, JobFile, JobInput

SET_STAGE = """
UPDATE articles SET processing_stage = $3, progress = $4, updated_at = now()
WHERE id = $1 AND lease_owner = $2 AND processing_status = 'processing'
RETURNING id
"""

LOAD_ARTICLE = "SELECT article_name, description FROM articles WHERE id = $1"
LOAD_FILES = """
SELECT role, original_filename, content_type, sha256, content
FROM article_files WHERE article_id = $1
"""

LOAD_CACHE = "SELECT method, result FROM analysis_cache WHERE key = $1"
STORE_CACHE = """
INSERT INTO analysis_cache (key, method, result) VALUES ($1, $2, $3::jsonb)
ON CONFLICT (key) DO NOTHING
"""

# Finish the article and clear its old cost model; returns the id only if the guarded update
# found the article (a lost lease returns nothing and changes nothing).
FINISH = """
WITH done AS (
    UPDATE articles SET
        processing_status = 'completed', processing_stage = 'done', progress = 100,
        unit_weight = $3, extracted_metadata = $4::jsonb, analysis_method = $5,
        prompt_tokens = $6, completion_tokens = $7,
        processing_error = NULL, processing_error_code = NULL,
        processing_completed_at = now(), lease_owner = NULL, lease_expires_at = NULL,
        updated_at = now()
    WHERE id = $1 AND lease_owner = $2 AND processing_status = 'processing'
    RETURNING id
), cleared AS (
    DELETE FROM cost_models WHERE article_id IN (SELECT id FROM done)
)
SELECT id FROM done
"""
INSERT_COST_ROWS = """
INSERT INTO cost_models (article_id, index_id, part, quantity_g)
SELECT $1, index_id, part, quantity_g
FROM unnest($2::int[], $3::float8[], $4::float8[]) AS rows(index_id, part, quantity_g)
"""


# The job pool's connections (app.db.create_raw_pool) commit progress asynchronously.
ASYNC_COMMIT = {"synchronous_commit": "off"}


async def register_json(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog", format="text"
    )


async def set_stage(
    pool: asyncpg.Pool, *, article_id: int, owner: str, stage: str, progress: int
) -> bool:
    return await pool.fetchval(SET_STAGE, article_id, owner, stage, progress) is not None


async def load_job_input(pool: asyncpg.Pool, article_id: int) -> JobInput | None:
    async with pool.acquire() as connection:
        article = await connection.fetchrow(LOAD_ARTICLE, article_id)
        if article is None:
            return None
        files = await connection.fetch(LOAD_FILES, article_id)
    return JobInput(
        article_name=article["article_name"],
        description=article["description"],
        files=[JobFile(*row) for row in files],
    )


async def load_cache(pool: asyncpg.Pool, key: str) -> tuple[str, dict[str, Any]] | None:
    row = await pool.fetchrow(LOAD_CACHE, key)
    return None if row is None else (row["method"], row["result"])


async def store_cache(pool: asyncpg.Pool, key: str, method: str, result: dict[str, Any]) -> None:
    await pool.execute(STORE_CACHE, key, method, result)


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
) -> bool:
    """Store the result durably and finish the article; False if the lease was lost."""
    async with pool.acquire() as connection, connection.transaction():
        await connection.execute("SET LOCAL synchronous_commit = on")
        finished = await connection.fetchval(
            FINISH,
            article_id,
            owner,
            unit_weight_kg,
            metadata,
            analysis_method,
            prompt_tokens,
            completion_tokens,
        )
        if finished is None:
            return False
        await connection.execute(
            INSERT_COST_ROWS,
            article_id,
            [row.index_id for row in cost_rows],
            [row.part for row in cost_rows],
            [row.quantity_g for row in cost_rows],
        )
    return True
