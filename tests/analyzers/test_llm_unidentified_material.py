"""The model path knows the `unidentified_material` index: the prompt tells the model to put a
material it cannot identify there (only when the catalogue has it), and an answer that does so
ends, through the running service, as that share with its note and a review."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.analyzers.base import AnalysisRequest, CatalogueIndex
from app.analyzers.llm.prompt import build_prompt, naive_prompt_tokens, system_prompt
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES, UNIDENTIFIED_MATERIAL
from tests.conftest import make_settings
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import running_app, upload, wait_terminal

SPEC = "Housing datasheet\nMaterial: Xylotherm 7 compound\nNet weight: 120 g\n"
DEFAULT = tuple(
    CatalogueIndex(i, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES, 1)
)
WITHOUT = tuple(index for index in DEFAULT if index.code != UNIDENTIFIED_MATERIAL)


def _request(catalogue: tuple[CatalogueIndex, ...]) -> AnalysisRequest:
    document = ExtractedDocument(
        role="specification", format="text", media_type="text/plain", sections=[Section("", SPEC)]
    )
    return AnalysisRequest("Housing", None, document, None, catalogue)


def _prompt(catalogue: tuple[CatalogueIndex, ...]) -> Any:
    return build_prompt(
        _request(catalogue),
        prompt_token_budget=1500,
        passage_tokens_per_document=600,
        max_images=0,
        image_detail="low",
    )


def test_the_prompt_sends_an_unidentifiable_material_to_the_unidentified_index() -> None:
    prompt = _prompt(DEFAULT)

    assert UNIDENTIFIED_MATERIAL in prompt.system
    assert "never a guessed family" in prompt.system
    assert UNIDENTIFIED_MATERIAL in prompt.codes  # the schema's enum lets the model name it


def test_a_catalogue_without_the_index_gets_no_such_rule() -> None:
    prompt = _prompt(WITHOUT)

    assert UNIDENTIFIED_MATERIAL not in prompt.system
    assert UNIDENTIFIED_MATERIAL not in prompt.codes
    assert prompt.system == system_prompt(frozenset(i.code for i in WITHOUT))


def test_the_naive_comparison_reads_the_same_system_prompt() -> None:
    # The rule costs both prompts the same tokens: the bench compares like with like.
    with_rule = naive_prompt_tokens(_request(DEFAULT))
    without_rule = naive_prompt_tokens(_request(WITHOUT))
    assert with_rule > without_rule


@pytest.fixture
async def openai_client(
    fake: FakeOpenAIServer, migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    settings = make_settings(
        migrated_url, openai_api_key="test", openai_base_url=fake.base_url, openai_max_retries=0
    )
    async with running_app(settings) as (_, http):
        yield http


def _names_unidentified(body: dict[str, Any]) -> dict[str, Any]:
    """A compact answer, as a model following the system prompt writes it."""
    system = next(m["content"] for m in body["messages"] if m["role"] == "system")
    assert UNIDENTIFIED_MATERIAL in system, system  # the model was told about the index
    return {
        "g": 120,
        "q": "Net weight: 120 g",
        "c": [
            {"k": UNIDENTIFIED_MATERIAL, "part": 0.6, "name": "Xylotherm 7 compound", "share": 1},
            {"k": "electricity", "part": 0.1, "name": None, "share": None},
            {"k": "labour", "part": 0.3, "name": None, "share": None},
        ],
    }


async def test_a_model_naming_the_unidentified_index_gets_its_share_note_and_review(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    fake.answer_override = _names_unidentified
    created = await upload(openai_client, SPEC, name="Housing")
    status = await wait_terminal(openai_client, created["id"], within_s=60)
    assert status["processing_status"] == "completed", status
    article = (await openai_client.get(f"/api/articles/{created['id']}")).json()

    assert article["analysis_method"].startswith("openai:")
    assert fake.stats()["total_requests"] == 1
    parts = {p["index_code"]: p["part"] for p in article["cost_models"]}
    assert parts[UNIDENTIFIED_MATERIAL] == pytest.approx(0.6)
    assert abs(sum(parts.values()) + (article["fixed_share"] or 0) - 1) < 1e-6
    metadata = article["extracted_metadata"]
    named = [m for m in metadata["materials"] if m["index_code"] == UNIDENTIFIED_MATERIAL]
    assert [m["name"] for m in named] == ["Xylotherm 7 compound"]
    assert "unidentified material share" in " ".join(metadata["notes"])
    assert article["needs_review"] is True
    assert status["needs_review"] is True
    assert "no material identified" in metadata["review"]["reasons"]
    queue = (await openai_client.get("/api/articles", params={"needs_review": "true"})).json()
    assert created["id"] in {item["id"] for item in queue["items"]}
