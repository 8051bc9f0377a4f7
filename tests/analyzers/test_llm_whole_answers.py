"""Whole answers: a server that has ended a streamed answer itself within the cap is asked for
whole answers (one body instead of an event per token), and sent back to streaming, cut at the
cap, when a whole answer runs past the cap or times out.

Each test runs the real SDK over real HTTP against the fake server.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from openai import AsyncOpenAI

from app.analyzers.base import AnalysisError, AnalysisResult
from app.analyzers.llm import ModelAnalyzer
from app.analyzers.llm.client import CapabilityRegistry
from tests.analyzers.test_openai_analyzer import REQUEST
from tests.fakes.fake_openai import FakeOpenAIServer

CAP = 200


@contextlib.asynccontextmanager
async def model_for(
    fake: FakeOpenAIServer, registry: CapabilityRegistry, **kwargs: Any
) -> AsyncIterator[ModelAnalyzer]:
    client = AsyncOpenAI(api_key="test", base_url=fake.base_url, timeout=10, max_retries=0)
    options: dict[str, Any] = {
        "max_retries": 1,
        "request_timeout_s": 10.0,
        "max_output_tokens": CAP,
        "capabilities": registry,
        **kwargs,
    }
    try:
        yield ModelAnalyzer(client, model="local-model", **options)
    finally:
        await client.close()


def streamed(fake: FakeOpenAIServer) -> list[bool]:
    return [bool(body.get("stream")) for body in fake.requests]


@pytest.mark.asyncio
@pytest.mark.parametrize("mode", ["openai", "vllm", "ollama"])
async def test_after_a_clean_streamed_answer_answers_are_asked_for_whole(mode: str) -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(mode=mode) as fake:
        async with model_for(fake, registry) as model:
            first = await model.analyze(REQUEST)
            second = await model.analyze(REQUEST)
            third = await model.analyze(REQUEST)
        kinds = streamed(fake)
        last = fake.requests[-1]

    assert kinds == [True, False, False]
    assert "stream_options" not in last and last["max_tokens"] == CAP
    assert last["response_format"]["type"] == "json_schema"
    for result in (first, second, third):
        assert result.weight is not None and result.weight.grams == pytest.approx(12.5)
        assert {s.index_code for s in result.cost_shares} == {
            s.index_code for s in first.cost_shares
        }
    # The usage the server reports is read from the whole body as from the stream's last event.
    assert second.prompt_tokens == first.prompt_tokens
    assert second.completion_tokens == first.completion_tokens > 0


@pytest.mark.asyncio
async def test_a_server_that_runs_on_after_the_answer_stays_streamed() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(mode="llamacpp", context_tokens=4096) as fake:
        async with model_for(fake, registry) as model:
            for _ in range(3):
                result = await model.analyze(REQUEST)
        kinds = streamed(fake)

    assert result.weight is not None
    assert kinds and all(kinds)  # it would generate to the cap: we hang up at the answer's end


@pytest.mark.asyncio
async def test_a_whole_answer_past_the_cap_sends_the_server_back_to_streaming_for_good() -> None:
    # Ollama ignores max_completion_tokens: harmless while its model stops after the answer,
    # until the model runs on.
    registry = CapabilityRegistry()
    with FakeOpenAIServer(mode="ollama", context_tokens=3000) as fake:
        async with model_for(fake, registry, output_cap_param="max_completion_tokens") as model:
            await model.analyze(REQUEST)  # streamed, ended by the server: whole from now on
            fake.runaway = True
            over = await model.analyze(REQUEST)  # whole, and far past the cap
            fake.runaway = False
            after = [await model.analyze(REQUEST) for _ in range(2)]
        kinds = streamed(fake)

    assert kinds == [True, False, True, True]
    assert over.weight is not None and over.weight.grams == pytest.approx(12.5)
    assert over.completion_tokens == CAP  # counted at the cap, like a stream cut there
    assert any("past the output cap" in note for note in over.notes)
    assert all(result.weight is not None for result in after)


@pytest.mark.asyncio
async def test_a_whole_answer_cut_at_the_cap_that_never_closes_is_an_invalid_answer() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(mode="ollama", context_tokens=100_000) as fake:
        async with model_for(fake, registry, output_cap_param="max_completion_tokens") as model:
            await model.analyze(REQUEST)
            fake.answer_override = '{"g": 12.5, "q": "Net weight: 12.5 g", "c": ['
            fake.runaway = True
            with pytest.raises(AnalysisError) as caught:
                await model.analyze(REQUEST)
        kinds = streamed(fake)

    assert caught.value.code == "llm_invalid_output"
    assert f"cut off at {CAP} output tokens" in caught.value.message
    # One whole answer ran past the cap; every later call is streamed and cut by our reading.
    assert kinds[:2] == [True, False] and all(kinds[2:]) and len(kinds) > 2


@pytest.mark.asyncio
async def test_a_whole_answer_that_times_out_goes_back_to_streaming() -> None:
    registry = CapabilityRegistry()
    with FakeOpenAIServer(hang_s=5.0) as fake:
        async with model_for(fake, registry, request_timeout_s=0.5) as model:
            await model.analyze(REQUEST)
            fake.enqueue("timeout", "ok", "ok")
            retried = await model.analyze(REQUEST)  # the retry is streamed
            relearnt = await model.analyze(REQUEST)
        kinds = streamed(fake)

    assert kinds == [True, False, True, False]
    assert retried.weight is not None and relearnt.weight is not None


async def outcome_of(fake: FakeOpenAIServer, whole: bool, outcome: str) -> str:
    """The result code of one analysis meeting `outcome` first, streamed or whole."""
    registry = CapabilityRegistry()
    async with model_for(fake, registry, request_timeout_s=1.0) as model:
        await model.analyze(REQUEST)
        model._client.server.stream = not whole
        fake.enqueue(outcome)
        result: AnalysisResult | None = None
        try:
            result = await model.analyze(REQUEST)
        except AnalysisError as exc:
            return exc.code
    assert result is not None and result.weight is not None
    return "ok"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "outcome",
    [
        "429",
        "500",
        "503",
        "timeout",
        "drop",
        "malformed_json",
        "schema_violation",
        "empty_choices",
        "401",
        "malformed_body",
        "html_body",
    ],
)
async def test_a_fault_on_a_whole_answer_ends_as_on_a_stream(outcome: str) -> None:
    with FakeOpenAIServer(hang_s=3.0, seed=3) as fake:
        as_stream = await outcome_of(fake, whole=False, outcome=outcome)
        fake.reseed(3)
        as_whole = await outcome_of(fake, whole=True, outcome=outcome)
    assert as_whole == as_stream
