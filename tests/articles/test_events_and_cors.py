"""Push updates over SSE (across replicas), CORS for a frontend on another origin, limits."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.articles.event_tokens import EventTokenSigner
from app.errors import UnauthorizedError
from app.main import create_app
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, read_sse, running_app, served, upload

SPEC = "Datasheet\nNet weight: 75 g\nMaterial: ABS\n"


async def test_events_stream_every_change_and_close_when_done(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url)
    app = create_app(settings, analyzer=ScriptedAnalyzer(delay_s=0.4))
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url, timeout=30) as http:
        article = await upload(http, SPEC)
        seen = []
        async with http.stream("GET", f"/api/articles/{article['id']}/events") as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            async for event, data in read_sse(response):
                assert event == "status"
                seen.append(httpx2.Response(200, content=data).json())
    stages = [s["processing_stage"] for s in seen]
    assert seen[-1]["processing_status"] == "completed"
    assert "extracting_metadata" in stages
    assert len(seen) >= 3


async def test_events_reach_a_client_of_another_replica(migrated_url: str, db_engine: AsyncEngine):
    """Replica A only serves the API; replica B does the work. A hears B's changes via NOTIFY."""
    api_only = make_settings(migrated_url, run_processor=False)
    worker = make_settings(migrated_url)
    analyzer = ScriptedAnalyzer(delay_s=0.3)
    async with (
        served(create_app(api_only)) as url_a,
        running_app(worker, analyzer=analyzer) as (app_b, _),
        httpx2.AsyncClient(base_url=url_a, timeout=30) as http_a,
    ):
        await app_b.services.processor.stop(0)  # B starts working only once A's stream is open
        article = await upload(http_a, SPEC)
        arrivals: list[tuple[float, dict]] = []

        async def listen() -> None:
            async with http_a.stream("GET", f"/api/articles/{article['id']}/events") as response:
                async for _, data in read_sse(response):
                    arrivals.append((time.monotonic(), httpx2.Response(200, content=data).json()))

        listener = asyncio.create_task(listen())
        await asyncio.sleep(0.5)
        started = time.monotonic()
        await app_b.services.processor.start()
        await asyncio.wait_for(listener, timeout=20)

    assert arrivals[0][1]["processing_status"] == "pending"
    assert arrivals[-1][1]["processing_status"] == "completed"
    # Far sooner than A's 10 s safety re-check: the NOTIFY from B's writes woke the stream.
    assert arrivals[-1][0] - started < 5
    assert analyzer.calls == ["Test article"]


async def test_events_for_unknown_article_is_404(client: httpx2.AsyncClient):
    response = await client.get("/api/articles/424242/events")
    assert response.status_code == 404


async def test_cors_allows_the_configured_origin_only(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, cors_origins="https://app.example.com")
    async with running_app(settings) as (_, client):
        preflight = await client.options(
            "/api/analyze",
            headers={
                "Origin": "https://app.example.com",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,idempotency-key,authorization",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://app.example.com"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()

        created = await client.post(
            "/api/analyze",
            data={"articleName": "x"},
            files={"productSpecification": ("s.txt", SPEC.encode())},
            headers={"Origin": "https://app.example.com"},
        )
        assert created.headers["access-control-allow-origin"] == "https://app.example.com"
        assert "location" in created.headers["access-control-expose-headers"].lower()

        foreign = await client.get("/api/articles", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in foreign.headers


async def test_default_allows_no_foreign_origin(client: httpx2.AsyncClient):
    preflight = await client.options(
        "/api/analyze",
        headers={"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


async def test_oversized_body_is_refused_before_it_is_read(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, max_upload_bytes=10_000)
    app = create_app(settings)
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url) as http:
        sent = 0

        async def endless_body():  # a chunked upload with no Content-Length
            nonlocal sent
            yield (
                b'--zzz\r\nContent-Disposition: form-data; name="productSpecification"; '
                b'filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'
            )
            for _ in range(10_000):
                sent += 64 * 1024
                yield b"x" * (64 * 1024)
                await asyncio.sleep(0)

        try:
            response = await http.post(
                "/api/analyze",
                content=endless_body(),
                headers={"Content-Type": "multipart/form-data; boundary=zzz"},
            )
            assert response.status_code == 413
        except httpx2.HTTPError:
            pass  # the server may close the connection once it has answered
        assert sent < 20 * 1024 * 1024, "the server kept reading a body far over the limit"

        declared = await http.post(
            "/api/analyze",
            content=b"x" * 1_000_000,
            headers={"Content-Type": "multipart/form-data; boundary=zzz"},
        )
        assert declared.status_code == 413
        assert declared.headers["content-type"].startswith("application/problem+json")


async def test_upload_rate_limit_answers_429_with_retry_after(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url, rate_limit_uploads="3/minute")
    async with running_app(settings) as (_, client):
        statuses = []
        for _ in range(4):
            response = await client.post(
                "/api/analyze",
                data={"articleName": "x"},
                files={"productSpecification": ("s.txt", b"text")},
            )
            statuses.append(response.status_code)
        assert statuses == [201, 201, 201, 429]
        assert int(response.headers["retry-after"]) >= 1
        # reads are not limited
        assert (await client.get("/api/articles")).status_code == 200


@pytest.mark.parametrize("prefix_env", ["CMS_API_PREFIX", "CMS_API_V1_PREFIX"])
async def test_api_prefix_is_configurable(
    migrated_url: str, db_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch, prefix_env: str
):
    monkeypatch.setenv(prefix_env, "/v1")
    settings = make_settings(migrated_url)
    async with running_app(settings) as (_, client):
        assert (await client.get("/v1/indices")).status_code == 200
        assert (await client.get("/api/indices")).status_code == 404


async def test_a_disconnected_event_client_leaves_nothing_behind(
    migrated_url: str, db_engine: AsyncEngine
):
    settings = make_settings(migrated_url)
    app = create_app(settings, analyzer=ScriptedAnalyzer(delay_s=30))
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url, timeout=10) as http:
        await app.services.processor.stop(0)
        article = await upload(http, SPEC)
        broadcaster = app.services.broadcaster
        for _ in range(5):
            async with http.stream("GET", f"/api/articles/{article['id']}/events") as response:
                async for event, _ in read_sse(response):
                    assert event == "status"
                    break  # the browser tab closes
        for _ in range(100):
            if broadcaster.watched == 0:
                break
            await asyncio.sleep(0.05)
        assert broadcaster.watched == 0


KEYS = "team-a:key-aaaa,team-b:key-bbbb"
TEAM_A = {"Authorization": "Bearer key-aaaa"}
TEAM_B = {"X-API-Key": "key-bbbb"}
SIGNING_KEY = "a-signing-key-shared-by-replicas"


async def _token(http: httpx2.AsyncClient, article_id: int, headers: dict[str, str]) -> dict:
    response = await http.post(f"/api/articles/{article_id}/events-token", headers=headers)
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


async def test_a_browser_opens_the_stream_with_an_events_token(
    migrated_url: str, db_engine: AsyncEngine
):
    """EventSource sends no headers: the token in the URL is its credential."""
    settings = make_settings(migrated_url, api_keys=KEYS)
    app = create_app(settings, analyzer=ScriptedAnalyzer(delay_s=0.3))
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url, timeout=30) as http:
        created = await http.post(
            "/api/analyze",
            data={"articleName": "Clip"},
            files={"productSpecification": ("s.txt", SPEC.encode())},
            headers=TEAM_A,
        )
        article_id = created.json()["id"]
        assert (await http.get(f"/api/articles/{article_id}/events")).status_code == 401

        issued = await _token(http, article_id, TEAM_A)
        assert issued["url"] == f"/api/articles/{article_id}/events?token={issued['token']}"
        seen = []
        async with http.stream("GET", issued["url"]) as response:  # no key, no Authorization
            assert response.status_code == 200
            async for event, data in read_sse(response):
                assert event == "status"
                seen.append(httpx2.Response(200, content=data).json())
    assert seen[-1]["processing_status"] == "completed"
    assert all(s["id"] == article_id for s in seen)


async def test_events_tokens_that_must_not_open_a_stream(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, api_keys=KEYS, signing_key=SIGNING_KEY)
    app = create_app(settings, analyzer=ScriptedAnalyzer(delay_s=30))
    async with served(app) as base_url, httpx2.AsyncClient(base_url=base_url, timeout=10) as http:
        await app.services.processor.stop(0)
        ids = []
        for headers in (TEAM_A, TEAM_A, TEAM_B):
            created = await http.post(
                "/api/analyze",
                data={"articleName": "Clip"},
                files={"productSpecification": ("s.txt", SPEC.encode())},
                headers=headers,
            )
            ids.append(created.json()["id"])
        a1, a2, b1 = ids
        token = (await _token(http, a1, TEAM_A))["token"]

        async def status_of(article_id: int, token: str) -> int:
            async with http.stream(
                "GET", f"/api/articles/{article_id}/events", params={"token": token}
            ) as response:
                return response.status_code

        assert await status_of(a1, token) == 200
        # For another article, even one of the same tenant: 401, whether or not it exists.
        assert await status_of(a2, token) == 401
        assert await status_of(999_999, token) == 401
        tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
        assert await status_of(a1, tampered) == 401
        assert await status_of(a1, "v1.garbage") == 401
        # Expired: issued by a replica with the same key, long enough ago.
        past = EventTokenSigner(SIGNING_KEY.encode(), ttl_s=300, clock=lambda: time.time() - 301)
        expired, expires_at = past.issue(tenant="team-a", article_id=a1)
        assert expires_at < datetime.now(UTC)
        assert await status_of(a1, expired) == 401
        # Same key, another replica's token: accepted (replicas share CMS_SIGNING_KEY).
        replica = EventTokenSigner(SIGNING_KEY.encode(), ttl_s=300)
        assert await status_of(a1, replica.issue(tenant="team-a", article_id=a1)[0]) == 200
        # A token bound to tenant B for A's article id finds nothing: 404 as for any stranger.
        crossed = replica.issue(tenant="team-b", article_id=a1)[0]
        assert await status_of(a1, crossed) == 404
        # Tenant B can get a token for its own article only.
        no_token = await http.post(f"/api/articles/{a1}/events-token", headers=TEAM_B)
        assert no_token.status_code == 404
        assert (await _token(http, b1, TEAM_B))["token"]
        assert (await http.post(f"/api/articles/{a1}/events-token")).status_code == 401


def test_without_a_signing_key_each_process_signs_with_its_own(migrated_url: str):
    settings = make_settings(migrated_url)
    one, other = EventTokenSigner.from_settings(settings), EventTokenSigner.from_settings(settings)
    token, _ = one.issue(tenant="t", article_id=5)
    assert one.verify(token, article_id=5) == "t"
    with pytest.raises(UnauthorizedError):
        other.verify(token, article_id=5)
