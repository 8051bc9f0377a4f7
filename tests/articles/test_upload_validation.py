"""Bad input gets a clear 4xx in RFC 9457 shape, never a 500."""

from __future__ import annotations

import httpx2
import pytest

from tests.conftest import make_settings
from tests.support import running_app

PROBLEM = "application/problem+json"


def _problem(response: httpx2.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


async def test_upload_returns_201_pending_with_location(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "Hinge", "description": "steel hinge"},
        files={"productSpecification": ("spec.txt", b"Net weight: 120 g\nMaterial: steel")},
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["processing_status"] == "pending"
    assert body["article_name"] == "Hinge"
    assert response.headers["location"] == f"/api/articles/{body['id']}"
    assert body["files"][0]["role"] == "specification"
    assert body["files"][0]["size_bytes"] == len(b"Net weight: 120 g\nMaterial: steel")


async def test_missing_article_name_is_422_naming_the_field(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze", files={"productSpecification": ("spec.txt", b"text")}
    )

    body = _problem(response, 422)
    assert [e["field"] for e in body["errors"]] == ["articleName"]


async def test_missing_specification_is_422_naming_the_field(client: httpx2.AsyncClient):
    response = await client.post("/api/analyze", data={"articleName": "x"})

    body = _problem(response, 422)
    assert "productSpecification" in [e["field"] for e in body["errors"]]


@pytest.mark.parametrize("name", ["", "   ", "x" * 256])
async def test_invalid_article_name_is_422(client: httpx2.AsyncClient, name: str):
    response = await client.post(
        "/api/analyze",
        data={"articleName": name},
        files={"productSpecification": ("spec.txt", b"text")},
    )

    body = _problem(response, 422)
    assert "articleName" in [e["field"] for e in body["errors"]]


async def test_empty_file_is_422(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "x"},
        files={"productSpecification": ("spec.txt", b"")},
    )

    body = _problem(response, 422)
    assert [e["field"] for e in body["errors"]] == ["productSpecification"]


async def test_empty_drawing_part_means_no_drawing(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "x"},
        files={"productSpecification": ("spec.txt", b"text"), "drawing": ("", b"")},
    )

    assert response.status_code == 201, response.text
    assert [f["role"] for f in response.json()["files"]] == ["specification"]


async def test_file_over_the_limit_is_413(migrated_url: str, db_engine):
    settings = make_settings(migrated_url, max_upload_bytes=1000)
    async with running_app(settings) as (_, client):
        response = await client.post(
            "/api/analyze",
            data={"articleName": "x"},
            files={"productSpecification": ("spec.txt", b"a" * 1001)},
        )
        _problem(response, 413)
        ok = await client.post(
            "/api/analyze",
            data={"articleName": "x"},
            files={"productSpecification": ("spec.txt", b"a" * 1000)},
        )
        assert ok.status_code == 201


async def test_filename_is_data_not_a_path(client: httpx2.AsyncClient):
    response = await client.post(
        "/api/analyze",
        data={"articleName": "x"},
        files={"productSpecification": ("../../etc/passwd", b"Net weight 5 g")},
    )

    assert response.status_code == 201
    assert response.json()["files"][0]["original_filename"] == "passwd"


@pytest.mark.parametrize(
    "path",
    ["/api/articles/999999", "/api/articles/999999/status", "/api/articles/999999/cost-models"],
)
async def test_unknown_article_is_404_problem(client: httpx2.AsyncClient, path: str):
    _problem(await client.get(path), 404)


@pytest.mark.parametrize("path", ["/api/articles/abc", "/api/articles/1.5/status"])
async def test_non_integer_id_is_422_problem(client: httpx2.AsyncClient, path: str):
    body = _problem(await client.get(path), 422)
    assert body["errors"][0]["field"] == "article_id"


async def test_unknown_route_is_404_problem(client: httpx2.AsyncClient):
    _problem(await client.get("/api/nope"), 404)


async def test_bad_list_filter_is_422(client: httpx2.AsyncClient):
    body = _problem(await client.get("/api/articles?status=done"), 422)
    assert body["errors"][0]["field"] == "status"


@pytest.mark.parametrize(
    "repeat",
    [
        4,  # small: stored in one statement with its article
        5000,  # > 1 MiB: streamed with COPY, in several chunks
    ],
)
async def test_stored_file_is_byte_exact_and_names_are_data(
    client: httpx2.AsyncClient, db_engine, repeat: int
):
    import hashlib

    from sqlalchemy import text

    payload = bytes(range(256)) * repeat + b"\\x00\\\\N\t\n\r"
    name = "we\\ird\tna\nme\r.bin"
    response = await client.post(
        "/api/analyze",
        data={"articleName": "bytes"},
        files={"productSpecification": (name, payload, "application/octet-stream")},
    )
    assert response.status_code == 201
    stored = response.json()["files"][0]
    assert stored["sha256"] == hashlib.sha256(payload).hexdigest()
    assert stored["size_bytes"] == len(payload)
    async with db_engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT content, original_filename, size_bytes, sha256 FROM article_files")
            )
        ).one()
    assert row.content == payload
    assert row.size_bytes == len(payload)
    assert row.sha256 == stored["sha256"]
    assert row.original_filename == stored["original_filename"]


@pytest.mark.parametrize("repeat", [1, 5000])  # both storage paths: one statement, and COPY
async def test_an_overlong_content_type_is_kept_short_not_a_500(
    client: httpx2.AsyncClient, repeat: int
):
    media_type = "text/" + "p" * 4000
    response = await client.post(
        "/api/analyze",
        data={"articleName": "long media type"},
        files={"productSpecification": ("a.txt", b"hello world " * repeat, media_type)},
    )
    assert response.status_code == 201, response.text
    stored = response.json()["files"][0]["content_type"]
    assert stored is not None and len(stored) <= 255 and media_type.startswith(stored)
