"""The page images the vision model gets are the pages extraction chose: for a scan longer
than OCR may read, the pages its look over every page found tables on (best first), each
labelled with its own page number; the first pages only when no choice was made."""

from __future__ import annotations

import base64
import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.analyzers.base import AnalysisRequest, CatalogueIndex
from app.analyzers.llm.prompt import build_prompt
from app.extraction import ExtractionLimits, extract_document, ocr
from app.extraction.document import ExtractedDocument
from app.extraction.pdf import render_pdf_pages
from app.indices.seed import DEFAULT_INDICES
from tests.conftest import make_settings
from tests.extraction import files
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.support import running_app, upload, wait_terminal

CATALOGUE = tuple(
    CatalogueIndex(i, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES, 1)
)
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR engine is not installed")


def sent_images(content: list[dict[str, Any]]) -> dict[str, bytes]:
    """The images of a user message by the label sent before each ("[specification, page 9
    image]"), decoded."""
    images: dict[str, bytes] = {}
    for label, part in itertools.pairwise(content):
        if label["type"] == "text" and part["type"] == "image_url":
            data = part["image_url"]["url"].split("base64,", 1)[1]
            images[label["text"]] = base64.b64decode(data)
    return images


def _prompt_content(document: ExtractedDocument, max_images: int) -> list[dict[str, Any]]:
    request = AnalysisRequest("Manual", None, document, None, CATALOGUE)
    prompt = build_prompt(
        request,
        prompt_token_budget=1500,
        passage_tokens_per_document=600,
        max_images=max_images,
        image_detail="low",
    )
    if isinstance(prompt.user, str):  # no images: the text alone
        return [{"type": "text", "text": prompt.user}]
    return list(prompt.user)  # type: ignore[arg-type]


def test_each_image_is_labelled_with_its_own_page_and_the_best_come_first() -> None:
    scan = ExtractedDocument(
        role="specification",
        format="pdf",
        media_type="application/pdf",
        page_count=12,
        has_text_layer=False,
        images=[b"p9", b"p1", b"p12", b"p2"],
        image_pages=[9, 1, 12, 2],
    )

    content = _prompt_content(scan, max_images=2)

    assert sent_images(content) == {
        "[specification, page 9 image]": b"p9",
        "[specification, page 1 image]": b"p1",
    }


def test_images_without_their_pages_are_numbered_from_one() -> None:
    scan = ExtractedDocument(
        role="drawing",
        format="pdf",
        media_type="application/pdf",
        has_text_layer=False,
        images=[b"a", b"b"],
    )

    assert list(sent_images(_prompt_content(scan, max_images=4))) == [
        "[drawing, page 1 image]",
        "[drawing, page 2 image]",
    ]


def test_a_drawing_with_a_text_layer_still_sends_its_picture() -> None:
    """A CAD drawing's title block is text, its dimensions are drawn: the model sees both."""
    drawing = ExtractedDocument(
        role="drawing",
        format="pdf",
        media_type="application/pdf",
        has_text_layer=True,
        images=[b"sheet"],
    )
    specification = ExtractedDocument(
        role="specification",
        format="pdf",
        media_type="application/pdf",
        has_text_layer=True,
        images=[b"page"],
    )

    assert sent_images(_prompt_content(drawing, max_images=4)) == {
        "[drawing, page 1 image]": b"sheet"
    }
    assert sent_images(_prompt_content(specification, max_images=4)) == {}


@needs_ocr
def test_a_long_scan_keeps_the_pages_ocr_chose_as_its_images() -> None:
    data = files.scanned_manual_pdf(12, data_page=9)
    limits = ExtractionLimits(ocr_max_pages=1, ocr_budget_s=300, ocr_wall_s=1200)

    doc = extract_document(data, role="specification", limits=limits)

    assert doc.image_pages[0] == 9, doc.image_pages  # the technical data first
    assert len(doc.images) == len(doc.image_pages) == limits.max_images
    assert doc.image_pages != [1, 2, 3, 4]
    [(_, page_9)] = render_pdf_pages(data, [8], limits.image_max_side_px)
    assert doc.images[0] == page_9
    assert any("kept as images (pages " in warning for warning in doc.warnings), doc.warnings


def test_without_a_choice_the_images_are_the_first_pages() -> None:
    """No OCR, no look over the pages: nothing chose them, so the first pages go."""
    data = files.scanned_manual_pdf(12, data_page=9)

    doc = extract_document(data, role="specification", limits=ExtractionLimits(ocr_max_pages=0))

    assert doc.image_pages == [1, 2, 3, 4]
    assert doc.images[0] == render_pdf_pages(data, [0], 1600)[0][1]


@pytest.fixture
async def openai_client(
    fake: FakeOpenAIServer, migrated_url: str, db_engine: AsyncEngine
) -> AsyncIterator[httpx2.AsyncClient]:
    settings = make_settings(
        migrated_url,
        openai_api_key="test",
        openai_base_url=fake.base_url,
        openai_max_retries=0,
        ocr_max_pages=1,
        ocr_budget_s=300,  # generous budgets: the choice is tested, not a busy machine's speed
        parse_timeout_s=600,
        job_timeout_s=900,
    )
    async with running_app(settings) as (_, http):
        yield http


@needs_ocr
async def test_the_model_gets_the_image_of_the_data_page_of_a_long_scan(
    openai_client: httpx2.AsyncClient, fake: FakeOpenAIServer
) -> None:
    data = files.scanned_manual_pdf(12, data_page=9)
    created = await upload(openai_client, data, name="Pumpe P-40", filename="manual.pdf")
    status = await wait_terminal(openai_client, created["id"], within_s=600)
    assert status["processing_status"] == "completed", status

    (body,) = fake.requests
    content = next(m["content"] for m in body["messages"] if m["role"] == "user")
    images = sent_images(content)
    [(_, page_9)] = render_pdf_pages(data, [8], 1600)
    assert images["[specification, page 9 image]"] == page_9
    assert next(iter(images)) == "[specification, page 9 image]"  # the best page first
    assert "Gewicht" in content[0]["text"]  # and OCR's text of that page
