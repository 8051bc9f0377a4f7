"""A person sets the article's process (PATCH `process`): it decides the yield factor of the
computed cost model, is recorded, survives a reprocess and can be handed back (null)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, get_args

import httpx2
import pytest

from app.analyzers.offline.cost_model import PROCESSES
from app.articles.correction_schemas import ProcessName
from app.config import Settings
from tests.support import running_app, upload, wait_terminal

SPEC = "Bracket\nMaterial: steel S235JR\nNet weight: 250 g\n"


def test_the_names_are_the_processes_the_cost_model_knows() -> None:
    assert set(get_args(ProcessName)) == set(PROCESSES)


@pytest.fixture
async def http(settings: Settings) -> AsyncIterator[httpx2.AsyncClient]:
    async with running_app(settings) as (_, client):  # the offline analyzer
        yield client


async def _completed(http: httpx2.AsyncClient) -> dict[str, Any]:
    created = await upload(http, SPEC, name="Bracket")
    assert (await wait_terminal(http, created["id"]))["processing_status"] == "completed"
    article: dict[str, Any] = (await http.get(f"/api/articles/{created['id']}")).json()
    return article


async def _steel_values(http: httpx2.AsyncClient) -> None:
    indices = {i["code"]: i["id"] for i in (await http.get("/api/indices")).json()}
    response = await http.put(
        f"/api/indices/{indices['steel']}/values", json=[{"period": "2026-10", "value": 800}]
    )
    assert response.status_code == 200, response.text


def _steel_basis(article: dict[str, Any]) -> dict[str, Any]:
    steel = next(p for p in article["cost_models"] if p["index_code"] == "steel")
    assert steel["source"] == "computed", steel
    basis: dict[str, Any] = steel["basis"]
    return basis


async def test_a_chosen_process_sets_the_yield_factor_and_is_recorded(
    http: httpx2.AsyncClient,
) -> None:
    await _steel_values(http)
    article = await _completed(http)
    url = f"/api/articles/{article['id']}"
    analysed = article["extracted_metadata"]["process"]
    assert analysed == "generic"
    priced = await http.patch(url, json={"price": 5, "currency": "EUR", "price_date": "2026-10-15"})
    assert priced.status_code == 200, priced.text
    assert _steel_basis(priced.json())["yield_factor"] == 1.15  # steel alone: by category

    response = await http.patch(url, json={"process": "machining"})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["corrections"]["process"] is True
    assert body["extracted_metadata"]["process"] == "machining"
    basis = _steel_basis(body)
    assert (basis["process_family"], basis["yield_factor"]) == ("machining_from_bar", 1.6)
    history = (await http.get(f"{url}/history")).json()["items"]
    assert (history[-1]["field"], history[-1]["before"], history[-1]["after"]) == (
        "process",
        "generic",
        "machining",
    )

    handed_back = (await http.patch(url, json={"process": None})).json()
    assert handed_back["corrections"]["process"] is False
    assert handed_back["extracted_metadata"]["process"] == "generic"
    assert _steel_basis(handed_back)["yield_factor"] == 1.15


async def test_an_unknown_process_is_a_422_naming_the_field(http: httpx2.AsyncClient) -> None:
    article = await _completed(http)

    response = await http.patch(f"/api/articles/{article['id']}", json={"process": "welding"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "process"


async def test_a_reprocess_keeps_the_chosen_process_unless_corrections_are_discarded(
    http: httpx2.AsyncClient,
) -> None:
    article = await _completed(http)
    url = f"/api/articles/{article['id']}"
    assert (await http.patch(url, json={"process": "forging"})).status_code == 200

    assert (await http.post(f"{url}/reprocess")).status_code == 202
    assert (await wait_terminal(http, article["id"]))["processing_status"] == "completed"
    kept = (await http.get(url)).json()
    assert kept["extracted_metadata"]["process"] == "forging"

    assert (await http.post(f"{url}/reprocess?discard_corrections=true")).status_code == 202
    assert (await wait_terminal(http, article["id"]))["processing_status"] == "completed"
    fresh = (await http.get(url)).json()
    assert fresh["corrections"]["process"] is False
    assert fresh["extracted_metadata"]["process"] == "generic"
