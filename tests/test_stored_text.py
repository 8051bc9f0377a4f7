"""Text PostgreSQL cannot store (NUL, lone surrogates) is cleaned by one rule on every path."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from app.cleaning import CleanStr, clean_text

SPEC = b"Datasheet\nNet weight: 12 g\nMaterial: POM\n"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Bracket\x00", "Bracket"),
        ("Br\x00ack\x00et", "Bracket"),
        ("half \ud800 pair", "half  pair"),
        ("emoji \U0001f527 stays", "emoji \U0001f527 stays"),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay"),
    ],
)
def test_clean_text_strips_what_postgresql_cannot_store(raw: str, stored: str):
    assert clean_text(raw) == stored
    clean_text(raw).encode("utf-8")  # storable


def test_clean_str_cleans_in_pydantic_models():
    from pydantic import BaseModel

    class Patch(BaseModel):
        note: CleanStr

    # FastAPI parses JSON bodies with the json module, which lets lone surrogates through.
    body = json.loads('{"note": "a\\u0000b\\ud800"}')
    assert Patch.model_validate(body).note == "ab"


def _cases() -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    cases = []
    for headers in ({}, {"Idempotency-Key": "nul-case"}):
        keyed = "keyed " if headers else ""
        cases += [
            (keyed + "name", {"name": "Clip\x00"}, headers),
            (keyed + "description", {"description": "a\x00b"}, headers),
            (keyed + "filename", {"filename": "sp\x00ec.txt"}, headers),
            (keyed + "content type", {"content_type": "text/plain\x00"}, headers),
        ]
    cases.append(("name of NULs only", {"name": "\x00\x00"}, {}))
    return cases


@pytest.mark.parametrize(
    ("label", "fields", "headers"), _cases(), ids=[label for label, _, _ in _cases()]
)
async def test_nul_in_any_upload_field_is_cleaned_on_both_insert_paths(
    client: httpx2.AsyncClient, label: str, fields: dict[str, Any], headers: dict[str, str]
):
    name = fields.get("name", "Clip")
    # Built by hand: httpx2 would percent-encode a NUL in the file name, a raw client does not.
    boundary = "cms-boundary"
    parts = [("articleName", None, None, name.encode())]
    if "description" in fields:
        parts.append(("description", None, None, fields["description"].encode()))
    parts.append(
        (
            "productSpecification",
            fields.get("filename", "spec.txt"),
            fields.get("content_type", "text/plain"),
            SPEC,
        )
    )
    body = b""
    for field, filename, content_type, content in parts:
        disposition = f'form-data; name="{field}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if content_type is not None:
            body += f"Content-Type: {content_type}\r\n".encode()
        body += b"\r\n" + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    response = await client.post(
        "/api/analyze",
        content=body,
        headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    if name.strip("\x00") == "":
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "articleName"
        return
    assert response.status_code == 201, response.text
    created = response.json()
    article = (await client.get(f"/api/articles/{created['id']}")).json()
    for body in (created, article):
        assert body["article_name"] == "Clip"
        assert "\x00" not in (body["description"] or "")
        stored = body["files"][0]
        assert "\x00" not in (stored["original_filename"] or "")
        assert "\x00" not in (stored["content_type"] or "")
    if "description" in fields:
        assert article["description"] == "ab"
    if "filename" in fields:
        assert article["files"][0]["original_filename"] == "spec.txt"
    if "content_type" in fields:
        assert article["files"][0]["content_type"] == "text/plain"
