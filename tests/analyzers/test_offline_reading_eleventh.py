"""The eleventh pass's reading capabilities, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. Each capability makes a stated figure a candidate that was not collected before:

* a structured key that names its unit ("netWeightKg", "itemWeightGrams"), also beside a shared
  unit-of-measure key ("uom": "ROLL") that is no unit of the weight;
* a quantity object in another language ({"hodnota": …, "jednotka": …}) and a unit key written
  before the quantity it is for ("unite_poids" beside "poids_unitaire");
* a table's total row whose label cell spans the columns before the weight column.

A collected figure is not an answer (the decision may still abstain between a total and its
parts), so the total row is checked among the candidates.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from tests.analyzers.offline_support import CATALOGUE, assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a camelCase key that ends in its unit, beside a shared unit of measure of the row
    (
        "item.json",
        '{"items": [{"itemCode": "FT-90", "desc": "Felt roll 90 cm", "uom": "ROLL", "netWeightKg": 12.5, "grossWeightKg": 13.1}]}',
        "Felt roll 90 cm",
        12500,
    ),
    # the gross weight named the same way is still no net weight
    (
        "item.json",
        '{"items": [{"itemCode": "FT-90", "desc": "Felt roll 90 cm", "uom": "ROLL", "grossWeightKg": 13.1}]}',
        "Felt roll 90 cm",
        None,
    ),
    # a page's script data: "itemWeightGrams"
    (
        "page.html",
        '<html><body><h1>Cable gland M20</h1><script>window.__STATE__ = {"listing": {"title": "Cable gland M20", "specs": {"itemWeightGrams": 23, "packageWeightGrams": 40}}};</script></body></html>',
        "Cable gland M20",
        23,
    ),
    # a unit at the end of a key that is no weight's ("pricePerKg") is no mass
    (
        "item.json",
        '{"product": {"name": "Wire rope 6 mm", "pricePerKg": 7.5, "stockKg": 300}}',
        "Wire rope 6 mm",
        None,
    ),
    # a Czech quantity object: hodnota (value) and jednotka (unit)
    (
        "item.json",
        '{"produkt": {"nazev": "Stojan S-2", "hmotnost": {"hodnota": 6.2, "jednotka": "kg"}}}',
        "Stojan S-2",
        6200,
    ),
    # the same object under a load rating is no weight of the article
    (
        "item.json",
        '{"produkt": {"nazev": "Stojan S-2", "nosnost": {"hodnota": 6.2, "jednotka": "kg"}}}',
        "Stojan S-2",
        None,
    ),
    # a unit key written before what it is for: "unite_poids" gives "poids_unitaire" its unit
    (
        "item.json",
        '{"ref": "GT-4", "designation": "Gant nitrile T4", "longueur": 24, "unite_longueur": "cm", "poids_unitaire": 6, "unite_poids": "g"}',
        "Gant nitrile T4",
        6,
    ),
    # … and the unit of a gross carton weight stays the carton's
    (
        "item.json",
        '{"ref": "GT-4", "designation": "Gant nitrile T4", "poids_brut": 5.6, "unite_poids": "kg"}',
        "Gant nitrile T4",
        None,
    ),
]

# (document, the grams of the total row, whether it is a mass candidate)
TOTAL_ROWS = [
    (
        "# Hatch cover HC-4\n\n| Component | Material | Mass (kg) |\n|---|---|---|\n| Frame | steel | 12.5 |\n| Lid | steel | 8.0 |\n| Hatch cover complete | 20.5 |\n",
        20500,
        True,
    ),
    # the last column is a price: the short row's figure is no mass
    (
        "# Hatch cover HC-4\n\n| Component | Material | Price (EUR) |\n|---|---|---|\n| Frame | steel | 12.5 |\n| Lid | steel | 8.0 |\n| Hatch cover complete | 20.5 |\n",
        20500,
        False,
    ),
]


@pytest.mark.parametrize(("text", "grams", "collected"), TOTAL_ROWS)
def test_a_total_row_spanning_the_label_columns_is_a_candidate(
    text: str, grams: float, collected: bool
) -> None:
    doc = extract_document(text.encode(), role="specification", filename="sheet.md")
    result = analyze_sync(AnalysisRequest("Hatch cover HC-4", None, doc, None, CATALOGUE))
    found = any(
        c.grams is not None and abs(c.grams - grams) < 0.01 for c in result.weight_candidates
    )
    assert found is collected


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_eleventh_pass_reads_the_figure(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
