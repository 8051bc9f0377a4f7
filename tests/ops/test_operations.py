"""Cancel, retention, metrics and request ids."""

from __future__ import annotations

import asyncio

import httpx2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, upload, wait_for_state, wait_terminal

SPEC = "Datasheet\nNet weight: 90 g\nMaterial: brass CuZn39Pb3\n"


async def test_cancel_stops_a_processing_article(settings: Settings, db_engine: AsyncEngine):
    analyzer = ScriptedAnalyzer(delay_s=1.0)
    async with running_app(settings, analyzer=analyzer) as (_, client):
        article = await upload(client, SPEC)
        await wait_for_state(client, article["id"], stage="extracting_metadata")
        cancelled = await client.post(f"/api/articles/{article['id']}/cancel")
        assert cancelled.status_code == 200
        assert cancelled.json()["processing_status"] == "failed"
        await asyncio.sleep(1.5)  # the job's result arrives after the cancel and is dropped
        status = (await client.get(f"/api/articles/{article['id']}/status")).json()
        costs = (await client.get(f"/api/articles/{article['id']}/cost-models")).json()
    assert status["processing_status"] == "failed"
    assert status["processing_error"] == "cancelled"
    assert status["processing_error_code"] == "cancelled"
    assert costs == []


async def test_cancel_a_pending_article_and_refuse_a_finished_one(
    settings: Settings, db_engine: AsyncEngine
):
    async with running_app(settings, analyzer=ScriptedAnalyzer()) as (app, client):
        await app.services.processor.stop(0)
        pending = await upload(client, SPEC)
        assert (await client.post(f"/api/articles/{pending['id']}/cancel")).status_code == 200
        again = await client.post(f"/api/articles/{pending['id']}/cancel")
        assert again.status_code == 409
        assert (await client.post("/api/articles/987654/cancel")).status_code == 404
        # a cancelled article can be reprocessed
        assert (await client.post(f"/api/articles/{pending['id']}/reprocess")).status_code == 202


async def test_retention_purges_file_bytes_of_old_finished_articles_only(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, file_retention_days=7)
    async with running_app(settings) as (app, client):
        old = await upload(client, SPEC, name="old")
        recent = await upload(client, SPEC, name="recent")
        await wait_terminal(client, old["id"])
        await wait_terminal(client, recent["id"])
        async with db_engine.begin() as conn:
            await conn.execute(
                text(
                    "UPDATE articles SET processing_completed_at = now() - interval '8 days' "
                    "WHERE id = :id"
                ),
                {"id": old["id"]},
            )
        assert await app.services.housekeeper.run_once() == 1
        old_article = (await client.get(f"/api/articles/{old['id']}")).json()
        recent_article = (await client.get(f"/api/articles/{recent['id']}")).json()
        # the evidence and the cost model stay; the article shows the file was purged
        assert old_article["files"][0]["purged"] is True
        assert old_article["files"][0]["purged_at"] is not None
        assert old_article["unit_weight"] == 0.09
        assert old_article["cost_models"]
        assert recent_article["files"][0]["purged"] is False
        # reprocessing a purged article fails with a clear reason
        await client.post(f"/api/articles/{old['id']}/reprocess")
        status = await wait_terminal(client, old["id"])
    assert status["processing_error_code"] == "file_purged"
    async with db_engine.connect() as conn:
        contents = dict(
            (
                await conn.execute(text("SELECT article_id, content IS NULL FROM article_files"))
            ).all()
        )
    assert contents == {old["id"]: True, recent["id"]: False}


async def test_metrics_expose_http_jobs_stages_queue(client: httpx2.AsyncClient):
    article = await upload(client, SPEC)
    await wait_terminal(client, article["id"])
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    body = response.text
    assert 'cms_http_requests_total{method="GET",route="/api/articles/{article_id}/status"' in body
    assert (
        'cms_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/api/analyze"}'
        in body
    )
    assert 'cms_jobs_total{outcome="completed"}' in body
    assert 'cms_stage_duration_seconds_count{stage="extracting_text"}' in body
    assert "cms_queue_pending 0.0" in body
    assert "cms_queue_oldest_pending_age_seconds" in body


async def test_request_id_is_honoured_or_made(client: httpx2.AsyncClient):
    given = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = await client.get("/api/indices")
    assert len(made.headers["x-request-id"]) == 32
    hostile = await client.get("/health", headers={"X-Request-ID": "a b\tc" * 100})
    assert hostile.headers["x-request-id"] != "a b\tc" * 100


async def test_ready_reports_each_check(client: httpx2.AsyncClient):
    ready = await client.get("/ready")
    assert ready.status_code == 200
    checks = ready.json()["checks"]
    assert (checks["database"], checks["migrations"], checks["processor"]) == ("ok", "ok", "ok")
