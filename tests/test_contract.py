"""The published contract: openapi.json matches the code; operation ids, named bodies,
enums, security schemes, documented headers; one timestamp format; docs without a CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx2
import pytest

from app.articles.schemas import ErrorCode
from app.errors import PROBLEM_TYPES
from app.openapi import published_schema

ROOT = Path(__file__).resolve().parents[1]
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(published_schema())


def test_the_committed_openapi_json_matches_the_code():
    committed = (ROOT / "openapi.json").read_text()
    assert committed == published_schema(), (
        "openapi.json is out of date: run `python -m app openapi > openapi.json` "
        "and regenerate the TypeScript types (clients/typescript: npm run generate)"
    )


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()
    ]


def test_operation_ids_are_the_route_function_names(schema: dict[str, Any]):
    ids = {op["operationId"] for _, _, op in _operations(schema)}
    assert {"analyze", "article_status", "get_article", "list_articles", "batch_status"} <= ids
    assert all(re.fullmatch(r"[a-z_]+", i) for i in ids), ids


def test_the_upload_body_has_a_real_name(schema: dict[str, Any]):
    names = set(schema["components"]["schemas"])
    assert "AnalyzeUpload" in names
    assert not [n for n in names if n.startswith("Body_")]
    body = schema["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert body["multipart/form-data"]["schema"]["$ref"].endswith("/AnalyzeUpload")


def test_api_routes_declare_both_security_schemes(schema: dict[str, Any]):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {
        **schemes["ApiKey"],
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }
    assert schemes["BearerToken"]["scheme"] == "bearer"
    for path, _, op in _operations(schema):
        if path.startswith("/api/"):
            assert op["security"] == [{"ApiKey": []}, {"BearerToken": []}], path
        else:
            assert "security" not in op, path


def _enum(node: dict[str, Any]) -> list[str]:
    for option in node.get("anyOf", [node]):
        if "enum" in option:
            return list(option["enum"])
    raise AssertionError(f"no enum in {node}")


def test_status_stage_codes_basis_and_categories_are_enums(schema: dict[str, Any]):
    models = schema["components"]["schemas"]
    status = models["ArticleStatus"]["properties"]
    assert set(_enum(models["ProcessingStatus"])) == {
        "pending",
        "processing",
        "completed",
        "failed",
    }
    assert "waiting" in _enum(status["processing_stage"])
    assert set(_enum(status["processing_error_code"])) == {c.value for c in ErrorCode}
    assert "net" in _enum(models["WeightInfo"]["properties"]["basis"])
    assert "ambiguous" in _enum(models["ReviewInfo"]["properties"]["weight_status"])
    assert "labour" in _enum(models["CostModelEntry"]["properties"]["category"])
    metadata = models["Article"]["properties"]["extracted_metadata"]
    assert {"$ref": "#/components/schemas/ExtractedMetadata"} in metadata["anyOf"]
    for field in ("weight", "materials", "documents", "review", "notes", "tokens"):
        assert field in models["ExtractedMetadata"]["properties"]


def test_every_error_code_the_code_writes_is_in_the_enum_and_the_readme():
    written: set[str] = set()
    pattern = re.compile(
        r"""(?:AnalysisError|ExtractionError)\(\s*["']([a-z_]+)["']|code=["']([a-z_]+)["']"""
    )
    for path in (ROOT / "app").rglob("*.py"):
        for match in pattern.finditer(path.read_text()):
            written.add(match.group(1) or match.group(2))
    known = {c.value for c in ErrorCode}
    assert written and written <= known, sorted(written - known)
    readme = (ROOT / "README.md").read_text()
    assert not [c for c in known if f"`{c}`" not in readme]


def test_every_problem_type_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert not [slug for slug in PROBLEM_TYPES if f"`{slug}`" not in readme]


def test_main_responses_document_their_headers(schema: dict[str, Any]):
    created = schema["paths"]["/api/analyze"]["post"]["responses"]["201"]["headers"]
    assert {"Location", "Link", "X-Status-URL", "Idempotent-Replayed"} <= set(created)
    status = schema["paths"]["/api/articles/{article_id}/status"]["get"]["responses"]
    assert {"ETag", "Retry-After"} <= set(status["200"]["headers"])
    assert "ETag" in status["304"]["headers"]
    assert "Retry-After" in status["503"]["headers"]
    assert "WWW-Authenticate" in status["401"]["headers"]
    assert schema["components"]["schemas"]["Problem"]["examples"]


# --- served by the app ----------------------------------------------------------------------


async def test_problem_types_resolve(client: httpx2.AsyncClient):
    response = await client.get("/problems/not-found")
    assert response.status_code == 200
    assert response.json()["type"] == "https://cost-model-service.example/problems/not-found"
    missing = await client.get("/api/articles/999999")
    assert missing.json()["type"] == "https://cost-model-service.example/problems/not-found"
    assert missing.json()["title"] == "Not found"
    assert (await client.get("/problems/no-such-problem")).status_code == 404


async def test_health_and_ready_answer_head(client: httpx2.AsyncClient):
    for path in ("/health", "/ready"):
        response = await client.head(path)
        assert response.status_code == 200, path
        assert response.content == b""


async def test_a_trailing_slash_is_404_never_a_redirect_echoing_the_host(
    client: httpx2.AsyncClient,
):
    response = await client.get("/api/articles/", headers={"Host": "evil.example"})
    assert response.status_code == 404
    assert "location" not in response.headers


async def test_docs_load_their_assets_from_the_app_not_a_cdn(client: httpx2.AsyncClient):
    page = (await client.get("/docs")).text
    assert "/docs-assets/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert (await client.get(f"/docs-assets/{asset}")).status_code == 200
    assert "cdn" not in (await client.get("/redoc")).text.lower()


async def test_every_endpoint_writes_one_timestamp_format(client: httpx2.AsyncClient):
    created = await client.post(
        "/api/analyze",
        data={"articleName": "Clip"},
        files={"productSpecification": ("s.txt", b"Net weight: 12 g\nMaterial: POM\n")},
    )
    article_id = created.json()["id"]
    bodies = [created.json()]
    for _ in range(200):
        status = await client.get(f"/api/articles/{article_id}/status")
        if status.json()["processing_status"] == "completed":
            break
    bodies += [
        status.json(),
        (await client.get(f"/api/articles/{article_id}")).json(),
        *(await client.get(f"/api/articles/status?ids={article_id}")).json()["items"],
        *(await client.get("/api/articles")).json()["items"],
    ]
    async with client.stream("GET", f"/api/articles/{article_id}/events") as events:
        lines = [line async for line in events.aiter_lines()]
    event_ids = [line[3:].strip() for line in lines if line.startswith("id:")]
    bodies += [json.loads(line[5:]) for line in lines if line.startswith("data:")]
    stamps = [
        value
        for body in bodies
        for key, value in body.items()
        if key.endswith("_at") and value is not None
    ]
    assert len(stamps) >= 10 and event_ids
    bad = [s for s in [*stamps, *event_ids] if not TIMESTAMP.match(s)]
    assert not bad, bad


def test_format_timestamp_is_utc_z_with_six_fractional_digits():
    from datetime import UTC, datetime, timedelta, timezone

    from app.timestamps import format_timestamp

    assert format_timestamp(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)) == (
        "2026-12-01T09:30:00.000000Z"
    )
    plus_two = datetime(2026, 12, 1, 11, 30, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert format_timestamp(plus_two) == "2026-12-01T09:30:00.123456Z"
    assert format_timestamp(datetime(2026, 12, 1, 9, 30)) == "2026-12-01T09:30:00.000000Z"
