"""Status polls over real HTTP through the service's own HTTP protocol, which answers them
before the ASGI stack (`StatusFastPath` as the app's early responder): the same answers,
headers, request ids, metrics, tenant isolation and 503 as the route, and everything it does
not answer reaches the stack once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine

from app.articles.status_fast_path import StatusFastPath
from app.config import Settings
from app.core.embedded_postgres import EmbeddedPostgres
from app.http_protocol import limited_http_protocol
from app.main import CostModelApp, create_app
from tests.conftest import make_settings
from tests.support import ScriptedAnalyzer, free_port, upload, wait_terminal

SPEC = "Datasheet\nNet weight: 40 g\nMaterial: PA66 GF30\n"
POLLS = re.compile(
    r'cms_http_requests_total\{method="GET",route="/api/articles/\{article_id\}/status",'
    r'status="(\d+)"\} (\d+)\.0'
)


class Counted:
    """The app's ASGI stack, counting the requests that reach it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.paths: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


@asynccontextmanager
async def served(
    settings: Settings,
) -> AsyncIterator[tuple[CostModelApp, Counted, httpx2.AsyncClient]]:
    """The app served as `python -m app serve` serves it (its protocol, proxy headers, no
    uvicorn access log), in this event loop."""
    app = create_app(settings, analyzer=ScriptedAnalyzer())
    assert app.early_responder is not None
    stack = Counted(app.front)
    app.front = stack
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
            proxy_headers=True,
            lifespan="on",
            http=limited_http_protocol(settings),
        )
    )
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    task = asyncio.create_task(server.serve())
    async with asyncio.timeout(60):  # only to catch a hang
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
    try:
        async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            yield app, stack, http
    finally:
        server.should_exit = True
        await task


def polls_counted(metrics: str) -> dict[int, int]:
    return {int(status): int(count) for status, count in POLLS.findall(metrics)}


async def test_an_early_poll_skips_the_stack_and_answers_as_the_route(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    async with served(settings) as (_, stack, http):
        article = await upload(http, SPEC)
        await wait_terminal(http, article["id"])
        url = f"/api/articles/{article['id']}/status"
        stack.paths.clear()
        early = await http.get(url)
        assert stack.paths == []
        monkeypatch.setattr(StatusFastPath, "claim", lambda *_: None)  # the route answers
        route = await http.get(url)
        assert stack.paths == [url]
    assert early.status_code == route.status_code == 200
    assert early.content == route.content
    for name in ("etag", "cache-control", "content-type", "content-length"):
        assert early.headers[name] == route.headers[name], name
    assert "retry-after" not in early.headers


async def test_early_polls_keep_etag_retry_after_request_ids_and_metrics(settings: Settings):
    async with served(settings) as (app, stack, http):
        await app.services.processor.stop(0)  # hold the article in `pending`
        article = await upload(http, SPEC)
        url = f"/api/articles/{article['id']}/status"
        before = polls_counted((await http.get("/metrics")).text)
        stack.paths.clear()
        first = await http.get(url, headers={"X-Request-ID": "poll-42"})
        assert first.status_code == 200
        assert first.headers["retry-after"] == "2"
        assert first.headers["x-request-id"] == "poll-42"
        unchanged = await http.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert unchanged.status_code == 304
        assert unchanged.content == b""
        assert unchanged.headers["etag"] == first.headers["etag"]
        assert unchanged.headers["retry-after"] == "2"
        assert re.fullmatch(r"[0-9a-f]{32}", unchanged.headers["x-request-id"])
        insane = await http.get(url, headers={"X-Request-ID": "no spaces, please"})
        assert re.fullmatch(r"[0-9a-f]{32}", insane.headers["x-request-id"])
        assert stack.paths == []
        after = polls_counted((await http.get("/metrics")).text)
    assert after.get(200, 0) == before.get(200, 0) + 2
    assert after.get(304, 0) == before.get(304, 0) + 1


async def test_what_the_early_path_leaves_reaches_the_stack_once(settings: Settings):
    async with served(settings) as (app, stack, http):
        await app.services.processor.stop(0)
        article = await upload(http, SPEC)
        before = polls_counted((await http.get("/metrics")).text)
        stack.paths.clear()
        missing = await http.get("/api/articles/999999999/status", headers={"X-Request-ID": "m-1"})
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        assert missing.headers["x-request-id"] == "m-1"
        too_big = await http.get("/api/articles/9999999999/status")  # above the id range
        assert too_big.status_code in (404, 422)
        url = f"/api/articles/{article['id']}/status"
        waited = await http.get(f"{url}?wait=0.1")  # a long poll is the route's
        assert waited.status_code == 200
        assert (await http.head(url)).status_code in (200, 405)  # not claimed
        assert stack.paths == [
            "/api/articles/999999999/status",
            "/api/articles/9999999999/status",
            url,
            url,
        ]
        after = polls_counted((await http.get("/metrics")).text)
    assert after.get(404, 0) == before.get(404, 0) + 1  # once, not by both paths


KEYS = "team-a:key-aaaa,team-b:key-bbbb"


async def test_early_polls_are_tenant_isolated(migrated_url: str, db_engine: AsyncEngine):
    settings = make_settings(migrated_url, api_keys=KEYS)
    a = {"Authorization": "Bearer key-aaaa"}
    b = {"X-API-Key": "key-bbbb"}
    async with served(settings) as (_, stack, http):
        created = await http.post(
            "/api/analyze",
            data={"articleName": "x"},
            files={"productSpecification": ("s.txt", SPEC.encode())},
            headers=a,
        )
        assert created.status_code == 201, created.text
        url = f"/api/articles/{created.json()['id']}/status"
        stack.paths.clear()
        assert (await http.get(url, headers=a)).status_code == 200
        assert stack.paths == []
        anonymous = await http.get(url)
        assert anonymous.status_code == 401
        assert anonymous.headers["content-type"].startswith("application/problem+json")
        assert (await http.get(url, headers={"X-API-Key": "wrong"})).status_code == 401
        assert (await http.get(url, headers=b)).status_code == 404
        assert len(stack.paths) == 3  # each refusal answered by the route


@pytest.mark.slow
async def test_an_early_poll_answers_503_while_the_database_is_away(
    own_database: tuple[EmbeddedPostgres, str],
):
    database, url = own_database
    settings = make_settings(url, run_processor=False, status_pool_size=1, db_pool_size=2)
    async with served(settings) as (_, stack, http):
        article = await upload(http, SPEC)
        status_url = f"/api/articles/{article['id']}/status"
        assert (await http.get(status_url)).status_code == 200
        await asyncio.to_thread(database.stop, "fast")
        try:
            stack.paths.clear()
            answer = await http.get(status_url, headers={"X-Request-ID": "outage-1"})
            assert answer.status_code == 503
            assert answer.headers["retry-after"] == "2"
            assert answer.headers["x-request-id"] == "outage-1"
            assert answer.json()["type"].endswith("/service-unavailable")
            assert stack.paths == []  # answered early, without waiting for the route's pool
            assert polls_counted((await http.get("/metrics")).text).get(503, 0) >= 1
        finally:
            await asyncio.to_thread(database.restart_in_place)


async def test_an_early_poll_writes_its_access_log_line_at_debug(
    settings: Settings, caplog: pytest.LogCaptureFixture
):
    async with served(settings) as (app, stack, http):
        await app.services.processor.stop(0)
        article = await upload(http, SPEC)
        url = f"/api/articles/{article['id']}/status"
        with caplog.at_level(logging.DEBUG, logger="app.access"):
            stack.paths.clear()
            assert (await http.get(url)).status_code == 200
            assert stack.paths == []
    lines = [
        r
        for r in caplog.records
        if r.name == "app.access" and r.getMessage().endswith(f"GET {url} 200")
    ]
    assert len(lines) == 1
    assert lines[0].levelno == logging.DEBUG
    assert lines[0].route == "/api/articles/{article_id}/status"  # type: ignore[attr-defined]
    assert lines[0].status == 200  # type: ignore[attr-defined]
