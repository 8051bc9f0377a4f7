"""OCR of a scanned PDF (no text layer) with the offline engine, when it is installed."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.extraction import ExtractionLimits, extract_document, ocr

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the OCR engine is not installed")


def _scanned_pdf() -> bytes:
    image = Image.new("RGB", (1000, 360), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    draw.text((40, 60), "Net weight: 0.41 kg", fill="black", font=font)
    draw.text((40, 200), "Material: PA66 GF30", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


def test_a_scanned_pdf_is_read_by_ocr_and_marked() -> None:
    doc = extract_document(_scanned_pdf(), role="specification", filename="scan.pdf")
    assert not doc.has_text_layer
    assert [s.location for s in doc.sections] == ["page 1"]
    assert "Net weight: 0.41 kg" in doc.text and "PA66" in doc.text
    assert any(warning.startswith("ocr: true") for warning in doc.warnings)
    assert doc.images  # the vision model still gets the page


def test_ocr_can_be_switched_off() -> None:
    limits = ExtractionLimits(ocr_max_pages=0)
    doc = extract_document(_scanned_pdf(), role="specification", limits=limits)
    assert doc.text == "" and not any("ocr" in w for w in doc.warnings)
