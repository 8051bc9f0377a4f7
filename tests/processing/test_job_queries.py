"""The job hot path's single statements, against a real PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from app.analyzers.guard import SpendLedger, SpendLimits
from app.db import asyncpg_dsn
from app.processing import job_queries
from app.processing.repository import CostRow

OWNER = "worker-a"


@pytest.fixture
async def pool(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(
        asyncpg_dsn(migrated_url), min_size=1, max_size=2, init=job_queries.register_json
    )
    try:
        yield pool
    finally:
        await pool.close()


async def _claimed_article(pool: asyncpg.Pool) -> int:
    article_id: int = await pool.fetchval(
        "INSERT INTO articles (article_name) VALUES ('bracket') RETURNING id"
    )
    claimed = await job_queries.claim(pool, owner=OWNER, limit=5, lease_s=60)
    assert [job.article_id for job in claimed] == [article_id]
    return article_id


async def _index_ids(pool: asyncpg.Pool, *codes: str) -> list[int]:
    rows = await pool.fetch("SELECT id, code FROM indices WHERE code = ANY($1::text[])", codes)
    by_code = {row["code"]: row["id"] for row in rows}
    return [by_code[code] for code in codes]


async def _complete(
    pool: asyncpg.Pool,
    article_id: int,
    rows: list[CostRow],
    *,
    owner: str = OWNER,
    cache_entry: job_queries.CacheEntry | None = None,
) -> bool:
    return await job_queries.complete(
        pool,
        article_id=article_id,
        owner=owner,
        unit_weight_kg=0.25,
        metadata={"notes": []},
        analysis_method="scripted",
        prompt_tokens=10,
        completion_tokens=5,
        cost_rows=rows,
        cache_entry=cache_entry,
    )


async def test_completing_again_replaces_the_cost_model(pool: asyncpg.Pool):
    steel, labour, electricity = await _index_ids(pool, "steel", "labour", "electricity")
    article_id = await _claimed_article(pool)
    assert await _complete(
        pool, article_id, [CostRow(steel, 0.5, 125.0), CostRow(labour, 0.5, None)]
    )

    # Reprocessed: the same article, a different model. Kept rows are updated, gone rows go.
    await pool.execute(
        "UPDATE articles SET processing_status = 'pending' WHERE id = $1", article_id
    )
    assert [j.article_id for j in await job_queries.claim(pool, owner=OWNER, limit=1, lease_s=60)]
    assert await _complete(
        pool, article_id, [CostRow(steel, 0.3, 75.0), CostRow(electricity, 0.7, None)]
    )
    rows = await pool.fetch(
        "SELECT index_id, part, quantity_g FROM cost_models WHERE article_id = $1 ORDER BY part",
        article_id,
    )
    assert [tuple(row) for row in rows] == [(steel, 0.3, 75.0), (electricity, 0.7, None)]
    article = await pool.fetchrow("SELECT * FROM articles WHERE id = $1", article_id)
    assert article["processing_status"] == "completed"
    assert article["lease_owner"] is None
    assert article["progress"] == 100


async def test_a_lost_lease_completes_nothing_and_caches_nothing(pool: asyncpg.Pool):
    (steel,) = await _index_ids(pool, "steel")
    article_id = await _claimed_article(pool)
    entry = job_queries.CacheEntry("key-1", "scripted", {"weight": None})

    assert not await _complete(
        pool, article_id, [CostRow(steel, 1.0, None)], owner="other", cache_entry=entry
    )
    assert (
        await pool.fetchval("SELECT processing_status FROM articles WHERE id = $1", article_id)
        == "processing"
    )
    assert await pool.fetchval("SELECT count(*) FROM cost_models") == 0
    assert await pool.fetchval("SELECT count(*) FROM analysis_cache") == 0

    assert await _complete(pool, article_id, [CostRow(steel, 1.0, None)], cache_entry=entry)
    assert await job_queries.load_cache(pool, "key-1") == ("scripted", {"weight": None})


async def test_job_input_has_every_file_in_one_query(pool: asyncpg.Pool):
    article_id = await _claimed_article(pool)
    assert await job_queries.load_job_input(pool, article_id + 1000) is None
    job = await job_queries.load_job_input(pool, article_id)
    assert job is not None and job.article_name == "bracket" and job.files == []
    for role in ("specification", "drawing"):
        await pool.execute(
            "INSERT INTO article_files (article_id, role, size_bytes, sha256, content) "
            "VALUES ($1, $2, 3, 'h', 'abc')",
            article_id,
            role,
        )
    job = await job_queries.load_job_input(pool, article_id)
    assert job is not None
    assert sorted((f.role, f.content) for f in job.files) == [
        ("drawing", b"abc"),
        ("specification", b"abc"),
    ]


async def test_tokens_without_a_daily_limit_are_written_in_batches(
    migrated_url: str, db_engine: AsyncEngine, pool: asyncpg.Pool
):
    limits = SpendLimits(requests_per_minute=None, tokens_per_day=None, fallback_offline=False)
    ledger = SpendLedger(async_sessionmaker(db_engine), limits, flush_interval_s=60)
    await ledger.add_tokens(7)
    await ledger.add_tokens(5)
    # Counted at once (this process's share is still in memory), written in one go later.
    assert (await ledger.usage())[0] == 12
    assert await pool.fetchval("SELECT coalesce(sum(tokens), 0) FROM llm_usage") == 0
    await ledger.close()
    assert await pool.fetchval("SELECT sum(tokens) FROM llm_usage") == 12
    assert (await ledger.usage())[0] == 12


async def test_tokens_with_a_daily_limit_are_written_at_once(
    db_engine: AsyncEngine, pool: asyncpg.Pool
):
    limits = SpendLimits(requests_per_minute=None, tokens_per_day=100, fallback_offline=False)
    ledger = SpendLedger(async_sessionmaker(db_engine), limits, flush_interval_s=60)
    await ledger.add_tokens(7)
    assert await pool.fetchval("SELECT sum(tokens) FROM llm_usage") == 7
    await ledger.close()
