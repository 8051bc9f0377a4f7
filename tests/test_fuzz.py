"""Schemathesis against the app's own OpenAPI schema: no 5xx, no response that breaks the schema.

The app runs with its lifespan (database, processor) under uvicorn on a loopback port in a
thread with its own event loop, so the asyncpg pool lives on that loop and the synchronous
schemathesis calls (requests) never touch the test session's loop. Every operation gets a
bounded number of examples (positive and negative), derandomised so CI runs are repeatable.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import create_async_engine

from app.errors import DEFAULT_PROBLEM_BASE_URI, PROBLEM_TYPES
from app.main import create_app
from tests.conftest import make_settings
from tests.support import free_port

MAX_EXAMPLES = 25
STATEFUL_EXAMPLES = 15  # scenarios: upload, then what the links allow on the new article
PROBLEM_BASE_URI = DEFAULT_PROBLEM_BASE_URI
REQUEST_TIMEOUT_S = 20  # the SSE route streams until the article is finished


def _empty_tables(url: str) -> None:
    """TRUNCATE on a loop of its own, in a thread: the test session's loop stays untouched."""

    async def truncate() -> None:
        engine = create_async_engine(url, pool_size=1, max_overflow=0)
        try:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(
                    "TRUNCATE articles, analysis_cache, llm_usage RESTART IDENTITY CASCADE"
                )
        finally:
            await engine.dispose()

    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(truncate())
        except BaseException as exc:  # reported below, in the fixture's thread
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if errors:
        raise errors[0]


@contextlib.contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """uvicorn (lifespan on) in a background thread with its own loop; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    )
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    thread = threading.Thread(target=server.run, name="fuzz-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn exited before it started (see the log)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("uvicorn did not start within 60 s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def base_url(migrated_url: str) -> Iterator[str]:
    """The app serving on loopback, with two analysed articles so ids 1 and 2 exist."""
    _empty_tables(migrated_url)
    app = create_app(make_settings(migrated_url))
    with serve_in_thread(app) as url:
        with httpx2.Client(base_url=url, timeout=30) as http:
            for name, text in (
                ("Bracket", "Material: steel S235JR\nNet weight: 0,35 kg\n"),
                ("Housing", "Werkstoff: PA66 GF30\nGewicht: 120 g\n"),
            ):
                response = http.post(
                    "/api/analyze",
                    data={"articleName": name},
                    files={"productSpecification": ("spec.txt", text.encode(), "text/plain")},
                )
                assert response.status_code == 201, response.text
                article_id = response.json()["id"]
                deadline = time.monotonic() + 30
                while http.get(f"/api/articles/{article_id}/status").json()[
                    "processing_status"
                ] not in ("completed", "failed"):
                    assert time.monotonic() < deadline, "seed article not analysed in 30 s"
                    time.sleep(0.05)
        yield url


# The schema is the app's own, built without a database (create_app does not connect). Loaded
# eagerly: schemathesis's lazy `from_fixture` loader breaks on pytest 9 (`Node._nodeid`).
schema = schemathesis.openapi.from_dict(
    create_app(make_settings("postgresql+asyncpg://schema-only/unused")).openapi()
)
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce
    database=None,  # no .hypothesis directory in the repository
    suppress_health_check=list(HealthCheck),
)


@schemathesis.check
def problem_details(ctx: schemathesis.CheckContext, response: Any, case: Any) -> bool | None:
    """Every 4xx/5xx body is RFC 9457 problem+json with the status it was sent with (README).

    `response_schema_conformance` checks the schema; this checks the RFC 9457 rules on top.
    """
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/problem+json"), (
        f"{response.status_code} answered as {content_type!r}, not application/problem+json"
    )
    body = response.json()
    assert isinstance(body, dict), body
    assert body.get("status") == response.status_code, body
    assert isinstance(body.get("title"), str) and isinstance(body.get("detail"), str), body
    # An absolute URI naming a known problem type (README's error table, GET /problems/{slug}).
    problem_type = str(body.get("type", ""))
    assert problem_type.startswith(PROBLEM_BASE_URI), body
    assert problem_type.removeprefix(PROBLEM_BASE_URI) in PROBLEM_TYPES, body
    if response.status_code == 422:
        assert isinstance(body.get("errors"), list) and body["errors"], body
    return None


@schema.parametrize()
@FUZZ_SETTINGS
def test_no_server_error_and_responses_match_the_schema(
    case: schemathesis.Case, base_url: str
) -> None:
    response = case.call(base_url=base_url, timeout=REQUEST_TIMEOUT_S)
    case.validate_response(response, checks=CHECKS)


CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    problem_details,
]


def test_stateful_sequences_never_answer_a_server_error(base_url: str) -> None:
    """Schemathesis's stateful phase: chains of calls along the schema's links (upload →
    status, article, cost models, reprocess, cancel, delete, events on the new id)."""

    # The article's life (upload → status, article, corrections, reprocess, cancel, delete):
    # the catalogue and webhook routes are fuzzed statelessly above; their ids, created and
    # deleted by earlier examples, make hypothesis's replay of a sequence differ ("flaky").
    lifecycle = schema.include(path_regex=r"^/api/(analyze|articles)")

    class Sequences(lifecycle.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"base_url": base_url, "timeout": REQUEST_TIMEOUT_S}

        def validate_response(
            self, response: Any, case: schemathesis.Case, *args: Any, **kwargs: Any
        ) -> None:
            case.validate_response(response, checks=CHECKS)

    Sequences.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=5,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def test_fuzzed_uploads_all_finish_without_internal_errors(base_url: str) -> None:
    """What the fuzzer uploaded is analysed in the background: nothing may hang or crash there."""
    with httpx2.Client(base_url=base_url, timeout=30) as http:
        deadline = time.monotonic() + 60
        while True:
            page = http.get("/api/articles", params={"limit": 200})
            assert page.status_code == 200, page.text
            items = page.json()["items"]
            unfinished = [a for a in items if a["processing_status"] in ("pending", "processing")]
            if not unfinished:
                break
            assert time.monotonic() < deadline, f"not finished after 60 s: {unfinished[:3]}"
            time.sleep(0.2)
    assert items, "the fuzzer uploaded nothing that was accepted"
    crashed = [a for a in items if a["processing_error_code"] == "internal_error"]
    assert not crashed, crashed
