"""The processor: claiming, concurrency, leases, failures, retries, timeouts and shutdown."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.analyzers.base import AnalysisError
from app.config import Settings
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, upload, wait_for_state, wait_terminal

SPEC = "Product datasheet\nNet weight: 250 g\nMaterial: steel S235JR\n"


async def _rows(engine: AsyncEngine, sql: str) -> list:
    async with engine.connect() as conn:
        return list(await conn.execute(text(sql)))


async def test_article_moves_through_every_stage_to_completed(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(delay_s=0.6)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        assert article["processing_status"] == "pending"
        seen: list[tuple[str, str | None]] = []
        updated: list[str] = []
        for _ in range(400):
            status = (await client.get(f"/api/articles/{article['id']}/status")).json()
            step = (status["processing_status"], status["processing_stage"])
            if not seen or seen[-1] != step:
                seen.append(step)
                updated.append(status["updated_at"])
            if status["processing_status"] == "completed":
                break
            await asyncio.sleep(0.02)

        assert ("processing", "extracting_metadata") in seen
        assert seen[-1] == ("completed", "done")
        assert updated == sorted(updated)  # updated_at moves forward with every stage
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert full["progress"] == 100
    assert full["unit_weight"] == 0.25
    assert full["attempts"] == 1
    assert full["analysis_method"] == "scripted"
    assert full["processing_started_at"] <= full["processing_completed_at"]
    assert abs(sum(c["part"] for c in full["cost_models"]) - 1) < 1e-9
    steel = next(c for c in full["cost_models"] if c["index_code"] == "steel")
    assert steel["quantity_g"] == 250.0


async def test_concurrency_is_bounded_by_max_concurrent_jobs(
    migrated_url: str, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(delay_s=0.3)
    settings = make_settings(migrated_url, max_concurrent_jobs=3)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        ids = [(await upload(client, SPEC, name=f"a{i}"))["id"] for i in range(10)]
        for article_id in ids:
            assert (await wait_terminal(client, article_id))["processing_status"] == "completed"
    assert analyzer.max_in_flight == 3
    assert len(analyzer.calls) == 10


async def test_the_next_articles_are_read_while_every_analysis_slot_is_busy(
    migrated_url: str, db_engine: AsyncEngine
):
    """Two analyses at once, and meanwhile two more articles claimed and read, waiting for a
    slot: the slot a finished analysis frees takes one without a claim, a load or a parse."""
    analyzer = ScriptedAnalyzer(delay_s=1.0)
    settings = make_settings(migrated_url, max_concurrent_jobs=2)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        assert app.services is not None
        processor = app.services.processor
        ids = [(await upload(client, SPEC, name=f"a{i}"))["id"] for i in range(5)]
        ready: list[str] = []
        for _ in range(400):  # a bound only to catch a hang: expected within a second
            if analyzer.in_flight == 2 and processor.active_jobs == 4:
                ready = [
                    str(row[0])
                    for row in await _rows(
                        db_engine,
                        "SELECT processing_stage FROM articles "
                        "WHERE processing_status = 'processing'",
                    )
                ]
                if sorted(ready) == ["extracting_metadata"] * 4:
                    break
            await asyncio.sleep(0.02)
        assert sorted(ready) == ["extracting_metadata"] * 4, ready
        for article_id in ids:
            assert (await wait_terminal(client, article_id))["processing_status"] == "completed"
    assert analyzer.max_in_flight == 2
    assert len(analyzer.calls) == 5


async def _statuses(engine: AsyncEngine, ids: list[int]) -> Counter[tuple[str, int]]:
    """(status, attempts) of the articles, counted."""
    rows = await _rows(
        engine,
        "SELECT processing_status, attempts FROM articles "
        f"WHERE id IN ({', '.join(map(str, ids))})",
    )
    return Counter((str(status), int(attempts)) for status, attempts in rows)


async def test_the_read_ahead_stops_at_its_bound_and_is_handed_back_unspent_on_shutdown(
    migrated_url: str, db_engine: AsyncEngine
):
    """Two analyses that do not end, two articles read ahead of them, and no more claimed
    while they wait; on shutdown all four go back to pending without using an attempt."""
    analyzer = ScriptedAnalyzer(delay_s=30)
    settings = make_settings(migrated_url, max_concurrent_jobs=2, poll_interval_s=0.05)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        assert app.services is not None
        processor = app.services.processor
        ids = [(await upload(client, SPEC, name=f"b{i}"))["id"] for i in range(8)]
        for _ in range(400):  # a bound only to catch a hang: expected within a second
            if analyzer.in_flight == 2 and processor.active_jobs == 4:
                break
            await asyncio.sleep(0.02)
        most = 0
        for _ in range(25):  # a dozen claim-loop turns at the poll interval: none claims more
            most = max(most, processor.active_jobs)
            await asyncio.sleep(0.02)
        assert (analyzer.in_flight, most) == (2, 4)
        assert await _statuses(db_engine, ids) == {("processing", 1): 4, ("pending", 0): 4}
        await processor.stop(0.1)
    assert await _statuses(db_engine, ids) == {("pending", 0): 8}


async def test_articles_being_saved_leave_the_read_ahead_to_others(
    migrated_url: str, db_engine: AsyncEngine
):
    """One analysis at a time and one article read ahead; the saving statements wait on a
    lock. An article past its analysis no longer counts against the read-ahead, so others
    are claimed meanwhile, up to the bound on all runs (one slot + twice the read-ahead)."""
    analyzer = ScriptedAnalyzer()
    settings = make_settings(migrated_url, max_concurrent_jobs=1, poll_interval_s=0.05)
    async with (
        db_engine.connect() as lock,
        running_app(settings, analyzer=analyzer) as (app, client),
    ):
        assert app.services is not None
        processor = app.services.processor
        transaction = await lock.begin()
        await lock.exec_driver_sql("LOCK TABLE cost_models IN SHARE MODE")  # blocks saving
        ids = [(await upload(client, SPEC, name=f"c{i}"))["id"] for i in range(6)]
        for _ in range(400):  # a bound only to catch a hang: expected within a second
            if len(analyzer.calls) == 3:
                break
            await asyncio.sleep(0.02)
        most = 0
        for _ in range(25):  # a dozen claim-loop turns at the poll interval: none claims more
            most = max(most, processor.active_jobs)
            await asyncio.sleep(0.02)
        assert (len(analyzer.calls), most) == (3, 3)  # analysed, all three saving
        await transaction.rollback()
        for article_id in ids:
            assert (await wait_terminal(client, article_id))["processing_status"] == "completed"
    assert await _statuses(db_engine, ids) == {("completed", 1): 6}


async def test_an_article_read_ahead_keeps_its_lease_while_it_waits_for_a_slot(
    migrated_url: str, db_engine: AsyncEngine
):
    """The article read ahead waits 1.5 s for the one slot, longer than its 0.6 s lease: the
    renewals cover it, so no sweep takes it back (it would run again, a second attempt)."""
    analyzer = ScriptedAnalyzer(delay_s=1.5)
    settings = make_settings(migrated_url, max_concurrent_jobs=1, lease_s=0.6)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        ids = [(await upload(client, SPEC, name=f"d{i}"))["id"] for i in range(2)]
        for article_id in ids:
            assert (await wait_terminal(client, article_id))["processing_status"] == "completed"
    assert await _statuses(db_engine, ids) == {("completed", 1): 2}
    assert len(analyzer.calls) == 2


async def test_waiting_for_an_analysis_slot_does_not_count_against_the_job_timeout(
    migrated_url: str,
):
    """One analysis at a time, 3 s each, and a 5.5 s job timeout: the article read ahead waits
    ~3 s for the slot and then needs its own 3 s (plus ~1 s of reading), more than 5.5 s in
    all, and still completes: its own work is within the timeout."""
    analyzer = ScriptedAnalyzer(delay_s=3.0)
    settings = make_settings(migrated_url, max_concurrent_jobs=1, job_timeout_s=5.5)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        assert app.services is not None
        processor = app.services.processor
        ids = [(await upload(client, SPEC, name=f"t{i}"))["id"] for i in range(2)]
        for _ in range(200):  # a bound only to catch a hang: expected at once
            if processor.active_jobs == 2:
                break
            await asyncio.sleep(0.02)
        assert processor.active_jobs == 2  # the second is claimed while the first is analysed
        for article_id in ids:
            article = await wait_terminal(client, article_id)
            assert article["processing_status"] == "completed", article
    assert len(analyzer.calls) == 2
    assert analyzer.max_in_flight == 1


async def test_two_processors_never_work_on_the_same_article(
    migrated_url: str, db_engine: AsyncEngine
):
    first, second = ScriptedAnalyzer(delay_s=0.05), ScriptedAnalyzer(delay_s=0.05)
    settings = make_settings(migrated_url, max_concurrent_jobs=5, poll_interval_s=0.05)
    async with (
        running_app(settings, analyzer=first) as (_, client_a),
        running_app(settings, analyzer=second) as (_, client_b),
    ):
        ids = []
        for i in range(40):
            target = client_a if i % 2 else client_b
            ids.append((await upload(target, SPEC, name=f"article-{i}"))["id"])
        for article_id in ids:
            await wait_terminal(client_a, article_id)

    calls = Counter(first.calls + second.calls)
    assert sorted(calls) == sorted(f"article-{i}" for i in range(40))
    assert set(calls.values()) == {1}, "an article was analysed twice"
    assert first.calls and second.calls, "both replicas should have taken work"
    rows = await _rows(db_engine, "SELECT article_id, count(*) FROM cost_models GROUP BY 1")
    assert {count for _, count in rows} == {3}
    assert len(rows) == 40


async def test_unexpected_error_fails_with_readable_reason(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(errors=[ZeroDivisionError("boom")])
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        status = await wait_terminal(client, article["id"])
    assert status["processing_status"] == "failed"
    assert status["processing_error_code"] == "internal_error"
    assert "ZeroDivisionError" in status["processing_error"]
    assert "Traceback" not in status["processing_error"]
    assert status["processing_completed_at"] is not None


async def test_transient_errors_are_retried_then_succeed(
    settings: Settings, db_engine: AsyncEngine
):
    flaky = AnalysisError("llm_unavailable", "model unavailable (503)", retryable=True)
    analyzer = ScriptedAnalyzer(errors=[flaky, flaky])
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        status = await wait_terminal(client, article["id"])
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert status["processing_status"] == "completed"
    assert status["processing_error"] is None
    assert full["attempts"] == 3


async def test_persistent_transient_errors_fail_after_max_attempts(
    migrated_url: str, db_engine: AsyncEngine
):
    limited = AnalysisError("llm_rate_limited", "model rate-limited", retryable=True)
    analyzer = ScriptedAnalyzer(errors=[limited] * 5)
    settings = make_settings(migrated_url, max_attempts=2)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        status = await wait_terminal(client, article["id"])
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert status["processing_status"] == "failed"
    assert status["processing_error_code"] == "llm_rate_limited"
    assert "gave up after 2 attempts" in status["processing_error"]
    assert full["attempts"] == 2
    assert len(analyzer.calls) == 2


async def test_job_time_limit_fails_a_hanging_job(migrated_url: str, db_engine: AsyncEngine):
    analyzer = ScriptedAnalyzer(delay_s=30)
    settings = make_settings(migrated_url, job_timeout_s=0.5, max_attempts=1)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        status = await wait_terminal(client, article["id"], within_s=10)
    assert status["processing_status"] == "failed"
    assert status["processing_error_code"] == "timeout"
    assert "0.5 s" in status["processing_error"]


async def test_expired_lease_of_a_dead_worker_is_taken_back(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer()
    async with running_app(settings, analyzer=analyzer) as (app, client):
        await app.services.processor.stop(0)  # keep it from taking the article before we stage it
        article = await upload(client, SPEC)
        async with db_engine.begin() as conn:
            await conn.execute(
                text(
                    "UPDATE articles SET processing_status = 'processing', attempts = 1, "
                    "lease_owner = 'dead-worker', lease_expires_at = now() - interval '1 second' "
                    "WHERE id = :id"
                ),
                {"id": article["id"]},
            )
    async with running_app(settings, analyzer=analyzer) as (_, client):
        status = await wait_terminal(client, article["id"])
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert status["processing_status"] == "completed"
    assert full["attempts"] == 2


async def test_dead_worker_with_attempts_spent_ends_failed(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, max_attempts=2)
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (app, client):
        await app.services.processor.stop(0)
        article = await upload(client, SPEC)
        async with db_engine.begin() as conn:
            await conn.execute(
                text(
                    "UPDATE articles SET processing_status = 'processing', attempts = 2, "
                    "lease_owner = 'dead-worker', lease_expires_at = now() - interval '1 second' "
                    "WHERE id = :id"
                ),
                {"id": article["id"]},
            )
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (_, client):
        status = await wait_terminal(client, article["id"])
    assert status["processing_status"] == "failed"
    assert status["processing_error_code"] == "worker_lost"


async def test_shutdown_hands_unfinished_work_back_to_pending(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(delay_s=30)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        article = await upload(client, SPEC)
        await wait_for_state(client, article["id"], stage="extracting_metadata")
        await app.services.processor.stop(0.1)
    rows = await _rows(
        db_engine,
        f"SELECT processing_status, attempts, lease_owner FROM articles WHERE id = {article['id']}",
    )
    assert rows == [("pending", 0, None)]


async def test_reprocess_is_refused_while_processing_and_allowed_after(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(delay_s=0.5)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        refused = await client.post(f"/api/articles/{article['id']}/reprocess")
        assert refused.status_code == 409
        assert refused.headers["content-type"].startswith("application/problem+json")
        await wait_terminal(client, article["id"])
        again = await client.post(f"/api/articles/{article['id']}/reprocess")
        assert again.status_code == 202
        assert again.json()["processing_status"] == "pending"
        status = await wait_terminal(client, article["id"])
    assert status["processing_status"] == "completed"
    assert len(analyzer.calls) == 2
    rows = await _rows(
        db_engine, f"SELECT count(*) FROM cost_models WHERE article_id = {article['id']}"
    )
    assert rows == [(3,)]


async def test_deleting_a_processing_article_stops_its_job(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer(delay_s=0.5)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        await asyncio.sleep(0.2)
        assert (await client.delete(f"/api/articles/{article['id']}")).status_code == 204
        await asyncio.sleep(0.8)
        assert (await client.get(f"/api/articles/{article['id']}")).status_code == 404
    assert await _rows(db_engine, "SELECT count(*) FROM article_files") == [(0,)]
    assert await _rows(db_engine, "SELECT count(*) FROM cost_models") == [(0,)]


async def test_listing_is_newest_first_and_filters_by_status(client: httpx2.AsyncClient):
    ids = [(await upload(client, SPEC, name=f"n{i}"))["id"] for i in range(3)]
    for article_id in ids:
        await wait_terminal(client, article_id)

    page = (await client.get("/api/articles?limit=2")).json()
    assert [a["id"] for a in page["items"]] == [ids[2], ids[1]]
    assert page["total"] == 3
    second = (await client.get("/api/articles?limit=2&offset=2")).json()
    assert [a["id"] for a in second["items"]] == [ids[0]]
    assert (await client.get("/api/articles?status=failed")).json()["total"] == 0
    assert (await client.get("/api/articles?status=completed")).json()["total"] == 3
