"""The main material of invented documents, read through the real extraction and analysis.

Each rule has a case it answers and a counterpart it must not answer the same way: a plating
named beside a die-cast body is not the body's material, but a plating alone names no body.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from fpdf import FPDF
from openpyxl import Workbook

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf(lines: Sequence[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main_material(data: bytes | str, filename: str, name: str) -> str | None:
    """The index code of the main material the offline analysis reports, None for none."""
    raw = data.encode() if isinstance(data, str) else data
    doc = extract_document(raw, role="specification", filename=filename)
    result = analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))
    return result.materials[0].index_code if result.materials else None


# --- a plating metal is the finish, not the body ----------------------------------------------

KNOB = "Cabinet knob KN-40\nFinish: satin nickel\nMaterial: zinc die-cast (Zamak 5)\nWeight: 38 g\n"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (KNOB, "Cabinet knob KN-40, satin nickel", "zinc"),
        (
            "Poignée PX-2\nMatière : zamak\nFinition : nickel brossé\nPoids : 120 g\n",
            "Poignée PX-2 nickel brossé",
            "zinc",
        ),
        (
            "Hydraulic elbow HE-8 | steel | 0.09 kg\nPlating: zinc-nickel 8 µm\n",
            "Hydraulic elbow HE-8, zinc-nickel",
            "steel",
        ),
        # the counterpart: a nickel alloy by its grade stays nickel
        (
            "Seal ring SR-5\nMaterial: Inconel 718\nWeight: 12 g\n",
            "Seal ring SR-5, Inconel",
            "nickel",
        ),
    ],
)
def test_a_plating_in_the_name_does_not_name_the_body(text: str, name: str, code: str) -> None:
    assert main_material(text, "spec.txt", name) == code


def test_a_finish_alone_names_no_material() -> None:
    text = "Cabinet knob KN-41\nFinish: brushed nickel\nWeight: 38 g\n"
    assert main_material(text, "spec.txt", "Cabinet knob KN-41, brushed nickel") is None


def test_a_plating_in_a_spreadsheet_row_leaves_the_body() -> None:
    rows = [
        ["Item", "Description", "Material", "Net kg"],
        ["KN-40", "Cabinet knob, satin nickel", "Zamak 5", "0.038"],
    ]
    assert main_material(_xlsx(rows), "offer.xlsx", "Cabinet knob KN-40, satin nickel") == "zinc"
