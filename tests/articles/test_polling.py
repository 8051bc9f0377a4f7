"""Cheap polling: ETag/304, Retry-After hints, batch status, and idempotent uploads."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from tests.support import ScriptedAnalyzer, running_app, upload, wait_terminal

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


async def test_terminal_status_has_no_retry_hint(client: httpx.AsyncClient):
    article = await upload(client, SPEC)
    await wait_terminal(client, article["id"])
    response = await client.get(f"/api/articles/{article['id']}/status")
    assert "retry-after" not in response.headers


async def test_upload_links_to_article_and_status(client: httpx.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "x"},
        files={"productSpecification": ("s.txt", SPEC.encode())},
    )
    article_id = response.json()["id"]
    assert response.headers["location"] == f"/api/articles/{article_id}"
    assert response.headers["x-status-url"] == f"/api/articles/{article_id}/status"
    assert f"</api/articles/{article_id}/status>" in response.headers["link"]


async def test_batch_status_returns_many_in_one_call(client: httpx.AsyncClient):
    ids = [(await upload(client, SPEC, name=f"b{i}"))["id"] for i in range(3)]
    response = await client.get(f"/api/articles/status?ids={ids[2]},{ids[0]},999999,{ids[1]}")
    assert response.status_code == 200
    body = response.json()
    assert sorted(item["id"] for item in body["items"]) == sorted(ids)
    assert body["missing"] == [999999]
    assert set(body["items"][0]) >= {"processing_status", "progress", "updated_at"}


async def test_batch_status_validates_ids(client: httpx.AsyncClient):
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


async def test_same_idempotency_key_with_another_body_is_409(client: httpx.AsyncClient):
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
    client: httpx.AsyncClient, db_engine: AsyncEngine
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


async def test_concurrent_retries_with_one_key_create_one_article(client: httpx.AsyncClient):
    async def send() -> httpx.Response:
        return await client.post(
            "/api/analyze",
            data={"articleName": "Race"},
            files={"productSpecification": ("s.txt", b"race body")},
            headers={"Idempotency-Key": "race"},
        )

    responses = await asyncio.gather(*(send() for _ in range(5)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
