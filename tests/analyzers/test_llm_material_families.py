"""Ceramic, textile and leather articles through the model path of the running service: the
model (the fake, reading the prompt with its own words, no scripted answer) names the family,
and the article's cost model carries that family's index."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.indices.seed import UNIDENTIFIED_MATERIAL
from tests.conftest import make_settings
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import running_app, upload, wait_terminal

# name, specification, the family's index
ARTICLES: tuple[tuple[str, str, str], ...] = (
    (
        "Isolierbuchse",
        "Isolierbuchse IB-12\nWerkstoff: Aluminiumoxid-Keramik (Al2O3 99,7 %)\nGewicht: 14 g\n",
        "technical_ceramics",
    ),
    (
        "Tasse à café",
        "Tasse à café 20 cl\nMatériau : porcelaine, émaillée\nPoids net : 210 g\n",
        "ceramics",
    ),
    (
        "Cinghia di sollevamento",
        "Cinghia di sollevamento 2 m\nMateriale: tessuto di poliestere\nPeso netto: 180 g\n",
        "textile",
    ),
    (
        "Correa de reloj",
        "Correa de reloj 20 mm\nMaterial: cuero vacuno curtido\nPeso neto: 12 g\n",
        "leather",
    ),
)


@pytest.fixture
async def openai_client(
    fake: FakeOpenAIServer, migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    settings = make_settings(
        migrated_url, openai_api_key="test", openai_base_url=fake.base_url, openai_max_retries=0
    )
    async with running_app(settings) as (_, http):
        yield http


async def _analysed(client: httpx2.AsyncClient, name: str, text: str) -> dict[str, Any]:
    created = await upload(client, text, name=name)
    status = await wait_terminal(client, created["id"], within_s=60)
    assert status["processing_status"] == "completed", status
    article: dict[str, Any] = (await client.get(f"/api/articles/{created['id']}")).json()
    return article


async def test_a_ceramic_textile_or_leather_article_gets_its_family_index_from_the_model(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    articles = await asyncio.gather(
        *(_analysed(openai_client, name, text) for name, text, _ in ARTICLES)
    )

    assert fake.stats()["total_requests"] == len(ARTICLES)  # each one a model call of its own
    for (name, _, code), article in zip(ARTICLES, articles, strict=True):
        assert article["analysis_method"].startswith("openai:"), name
        parts = {p["index_code"]: p["part"] for p in article["cost_models"]}
        assert code in parts and parts[code] > 0, (name, parts)
        assert UNIDENTIFIED_MATERIAL not in parts, (name, parts)
        assert abs(sum(parts.values()) + (article["fixed_share"] or 0) - 1) < 1e-6
        materials = article["extracted_metadata"]["materials"]
        assert [m["index_code"] for m in materials] == [code], (name, materials)
        review = article["extracted_metadata"].get("review") or {}
        assert not any("material" in reason for reason in review.get("reasons", [])), review
