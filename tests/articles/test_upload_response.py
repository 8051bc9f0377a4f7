"""The 201 of an upload is the article as a later GET shows it, on every way of storing it."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from app.articles.repository import INLINE_FILE_BYTES

# What an upload fixes for good; status, stage and timestamps move once the analysis starts.
STABLE = (
    "id",
    "article_name",
    "description",
    "files",
    "created_at",
    "price",
    "currency",
    "price_unit",
    "links",
    "corrections",
    "version",
)


def _stable(body: dict[str, Any]) -> dict[str, Any]:
    return {key: body[key] for key in STABLE}


@pytest.mark.parametrize(
    ("content", "data", "headers"),
    [
        pytest.param(b"Net weight: 120 g", {}, {}, id="one statement"),
        pytest.param(b"x" * (INLINE_FILE_BYTES + 1), {}, {}, id="large file, streamed"),
        pytest.param(b"Net weight: 5 g", {}, {"Idempotency-Key": "k-resp"}, id="idempotency key"),
        pytest.param(
            b"Net weight: 7 g", {"price": "2.5", "currency": "EUR"}, {}, id="with a price"
        ),
    ],
)
async def test_created_body_and_headers_match_the_stored_article(
    client: httpx2.AsyncClient, content: bytes, data: dict[str, str], headers: dict[str, str]
):
    created = await client.post(
        "/api/analyze",
        data={"articleName": "Bracket", "description": "zinc plated", **data},
        files={"productSpecification": ("spec.txt", content, "text/plain")},
        headers=headers,
    )

    assert created.status_code == 201, created.text
    assert created.headers["content-type"] == "application/json"
    body = created.json()
    base = f"/api/articles/{body['id']}"
    assert created.headers["location"] == base
    assert created.headers["x-status-url"] == f"{base}/status"
    link = f'<{base}/status>; rel="status", <{base}/events>; rel="events"'
    assert created.headers["link"] == link
    stored = await client.get(base)
    assert stored.status_code == 200
    assert body.keys() == stored.json().keys()
    assert _stable(body) == _stable(stored.json())
    assert body["files"][0]["size_bytes"] == len(content)
    if data:
        assert body["price"] == 2.5
        assert body["currency"] == "EUR"


async def test_a_replayed_upload_says_so_and_returns_the_first_article(
    client: httpx2.AsyncClient,
):
    send: dict[str, Any] = {
        "data": {"articleName": "Bracket"},
        "files": {"productSpecification": ("spec.txt", b"Net weight: 9 g")},
        "headers": {"Idempotency-Key": "k-replay"},
    }
    first = await client.post("/api/analyze", **send)
    second = await client.post("/api/analyze", **send)

    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in first.headers
    assert second.headers["idempotent-replayed"] == "true"
    assert _stable(second.json()) == _stable(first.json())
