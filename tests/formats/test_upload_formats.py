"""Every supported format, uploaded as a real file through the API and analysed end to end.

The files are built in memory (fpdf2, python-docx, openpyxl, Pillow, pypdf). The offline
analyzer (no API key) reads the text; the OpenAI analyzer runs against the fake server.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from fpdf import FPDF
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.extraction.files import (
    docx_bytes,
    encrypted_pdf,
    image_bytes,
    image_only_pdf,
    xlsx_bytes,
    zip_bomb_docx,
)
from tests.fakes.fake_openai import FakeOpenAIServer, sensible_answer
from tests.support import running_app, upload, wait_terminal

# --- builders ------------------------------------------------------------------------------


def pdf_pages(*pages: str) -> bytes:
    """A PDF with a text layer, one string per page (Helvetica: Latin-1, umlauts included)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


SPEC_PDF_PAGES = (
    "Produktspezifikation Halter 4711\n"
    "Dieses Dokument beschreibt den Halter für die Montage der Abdeckung im Gehäuse.\n"
    "Die Angaben gelten für die Serienfertigung und sind verbindlich.",
    "Technische Daten\n"
    "Werkstoff: Edelstahl 1.4301, Oberfläche gebürstet\n"
    "Nettogewicht: 1,25 kg\n"
    "Toleranzen nach ISO 2768-m, Kanten entgratet.",
    "Verpackung und Lieferung\n"
    "Die Teile werden einzeln in Folie verpackt und auf Paletten geliefert.",
)

ENGLISH_TEXT = (
    "Bracket datasheet BR-200\n"
    "Material: steel S235JR, zinc plated\n"
    "Net weight: 0,35 kg\n"
    "Gross weight: 0,4 kg\n"
)
GERMAN_TEXT = (
    "Datenblatt Lagerbock\n"
    "Werkstoff: Aluminium AlMg3, eloxiert\n"
    "Nettogewicht: 1.250 g\n"
    "Oberfläche: gebürstet und geprüft, Maße nach Zeichnung.\n"
)


def ole_doc() -> bytes:
    """An old binary Word file: the OLE compound-file header plus a WordDocument stream name."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = "WordDocument".encode("utf-16-le") + b"\0" * (128 - 24)
    return header + directory + b"\0" * 1024


def corrupt_pdf() -> bytes:
    """Starts like a PDF, but there is no PDF behind the header."""
    return b"%PDF-1.7\n" + random.Random(1).randbytes(4096)


def truncated_pdf() -> bytes:
    """A real PDF cut off halfway, as an interrupted download leaves it."""
    whole = pdf_pages(*SPEC_PDF_PAGES)
    return whole[: len(whole) // 2]


def random_binary() -> bytes:
    return random.Random(7).randbytes(8192)


# --- helpers -------------------------------------------------------------------------------


async def analyse(
    client: httpx2.AsyncClient,
    content: bytes | str,
    filename: str,
    *,
    drawing: tuple[str, bytes] | None = None,
) -> dict[str, Any]:
    """Upload, poll until completed or failed, return the full article."""
    created = await upload(client, content, filename=filename, drawing=drawing)
    assert created["processing_status"] == "pending"
    await wait_terminal(client, created["id"], within_s=60)
    response = await client.get(f"/api/articles/{created['id']}")
    assert response.status_code == 200, response.text
    article: dict[str, Any] = response.json()
    return article


def completed(article: dict[str, Any]) -> dict[str, Any]:
    """The metadata of a completed article (fails with the error otherwise)."""
    assert article["processing_status"] == "completed", (
        article["processing_error_code"],
        article["processing_error"],
    )
    metadata: dict[str, Any] = article["extracted_metadata"]
    assert metadata is not None
    assert article["cost_models"], "a completed article has a cost model"
    assert sum(entry["part"] for entry in article["cost_models"]) == pytest.approx(1.0)
    return metadata


def spec_facts(metadata: dict[str, Any]) -> dict[str, Any]:
    documents = metadata["documents"]
    assert documents[0]["role"] == "specification"
    facts: dict[str, Any] = documents[0]
    return facts


def weight_evidence(metadata: dict[str, Any]) -> dict[str, Any]:
    assert metadata["weight"] is not None, metadata["notes"]
    evidence: dict[str, Any] = metadata["weight"]["evidence"]
    assert evidence is not None
    return evidence


def assert_text_facts(facts: dict[str, Any], fmt: str) -> None:
    assert facts["format"] == fmt
    assert facts["has_text_layer"] is True
    assert facts["characters"] > 0
    assert facts["tokens"] > 0


# --- offline: readable formats ---------------------------------------------------------------


async def test_pdf_with_text_layer(client: httpx2.AsyncClient) -> None:
    article = await analyse(client, pdf_pages(*SPEC_PDF_PAGES), "spec.pdf")
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert_text_facts(facts, "pdf")
    assert facts["media_type"] == "application/pdf"
    assert facts["page_count"] == 3
    assert facts["language"] in ("de", "en")
    assert article["unit_weight"] == pytest.approx(1.25)
    assert article["analysis_method"] == "offline"
    evidence = weight_evidence(metadata)
    assert "1,25 kg" in evidence["quote"]
    assert "page 2" in evidence["location"]


async def test_docx_weight_in_a_table_row(client: httpx2.AsyncClient) -> None:
    article = await analyse(client, docx_bytes(), "spec.docx")
    metadata = completed(article)
    assert_text_facts(spec_facts(metadata), "docx")
    assert spec_facts(metadata)["language"] in ("de", "en")
    assert article["unit_weight"] == pytest.approx(0.25)
    evidence = weight_evidence(metadata)
    assert "Gewicht" in evidence["quote"] and "250" in evidence["quote"]
    assert "table" in evidence["location"].lower()


async def test_xlsx_key_value_sheet(client: httpx2.AsyncClient) -> None:
    article = await analyse(client, xlsx_bytes(), "spec.xlsx")
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert_text_facts(facts, "xlsx")
    assert article["unit_weight"] == pytest.approx(0.25)  # not the 1.2 kg gross weight
    evidence = weight_evidence(metadata)
    assert "250" in evidence["quote"]
    assert "Specs" in evidence["location"]


async def test_csv_semicolons_and_decimal_comma(client: httpx2.AsyncClient) -> None:
    csv = (
        "Merkmal;Wert;Einheit\n"
        "Bezeichnung;Winkel 40x40;\n"
        "Werkstoff;Stahl S235JR verzinkt;\n"
        "Nettogewicht;0,35;kg\n"
        "Bruttogewicht;0,42;kg\n"
    )
    article = await analyse(client, csv, "spec.csv")
    metadata = completed(article)
    assert_text_facts(spec_facts(metadata), "csv")
    assert article["unit_weight"] == pytest.approx(0.35)
    assert "0,35" in weight_evidence(metadata)["quote"]


async def test_html_with_a_table(client: httpx2.AsyncClient) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Datasheet</title></head><body>"
        "<h1>Bracket BR-200</h1><p>Galvanised bracket for wall mounting.</p>"
        "<table><tr><th>Property</th><th>Value</th></tr>"
        "<tr><td>Material</td><td>Steel S235JR</td></tr>"
        "<tr><td>Net weight</td><td>420 g</td></tr></table>"
        "<script>var weight = '9 kg';</script></body></html>"
    )
    article = await analyse(client, html, "spec.html")
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert_text_facts(facts, "html")
    assert facts["language"] in ("de", "en")
    assert article["unit_weight"] == pytest.approx(0.42)
    assert "420" in weight_evidence(metadata)["quote"]


async def test_json(client: httpx2.AsyncClient) -> None:
    spec = {
        "article": "Bracket BR-200",
        "material": "Aluminium AlMg3",
        "dimensions": {"length_mm": 120, "width_mm": 40},
        "net_weight": "0.18 kg",
    }
    article = await analyse(client, json.dumps(spec), "spec.json")
    metadata = completed(article)
    assert_text_facts(spec_facts(metadata), "json")
    assert article["unit_weight"] == pytest.approx(0.18)


async def test_markdown(client: httpx2.AsyncClient) -> None:
    markdown = (
        "# Bracket BR-200\n\n"
        "Galvanised **steel** bracket for wall mounting.\n\n"
        "| Property | Value |\n|---|---|\n"
        "| Material | Steel S235JR |\n"
        "| Net weight | 0.35 kg |\n\n"
        "- deburred\n- zinc plated\n"
    )
    article = await analyse(client, markdown, "spec.md")
    metadata = completed(article)
    assert_text_facts(spec_facts(metadata), "markdown")
    assert article["unit_weight"] == pytest.approx(0.35)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
async def test_plain_text_encodings(client: httpx2.AsyncClient, encoding: str) -> None:
    article = await analyse(client, GERMAN_TEXT.encode(encoding), "spec.txt")
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert_text_facts(facts, "text")
    assert facts["language"] in ("de", "en")
    assert article["unit_weight"] == pytest.approx(1.25)
    quote = weight_evidence(metadata)["quote"]
    assert "1.250 g" in quote
    materials = metadata["materials"]
    assert any(m["index_code"] == "aluminium" for m in materials), materials
    # the umlauts survived the decoding: no replacement characters, no mojibake
    everything = json.dumps(metadata, ensure_ascii=False)
    assert "\ufffd" not in everything and "Ã" not in everything


async def test_file_type_is_decided_by_content(client: httpx2.AsyncClient) -> None:
    article = await analyse(client, pdf_pages(*SPEC_PDF_PAGES), "spec.txt")
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert facts["format"] == "pdf" and facts["page_count"] == 3
    assert article["unit_weight"] == pytest.approx(1.25)


# --- offline: no text layer ------------------------------------------------------------------


def _mentions_text_layer(metadata: dict[str, Any]) -> bool:
    texts = [*metadata["notes"], *(w for d in metadata["documents"] for w in d["warnings"])]
    return any("text layer" in text.lower() for text in texts)


@pytest.mark.parametrize(
    ("filename", "content", "fmt"),
    [
        ("scan.png", lambda: image_bytes("PNG", (800, 600)), "png"),
        ("scan.jpg", lambda: image_bytes("JPEG", (800, 600)), "jpeg"),
        ("scan.webp", lambda: image_bytes("WEBP", (800, 600)), "webp"),
        ("scan.pdf", lambda: image_only_pdf(2), "pdf"),
    ],
    ids=["png", "jpeg", "webp", "image-only-pdf"],
)
async def test_images_offline_complete_without_weight_and_say_why(
    client: httpx2.AsyncClient, filename: str, content: Any, fmt: str
) -> None:
    article = await analyse(client, content(), filename)
    metadata = completed(article)
    facts = spec_facts(metadata)
    assert facts["format"] == fmt
    assert facts["has_text_layer"] is False
    assert facts["characters"] == 0
    assert article["unit_weight"] is None
    assert metadata["weight"] is None
    assert _mentions_text_layer(metadata), (metadata["notes"], facts["warnings"])


# --- offline: the drawing ----------------------------------------------------------------------

SPEC_WITHOUT_WEIGHT = (
    "Spezifikation Lagerbock LB-12\n"
    "Der Lagerbock nimmt die Welle auf und wird mit zwei Schrauben befestigt.\n"
    "Oberfläche: verzinkt. Prüfung nach Werksnorm.\n"
)
TITLE_BLOCK = (
    "Zeichnungsnummer: LB-12-001\nBenennung: Lagerbock\n"
    "Material: S235JR\nMasse: 0,82 kg\nMaßstab: 1:2\n"
)


@pytest.mark.parametrize(
    "drawing",
    [("drawing.pdf", pdf_pages(TITLE_BLOCK)), ("drawing.txt", TITLE_BLOCK.encode())],
    ids=["pdf", "text"],
)
async def test_drawing_title_block_supplies_weight(
    client: httpx2.AsyncClient, drawing: tuple[str, bytes]
) -> None:
    article = await analyse(client, SPEC_WITHOUT_WEIGHT, "spec.txt", drawing=drawing)
    metadata = completed(article)
    roles = [d["role"] for d in metadata["documents"]]
    assert roles == ["specification", "drawing"]
    assert article["unit_weight"] == pytest.approx(0.82)
    evidence = weight_evidence(metadata)
    assert "0,82 kg" in evidence["quote"]
    assert "drawing" in evidence["location"].lower()
    assert any(m["index_code"] == "steel" for m in metadata["materials"]), metadata["materials"]
    assert {f["role"] for f in article["files"]} == {"specification", "drawing"}


# --- offline: files that cannot be read --------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "code", "words"),
    [
        ("spec.pdf", corrupt_pdf, "corrupt_file", "pdf"),
        ("spec.pdf", truncated_pdf, "corrupt_file", "pdf"),
        ("spec.pdf", encrypted_pdf, "encrypted_file", "password"),
        ("spec.docx", zip_bomb_docx, "file_too_complex", "mb"),
        ("spec.doc", ole_doc, "unsupported_file", "word"),
        ("spec.bin", random_binary, "unsupported_file", "binary"),
    ],
    ids=[
        "corrupt-pdf",
        "truncated-pdf",
        "encrypted-pdf",
        "zip-bomb-docx",
        "ole-doc",
        "random-binary",
    ],
)
async def test_unreadable_files_fail_with_a_stable_code(
    client: httpx2.AsyncClient, filename: str, content: Any, code: str, words: str
) -> None:
    article = await analyse(client, content(), filename)
    assert article["processing_status"] == "failed", article["extracted_metadata"]
    assert article["processing_error_code"] == code, article["processing_error"]
    message = article["processing_error"]
    assert isinstance(message, str) and 10 <= len(message) <= 500
    assert words in message.lower()
    assert "Traceback" not in message and "Error(" not in message
    assert article["cost_models"] == []
    assert article["unit_weight"] is None


# --- the OpenAI analyzer against the fake server ---------------------------------------------


@pytest.fixture
async def openai_client(
    fake: FakeOpenAIServer, migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    """The app with the OpenAI analyzer (guard, cache, grounding) talking to the fake."""
    settings = make_settings(
        migrated_url, openai_api_key="test", openai_base_url=fake.base_url, openai_max_retries=0
    )
    async with running_app(settings) as (_, http):
        yield http


def _image_parts(body: dict[str, Any]) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, list):
            parts.extend(p for p in content if p.get("type") == "image_url")
    return parts


async def test_openai_image_upload_sends_the_image(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    article = await analyse(openai_client, image_bytes("PNG", (800, 600)), "scan.png")
    completed(article)
    assert article["analysis_method"] == "openai:gpt-4o-mini"
    assert fake.stats()["total_requests"] >= 1
    parts = [part for body in fake.requests for part in _image_parts(body)]
    assert parts, "no image_url part was sent to the model"
    assert parts[0]["image_url"]["url"].startswith("data:image/")


async def test_openai_text_spec_and_the_analysis_cache(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    content = ENGLISH_TEXT.encode()
    first = await analyse(openai_client, content, "spec.txt")
    metadata = completed(first)
    assert first["analysis_method"] == "openai:gpt-4o-mini"
    assert first["prompt_tokens"] > 0 and first["completion_tokens"] > 0
    assert first["unit_weight"] == pytest.approx(0.35)
    assert metadata["weight"]["supported_by_document"] is True
    requests = fake.stats()["total_requests"]
    assert requests >= 1

    second = await analyse(openai_client, content, "spec.txt")
    metadata = completed(second)
    assert second["id"] != first["id"]
    assert second["analysis_method"] == "openai:gpt-4o-mini"
    assert second["prompt_tokens"] == 0 and second["completion_tokens"] == 0
    assert second["unit_weight"] == pytest.approx(0.35)
    assert fake.stats()["total_requests"] == requests, "the identical file went to the model"
    assert any("0 tokens" in note for note in metadata["notes"]), metadata["notes"]


async def test_openai_unsupported_weight_loses_to_the_document(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    def invent_a_weight(body: dict[str, Any]) -> dict[str, Any]:
        answer = sensible_answer(body)
        answer["weight"] = {
            "grams": 777.0,
            "quote": "Gewicht ca. 777 g",
            "location": "specification",
            "basis": "net",
        }
        return answer

    fake.answer_override = invent_a_weight
    article = await analyse(openai_client, GERMAN_TEXT.encode(), "spec.txt")
    metadata = completed(article)
    assert fake.stats()["total_requests"] >= 1
    assert article["analysis_method"] == "openai:gpt-4o-mini"
    assert article["unit_weight"] == pytest.approx(1.25)  # the document's, not the model's 0.777
    assert metadata["weight"]["grams"] == pytest.approx(1250)
    assert "1.250 g" in metadata["weight"]["evidence"]["quote"]
    notes = " | ".join(metadata["notes"])
    assert "777 g has no support in the document" in notes, notes
    assert "1250 g" in notes, notes
