"""Where the analysis slot is held: around the model's calls only, or around a whole analysis.

A slot held while the prompt is built or the answer read is a model call not made; an
analyzer that calls no model (the offline rules, test doubles) holds it throughout instead.
"""

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest, AnalysisResult, SlotAroundAnalysis
from app.analyzers.llm.prompt import Prompt
from tests.analyzers.test_openai_analyzer import REQUEST, analyzer_for
from tests.fakes.fake_openai import FakeOpenAIServer


class RecordingSlot:
    """A slot that notes when it is taken and given back, and how many requests the model
    had seen by then."""

    def __init__(self, events: list[str], fake: FakeOpenAIServer | None = None) -> None:
        self.events = events
        self.fake = fake

    def _seen(self) -> str:
        return "" if self.fake is None else f" after {len(self.fake.requests)} requests"

    async def __aenter__(self) -> None:
        self.events.append("slot taken" + self._seen())

    async def __aexit__(self, *_: object) -> None:
        self.events.append("slot given back" + self._seen())


@pytest.mark.asyncio
async def test_the_model_analyzer_holds_the_slot_only_around_its_model_call() -> None:
    events: list[str] = []
    with FakeOpenAIServer(seed=7) as fake:
        async with analyzer_for(fake) as analyzer:
            build_prompt = analyzer.build_prompt

            def recorded(request: AnalysisRequest) -> Prompt:
                events.append("prompt built")
                return build_prompt(request)

            analyzer.build_prompt = recorded  # type: ignore[method-assign]
            result = await analyzer.analyze(REQUEST, model_slot=RecordingSlot(events, fake))
    assert events == [
        "prompt built",
        "slot taken after 0 requests",
        "slot given back after 1 requests",
    ]
    assert result.weight is not None


@pytest.mark.asyncio
async def test_each_call_for_an_invalid_answer_takes_the_slot_again() -> None:
    events: list[str] = []
    with FakeOpenAIServer(seed=7) as fake:
        fake.enqueue("schema_violation", "ok")
        async with analyzer_for(fake) as analyzer:
            await analyzer.analyze(REQUEST, model_slot=RecordingSlot(events, fake))
    assert events == [
        "slot taken after 0 requests",
        "slot given back after 1 requests",
        "slot taken after 1 requests",
        "slot given back after 2 requests",
    ]


class _Recorded:
    method = "recorded"

    def __init__(self, events: list[str]) -> None:
        self.events = events

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        self.events.append("analysed")
        return AnalysisResult(method=self.method, weight=None, materials=[], cost_shares=[])


@pytest.mark.asyncio
async def test_an_analyzer_that_calls_no_model_holds_the_slot_throughout() -> None:
    events: list[str] = []
    analyzer = SlotAroundAnalysis(_Recorded(events))
    result = await analyzer.analyze(REQUEST, model_slot=RecordingSlot(events))
    assert events == ["slot taken", "analysed", "slot given back"]
    assert result.method == analyzer.method == "recorded"
