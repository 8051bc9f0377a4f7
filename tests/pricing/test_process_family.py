"""The process family is data of the analysis (`process`), not parsed from a note; rows stored
before the field keep working through the note."""

from __future__ import annotations

import httpx2

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex, CostShare
from app.analyzers.grounding import reconcile
from app.analyzers.offline import analyze_sync
from app.analyzers.offline.cost_model import PROCESSES
from app.extraction.document import ExtractedDocument, Section
from app.pricing.yields import process_family
from app.processing.cache import result_from_json, result_to_json
from app.processing.results import build_metadata
from tests.support import upload, wait_terminal

CATALOGUE = (
    CatalogueIndex(1, "zinc", "Zinc", "EUR/t", "metal"),
    CatalogueIndex(2, "steel", "Steel", "EUR/t", "metal"),
    CatalogueIndex(3, "labour", "Labour", "EUR/h", "labour"),
    CatalogueIndex(4, "electricity", "Electricity", "EUR/MWh", "energy"),
)
DIE_CAST = "Housing\nMaterial: zinc alloy ZAMAK 5, pressure die cast\nNet weight: 85 g\n"


def _request(text: str) -> AnalysisRequest:
    document = ExtractedDocument(
        role="specification", format="text", media_type="text/plain", sections=[Section("", text)]
    )
    return AnalysisRequest("Housing", None, document, None, CATALOGUE)


def test_the_field_decides_over_the_note_and_the_materials() -> None:
    zinc = [{"index_code": "zinc", "name": "zinc"}]
    assert process_family({"process": "machining", "notes": []}) == "machining_from_bar"
    note = {"process": "sheet_metal", "notes": ["cost model for die casting"]}
    assert process_family(note, zinc) == "sheet_metal_stamping"
    assert process_family({"process": "generic"}, zinc) is None  # named: no family


def test_rows_without_the_field_fall_back_to_the_note_then_the_materials() -> None:
    zinc = [{"index_code": "zinc", "name": "zinc"}]
    assert process_family({"notes": ["cost model for die casting"]}) == "die_casting"
    assert process_family({"process": None, "notes": ["cost model for forging"]}) == "forging"
    assert process_family({"process": None, "notes": []}, zinc) == "die_casting"


def test_the_offline_analyzer_names_its_process_as_a_key() -> None:
    result = analyze_sync(_request(DIE_CAST))

    assert result.process == "die_casting"
    assert f"cost model for {PROCESSES['die_casting'].name}" in result.notes
    assert build_metadata(result, [])["process"] == "die_casting"


def test_the_process_survives_the_analysis_cache() -> None:
    result = analyze_sync(_request(DIE_CAST))

    again = result_from_json(result.method, result_to_json(result))

    assert again.process == "die_casting"
    older = result_to_json(result)
    del older["process"]
    assert result_from_json(result.method, older).process is None


def test_the_model_path_takes_the_process_the_document_names() -> None:
    model = AnalysisResult("openai:m", None, [], [CostShare("zinc", 0.6), CostShare("labour", 0.4)])
    document = analyze_sync(_request(DIE_CAST))

    assert reconcile(model, document, _request(DIE_CAST)).process == "die_casting"
    named = AnalysisResult("openai:m", None, [], [CostShare("labour", 1.0)], process="forging")
    assert reconcile(named, document, _request(DIE_CAST)).process == "forging"


async def test_the_stored_analysis_shows_the_process(client: httpx2.AsyncClient) -> None:
    created = await upload(client, DIE_CAST, name="Housing")
    assert (await wait_terminal(client, created["id"]))["processing_status"] == "completed"

    article = (await client.get(f"/api/articles/{created['id']}")).json()

    assert article["extracted_metadata"]["process"] == "die_casting"
