"""Cheap polling: ETag/304, Retry-After hints, long-poll, batch status, idempotent uploads."""

from __future__ import annotations

import asyncio

import httpx2
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.main import create_app
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, running_app, served, upload, wait_terminal

SPEC = "Datasheet\nNet weight: 40 g\nMaterial: PA66 GF30\n"


async def test_status_etag_answers_304_until_it_changes(settings: Settings, db_engine: AsyncEngine):
    analyzer = ScriptedAnalyzer(delay_s=0.5)
    async with running_app(settings, analyzer=analyzer) as (app, client):
        await app.services.processor.stop(0)  # hold the article in `pending`
        article = await upload(client, SPEC)
        url = f"/api/articles/{article['id']}/status"
        first = await client.get(url)
        etag = first.headers["etag"]
        assert first.headers["retry-after"] == "2"

        unchanged = await client.get(url, headers={"If-None-Match": etag})
        assert unchanged.status_code == 304
        assert unchanged.content == b""
        assert unchanged.headers["etag"] == etag

        async with db_engine.begin() as conn:
            await conn.exec_driver_sql(
                f"UPDATE articles SET progress = 50, updated_at = now() WHERE id = {article['id']}"
            )
        changed = await client.get(url, headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert changed.headers["etag"] != etag
        assert changed.json()["progress"] == 50


async def test_terminal_status_has_no_retry_hint(client: httpx2.AsyncClient):
    article = await upload(client, SPEC)
    await wait_terminal(client, article["id"])
    response = await client.get(f"/api/articles/{article['id']}/status")
    assert "retry-after" not in response.headers


async def test_upload_links_to_article_and_status(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "x"},
        files={"productSpecification": ("s.txt", SPEC.encode())},
    )
    article_id = response.json()["id"]
    assert response.headers["location"] == f"/api/articles/{article_id}"
    assert response.headers["x-status-url"] == f"/api/articles/{article_id}/status"
    assert f"</api/articles/{article_id}/status>" in response.headers["link"]


async def test_batch_status_returns_many_in_one_call(client: httpx2.AsyncClient):
    ids = [(await upload(client, SPEC, name=f"b{i}"))["id"] for i in range(3)]
    response = await client.get(f"/api/articles/status?ids={ids[2]},{ids[0]},999999,{ids[1]}")
    assert response.status_code == 200
    body = response.json()
    assert sorted(item["id"] for item in body["items"]) == sorted(ids)
    assert body["missing"] == [999999]
    assert set(body["items"][0]) >= {"processing_status", "progress", "updated_at"}


async def test_batch_status_validates_ids(client: httpx2.AsyncClient):
    for query in ("ids=", "ids=a,b", "ids=" + ",".join(str(i) for i in range(1, 102)), "ids=0"):
        response = await client.get(f"/api/articles/status?{query}")
        assert response.status_code == 422, query
        assert response.json()["errors"][0]["field"] == "ids"


async def test_same_idempotency_key_returns_the_first_article(
    settings: Settings, db_engine: AsyncEngine
):
    analyzer = ScriptedAnalyzer()
    async with running_app(settings, analyzer=analyzer) as (_, client):
        send = {
            "data": {"articleName": "Pump housing"},
            "files": {"productSpecification": ("s.txt", SPEC.encode())},
            "headers": {"Idempotency-Key": "upload-7f3a"},
        }
        first = await client.post("/api/analyze", **send)
        second = await client.post("/api/analyze", **send)
        assert first.status_code == second.status_code == 201
        assert second.json()["id"] == first.json()["id"]
        assert second.headers["idempotent-replayed"] == "true"
        await wait_terminal(client, first.json()["id"])
        await asyncio.sleep(0.3)
        listed = (await client.get("/api/articles")).json()
    assert listed["total"] == 1
    assert analyzer.calls == ["Pump housing"]


async def test_same_idempotency_key_with_another_body_is_409(client: httpx2.AsyncClient):
    headers = {"Idempotency-Key": "k-1"}
    first = await client.post(
        "/api/analyze",
        data={"articleName": "A"},
        files={"productSpecification": ("s.txt", b"one")},
        headers=headers,
    )
    assert first.status_code == 201
    other = await client.post(
        "/api/analyze",
        data={"articleName": "A"},
        files={"productSpecification": ("s.txt", b"two")},
        headers=headers,
    )
    assert other.status_code == 409
    assert other.headers["content-type"].startswith("application/problem+json")


async def test_idempotency_key_expires_after_24_hours(
    client: httpx2.AsyncClient, db_engine: AsyncEngine
):
    send = {
        "data": {"articleName": "A"},
        "files": {"productSpecification": ("s.txt", b"same")},
        "headers": {"Idempotency-Key": "old"},
    }
    first = (await client.post("/api/analyze", **send)).json()
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            f"UPDATE articles SET created_at = now() - interval '25 hours' WHERE id = {first['id']}"
        )
    again = await client.post("/api/analyze", **send)
    assert again.status_code == 201
    assert again.json()["id"] != first["id"]
    assert "idempotent-replayed" not in again.headers


async def test_concurrent_retries_with_one_key_create_one_article(client: httpx2.AsyncClient):
    async def send() -> httpx2.Response:
        return await client.post(
            "/api/analyze",
            data={"articleName": "Race"},
            files={"productSpecification": ("s.txt", b"race body")},
            headers={"Idempotency-Key": "race"},
        )

    responses = await asyncio.gather(*(send() for _ in range(5)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1


# Long-poll. A bound of a few seconds only catches a poll that hangs until its wait ends.
ANSWERS_WITHIN_S = 10


async def _waiting(app, count: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(500):
        if app.services.broadcaster.waiters == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never {count} waiters: {app.services.broadcaster.waiters}")


async def _set_progress(db_engine: AsyncEngine, article_id: int, progress: int) -> None:
    async with db_engine.begin() as conn:
        await conn.exec_driver_sql(
            f"UPDATE articles SET progress = {progress}, updated_at = now() WHERE id = {article_id}"
        )


async def test_long_poll_answers_at_the_next_change_relative_to_the_etag(
    settings: Settings, db_engine: AsyncEngine
):
    async with running_app(settings) as (app, client):
        await app.services.processor.stop(0)
        article = await upload(client, SPEC)
        url = f"/api/articles/{article['id']}/status"
        old_etag = (await client.get(url)).headers["etag"]
        await _set_progress(db_engine, article["id"], 10)
        # Already different from the client's ETag: at once, with the new state.
        missed = await asyncio.wait_for(
            client.get(url, params={"wait": 60}, headers={"If-None-Match": old_etag}),
            ANSWERS_WITHIN_S,
        )
        assert missed.status_code == 200
        assert missed.json()["progress"] == 10
        # Equal to the current ETag: waits for the next change.
        poll = asyncio.create_task(
            client.get(url, params={"wait": 60}, headers={"If-None-Match": missed.headers["etag"]})
        )
        await _waiting(app, 1)
        await asyncio.sleep(0.2)
        assert not poll.done()
        await _set_progress(db_engine, article["id"], 20)
        changed = await asyncio.wait_for(poll, ANSWERS_WITHIN_S)
        assert changed.json()["progress"] == 20
        assert changed.headers["etag"] != missed.headers["etag"]


async def test_long_poll_ends_with_the_current_state_when_the_wait_is_over(
    settings: Settings, db_engine: AsyncEngine
):
    async with running_app(settings) as (app, client):
        await app.services.processor.stop(0)
        article = await upload(client, SPEC)
        url = f"/api/articles/{article['id']}/status"
        etag = (await client.get(url)).headers["etag"]
        response = await client.get(url, params={"wait": 0.3})
        assert response.status_code == 200
        assert response.headers["etag"] == etag
        with_etag = await client.get(url, params={"wait": 0.3}, headers={"If-None-Match": etag})
        assert with_etag.status_code == 200
        assert with_etag.headers["etag"] == etag
        assert response.json()["processing_status"] == "pending"


async def test_long_poll_on_a_finished_article_answers_at_once(client: httpx2.AsyncClient):
    article = await upload(client, SPEC)
    done = await wait_terminal(client, article["id"])
    url = f"/api/articles/{article['id']}/status"
    response = await asyncio.wait_for(client.get(url, params={"wait": 60}), ANSWERS_WITHIN_S)
    assert response.status_code == 200
    assert response.json()["processing_status"] == done["processing_status"]
    same = await asyncio.wait_for(
        client.get(url, params={"wait": 60}, headers={"If-None-Match": response.headers["etag"]}),
        ANSWERS_WITHIN_S,
    )
    assert same.status_code == 304


async def test_long_polls_hold_no_connection_and_are_capped(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, max_long_poll_waiters=3)
    async with running_app(settings) as (app, client):
        await app.services.processor.stop(0)
        article = await upload(client, SPEC)
        url = f"/api/articles/{article['id']}/status"
        etag = {"If-None-Match": (await client.get(url)).headers["etag"]}
        polls = [
            asyncio.create_task(client.get(url, params={"wait": 60}, headers=etag))
            for _ in range(3)
        ]
        await _waiting(app, 3)
        pool = app.services.database.engine.pool
        for _ in range(200):  # their first reads may still be under way
            if pool.checkedout() == 0:
                break
            await asyncio.sleep(0.01)
        assert pool.checkedout() == 0  # waiting costs no connection
        assert not any(poll.done() for poll in polls)

        refused = await client.get(url, params={"wait": 60})
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "2"
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (await client.get(url)).status_code == 200  # plain polls are not capped

        await _set_progress(db_engine, article["id"], 70)
        answers = await asyncio.wait_for(asyncio.gather(*polls), ANSWERS_WITHIN_S)
        assert [a.json()["progress"] for a in answers] == [70, 70, 70]
        assert app.services.broadcaster.waiters == 0
        # Capacity is back once they have answered.
        again = await client.get(url, params={"wait": 0.1})
        assert again.status_code == 200


async def test_long_poll_is_tenant_isolated_and_validated(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, api_keys="team-a:key-aaaa,team-b:key-bbbb")
    async with running_app(settings) as (app, client):
        await app.services.processor.stop(0)
        created = await client.post(
            "/api/analyze",
            data={"articleName": "x"},
            files={"productSpecification": ("s.txt", SPEC.encode())},
            headers={"X-API-Key": "key-aaaa"},
        )
        url = f"/api/articles/{created.json()['id']}/status"
        stranger = await client.get(url, params={"wait": 1}, headers={"X-API-Key": "key-bbbb"})
        assert stranger.status_code == 404
        assert (await client.get(url, params={"wait": 1})).status_code == 401
        for wait in ("0", "61", "soon"):
            invalid = await client.get(
                url, params={"wait": wait}, headers={"X-API-Key": "key-aaaa"}
            )
            assert invalid.status_code == 422, wait
        assert app.services.broadcaster.waiters == 0


async def test_a_long_poll_on_an_article_deleted_meanwhile_is_404(
    settings: Settings, db_engine: AsyncEngine
):
    async with running_app(settings) as (app, client):
        await app.services.processor.stop(0)
        article = await upload(client, SPEC)
        url = f"/api/articles/{article['id']}/status"
        etag = {"If-None-Match": (await client.get(url)).headers["etag"]}
        poll = asyncio.create_task(client.get(url, params={"wait": 60}, headers=etag))
        await _waiting(app, 1)
        assert (await client.delete(f"/api/articles/{article['id']}")).status_code == 204
        response = await asyncio.wait_for(poll, ANSWERS_WITHIN_S)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_long_poll_over_real_http_from_another_writer(
    migrated_url: str, db_engine: AsyncEngine
):
    """Through uvicorn: the fast path leaves `?wait=` to the route, and a change written by
    another process (here: another connection) ends the wait via NOTIFY."""
    app = create_app(make_settings(migrated_url, run_processor=False))
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url, timeout=30) as http:
        article = await upload(http, SPEC)
        url = f"/api/articles/{article['id']}/status"
        plain = await http.get(url)
        poll = asyncio.create_task(
            http.get(url, params={"wait": "60"}, headers={"If-None-Match": plain.headers["etag"]})
        )
        await _waiting(app, 1)
        await _set_progress(db_engine, article["id"], 30)
        response = await asyncio.wait_for(poll, ANSWERS_WITHIN_S)
    assert response.status_code == 200
    assert response.json()["progress"] == 30
    assert response.headers["etag"] != plain.headers["etag"]
