"""The model client against servers as they behave: llama.cpp, vLLM, Ollama and OpenAI's API.

Each test runs the real SDK over real HTTP against the fake server in one of its modes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from openai import AsyncOpenAI
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.analyzers.base import AnalysisError
from app.analyzers.guard import CircuitBreaker, GuardedAnalyzer, SpendLedger, SpendLimits
from app.analyzers.llm import ModelAnalyzer
from app.analyzers.llm.client import CapabilityRegistry, cap_names, is_openai_api
from tests.analyzers.test_openai_analyzer import REQUEST
from tests.fakes.fake_openai import FakeOpenAIServer

CAP = 200


def stream_after_hangup(fake: FakeOpenAIServer) -> dict[str, Any]:
    """The last stream's record once the fake noticed the client left (or 5 s passed)."""
    deadline = time.monotonic() + 5.0
    while not fake.streams[-1]["hung_up"] and time.monotonic() < deadline:
        time.sleep(0.02)
    return fake.streams[-1]


@contextlib.asynccontextmanager
async def model_for(
    fake: FakeOpenAIServer, registry: CapabilityRegistry | None = None, **kwargs: Any
) -> AsyncIterator[ModelAnalyzer]:
    client = AsyncOpenAI(api_key="test", base_url=fake.base_url, timeout=10, max_retries=0)
    options: dict[str, Any] = {
        "max_retries": 1,
        "request_timeout_s": 10.0,
        "max_output_tokens": CAP,
        "capabilities": registry or CapabilityRegistry(),
        **kwargs,
    }
    try:
        yield ModelAnalyzer(client, model="local-model", **options)
    finally:
        await client.close()


def test_the_cap_parameter_follows_the_server() -> None:
    assert is_openai_api(None) and is_openai_api("https://api.openai.com/v1")
    assert not is_openai_api("http://127.0.0.1:8080/v1")
    assert cap_names("auto", None) == ("max_completion_tokens",)
    assert cap_names("auto", "https://api.openai.com/v1") == ("max_completion_tokens",)
    assert cap_names("auto", "http://localhost:11434/v1") == ("max_tokens",)
    assert cap_names("both", None) == ("max_tokens", "max_completion_tokens")
    assert cap_names("max_completion_tokens", "http://localhost:8000/v1") == (
        "max_completion_tokens",
    )


@pytest.mark.asyncio
async def test_llamacpp_gets_max_tokens_and_its_runaway_answer_stops_at_the_cap() -> None:
    with FakeOpenAIServer(mode="llamacpp", context_tokens=4096) as fake:
        async with model_for(fake) as model:
            result = await model.analyze(REQUEST)
        bodies, streams = fake.requests, fake.streams

    assert result.weight is not None and result.weight.grams == pytest.approx(12.5)
    assert all(body["max_tokens"] == CAP and "max_completion_tokens" not in body for body in bodies)
    # The server stops at the cap it honours (not at the 4,096-token context limit) ...
    assert streams[-1]["cap"] == CAP and streams[-1]["generated"] == CAP
    # ... and the answer was not read past its complete JSON object.
    assert result.completion_tokens < CAP


@pytest.mark.asyncio
async def test_reading_stops_at_the_run_on_text_after_a_complete_answer() -> None:
    with FakeOpenAIServer(mode="llamacpp", context_tokens=4096, token_delay_s=0.002) as fake:
        async with model_for(fake, max_output_tokens=2000) as model:
            result = await model.analyze(REQUEST)
        stream = stream_after_hangup(fake)

    assert result.weight is not None and result.weight.grams == pytest.approx(12.5)
    assert stream["cap"] == 2000 and stream["hung_up"]
    assert stream["sent"] < 400  # the answer is ~150 tokens; the server would send 2,000


@pytest.mark.asyncio
async def test_an_ignored_cap_cannot_run_to_the_context_limit() -> None:
    # max_completion_tokens is what llama.cpp ignores, and this answer never closes its JSON
    # (a small model stuck in a loop): only our own reading stops it.
    with FakeOpenAIServer(
        mode="llamacpp",
        context_tokens=100_000,
        token_delay_s=0.001,
        answer_override='{"g": 12.5, "q": "Net weight: 12.5 g", "c": [',
    ) as fake:
        async with model_for(fake, output_cap_param="max_completion_tokens") as model:
            with pytest.raises(AnalysisError) as caught:
                await model.analyze(REQUEST)
        stream = stream_after_hangup(fake)

    assert caught.value.code == "llm_invalid_output"
    assert f"cut off at {CAP} output tokens" in caught.value.message
    assert stream["cap"] is None  # the server saw no cap it honours
    assert stream["generated"] > 50 * CAP
    assert stream["hung_up"] and stream["sent"] < 3 * CAP  # we stopped reading at the cap


@pytest.mark.asyncio
async def test_json_schema_500_falls_back_once_and_the_process_remembers() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(mode="llamacpp") as fake:
        async with model_for(fake, registry) as first:
            await first.analyze(REQUEST)
            assert fake.stats()["total_requests"] == 2
        # Another analyzer of the same process, same server: straight to what works.
        async with model_for(fake, registry) as second:
            result = await second.analyze(REQUEST)
            assert second.response_mode == "json_object"
        total = fake.stats()["total_requests"]
        rejected = fake.count("rejected_json_schema")
        last = fake.requests[-1]

    assert total == 3 and rejected == 1
    assert last["response_format"] == {"type": "json_object"}
    assert result.weight is not None and result.weight.grams == pytest.approx(12.5)


@pytest.mark.asyncio
async def test_a_format_rejection_never_counts_against_the_breaker() -> None:
    breaker = CircuitBreaker(threshold=1, cooldown_s=60)
    limits = SpendLimits(requests_per_minute=None, tokens_per_day=None, fallback_offline=False)
    with FakeOpenAIServer(mode="llamacpp") as fake:
        async with model_for(fake) as model:
            guard = GuardedAnalyzer(
                model,
                breaker=breaker,
                ledger=SpendLedger(async_sessionmaker(), limits, flush_interval_s=3600),
                offline=None,
                model="local-model",
            )
            await guard.analyze(REQUEST)
            await guard.ledger.close()
    assert breaker.state == "closed"


@pytest.mark.asyncio
async def test_a_real_outage_on_a_new_server_is_not_taken_for_a_format_rejection() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(fault_rate=1.0, fault_kinds=("500",)) as fake:
        async with model_for(fake, registry, max_retries=1) as model:
            with pytest.raises(AnalysisError) as caught:
                await model.analyze(REQUEST)
            # json_object failed alike: json_schema is kept for when the server is back.
            assert model.response_mode == "json_schema"
    assert caught.value.code == "llm_unavailable"
    assert "after 2 attempts" in caught.value.message


@pytest.mark.asyncio
async def test_prose_under_json_schema_switches_to_json_object() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(free_text=True, free_text_embed_json=False) as fake:
        async with model_for(fake, registry) as model:
            with pytest.raises(AnalysisError):
                await model.analyze(REQUEST)
            assert model.response_mode == "json_object"
        formats = [body["response_format"]["type"] for body in fake.requests]
    # One prose answer under json_schema, then three in json_object mode (all invalid).
    assert formats == ["json_schema", "json_object", "json_object", "json_object"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("mode", "setting", "honoured"),
    [
        ("openai", "max_completion_tokens", True),
        ("vllm", "max_completion_tokens", True),
        ("vllm", "max_tokens", True),
        ("ollama", "max_tokens", True),
        ("ollama", "max_completion_tokens", False),
        ("llamacpp", "both", True),
    ],
)
async def test_each_server_mode_honours_its_cap_parameters(
    mode: str, setting: str, honoured: bool
) -> None:
    with FakeOpenAIServer(
        mode=mode, runaway=True, context_tokens=2000, token_delay_s=0.001
    ) as fake:
        async with model_for(fake, output_cap_param=setting) as model:
            result = await model.analyze(REQUEST)
        stream = fake.streams[-1] if honoured else stream_after_hangup(fake)
        formats = {body["response_format"]["type"] for body in fake.requests}

    assert result.weight is not None
    if honoured:  # the server itself stopped at the cap
        assert stream["cap"] == CAP and stream["generated"] == CAP
    else:  # it would have run to its context limit: our reading stopped it
        assert stream["cap"] is None and stream["generated"] > CAP and stream["hung_up"]
    # vLLM (guided decoding), Ollama and OpenAI take json_schema; llama.cpp's server refuses it.
    assert formats == ({"json_schema", "json_object"} if mode == "llamacpp" else {"json_schema"})


@pytest.mark.asyncio
async def test_usage_is_estimated_when_the_server_reports_none() -> None:
    with FakeOpenAIServer(mode="llamacpp") as fake:
        async with model_for(fake) as model:
            result = await model.analyze(REQUEST)
    assert result.prompt_tokens > 100  # counted from the prompt we sent
    assert 0 < result.completion_tokens <= CAP


@pytest.mark.asyncio
async def test_a_server_refusing_both_formats_gets_the_schema_in_the_prompt() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(reject_json_schema=True, reject_json_object=True) as fake:
        async with model_for(fake, registry) as model:
            first = await model.analyze(REQUEST)
            second = await model.analyze(REQUEST)
            assert model.response_mode == "prompt"
        formats = [(body.get("response_format") or {}).get("type") for body in fake.requests]

    assert formats == ["json_schema", "json_object", None, None]
    assert '"additionalProperties":false' in fake.requests[-1]["messages"][0]["content"]
    for result in (first, second):
        assert result.weight is not None and result.weight.grams == pytest.approx(12.5)


@pytest.mark.asyncio
async def test_a_rejected_cap_parameter_is_dropped_and_remembered() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(reject_params=("max_tokens",)) as fake:
        async with model_for(fake, registry, output_cap_param="both") as model:
            await model.analyze(REQUEST)
            await model.analyze(REQUEST)
        bodies = fake.requests
        rejected = fake.count("rejected_max_tokens")

    assert rejected == 1
    assert "max_tokens" in bodies[0] and "max_tokens" not in bodies[-1]
    assert all(body["max_completion_tokens"] == CAP for body in bodies)
    assert len(bodies) == 3
