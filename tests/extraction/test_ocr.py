"""OCR of a scanned PDF (no text layer) with the offline engine, when it is installed."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.extraction import ExtractionLimits, extract_document, ocr

from . import files

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


def test_the_technical_data_near_the_end_of_a_long_scan_is_read() -> None:
    """Pages 1-5 of this manual hold no figures: the detector's look over every page finds
    the table on page 9, and that page is read first. (Generous budgets: the choice is what
    is tested, not the speed of a busy machine.)"""
    limits = ExtractionLimits(ocr_max_pages=1, ocr_budget_s=300, ocr_wall_s=1200)

    doc = extract_document(
        files.scanned_manual_pdf(12, data_page=9), role="specification", limits=limits
    )

    assert [section.location for section in doc.sections] == ["page 9"]
    assert re.search(r"Gewicht \| 4,2 ?kg", doc.text), doc.text  # OCR may drop the blank
    warning = next(warning for warning in doc.warnings if warning.startswith("ocr: true"))
    assert "look over 12 of its 12 pages" in warning


def test_a_long_scan_is_read_within_its_ocr_budget() -> None:
    """200 pages of prose: the look over them stops at half the budget, and no page is
    started once it is spent, so one document cannot hold a parser for minutes."""
    import time

    limits = ExtractionLimits(ocr_budget_s=4.0, ocr_wall_s=1200)
    data = files.scanned_manual_pdf(200, data_page=None)

    start = time.process_time()
    doc = extract_document(data, role="specification", limits=limits)
    spent = time.process_time() - start

    warning = next(warning for warning in doc.warnings if warning.startswith("ocr: true"))
    surveyed = int(warning.split("look over ")[1].split(" of")[0])
    assert 0 < surveyed < 100, warning  # half the budget is a few dozen pages at most
    assert len(doc.sections) <= 5
    assert spent < 80, spent  # a hang guard: the budget, one page and the text are ~8 s


def test_pages_are_looked_over_from_both_ends() -> None:
    from app.extraction.pdf import _from_both_ends

    assert _from_both_ends([0, 1, 2, 3, 4, 5]) == [0, 5, 1, 4, 2, 3]
    assert _from_both_ends([3, 1, 2]) == [1, 3, 2]
    assert _from_both_ends([]) == []
