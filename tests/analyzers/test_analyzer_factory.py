"""The factory decides once what follows from the analyzer chosen: grounding, cache, guard."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from app.analyzers.base import AnalysisRequest, AnalysisResult
from app.analyzers.factory import build_analyzer
from app.analyzers.grounding import GroundedAnalyzer
from app.analyzers.guard import GuardedAnalyzer
from app.analyzers.llm import ModelAnalyzer
from app.analyzers.offline import OfflineAnalyzer
from app.config import Settings


def settings(**values: object) -> Settings:
    return Settings(database_url="postgresql://unused/db", _env_file=None, **values)  # type: ignore[arg-type]


class _Slow:
    method = "test"

    async def analyze(self, request: AnalysisRequest) -> AnalysisResult:
        raise NotImplementedError


@pytest.mark.asyncio
async def test_without_a_key_the_offline_analyzer_is_neither_cached_nor_guarded() -> None:
    setup = build_analyzer(settings(), async_sessionmaker())
    assert isinstance(setup.analyzer, OfflineAnalyzer)
    assert not setup.cache_results and setup.guard is None
    await setup.close()


@pytest.mark.asyncio
async def test_with_a_key_the_model_is_grounded_guarded_and_cached() -> None:
    setup = build_analyzer(
        settings(
            openai_api_key="test",
            openai_base_url="http://127.0.0.1:9/v1",
            llm_failure_fallback="fail",
            llm_failure_fallback_after_s=5,
            llm_output_cap_param="both",
        ),
        async_sessionmaker(),
    )
    try:
        assert isinstance(setup.analyzer, GroundedAnalyzer)
        assert setup.analyzer.method == "openai:gpt-4o-mini"
        assert setup.cache_results
        assert isinstance(setup.guard, GuardedAnalyzer)
        assert not setup.guard.failure_fallback.offline
        assert setup.guard.failure_fallback.after_s == 5
        model = setup.guard.inner
        assert isinstance(model, ModelAnalyzer)
    finally:
        await setup.close()
    assert setup.client is not None and setup.client.is_closed()


@pytest.mark.asyncio
async def test_an_override_is_used_as_it_is() -> None:
    override = _Slow()
    setup = build_analyzer(settings(openai_api_key="test"), async_sessionmaker(), override=override)
    assert setup.analyzer is override
    assert not setup.cache_results and setup.guard is None and setup.client is None
    await setup.close()


def test_the_failure_fallback_defaults_to_offline() -> None:
    assert settings().llm_failure_fallback == "offline"
    assert settings().llm_output_cap_param == "auto"
