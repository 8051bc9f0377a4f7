"""The JobStore's single statements against a real PostgreSQL: every state change of the row,
fenced by the claim token, and tenants served in turn."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from app.analyzers.guard import SpendLedger, SpendLimits
from app.articles.jobs import CacheEntry, Claim, CostRow, JobStore
from app.articles.models import ProcessingStage
from app.db import asyncpg_dsn, register_json

OWNER = "worker-a"


@pytest.fixture
async def pool(migrated_url: str, db_engine: AsyncEngine) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(
        asyncpg_dsn(migrated_url), min_size=1, max_size=3, init=register_json
    )
    try:
        yield pool
    finally:
        await pool.close()


@pytest.fixture
def store(pool: asyncpg.Pool) -> JobStore:
    return JobStore(progress_pool=pool, durable_pool=pool)


async def _article(pool: asyncpg.Pool, tenant: str = "public", name: str = "bracket") -> int:
    article_id: int = await pool.fetchval(
        "INSERT INTO articles (tenant, article_name) VALUES ($1, $2) RETURNING id", tenant, name
    )
    return article_id


async def _claim(store: JobStore, *, limit: int = 5, per_tenant: int = 50) -> list[Claim]:
    return await store.claim(owner=OWNER, limit=limit, lease_s=60, per_tenant=per_tenant)


async def _claimed(pool: asyncpg.Pool, store: JobStore) -> Claim:
    article_id = await _article(pool)
    claimed = await _claim(store)
    assert [c.article_id for c in claimed] == [article_id]
    return claimed[0]


async def _row(pool: asyncpg.Pool, article_id: int) -> asyncpg.Record:
    row = await pool.fetchrow("SELECT * FROM articles WHERE id = $1", article_id)
    assert row is not None
    return row


async def _index_ids(pool: asyncpg.Pool, *codes: str) -> list[int]:
    rows = await pool.fetch("SELECT id, code FROM indices WHERE code = ANY($1::text[])", codes)
    by_code = {row["code"]: row["id"] for row in rows}
    return [by_code[code] for code in codes]


async def _complete(
    store: JobStore,
    claim: Claim,
    rows: list[CostRow],
    *,
    cache_entry: CacheEntry | None = None,
    unpriced_only: bool = False,
) -> bool:
    return await store.complete(
        claim,
        unit_weight_kg=0.25,
        metadata={"notes": []},
        analysis_method="scripted",
        prompt_tokens=10,
        completion_tokens=5,
        cost_rows=rows,
        cache_entry=cache_entry,
        unpriced_only=unpriced_only,
    )


async def test_every_claim_stamps_a_new_token(pool: asyncpg.Pool, store: JobStore):
    first = await _claimed(pool, store)
    assert (await _row(pool, first.article_id))["claim_token"] == first.token
    assert await store.cancel(first.article_id, None)
    assert await store.requeue(first.article_id, None)
    (second,) = await _claim(store)
    assert second.article_id == first.article_id and second.token > first.token


async def test_a_stale_claim_writes_nothing(pool: asyncpg.Pool, store: JobStore):
    """Cancelled, reprocessed and claimed again by the same worker: the old run's every write
    is refused, and the new run's are not."""
    (steel,) = await _index_ids(pool, "steel")
    stale = await _claimed(pool, store)
    assert await store.cancel(stale.article_id, None)
    assert await store.requeue(stale.article_id, None)
    (fresh,) = await _claim(store)
    assert fresh.article_id == stale.article_id

    entry = CacheEntry("key-stale", "scripted", {"weight": None})
    assert not await store.advance(stale, ProcessingStage.GENERATING_COST_MODEL)
    assert not await _complete(store, stale, [CostRow(steel, 1.0, None)], cache_entry=entry)
    assert not await store.fail(stale, code="internal_error", message="stale")
    assert not await store.retry(
        stale, code="timeout", message="stale", delay_s=0, refund_attempt=False
    )
    assert await store.renew([stale], lease_s=60) == set()
    assert await store.hand_back([stale]) == []
    row = await _row(pool, fresh.article_id)
    assert (row["processing_status"], row["processing_stage"]) == ("processing", "extracting_text")
    assert await pool.fetchval("SELECT count(*) FROM cost_models") == 0
    assert await pool.fetchval("SELECT count(*) FROM analysis_cache") == 0

    assert await store.renew([fresh], lease_s=60) == {(fresh.article_id, fresh.token)}
    assert await store.advance(fresh, ProcessingStage.EXTRACTING_METADATA)
    assert (await _row(pool, fresh.article_id))["progress"] == 45
    assert await _complete(store, fresh, [CostRow(steel, 1.0, None)])
    assert (await _row(pool, fresh.article_id))["processing_status"] == "completed"


async def test_the_one_statement_completion_leaves_an_article_with_a_price_alone(
    pool: asyncpg.Pool, store: JobStore
):
    """Without a price the statement is the whole completion; with one it changes nothing,
    for the transaction that completes and prices together."""
    (steel,) = await _index_ids(pool, "steel")
    unpriced, priced, manual = [await _article(pool, name=n) for n in ("a", "b", "c")]
    await pool.execute(
        "UPDATE articles SET price = 1000, currency = 'EUR', price_date = '2026-01-15' "
        "WHERE id = ANY($1::int[])",
        [priced, manual],
    )
    await pool.execute("UPDATE articles SET cost_model_manual = true WHERE id = $1", manual)
    claims = {c.article_id: c for c in await _claim(store)}
    entry = CacheEntry("key-priced", "scripted", {"weight": None})

    assert not await _complete(
        store, claims[priced], [CostRow(steel, 1.0, None)], cache_entry=entry, unpriced_only=True
    )
    row = await _row(pool, priced)
    assert (row["processing_status"], row["unit_weight"]) == ("processing", None)
    assert await pool.fetchval("SELECT count(*) FROM cost_models") == 0
    assert await pool.fetchval("SELECT count(*) FROM analysis_cache") == 0
    assert await _complete(store, claims[priced], [CostRow(steel, 1.0, None)])  # the full one

    for article_id in (unpriced, manual):  # nothing to price: a person set the cost model
        assert await _complete(
            store, claims[article_id], [CostRow(steel, 1.0, None)], unpriced_only=True
        )
        assert (await _row(pool, article_id))["processing_status"] == "completed"


async def test_an_expired_lease_claimed_again_fences_the_old_run(
    pool: asyncpg.Pool, store: JobStore
):
    old = await _claimed(pool, store)
    await pool.execute(
        "UPDATE articles SET lease_expires_at = now() - interval '1 second' WHERE id = $1",
        old.article_id,
    )
    assert await store.recover_expired(max_attempts=3) == [(old.article_id, "pending")]
    (new,) = await _claim(store)
    assert not await store.fail(old, code="internal_error", message="late")
    assert await store.fail(new, code="internal_error", message="now")
    assert (await _row(pool, new.article_id))["processing_error"] == "now"


async def test_deferral_refunds_the_attempt_and_shows_waiting(pool: asyncpg.Pool, store: JobStore):
    claim = await _claimed(pool, store)
    assert await store.retry(
        claim, code="llm_circuit_open", message="wait", delay_s=0, refund_attempt=True
    )
    row = await _row(pool, claim.article_id)
    assert (row["processing_status"], row["processing_stage"], row["attempts"]) == (
        "pending",
        "waiting",
        0,
    )
    assert row["processing_error_code"] == "llm_circuit_open" and row["lease_owner"] is None


async def test_stages_outside_the_enum_are_refused_by_the_database(
    pool: asyncpg.Pool, store: JobStore
):
    claim = await _claimed(pool, store)
    with pytest.raises(asyncpg.CheckViolationError):
        await pool.execute(
            "UPDATE articles SET processing_stage = 'saving' WHERE id = $1", claim.article_id
        )


async def test_the_claim_serves_tenants_in_turn_and_caps_each(pool: asyncpg.Pool, store: JobStore):
    noisy = [await _article(pool, "noisy") for _ in range(6)]
    quiet = await _article(pool, "quiet")

    first = await _claim(store, limit=3, per_tenant=2)
    # The quiet tenant's one article is claimed with the noisy tenant's first: turns, not age.
    assert sorted(c.article_id for c in first) == sorted([noisy[0], quiet, noisy[1]])
    assert {c.article_id: c.tenant for c in first}[quiet] == "quiet"
    # The noisy tenant has its two running: nothing more of it until one ends.
    assert await _claim(store, limit=3, per_tenant=2) == []
    done = next(c for c in first if c.article_id == noisy[0])
    assert await store.fail(done, code="internal_error", message="x")
    assert [c.article_id for c in await _claim(store, limit=3, per_tenant=2)] == [noisy[2]]


async def test_cancel_requeue_delete_respect_the_tenant(pool: asyncpg.Pool, store: JobStore):
    released: list[int] = []
    store.on_released(released.append)
    article_id = await _article(pool, "a")
    assert not await store.cancel(article_id, "b")
    assert not await store.delete(article_id, "b")
    assert await store.cancel(article_id, "a")
    assert not await store.cancel(article_id, "a")  # already finished
    assert not await store.requeue(article_id, "b")
    assert await store.requeue(article_id, "a")
    assert await store.delete(article_id, None)
    assert released == [article_id, article_id, article_id]


async def test_completing_again_replaces_the_cost_model(pool: asyncpg.Pool, store: JobStore):
    steel, labour, electricity = await _index_ids(pool, "steel", "labour", "electricity")
    claim = await _claimed(pool, store)
    assert await _complete(store, claim, [CostRow(steel, 0.5, 125.0), CostRow(labour, 0.5, None)])

    # Reprocessed: the same article, a different model. Kept rows are updated, gone rows go.
    assert await store.requeue(claim.article_id, None)
    (again,) = await _claim(store, limit=1)
    assert await _complete(
        store, again, [CostRow(steel, 0.3, 75.0), CostRow(electricity, 0.7, None)]
    )
    rows = await pool.fetch(
        "SELECT index_id, part, quantity_g FROM cost_models WHERE article_id = $1 ORDER BY part",
        claim.article_id,
    )
    assert [tuple(row) for row in rows] == [(steel, 0.3, 75.0), (electricity, 0.7, None)]
    article = await _row(pool, claim.article_id)
    assert article["processing_status"] == "completed"
    assert article["lease_owner"] is None
    assert article["progress"] == 100


async def test_a_lost_claim_completes_nothing_and_caches_nothing(
    pool: asyncpg.Pool, store: JobStore
):
    (steel,) = await _index_ids(pool, "steel")
    claim = await _claimed(pool, store)
    entry = CacheEntry("key-1", "scripted", {"weight": None})
    other = Claim(claim.article_id, claim.token + 1, claim.attempts, claim.tenant)

    assert not await _complete(store, other, [CostRow(steel, 1.0, None)], cache_entry=entry)
    assert (await _row(pool, claim.article_id))["processing_status"] == "processing"
    assert await pool.fetchval("SELECT count(*) FROM cost_models") == 0
    assert await pool.fetchval("SELECT count(*) FROM analysis_cache") == 0

    assert await _complete(store, claim, [CostRow(steel, 1.0, None)], cache_entry=entry)
    assert await store.load_cache("key-1") == ("scripted", {"weight": None})


async def test_job_input_has_every_file_in_one_query(pool: asyncpg.Pool, store: JobStore):
    claim = await _claimed(pool, store)
    assert await store.load_input(claim.article_id + 1000) is None
    job = await store.load_input(claim.article_id)
    assert job is not None and job.article_name == "bracket" and job.files == []
    for role in ("specification", "drawing"):
        await pool.execute(
            "INSERT INTO article_files (article_id, role, size_bytes, sha256, content) "
            "VALUES ($1, $2, 3, 'h', 'abc')",
            claim.article_id,
            role,
        )
    job = await store.load_input(claim.article_id)
    assert job is not None
    assert sorted((f.role, f.content) for f in job.files) == [
        ("drawing", b"abc"),
        ("specification", b"abc"),
    ]


async def test_queue_depth_counts_pending_articles(pool: asyncpg.Pool, store: JobStore):
    await _article(pool)
    await _article(pool)
    pending, oldest = await store.queue_depth()
    assert pending == 2 and oldest >= 0


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
