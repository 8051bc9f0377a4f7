"""Test helpers used across test modules."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from app.analyzers.base import (
    AnalysisRequest,
    AnalysisResult,
    Analyzer,
    CostShare,
    Evidence,
    MaterialFinding,
    WeightFinding,
)
from app.config import Settings
from app.core.embedded_postgres import EmbeddedPostgres
from app.extraction.runner import DocumentExtractor
from app.main import CostModelApp, create_app

TERMINAL = {"completed", "failed"}
PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class DatabaseServer:
    url: str
    embedded: EmbeddedPostgres | None


@asynccontextmanager
async def running_app(
    settings: Settings,
    *,
    analyzer: Analyzer | None = None,
    extractor: DocumentExtractor | None = None,
) -> AsyncIterator[tuple[CostModelApp, httpx2.AsyncClient]]:
    app = create_app(settings, analyzer=analyzer, extractor=extractor)
    async with app.router.lifespan_context(app) as state:
        transport = httpx2.ASGITransport(app=with_lifespan_state(app, state))
        async with httpx2.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield app, http


def with_lifespan_state(app: ASGIApp, state: Mapping[str, Any]) -> ASGIApp:
    """What a server does with the lifespan's state: a copy in every request's scope."""

    async def call(scope: Scope, receive: Receive, send: Send) -> None:
        await app({**scope, "state": dict(state)}, receive, send)

    return call


async def upload(
    client: httpx2.AsyncClient,
    text: str | bytes,
    *,
    name: str = "Test article",
    filename: str = "spec.txt",
    description: str | None = None,
    drawing: tuple[str, bytes] | None = None,
    prefix: str = "/api",
) -> dict[str, Any]:
    content = text.encode() if isinstance(text, str) else text
    files: dict[str, tuple[str, bytes, str]] = {
        "productSpecification": (filename, content, "application/octet-stream")
    }
    if drawing is not None:
        files["drawing"] = (drawing[0], drawing[1], "application/octet-stream")
    data = {"articleName": name}
    if description is not None:
        data["description"] = description
    response = await client.post(f"{prefix}/analyze", data=data, files=files)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def wait_terminal(
    client: httpx2.AsyncClient, article_id: int, *, within_s: float = 30.0, prefix: str = "/api"
) -> dict[str, Any]:
    """Poll the status endpoint like the frontend does, until completed or failed."""
    deadline = time.monotonic() + within_s
    while True:
        response = await client.get(f"{prefix}/articles/{article_id}/status")
        assert response.status_code == 200, response.text
        status: dict[str, Any] = response.json()
        if status["processing_status"] in TERMINAL:
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"article {article_id} not terminal after {within_s}s: {status}")
        await asyncio.sleep(0.05)


class ScriptedAnalyzer:
    """A controllable analyzer for processor tests: waits, fails on cue, records each call.

    The real analyzers are tested on their own; here the subject is the processor around them.
    """

    def __init__(
        self,
        *,
        delay_s: float = 0.0,
        errors: list[BaseException] | None = None,
        method: str = "scripted",
    ) -> None:
        self.delay_s = delay_s
        self.errors = list(errors or [])
        self.calls: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._method = method

    @property
    def method(self) -> str:
        return self._method

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        self.calls.append(request.article_name)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay_s)
            if self.errors:
                raise self.errors.pop(0)
        finally:
            self.in_flight -= 1
        codes = {index.code for index in request.catalogue}
        assert {"steel", "labour", "electricity"} <= codes
        return AnalysisResult(
            method=self.method,
            weight=WeightFinding(
                grams=250.0, evidence=Evidence(quote="Weight: 250 g", location="text", confidence=1)
            ),
            materials=[
                MaterialFinding(index_code="steel", name="steel", mass_share=1.0, evidence=None)
            ],
            cost_shares=[
                CostShare("steel", 0.6),
                CostShare("labour", 0.3),
                CostShare("electricity", 0.1),
            ],
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """The real service in its own process (`python -m app serve` or `./start.sh`)."""

    def __init__(self, env: dict[str, str], *, command: list[str] | None = None) -> None:
        self.port = int(env.get("CMS_PORT") or free_port())
        self.env = {**os.environ, **env, "CMS_PORT": str(self.port), "CMS_HOST": "127.0.0.1"}
        self.command = command or [sys.executable, "-m", "app", "serve"]
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="cms-server-", suffix=".log")[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_timeout: float = 90.0) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT
        )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.log()}")
            try:
                if httpx2.get(f"{self.base_url}/ready", timeout=1).status_code == 200:
                    return
            except httpx2.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server not ready after {ready_timeout}s:\n{self.log()}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)

    def terminate(self, timeout: float = 60.0) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def log(self, tail: int | None = 5000) -> str:
        """The server's output: its last `tail` characters (for an assertion message), or all
        of it (`tail=None`) for a line written once at start-up."""
        text = self.log_path.read_text(errors="replace")
        return text if tail is None else text[-tail:]

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@asynccontextmanager
async def served(app: FastAPI) -> AsyncIterator[str]:
    """Serve an app with uvicorn on a loopback port inside this event loop; yields its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    )
    # Leave the test runner's signal handlers alone.
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def read_sse(response: httpx2.Response) -> AsyncIterator[tuple[str, str]]:
    """(event, data) pairs from a streaming text/event-stream response."""
    event, data = "message", []
    async for line in response.aiter_lines():
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())


def model_server_env(database_url: str, model_base_url: str, **settings: str) -> dict[str, str]:
    """Environment for a real server process analysing with a (fake) OpenAI-compatible model."""
    env = {
        "CMS_DATABASE_URL": database_url,
        "CMS_OPENAI_API_KEY": "test-key",
        "CMS_OPENAI_BASE_URL": model_base_url,
        "CMS_POLL_INTERVAL_S": "0.2",
        "CMS_PARSER_WORKERS": "0",
    }
    env.update({f"CMS_{name.upper()}": value for name, value in settings.items()})
    return env


async def batch_statuses(http: httpx2.AsyncClient, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Statuses by id through the batch endpoint (100 ids per call)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 100):
        chunk = ",".join(map(str, ids[start : start + 100]))
        response = await http.get(f"/api/articles/status?ids={chunk}")
        response.raise_for_status()
        found.update({s["id"]: s for s in response.json()["items"]})
    return found


async def wait_for_state(
    client: httpx2.AsyncClient,
    article_id: int,
    *,
    status: str | None = None,
    stage: str | None = None,
    within_s: float = 10.0,
    prefix: str = "/api",
) -> dict[str, Any]:
    """Poll until the article is in this status and/or stage; fail if it never gets there."""
    deadline = time.monotonic() + within_s
    while True:
        current: dict[str, Any] = (
            await client.get(f"{prefix}/articles/{article_id}/status")
        ).json()
        if (status is None or current["processing_status"] == status) and (
            stage is None or current["processing_stage"] == stage
        ):
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"article {article_id} never reached {status}/{stage}: {current}")
        await asyncio.sleep(0.02)
