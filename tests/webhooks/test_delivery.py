"""Webhook delivery end to end: a real receiver on loopback, real PostgreSQL, real HTTP.

The receiver runs on 127.0.0.1, so these tests allow private targets; the default's refusal
is tested in test_ssrf.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from prometheus_client import REGISTRY
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from standardwebhooks.webhooks import Webhook

from app.config import Settings
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, upload
from tests.webhooks.support import (
    attempts_recorded,
    event_states,
    new_article,
    receiver,
    register,
    set_status,
)

SPEC = "Datasheet\nNet weight: 250 g\nMaterial: steel\n"


def hook_settings(url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "webhook_allow_private_targets": True,
        "webhook_backoff_s": 0.05,
        "run_processor": False,
    }
    values.update(overrides)
    return make_settings(url, **values)


async def test_a_completed_article_is_delivered_signed(migrated_url: str, db_engine: AsyncEngine):
    settings = hook_settings(migrated_url, run_processor=True)
    async with receiver() as hook, running_app(settings, analyzer=ScriptedAnalyzer()) as (_, c):
        endpoint = await register(c, hook.url)
        article = await upload(c, SPEC)
        [delivery] = await hook.wait_for(1)
        await attempts_recorded(db_engine, 1)
        log = (await c.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]

    # Verified by the Standard Webhooks reference implementation, as a receiver would.
    payload = Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
    assert payload["type"] == "article.completed"
    assert payload["timestamp"].endswith("Z")
    assert payload["data"] == {
        "id": article["id"],
        "status": "completed",
        "unit_weight": 0.25,
        "needs_review": False,
        "url": f"/api/articles/{article['id']}",
    }
    assert delivery.headers["content-type"] == "application/json"
    assert delivery.headers["webhook-id"].startswith("msg_")
    assert int(delivery.headers["webhook-timestamp"]) > 1_700_000_000
    assert [(a["status_code"], a["delivery_status"], a["error"]) for a in log] == [
        (204, "delivered", None)
    ]
    assert log[0]["webhook_id"] == delivery.headers["webhook-id"]
    assert log[0]["article_id"] == article["id"]
    assert log[0]["next_attempt_at"] is None


def attempts_counted(outcome: str) -> float:
    return REGISTRY.get_sample_value("cms_webhook_attempts_total", {"outcome": outcome}) or 0.0


async def test_a_5xx_is_retried_with_the_same_id_and_body(
    migrated_url: str, db_engine: AsyncEngine
):
    retried_before, delivered_before = attempts_counted("retried"), attempts_counted("delivered")
    async with receiver() as hook, running_app(hook_settings(migrated_url)) as (_, client):
        endpoint = await register(client, hook.url)
        hook.script = [500, 503]
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "failed")
        await hook.wait_for(1)
        await attempts_recorded(db_engine, 3)
        log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]

    assert [d.answered for d in hook.received] == [500, 503, 204]
    assert len({d.headers["webhook-id"] for d in hook.received}) == 1
    assert len({d.body for d in hook.received}) == 1
    for delivery in hook.received:
        Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
    # The log, newest first: each failure says why and when the next try is.
    assert [a["status_code"] for a in log] == [204, 503, 500]
    assert [a["error"] for a in log] == [None, "HTTP 503", "HTTP 500"]
    assert log[0]["next_attempt_at"] is None
    assert all(a["next_attempt_at"] > a["attempted_at"] for a in log[1:])
    assert {a["delivery_status"] for a in log} == {"delivered"}
    assert attempts_counted("retried") == retried_before + 2  # in /metrics
    assert attempts_counted("delivered") == delivered_before + 1


async def test_an_event_that_never_gets_through_ends_failed(
    migrated_url: str, db_engine: AsyncEngine
):
    # A retry period of about a second: attempts every 0.05 s doubling, then given up.
    settings = hook_settings(migrated_url, webhook_retry_hours=1 / 3600)
    async with receiver() as hook, running_app(settings) as (_, client):
        hook.default = 500
        endpoint = await register(client, hook.url)
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "failed")
        for _ in range(500):
            if await event_states(db_engine) == [("article.failed", "failed")]:
                break
            await asyncio.sleep(0.02)
        log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
        attempts = len(hook.received)
        await asyncio.sleep(0.5)
        assert len(hook.received) == attempts  # nothing more is tried

    assert await event_states(db_engine) == [("article.failed", "failed")]
    assert attempts >= 2
    assert attempts_counted("failed") >= 1
    assert len(log) == attempts
    assert log[0]["next_attempt_at"] is None
    assert {a["delivery_status"] for a in log} == {"failed"}


async def test_events_of_an_article_arrive_in_order(migrated_url: str, db_engine: AsyncEngine):
    async with receiver() as hook, running_app(hook_settings(migrated_url)) as (_, client):
        await register(client, hook.url, events=["article.completed", "article.failed"])
        articles = [await new_article(db_engine) for _ in range(4)]
        hook.script = [500, 500, 500]  # the first attempts fail: later events must wait
        for article_id in articles:
            await set_status(db_engine, article_id, "failed")
        for article_id in articles:
            await set_status(db_engine, article_id, "pending")
            await set_status(db_engine, article_id, "completed")
        await hook.wait_for(8)

    for article_id in articles:
        sent = [d.json["type"] for d in hook.received if d.json["data"]["id"] == article_id]
        accepted = [d.json["type"] for d in hook.accepted if d.json["data"]["id"] == article_id]
        assert accepted == ["article.failed", "article.completed"]
        # `completed` was never even tried before `failed` was through.
        assert sent.index("article.completed") > max(
            i for i, kind in enumerate(sent) if kind == "article.failed"
        )


async def test_undelivered_events_survive_a_restart(migrated_url: str, db_engine: AsyncEngine):
    settings = hook_settings(migrated_url)
    async with receiver() as hook:
        hook.default = 503
        async with running_app(settings) as (_, client):
            endpoint = await register(client, hook.url)
            article_id = await new_article(db_engine)
            await set_status(db_engine, article_id, "completed", needs_review=True)
            await hook.wait_received(2)
        # Stopped with the events undelivered; the receiver recovers; a new process starts.
        hook.default = 204
        failed_ids = {d.headers["webhook-id"] for d in hook.received}
        async with running_app(settings):
            delivered = await hook.wait_for(2)

    assert [d.json["type"] for d in delivered] == ["article.completed", "article.needs_review"]
    assert delivered[0].headers["webhook-id"] in failed_ids
    for delivery in delivered:
        Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
    assert delivered[1].json["data"]["needs_review"] is True


async def test_two_replicas_deliver_each_event_once(migrated_url: str, db_engine: AsyncEngine):
    settings = hook_settings(migrated_url)
    async with (
        receiver() as hook,
        running_app(settings) as (app_a, client),
        running_app(settings) as (app_b, _),
    ):
        await register(client, hook.url)
        articles = [await new_article(db_engine) for _ in range(40)]
        for article_id in articles:
            await set_status(db_engine, article_id, "completed")
        await hook.wait_for(40)
        await asyncio.sleep(0.5)  # time for a duplicate to show up, if one were sent
        owners = {app_a.services.webhooks.owner, app_b.services.webhooks.owner}

    ids = [d.headers["webhook-id"] for d in hook.received]
    assert len(ids) == 40
    assert len(set(ids)) == 40
    assert sorted(d.json["data"]["id"] for d in hook.received) == sorted(articles)
    assert len(owners) == 2


async def test_what_is_enqueued_follows_the_endpoints(migrated_url: str, db_engine: AsyncEngine):
    settings = hook_settings(migrated_url, api_keys="team-a:key-aaaa,team-b:key-bbbb")
    team_a, team_b = {"X-API-Key": "key-aaaa"}, {"X-API-Key": "key-bbbb"}
    async with receiver() as hook, running_app(settings) as (_, client):
        only_failed = await client.post(
            "/api/webhooks", json={"url": hook.url, "events": ["article.failed"]}, headers=team_a
        )
        assert only_failed.status_code == 201
        disabled = await client.post(
            "/api/webhooks", json={"url": hook.url, "enabled": True}, headers=team_b
        )
        hook_b = disabled.json()["id"]
        await client.patch(f"/api/webhooks/{hook_b}", json={"enabled": False}, headers=team_b)

        a1 = await new_article(db_engine, "team-a")
        await set_status(db_engine, a1, "processing")  # not terminal: nothing
        await set_status(db_engine, a1, "completed", needs_review=True)  # not subscribed
        a2 = await new_article(db_engine, "team-a")
        await set_status(db_engine, a2, "failed")  # subscribed: delivered
        b1 = await new_article(db_engine, "team-b")
        await set_status(db_engine, b1, "completed")  # endpoint disabled: not enqueued
        [delivery] = await hook.wait_for(1)
        assert delivery.json["data"]["id"] == a2
        await attempts_recorded(db_engine, 1)
        assert await event_states(db_engine) == [("article.failed", "delivered")]

        # Enabled again, it receives what happens from then on.
        await client.patch(f"/api/webhooks/{hook_b}", json={"enabled": True}, headers=team_b)
        await set_status(db_engine, b1, "pending")
        await set_status(db_engine, b1, "failed")
        second = (await hook.wait_for(2))[1]
        assert second.json["type"] == "article.failed"
        assert second.json["data"]["id"] == b1


async def test_a_disabled_endpoint_holds_its_undelivered_events(
    migrated_url: str, db_engine: AsyncEngine
):
    async with receiver() as hook, running_app(hook_settings(migrated_url)) as (_, client):
        hook.default = 500
        endpoint = await register(client, hook.url)
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "failed")
        await hook.wait_received(1)
        await client.patch(f"/api/webhooks/{endpoint['id']}", json={"enabled": False})
        await asyncio.sleep(0.3)  # any attempt already claimed finishes
        tried = len(hook.received)
        hook.default = 204
        await asyncio.sleep(0.5)
        assert len(hook.received) == tried  # nothing is sent while disabled
        await client.patch(f"/api/webhooks/{endpoint['id']}", json={"enabled": True})
        [delivery] = await hook.wait_for(1)
    assert delivery.json["data"]["id"] == article_id


async def test_after_a_rotation_old_and_new_secrets_both_verify(
    migrated_url: str, db_engine: AsyncEngine
):
    async with receiver() as hook, running_app(hook_settings(migrated_url)) as (_, client):
        endpoint = await register(client, hook.url)
        rotated = (await client.post(f"/api/webhooks/{endpoint['id']}/rotate-secret")).json()
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "completed")
        [delivery] = await hook.wait_for(1)

    assert len(delivery.headers["webhook-signature"].split(" ")) == 2
    Webhook(endpoint["secret"]).verify(delivery.body, delivery.headers)
    Webhook(rotated["secret"]).verify(delivery.body, delivery.headers)


async def test_the_log_keeps_finished_events_for_30_days(migrated_url: str, db_engine: AsyncEngine):
    async with running_app(hook_settings(migrated_url)) as (app, client):
        await app.services.webhooks.stop(0)
        endpoint = await register(client, "http://127.0.0.1:9/hook", enabled=False)
        async with db_engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO webhook_events (endpoint_id, tenant, article_id, event_type, "
                    "data, occurred_at, status) VALUES "
                    "(:e, 'public', 1, 'article.completed', '{}', now() - interval '31 days', "
                    " 'delivered'),"
                    "(:e, 'public', 2, 'article.failed', '{}', now() - interval '31 days', "
                    " 'pending'),"
                    "(:e, 'public', 3, 'article.completed', '{}', now() - interval '29 days', "
                    " 'failed')"
                ),
                {"e": endpoint["id"]},
            )
        await app.services.webhooks.start()  # purges on its first idle round
        for _ in range(500):
            async with db_engine.connect() as conn:
                left = (
                    await conn.execute(text("SELECT article_id FROM webhook_events ORDER BY 1"))
                ).scalars()
                kept = list(left)
            if kept == [2, 3]:
                break
            await asyncio.sleep(0.02)
    assert kept == [2, 3]  # the undelivered one stays, whatever its age


async def test_a_receiver_that_does_not_answer_in_time_is_tried_again(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = hook_settings(migrated_url, webhook_timeout_s=0.5)
    async with receiver() as hook, running_app(settings) as (_, client):
        hook.delays = [3.0]
        endpoint = await register(client, hook.url)
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "completed")
        await hook.wait_for(1)
        await attempts_recorded(db_engine, 2)
        log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
    assert [a["error"] for a in log] == [None, "no answer within 0.5 s"]
    assert log[1]["status_code"] is None
    assert 400 <= log[1]["duration_ms"] < 3000


async def test_an_event_that_cannot_be_sent_does_not_stop_the_others(
    migrated_url: str, db_engine: AsyncEngine
):
    async with receiver() as hook, running_app(hook_settings(migrated_url)) as (_, client):
        endpoint = await register(client, hook.url)
        async with db_engine.begin() as conn:  # a row no trigger would write: data is empty
            await conn.execute(
                text(
                    "INSERT INTO webhook_events (endpoint_id, tenant, article_id, event_type, "
                    "data) VALUES (:e, 'public', 424242, 'article.completed', '{}')"
                ),
                {"e": endpoint["id"]},
            )
        article_id = await new_article(db_engine)
        await set_status(db_engine, article_id, "completed")
        [delivery] = await hook.wait_for(1)
        await attempts_recorded(db_engine, 2)
        log = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries")).json()["items"]
    assert delivery.json["data"]["id"] == article_id
    broken = [a for a in log if a["article_id"] == 424242]
    assert broken[0]["error"] == "internal error (KeyError)"
    assert broken[0]["next_attempt_at"] is not None
