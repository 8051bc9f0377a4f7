"""Distractors and abstention: a wrong weight is worse than none.

Every class of mass figure that is not the article's own weight is fed to the analysis, alone
and next to the real weight: it is never reported. Where the document does not settle the
weight, the analysis abstains, says why, and ranks the candidates with the reason each lost.
"""

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex
from app.analyzers.offline import analyze_sync
from app.extraction.document import ExtractedDocument, Section, Table
from app.indices.seed import DEFAULT_INDICES

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def analyze(
    text: str,
    name: str = "Article",
    *,
    language: str = "en",
    tables: tuple[Table, ...] = (),
    has_text_layer: bool = True,
) -> AnalysisResult:
    doc = ExtractedDocument(
        role="specification",
        format="text",
        media_type="text/plain",
        sections=[Section("page 1", text)] if text else [],
        language=language,
        tables=list(tables),
        has_text_layer=has_text_layer,
    )
    return analyze_sync(AnalysisRequest(name, None, doc, None, CATALOGUE))


def grams(result: AnalysisResult) -> float | None:
    return None if result.weight is None else round(result.weight.grams, 3)


# (class, article name, language, distractor line, the figure it must never yield in grams)
DISTRACTORS = [
    ("capacity", "Shelf bracket", "en", "Max. load: 150 kg", 150_000),
    ("capacity", "Bathroom scale", "en", "Weight limit: 330 lbs (149.7 kg)", 149_700),
    ("capacity", "Wandkonsole", "de", "Tragkraft: 80 kg", 80_000),
    ("capacity", "Mensola", "it", "Portata max: 50 kg", 50_000),
    ("capacity", "Seau", "fr", "Charge max. : 25 kg", 25_000),
    ("capacity", "Storage bin", "en", "Fill weight: 12 kg", 12_000),
    ("packed", "Photoelectric sensor", "en", "Packed weight approx. 350 g", 350),
    ("packed", "Recirculating cooler", "en", "Shipping weight Kg 60", 60_000),
    ("packed", "PTZ camera", "en", "GW: 2.4 Kg", 2400),
    ("packed", "扩展板", "zh", "毛重：2.5公斤", 2500),
    ("packed", "Winkel", "de", "Bruttogewicht: 0,26 kg", 260),
    ("component", "Cordless drill, solo", "en", "Battery weight: 450 g", 450),
    ("carried object", "Concealed hinge", "en", "Door weight: max. 12 kg", 12_000),
    ("carried object", "Desk lamp", "en", "Counterweight: 300 g", 300),
    ("component of the set", "Pump set with motor", "en", "Motor weight: 14 kg", 14_000),
    ("per pack, no count", "Washer", "en", "Weight per box: 1.2 kg", 1200),
    ("per pack, with count", "Washer M8", "en", "Weight per 100 pcs: 2.14 kg", 2140),
    ("process", "Cover", "en", "Clamping force: 120 t", 120_000_000),
    ("process", "Cover", "en", "Shot weight (2 cavities incl. runner): 41 g", 41),
    ("process", "Housing", "en", "Press tonnage: 250 t", 250_000_000),
    ("acceleration", "Inertial sensor module", "en", "Shock survivability: 5000 g", 5000),
    ("acceleration", "Inertial sensor module", "en", "Dynamic range: ±16 g", 16),
    ("torque", "Micro servo", "en", "Stall torque: 2.5 kgf·cm", 2500),
    ("torque", "Stepper motor", "en", "Holding torque: 45 g.cm", 45),
    ("torque", "Stepper motor", "en", "Pull-in torque 350 gf.cm", 350),
    ("inertia", "Stepper motor", "en", "Rotor inertia: 57 g·cm²", 57),
    ("grammage", "Copy paper A4", "en", "Grammage: 80 g/m²", 80),
    ("grammage", "Wellpappe", "de", "Flächengewicht: 120 g/m²", 120),
    ("per metre", "Flat bar 40x8", "en", "Weight: 2.51 kg/m", 2510),
    ("density", "Bushing", "en", "Density: 7.85 g/cm³", 7.85),
    ("rate", "Pump", "en", "Throughput: 120 kg/h", 120_000),
    ("review", "Office chair", "en", '"Weight 95 kg and the chair holds me fine." - Tom', 95_000),
    ("review", "Silla de oficina", "es", "«Peso 95 kg y la silla aguanta.» – Javier", 95_000),
    ("part the name includes", "Sink with valve", "en", "Weight of the valve: 0.6 kg", 600),
    ("acceleration", "Butterfly valve", "it", "Accelerazione sismica ammessa peso 0,5 g", 0.5),
]


@pytest.mark.parametrize(("kind", "name", "language", "line", "never"), DISTRACTORS)
def test_a_distractor_alone_is_never_the_weight(
    kind: str, name: str, language: str, line: str, never: float
) -> None:
    result = analyze(f"Technical data\n{line}\n", name, language=language)
    assert grams(result) != pytest.approx(never), kind
    if kind != "per pack, with count":
        assert result.weight is None, (kind, result.weight)
        assert result.weight_status in ("not_stated", "ambiguous", "implausible")


@pytest.mark.parametrize(("kind", "name", "language", "line", "never"), DISTRACTORS)
def test_a_distractor_next_to_the_weight_loses(
    kind: str, name: str, language: str, line: str, never: float
) -> None:
    label = {"de": "Gewicht", "fr": "Poids", "it": "Peso", "zh": "净重"}.get(language, "Weight")
    sep = "：" if language == "zh" else ": "
    decimal = "0,55" if language in ("de", "fr", "it") else "0.55"
    result = analyze(f"{label}{sep}{decimal} kg\n{line}\n", name, language=language)
    assert grams(result) == pytest.approx(550), (kind, result.weight_candidates)
    assert result.weight_candidates[0].chosen
    assert result.weight_status == "stated"


def test_per_pack_with_count_is_divided() -> None:
    result = analyze("Weight per 100 pcs: 2.14 kg", "Washer M8")
    assert grams(result) == pytest.approx(21.4)
    assert result.weight_status == "derived"


def test_pack_count_found_elsewhere_in_the_document() -> None:
    result = analyze("Packing unit: VE 100 Stück\nWeight per box: 1.2 kg", "Washer")
    assert grams(result) == pytest.approx(12)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Caja de 1000 unidades\nPeso por caja: 1,6 kg", "es", 1.6),
        ("Weight per pair (2 pcs): 192 g", "en", 96),
        ("Roll of 1000 labels: 0.9 kg", "en", 0.9),
        ("logistics.pack_quantity: 1000\nlogistics.pack_weight_kg: 1.35", "en", 1.35),
    ],
)
def test_pack_counts_in_other_words(text: str, language: str, expected: float) -> None:
    assert grams(analyze(text, "Screw", language=language)) == pytest.approx(expected)


def test_per_pack_without_any_count_needs_review() -> None:
    result = analyze("Weight per box: 1.2 kg", "Washer")
    assert result.weight is None
    assert any("pack" in reason for reason in result.review_reasons)


def test_other_variant_in_a_size_table_is_not_taken() -> None:
    text = "Size | DN50 | DN80 | DN100\nWeight | 2.1 kg | 3.4 kg | 5.0 kg"
    table = Table(
        "page 1", ("Size", "DN50", "DN80", "DN100"), (("Weight", "2.1 kg", "3.4 kg", "5.0 kg"),)
    )
    result = analyze(text, "Gate valve DN80 PN16", tables=(table,))
    assert grams(result) == pytest.approx(3400)
    lost = [c for c in result.weight_candidates if c.basis == "other_variant"]
    assert lost and all(c.grams != pytest.approx(3400) for c in lost)


def test_model_rows_with_the_unit_only_in_the_column_header() -> None:
    table = Table(
        "page 1",
        ("Model", "Holding torque (N.cm)", "Rotor inertia (g.cm²)", "Weight (g)"),
        (
            ("KS2420", "14", "36", "160"),
            ("KS4430", "38", "57", "310"),
            ("KS6440", "55", "82", "390"),
        ),
    )
    result = analyze(
        "Model | Holding torque | Rotor inertia | Weight", "Stepper KS4430", tables=(table,)
    )
    assert grams(result) == pytest.approx(310)


def test_one_weight_row_shared_by_variant_columns() -> None:
    text = "Model PS-301 PS-302 PS-303\nWeight 3 kgs"
    assert grams(analyze(text, "PS-302 bench supply")) == pytest.approx(3000)


def test_model_line_above_a_data_block_names_the_variant() -> None:
    text = "RC10\nWeight kg 28\nPower 2 kW\n\nRC20\nWeight kg 36\nPower 2 kW"
    assert grams(analyze(text, "Circulator RC20")) == pytest.approx(36000)


def test_a_component_section_weight_does_not_conflict() -> None:
    text = (
        "Display unit\nWeight (without power supply) 0.52 kg\n\n"
        "Power supply (wall plug)\nOutput 24 V\nWeight 0.21 kg"
    )
    assert grams(analyze(text, "Gauge display unit")) == pytest.approx(520)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("NW: 1.732 Kg, GW: 2.4 Kg", "en", 1732),
        ("N.W./G.W.: 3.2 kg / 3.9 kg", "en", 3200),
        ("Net wt. 12 oz", "en", 340.194),
        ("| 净重 | 42.00g | 不含包装 |", "zh", 42),
        ("| 净重 | 650g |", "zh", 650),
        ("重量：1.5公斤", "zh", 1500),
        ("質量：約 250 g", "ja", 250),
        ("本体質量 1.2 kg", "ja", 1200),
        ("Weight: 6.6 lbs (3.0 kg)", "en", 3000),
        ("Weight 7.3 kg or 15 lbs", "en", 7300),
        ("Weight is 7 Lbs.", "en", 3175.147),
        ("Weight: less than 45.5g", "en", 45.5),
        ("Gewicht ca. 1.250 g", "de", 1250),
        ("Gewicht: 0,41 kg", "de", 410),
        ("Weight: 3,400 g", "en", 3400),
        ("specs.weight: 6.35 ounces (180 g)", "en", 180),
        ("Gewicht (netto/brutto): 1,2/1,4 kg", "de", 1200),
        ("重量（g）：12", "zh", 12),
        ("Weight: 120g / 4.2oz", "en", 120),
        ("Item Weight \u200f : \u200e 1.2 Pounds", "en", 544.311),
    ],
)
def test_weights_as_suppliers_print_them(text: str, language: str, expected: float) -> None:
    assert grams(analyze(text, "Device", language=language)) == pytest.approx(expected, abs=0.01)


def test_a_bare_value_below_a_block_of_labels_is_not_guessed() -> None:
    # PDF text that prints labels and values as separate blocks: pairing them by position is
    # a guess (a title line shifts every pair), so the bare value stays unlabelled.
    text = "Supply voltage\nWeight\nProtection\n12 V DC\n1.2 kg"
    result = analyze(text, "Controller")
    assert result.weight is None and result.weight_status == "not_stated"


def test_upper_bound_only_is_reported_as_the_bound() -> None:
    result = analyze("Weight: less than 47.5 g", "Li-ion cell")
    assert grams(result) == 47.5
    assert result.weight_candidates[0].basis == "upper_bound"


def test_conflicting_weights_abstain_with_ranked_candidates() -> None:
    result = analyze("Weight: 350 g\nDimensions: 40 x 30 x 20 mm\nWeight: 180 g", "Sensor")
    assert result.weight is None
    assert result.weight_status == "ambiguous"
    assert result.needs_review
    assert any("ambiguous between 350 g and 180 g" in r for r in result.review_reasons)
    assert {c.grams for c in result.weight_candidates} >= {350, 180}
    assert not any(c.chosen for c in result.weight_candidates)
    assert all("conflicts" in c.reason for c in result.weight_candidates if c.grams in (350, 180))


def test_only_a_packed_weight_is_null_with_a_note_not_a_review() -> None:
    result = analyze("Packed weight approx. 180 g", "Sensor", language="en")
    assert result.weight is None
    assert result.weight_status == "not_stated"
    assert any("only a packed or shipping weight is stated (180 g)" in n for n in result.notes)
    assert not any("weight" in r for r in result.review_reasons)
    assert result.weight_candidates[0].basis == "gross"


def test_no_weight_says_so() -> None:
    result = analyze("Material: steel S235\nDimensions 40 x 30 x 20 mm", "Bracket")
    assert result.weight is None and result.weight_status == "not_stated"
    assert any("no weight of the article is stated" in n for n in result.notes)


def test_a_weight_heavier_than_its_block_is_implausible() -> None:
    result = analyze("Dimensions: 330 x 300 x 25 mm\nWeight: 1500 kg", "Smart scale")
    assert result.weight is None
    assert result.weight_status == "implausible"
    assert result.needs_review
    assert result.weight_candidates[0].reason.startswith("implausible")


def test_a_screw_is_not_a_hundred_tonnes() -> None:
    result = analyze("Weight: 120 t", "Hex screw ISO 4017 M8x40")
    assert result.weight is None and result.weight_status == "implausible"


def test_a_scan_asks_for_review() -> None:
    result = analyze("", "Li-ion cell", has_text_layer=False)
    assert result.weight is None
    assert any("no text layer" in r for r in result.review_reasons)


def test_a_metric_value_that_disagrees_with_the_imperial_one_wins() -> None:
    result = analyze("Weight 7.3 kg or 15 lbs", "Controller")
    assert grams(result) == 7300
    assert result.weight is not None and "disagrees" in result.weight.evidence.location


def test_label_cell_then_unit_cell_then_value_cell() -> None:
    # PDF rows rebuilt from positioned text: the unit has a column of its own
    text = "Model X200\nPower | kW | 2.0\nWeight | kg | 36\nShipping weight | kg | 41"
    assert grams(analyze(text, "Circulator X200")) == pytest.approx(36000)


def test_a_component_section_row_is_not_taken_again_from_its_table() -> None:
    text = (
        "Technical data\nWeight (without power supply) | 0.52 kg\n"
        "Power supply (wall plug)\nWeight | 0.21 kg"
    )
    tables = (
        Table("page 1", (), (("Weight (without power supply)", "0.52 kg"),)),
        Table("page 1", (), (("Weight", "0.21 kg"),)),
    )
    assert grams(analyze(text, "Gauge display unit", tables=tables)) == pytest.approx(520)


def test_a_json_text_value_that_runs_several_label_value_pairs_together() -> None:
    # one JSON flattener: a key path, then an HTML spec block flattened into one line
    text = (
        'product.tabs.specs.content: Dimensions: 13.0" x 11.8" x 1.0" (330 x 300 x 25 mm) '
        "Weight: 6.6 lbs (3.0 kg) Battery life: Up to 6 months Weight limit: 330 lbs (149.7 kg)"
    )
    assert grams(analyze(text, "Bathroom scale")) == pytest.approx(3000)


def test_variant_columns_of_pdf_row_cells_and_of_a_headerless_table() -> None:
    text = (
        "Gewinde | M8x30 | M10x30 | M12x30\nSchlüsselweite mm | 13 | 16 | 18\n"
        "Gewicht kg/1000 Stk | 17,8 | 29,4 | 41,1"
    )
    table = Table(
        "page 1",
        (),
        (
            ("Gewinde", "M8x30", "M10x30", "M12x30"),
            ("Schlüsselweite mm", "13", "16", "18"),
            ("Gewicht kg/1000 Stk", "17,8", "29,4", "41,1"),
        ),
    )
    result = analyze(text, "Sechskantschraube M10x30", language="de", tables=(table,))
    assert grams(result) == pytest.approx(29.4)


def test_a_packaging_section_table_row_is_not_taken_again_from_its_table() -> None:
    text = (
        "## Technische Daten\n| Merkmal | Angabe |\n|---|---|\n| Gewicht | 260 g |\n\n"
        "## Verpackung\n| Merkmal | Angabe |\n|---|---|\n| Inhalt Karton | 20 Stück |\n"
        "| Gewicht | 5,6 kg |"
    )
    tables = (
        Table("text", ("Merkmal", "Angabe"), (("Gewicht", "260 g"),), "Technische Daten"),
        Table(
            "text",
            ("Merkmal", "Angabe"),
            (("Inhalt Karton", "20 Stück"), ("Gewicht", "5,6 kg")),
            "Verpackung",
        ),
    )
    assert grams(analyze(text, "Halter", language="de", tables=tables)) == pytest.approx(260)


def test_a_run_together_spec_block_labels_a_figure_by_its_capitalised_label() -> None:
    # a product page's spec only in a script block, read as embedded product data
    text = (
        "app.skus.1.specs.content: Display type: colour TFT with white backlight "
        "Weight: 8.64 ounces (245 g) with battery Battery life: Up to 4 hours"
    )
    assert grams(analyze(text, "Portable GPS")) == pytest.approx(245)
