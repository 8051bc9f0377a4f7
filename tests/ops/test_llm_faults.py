"""Model faults: timeouts, rate limits, outages, broken answers; the breaker; spend limits."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator

import httpx2
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from app.analyzers.guard import SpendLedger, SpendLimits
from tests.conftest import make_settings
from tests.fakes.fake_openai import FAULT_KINDS, FakeOpenAIServer
from tests.support import TERMINAL, batch_statuses, running_app, upload, wait_terminal

pytestmark = pytest.mark.slow


def llm_settings(url: str, fake: FakeOpenAIServer, **overrides: object):
    values: dict[str, object] = {
        "openai_api_key": "test-key",
        "openai_base_url": fake.base_url,
        "openai_timeout_s": 1.0,
        "openai_max_retries": 2,
        "llm_call_budget_s": 4.0,
        "retry_backoff_s": 0.05,
        "poll_interval_s": 0.05,
        # These tests watch how faults end; the offline fallback has tests of its own below.
        "llm_failure_fallback": "fail",
    }
    values.update(overrides)
    return make_settings(url, **values)


def spec(i: int) -> str:
    return f"Datasheet {i}\nArticle no. {1000 + i}\nNet weight: {100 + i} g\nMaterial: steel S235\n"


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(latency=0.01, hang_s=5.0, retry_after_ms=10) as server:
        yield server


async def _all_terminal(client: httpx2.AsyncClient, ids: list[int], within_s: float) -> dict:
    deadline = time.monotonic() + within_s
    while True:
        by_id = await batch_statuses(client, ids)
        if all(by_id[i]["processing_status"] in TERMINAL for i in ids):
            return by_id
        if time.monotonic() > deadline:
            stuck = Counter(s["processing_status"] for s in by_id.values())
            raise AssertionError(f"not all terminal after {within_s}s: {stuck}")
        await asyncio.sleep(0.2)


async def test_200_articles_under_30_percent_model_faults_all_end_and_95_percent_complete(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.fault_rate = 0.3
    fake.fault_kinds = FAULT_KINDS  # 429, 500, 503, timeout, drop, malformed, schema, empty
    fake.reseed(11)
    settings = llm_settings(
        migrated_url,
        fake,
        max_concurrent_jobs=25,
        max_attempts=4,
        llm_breaker_threshold=8,
        llm_breaker_cooldown_s=0.5,
    )
    async with running_app(settings) as (_, client):
        ids = [(await upload(client, spec(i), name=f"part {i}"))["id"] for i in range(200)]
        final = await _all_terminal(client, ids, within_s=240)
        failed = [s for s in final.values() if s["processing_status"] == "failed"]
        articles = [(await client.get(f"/api/articles/{i}")).json() for i in ids[:20]]

    completed = len(final) - len(failed)
    assert completed >= 190, (
        f"only {completed}/200 completed: {Counter(f['processing_error_code'] for f in failed)}"
    )
    for status in failed:
        assert status["processing_error_code"] in {
            "llm_rate_limited",
            "llm_unavailable",
            "llm_timeout",
            "llm_invalid_output",
        }
        assert status["processing_error"] and "Traceback" not in status["processing_error"]
    assert sum(fake.count(kind) for kind in FAULT_KINDS) > 30, "faults were not injected"
    for article in articles:
        if article["processing_status"] == "completed":
            assert article["prompt_tokens"] > 0
            assert abs(sum(c["part"] for c in article["cost_models"]) - 1) < 1e-9
            assert 1 <= article["attempts"] <= 4


async def test_every_fault_kind_ends_with_a_readable_named_error(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    expected = {
        "429": ("llm_rate_limited", "rate-limited"),
        "503": ("llm_unavailable", "503"),
        "timeout": ("llm_timeout", "timed out"),
        "drop": ("llm_unavailable", "could not be reached"),
        "malformed_json": ("llm_invalid_output", "invalid answer"),
        "schema_violation": ("llm_invalid_output", "invalid answer"),
        "empty_choices": ("llm_invalid_output", "invalid answer"),
    }
    settings = llm_settings(
        migrated_url, fake, max_attempts=1, openai_max_retries=1, llm_breaker_threshold=100
    )
    async with running_app(settings) as (_, client):
        for index, (kind, (code, words)) in enumerate(expected.items()):
            fake.fault_rate = 1.0
            fake.fault_kinds = (kind,)
            article = await upload(client, spec(index), name=kind)
            status = await wait_terminal(client, article["id"], within_s=30)
            assert status["processing_status"] == "failed", kind
            assert status["processing_error_code"] == code, (kind, status)
            assert words in status["processing_error"], (kind, status["processing_error"])


async def test_invalid_answers_are_never_stored(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.answer_override = {
        "weight": {
            "grams": -5,
            "quote": "Net weight: 105 g",
            "location": "specification",
            "basis": "net",
        },
        "materials": [],
        "cost_model": [{"index_code": "steel", "part": 3.0, "rationale": "x"}],
    }
    settings = llm_settings(migrated_url, fake, max_attempts=1)
    async with running_app(settings) as (_, client):
        article = await upload(client, spec(5))
        status = await wait_terminal(client, article["id"])
        full = (await client.get(f"/api/articles/{article['id']}")).json()
    assert status["processing_error_code"] == "llm_invalid_output"
    assert full["unit_weight"] is None
    assert full["cost_models"] == []


async def test_server_rejecting_json_schema_is_asked_with_json_object_once_per_server(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.reject_json_schema = True
    async with running_app(llm_settings(migrated_url, fake)) as (_, client):
        first = await upload(client, spec(1))
        assert (await wait_terminal(client, first["id"]))["processing_status"] == "completed"
        calls_after_first = fake.stats()["total_requests"]
        second = await upload(client, spec(2))
        assert (await wait_terminal(client, second["id"]))["processing_status"] == "completed"
    assert fake.stats()["total_requests"] == calls_after_first + 1  # no second rejection


async def test_breaker_opens_keeps_articles_pending_and_closes_after_a_good_probe(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.fault_rate = 1.0
    fake.fault_kinds = ("503",)
    settings = llm_settings(
        migrated_url,
        fake,
        max_concurrent_jobs=2,
        max_attempts=20,
        openai_max_retries=0,
        llm_breaker_threshold=3,
        llm_breaker_cooldown_s=1.0,
    )
    async with running_app(settings) as (_, client):
        ids = [(await upload(client, spec(i), name=f"b{i}"))["id"] for i in range(6)]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ready = (await client.get("/ready")).json()
            if ready["checks"]["llm"]["breaker"] != "closed":
                break
            await asyncio.sleep(0.05)
        assert ready["checks"]["llm"]["breaker"] in {"open", "half_open"}
        metrics = (await client.get("/metrics")).text
        assert "cms_llm_breaker_open 1.0" in metrics
        calls_when_open = fake.stats()["total_requests"]
        await asyncio.sleep(2.5)  # while open, at most one probe per cool-down
        assert fake.stats()["total_requests"] - calls_when_open <= 3
        batch = (await client.get(f"/api/articles/status?ids={','.join(map(str, ids))}")).json()
        # Every call fails, so nothing can complete; and nothing may fail: they wait.
        assert {s["processing_status"] for s in batch["items"]} <= {"pending", "processing"}
        assert len(batch["items"]) == len(ids)

        fake.fault_rate = 0.0  # the provider recovers: the next probe succeeds
        final = await _all_terminal(client, ids, within_s=30)
        assert (await client.get("/ready")).json()["checks"]["llm"]["breaker"] == "closed"
    assert {s["processing_status"] for s in final.values()} == {"completed"}


async def test_daily_token_budget_makes_articles_wait_and_holds_across_restarts(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    settings = llm_settings(migrated_url, fake, llm_tokens_per_day=1)
    async with running_app(settings) as (_, client):
        first = await upload(client, spec(1))
        assert (await wait_terminal(client, first["id"]))["processing_status"] == "completed"
        second = await upload(client, spec(2))
        await asyncio.sleep(1.0)
        status = (await client.get(f"/api/articles/{second['id']}/status")).json()
        assert status["processing_status"] == "pending"
        ready = (await client.get("/ready")).json()
        assert ready["checks"]["llm"]["tokens_today"] >= 1
        assert ready["checks"]["llm"]["tokens_per_day"] == 1
    calls = fake.stats()["total_requests"]

    # A restarted (or another) replica sees the same spend: still waiting, no model call.
    async with running_app(settings) as (_, client):
        await asyncio.sleep(1.0)
        status = (await client.get(f"/api/articles/{second['id']}/status")).json()
        assert status["processing_status"] == "pending"
    assert fake.stats()["total_requests"] == calls

    # With the offline fallback the waiting article is analysed offline, and says so.
    fallback = llm_settings(migrated_url, fake, llm_tokens_per_day=1, llm_budget_fallback="offline")
    async with running_app(fallback) as (_, client):
        async with db_engine.begin() as conn:
            await conn.exec_driver_sql("UPDATE articles SET available_at = now()")
        status = await wait_terminal(client, second["id"])
        article = (await client.get(f"/api/articles/{second['id']}")).json()
    assert status["processing_status"] == "completed"
    assert article["analysis_method"] == "offline:llm-budget-spent"
    assert article["prompt_tokens"] == 0
    needed, review = await _review(db_engine, second["id"])  # like any offline fallback
    assert needed and any("budget is spent" in reason for reason in review["reasons"])
    assert fake.stats()["total_requests"] == calls


async def test_requests_per_minute_are_shared_by_replicas(
    migrated_url: str, db_engine: AsyncEngine
):
    engine = create_async_engine(migrated_url)
    sessions = async_sessionmaker(engine)
    limits = SpendLimits(requests_per_minute=2, tokens_per_day=None, fallback_offline=False)
    replica_a, replica_b = SpendLedger(sessions, limits), SpendLedger(sessions, limits)
    try:
        assert await replica_a.reserve_request() is None
        assert await replica_b.reserve_request() is None
        wait = await replica_a.reserve_request()
    finally:
        await engine.dispose()
    assert wait is not None and 0 < wait <= 60.1


# --- servers as they are; the offline fallback; review on the model path ---------------------


async def _review(db_engine: AsyncEngine, article_id: int) -> tuple[bool, dict]:
    query = text("SELECT needs_review, extracted_metadata FROM articles WHERE id = :id")
    async with db_engine.connect() as conn:
        row = (await conn.execute(query, {"id": article_id})).one()
    return bool(row[0]), dict(row[1] or {}).get("review") or {}


async def test_llamacpp_server_completes_articles_with_max_tokens_and_one_format_rejection(
    migrated_url: str, db_engine: AsyncEngine
):
    # llama.cpp's server: ignores max_completion_tokens, answers json_schema with a plain 500,
    # and keeps generating after the answer until its cap or the context is full.
    with FakeOpenAIServer(mode="llamacpp", token_delay_s=0.001, context_tokens=4096) as server:
        # Each answer streams 300 tokens: time limits an order of magnitude above that, so a
        # busy machine slows the stream without turning it into timeouts and retries.
        settings = llm_settings(
            migrated_url,
            server,
            llm_max_output_tokens=300,
            max_concurrent_jobs=2,
            openai_timeout_s=20.0,
            llm_call_budget_s=60.0,
        )
        async with running_app(settings) as (_, client):
            ids = [(await upload(client, spec(i), name=f"l{i}"))["id"] for i in range(4)]
            final = await _all_terminal(client, ids, within_s=180)
            article = (await client.get(f"/api/articles/{ids[0]}")).json()
        bodies, streams = server.requests, server.streams
        rejected = server.count("rejected_json_schema")
        total = server.stats()["total_requests"]

    assert {s["processing_status"] for s in final.values()} == {"completed"}
    assert article["unit_weight"] == pytest.approx(0.1)
    # The rejection is learnt once for the process: only calls already in flight meet it.
    assert 1 <= rejected <= settings.max_concurrent_jobs
    assert total == len(ids) + rejected
    assert bodies[-1]["response_format"] == {"type": "json_object"}
    assert all(body["max_tokens"] == 300 for body in bodies)
    assert all("max_completion_tokens" not in body for body in bodies)
    assert all(body["stream"] for body in bodies)
    # Every answer ran on to the cap and stopped there, far below the context limit.
    assert streams and all(s["cap"] == 300 and s["generated"] == 300 for s in streams)


async def test_provider_down_completes_articles_offline_marked_for_review(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.fault_rate, fake.fault_kinds = 1.0, ("503",)
    settings = llm_settings(
        migrated_url,
        fake,
        llm_failure_fallback="offline",
        llm_failure_fallback_after_s=0.0,
        openai_max_retries=1,
        llm_breaker_threshold=2,
        max_concurrent_jobs=2,
    )
    async with running_app(settings) as (_, client):
        ids = [(await upload(client, spec(i), name=f"d{i}"))["id"] for i in range(5)]
        final = await _all_terminal(client, ids, within_s=60)
        articles = [(await client.get(f"/api/articles/{i}")).json() for i in ids]
        ready = (await client.get("/ready")).json()

    assert {s["processing_status"] for s in final.values()} == {"completed"}
    for index, article in enumerate(articles):
        assert article["analysis_method"] == "offline:llm-unavailable"
        assert article["unit_weight"] == pytest.approx((100 + index) / 1000)
        assert article["prompt_tokens"] == 0
        needed, review = await _review(db_engine, article["id"])
        assert needed and review["needed"]
        assert any("without the model" in reason for reason in review["reasons"])
    # The breaker opened: later articles went offline without calling the provider at all.
    assert ready["checks"]["llm"]["breaker"] in {"open", "half_open"}
    assert fake.stats()["total_requests"] < 2 * len(ids)


async def test_a_wrong_model_weight_is_marked_for_review_not_stored_silently(
    migrated_url: str, db_engine: AsyncEngine
):
    sheet = (
        "Datasheet\nArticle no. 77\nNet weight: 120 g\nGross weight (packed): 185 g\n"
        "Material: steel S235\n"
    )
    with FakeOpenAIServer(wrong_weight_rate=1.0, wrong_weight_style="other_quantity") as server:
        async with running_app(llm_settings(migrated_url, server)) as (_, client):
            article = await upload(client, sheet)
            status = await wait_terminal(client, article["id"])
        assert server.stats()["wrong_weights"] == 1

    assert status["processing_status"] == "completed"
    needed, review = await _review(db_engine, article["id"])
    assert needed
    assert review["weight_status"] == "ambiguous"
    by_grams = {c["grams"]: c for c in review["candidates"]}
    assert by_grams[185.0]["reason"].startswith("model's reading")
    assert not by_grams[120.0]["reason"].startswith("model's reading")
    assert any("disagree" in reason for reason in review["reasons"])


async def test_a_model_that_never_answers_validly_completes_offline_marked_for_review(
    migrated_url: str, db_engine: AsyncEngine, fake: FakeOpenAIServer
):
    fake.fault_rate, fake.fault_kinds = 1.0, ("malformed_json",)
    settings = llm_settings(migrated_url, fake, llm_failure_fallback="offline")
    async with running_app(settings) as (_, client):
        article = await upload(client, spec(3))
        status = await wait_terminal(client, article["id"])
        full = (await client.get(f"/api/articles/{article['id']}")).json()
        ready = (await client.get("/ready")).json()

    assert status["processing_status"] == "completed"
    assert full["analysis_method"] == "offline:llm-invalid-output"
    assert full["unit_weight"] == pytest.approx(0.103)
    needed, review = await _review(db_engine, article["id"])
    assert needed and any("no valid answer" in reason for reason in review["reasons"])
    assert ready["checks"]["llm"]["breaker"] == "closed"  # the provider did answer
