"""A material no document names: its share sits on the catalogue's `unidentified_material`
index (offline and model paths alike), the notes say so, and pricing copes with an index that
has no values."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.analyzers.base import (
    AnalysisRequest,
    AnalysisResult,
    CatalogueIndex,
    CostShare,
    Evidence,
    MaterialFinding,
)
from app.analyzers.grounding import reconcile
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES, UNIDENTIFIED_MATERIAL
from tests.conftest import make_settings
from tests.fakes.fake_openai import FakeOpenAIServer, sensible_answer
from tests.support import running_app, upload, wait_terminal

SPEC = "Housing datasheet\nMaterial: proprietary compound\nNet weight: 120 g\n"
CATALOGUE = (
    CatalogueIndex(1, "steel", "Steel", "EUR/t", "metal"),
    CatalogueIndex(2, "labour", "Labour", "EUR/h", "labour"),
    CatalogueIndex(3, UNIDENTIFIED_MATERIAL, "Unidentified", "EUR/t", "other"),
)


def test_the_default_catalogue_has_the_unidentified_material_index() -> None:
    rows = {code: (name, unit, category) for code, name, unit, category in DEFAULT_INDICES}
    assert rows[UNIDENTIFIED_MATERIAL][2] == "other"


async def _analysed(client: httpx2.AsyncClient, text: str = SPEC) -> dict[str, Any]:
    created = await upload(client, text, name="Housing")
    status = await wait_terminal(client, created["id"], within_s=60)
    assert status["processing_status"] == "completed", status
    article: dict[str, Any] = (await client.get(f"/api/articles/{created['id']}")).json()
    return article


def _unidentified(article: dict[str, Any]) -> dict[str, Any]:
    parts = {p["index_code"]: p for p in article["cost_models"]}
    assert UNIDENTIFIED_MATERIAL in parts, parts
    assert abs(sum(p["part"] for p in parts.values()) + (article["fixed_share"] or 0) - 1) < 1e-6
    return parts[UNIDENTIFIED_MATERIAL]


async def test_an_unknown_material_gets_the_unidentified_share_offline(
    client: httpx2.AsyncClient,
) -> None:
    article = await _analysed(client)

    part = _unidentified(article)
    assert 0 < part["part"] < 1
    notes = " ".join(article["extracted_metadata"]["notes"])
    assert "unidentified material share" in notes
    assert "has no 'unidentified_material' index" not in notes
    assert article["needs_review"] is True


async def test_the_price_development_holds_an_index_without_values(
    client: httpx2.AsyncClient,
) -> None:
    article = await _analysed(client)
    response = await client.get(
        f"/api/articles/{article['id']}/price-development",
        params={"from": "2026-01", "to": "2026-03", "base_period": "2026-01", "base_price": 10},
    )

    assert response.status_code == 200, response.text
    body = response.json()
    held = next(i for i in body["indices"] if i["code"] == UNIDENTIFIED_MATERIAL)
    assert held["base_value"] is None and "does not move the price" in held["note"]
    for month in body["months"]:
        mine = next(c for c in month["contributions"] if c["code"] == UNIDENTIFIED_MATERIAL)
        assert mine["missing"] is True and mine["ratio"] == 1


async def test_a_price_keeps_the_estimate_while_the_material_is_unidentified(
    client: httpx2.AsyncClient,
) -> None:
    article = await _analysed(client)
    response = await client.patch(
        f"/api/articles/{article['id']}",
        json={"price": 2.5, "currency": "EUR", "price_date": "2026-10-01"},
    )

    assert response.status_code == 200, response.text
    again = (await client.get(f"/api/articles/{article['id']}")).json()
    assert _unidentified(again)["source"] == "estimated"


def _request(text: str) -> AnalysisRequest:
    document = ExtractedDocument(
        role="specification",
        format="text",
        media_type="text/plain",
        sections=[Section("", text)],
    )
    return AnalysisRequest("Housing", None, document, None, CATALOGUE)


def test_a_model_that_guesses_a_material_no_document_names_gets_the_unidentified_share() -> None:
    model = AnalysisResult(
        "openai:m", None, [], [CostShare("steel", 0.6), CostShare("labour", 0.4)]
    )
    document = AnalysisResult("offline", None, [], [CostShare("labour", 1.0)])

    result = reconcile(model, document, _request(SPEC))

    shares = {s.index_code: s.part for s in result.cost_shares}
    assert shares == {"labour": 0.4, UNIDENTIFIED_MATERIAL: 0.6}
    assert any("unidentified material share" in n for n in result.notes)
    assert "no material identified" in result.review_reasons


def test_a_material_the_model_found_in_the_document_is_kept() -> None:
    steel = MaterialFinding("steel", "steel", 1.0, Evidence("Material: steel", "p1", 0.9))
    model = AnalysisResult(
        "openai:m", None, [steel], [CostShare("steel", 0.6), CostShare("labour", 0.4)]
    )
    document = AnalysisResult("offline", None, [], [CostShare("labour", 1.0)])

    result = reconcile(model, document, _request("Material: steel\n"))

    assert {s.index_code for s in result.cost_shares} == {"steel", "labour"}
    assert not result.needs_review


@pytest.fixture
async def openai_client(
    fake: FakeOpenAIServer, migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    settings = make_settings(
        migrated_url, openai_api_key="test", openai_base_url=fake.base_url, openai_max_retries=0
    )
    async with running_app(settings) as (_, http):
        yield http


async def test_the_model_path_gives_an_unknown_material_the_unidentified_share(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    article = await _analysed(openai_client)

    assert article["analysis_method"].startswith("openai:")
    assert fake.stats()["total_requests"] >= 1
    _unidentified(article)
    assert "unidentified material share" in " ".join(article["extracted_metadata"]["notes"])
    assert article["needs_review"] is True


def test_a_model_cost_model_without_a_material_part_takes_the_rules_split() -> None:
    model = AnalysisResult("openai:m", None, [], [CostShare("labour", 1.0)])
    rules = [CostShare(UNIDENTIFIED_MATERIAL, 0.6), CostShare("labour", 0.4)]
    document = AnalysisResult("offline", None, [], rules)

    result = reconcile(model, document, _request(SPEC))

    assert result.cost_shares == rules
    assert "no material identified" in result.review_reasons


async def test_the_model_path_moves_a_guessed_material_to_the_unidentified_share(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    def guess_steel(body: dict[str, Any]) -> dict[str, Any]:
        answer = sensible_answer(body)
        answer["materials"] = []
        answer["cost_model"] = [
            {"index_code": "steel", "part": 0.7, "rationale": "guess"},
            {"index_code": "labour", "part": 0.3, "rationale": "labour"},
        ]
        return answer

    fake.answer_override = guess_steel
    article = await _analysed(openai_client)

    assert _unidentified(article)["part"] == pytest.approx(0.7)
    assert "steel" not in {p["index_code"] for p in article["cost_models"]}
