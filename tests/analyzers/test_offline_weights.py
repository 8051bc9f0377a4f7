"""Unit-weight rules of the offline analyzer, one behaviour per row."""

from __future__ import annotations

import pytest

from app.analyzers.offline.derived import document_volumes
from app.analyzers.offline.weights import (
    WeightDecision,
    collect_mentions,
    decide,
    parse_quantity_grams,
)
from app.analyzers.quantities import decimal_comma, parse_number
from app.extraction.document import Section


def decision_of(text: str, language: str | None = None, name: str = "Article") -> WeightDecision:
    sections = [Section("page 1", text)]
    comma = decimal_comma(text, language)
    mentions = collect_mentions(sections, source="specification", name=name, comma=comma)
    return decide(mentions, name=name, volumes=document_volumes(sections, comma))


def weight_of(text: str, language: str | None = None, name: str = "Article") -> float | None:
    found = decision_of(text, language, name).finding
    return None if found is None else round(found.grams, 4)


@pytest.mark.parametrize(
    ("text", "language", "grams"),
    [
        ("Net weight: 1.2 kg, gross weight 1.4 kg", "en", 1200),
        ("Bruttogewicht: 1,4 kg\nNettogewicht: 1,2 kg", "de", 1200),
        ("Gewicht: 1,2 kg netto / 1,4 kg brutto", "de", 1200),
        ("Versandgewicht 3 kg\nGewicht 2,5 kg", "de", 2500),
        ("Gewicht: 1,4 kg (inkl. Verpackung)\nGewicht netto: 1,25 kg", "de", 1250),
        ("Stückgewicht: 12 g (VE 100 Stk: 1,2 kg)", "de", 12),
        ("Pack of 50: 1.2 kg", "en", 24),
        ("Net weight: 1.2 kg (pack of 50)", "en", 24),
        ("Gewicht je 1000 Stück: 4,2 kg", "de", 4.2),
        ("Gewicht kg/1000 Stk: 27,4", "de", 27.4),
        ("Weight: 1.2 kg per 100 pcs", "en", 12),
        ("Weight: 250 g/pc", "en", 250),
        ("Weight: 12.5 ± 0.3 g", "en", 12.5),
        ("Gewicht: 12,5 g ± 0,3 g", "de", 12.5),
        ("Weight 250–270 g", "en", 260),
        ("Gewicht: 240 g - 260 g", "de", 250),
        ("Weight: 1.25 lb", "en", 566.9905),
        ("Weight: 2 lb 4 oz", "en", 1020.5828),
        ("Weight: 3.5 oz (99 g)", "en", 99),  # labelling rule 13: the metric value counts
        ("Gewicht: 1.250 g", "de", 1250),
        ("Net weight: 1,250 kg", "en", 1_250_000),
        ("Gewicht 1.250,5 g", "de", 1250.5),
        ("Gewicht: 2,5 kg", "de", 2500),
        ("Gewicht 1 250 g", "de", 1250),
        ("Gewicht: 0.095 kg", "de", 95),
        ("Weight | 250 g", "en", 250),
        ("Net weight,250,g", "en", 250),
        ('Poids net,"1,6",kg', "fr", 1600),
        ("weight_kg: 0.25", "en", 250),
        ('"net_weight_g": 24.5,', "en", 24.5),
        ("Gewicht [kg] | 0,036", "de", 36),
        ("Gewicht (netto): 23,4 g", "de", 23.4),
        ("Poids net : 350 g", "fr", 350),
        ("Peso netto: 0,48 kg", "it", 480),
        ("Peso neto: 2,5 kg", "es", 2500),
        ("Masa netto: 0,75 kg", "pl", 750),
        ("Masse: 0,18 kg", "de", 180),
        ("MASS: 0.062 kg", "en", 62),
        ("Net Wt.: 0.75 lb\nGross Wt.: 1.1 lb", "en", 340.1943),
        ("Rohgewicht: 4,8 kg\nFertiggewicht: 4,2 kg", "de", 4200),
        ("Shot weight: 41 g\nPart weight: 18.6 g", "en", 18.6),
        ("Traglast max. 150 kg, Eigengewicht 12 kg", "de", 12000),
        ("Weight (housing, without cable): 45 g", "en", 45),
        ("Gewicht: 3 Kilogramm", "de", 3000),
        ("Gewicht: 250 Gramm", "de", 250),
    ],
)
def test_unit_weight(text: str, language: str, grams: float) -> None:
    assert weight_of(text, language) == pytest.approx(grams, rel=1e-4)


@pytest.mark.parametrize(
    "text",
    [
        "Max. load: 500 kg",
        "Load rating: 500 lbs per pair",
        "Weight capacity: 150 kg",
        "Tragfähigkeit: 150 kg",
        "Tightening torque: 25 Nm",
        "Max. pressure: 16 bar",
        "Tensile strength: 800 MPa",
        "Dimensions: 120 x 80 x 45 mm",
        "Art.-Nr. 4711-500G",
        "Datum: 12.03.2024",
        "Density: 7.85 g/cm³",
        "Grammage: 80 g/m²",
        "Throughput: 120 kg/h",
        "Schmelzindex: 12 g/10 min",
        "Shock: 30 g, 11 ms",
        "Vibration: 5 g, 10-500 Hz",
        "Weight: 1.45 kg/m",
        "Gewicht je Packung: 1,2 kg",
        "Breaking load,80,kg",
        "Clamping force: 80 t",
        "Mindestbestellmenge 25 kg",
    ],
)
def test_no_unit_weight(text: str) -> None:
    assert weight_of(text) is None


def test_weight_per_metre_uses_stated_length() -> None:
    text = "Metergewicht: 2,51 kg/m\nLänge: 1200 mm"
    assert weight_of(text, "de") == pytest.approx(3012)


def test_pack_weight_uses_pack_size_stated_elsewhere() -> None:
    text = "Inhalt | 100 Stück\nGewicht je Packung | 180 g"
    assert weight_of(text, "de") == pytest.approx(1.8)


def test_packaging_section_weight_loses_to_technical_weight() -> None:
    text = "## Technische Daten\nGewicht: 260 g\n\n## Verpackung\nInhalt: 20 Stück\nGewicht: 5,6 kg"
    assert weight_of(text, "de") == 260


def test_evidence_is_verbatim_line_with_location_and_confidence() -> None:
    text = "Material: S235JR\n  Nettogewicht:   0,245 kg  \nBruttogewicht: 0,26 kg"
    found = decision_of(text, "de").finding
    assert found is not None
    assert found.evidence.quote == "Nettogewicht:   0,245 kg"
    assert found.evidence.location == "specification, page 1"
    assert found.basis == "net"
    assert found.evidence.confidence >= 0.9


def test_confidence_reflects_label_quality() -> None:
    def confidence(text: str) -> float:
        found = decision_of(text, "en").finding
        assert found is not None
        return found.evidence.confidence

    assert (
        confidence("Net weight: 1 kg")
        > confidence("Weight: 1 kg")
        > confidence("Pack of 10: 10 kg")
    )


def test_pack_division_is_explained_in_evidence_location() -> None:
    decision = decision_of("Packung à 500 Stück: 1,15 kg", "de")
    found = decision.finding
    assert found is not None and found.grams == pytest.approx(2.3)
    assert "500" in found.evidence.location
    assert decision.status == "derived"


def test_candidates_are_classified_and_ranked() -> None:
    text = "Net weight: 1.2 kg\nGross weight: 1.4 kg\nMax. load: 50 kg\nPack of 10: 12 kg"
    decision = decision_of(text, "en")
    bases = {c.basis: c for c in decision.candidates}
    assert decision.candidates[0].chosen and decision.candidates[0].basis == "net"
    assert {"net", "gross", "capacity", "derived"} <= set(bases)
    assert [c.chosen for c in decision.candidates].count(True) == 1
    assert all(c.reason for c in decision.candidates)
    scores = [c.score for c in decision.candidates]
    assert scores[1:] == sorted(scores[1:], reverse=True)


def test_quote_is_trimmed_to_200_chars() -> None:
    found = decision_of("Weight: 5 g " + "x" * 400, "en").finding
    assert found is not None and len(found.evidence.quote) <= 200


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("12 g", [12.0]),
        ("0,25 kg and 2 lb", [250.0, 907.18474]),
        ("density 7.85 g/cm³", []),
        ("500 mg", [0.5]),
        ("1.5 t", [1_500_000.0]),
        ("1.284 Kg", [1284.0]),
    ],
)
def test_parse_quantity_grams(text: str, grams: list[float]) -> None:
    assert parse_quantity_grams(text) == pytest.approx(grams)


@pytest.mark.parametrize(
    ("text", "comma", "value"),
    [
        ("1.250", True, 1250.0),
        ("1.250", False, 1.25),
        ("1,250", False, 1250.0),
        ("1,250", True, 1.25),
        ("0,250", False, 0.25),
        ("1.250,5", False, 1250.5),
        ("1,250.5", True, 1250.5),
        ("2,5", False, 2.5),
        ("1 250", True, 1250.0),
        ("1'250", True, 1250.0),
        ("1.250.000", False, 1_250_000.0),
    ],
)
def test_parse_number(text: str, comma: bool, value: float) -> None:
    assert parse_number(text, comma_decimal=comma) == value


def test_decimal_convention_is_one_decision_per_document() -> None:
    assert decimal_comma("Länge 2,5 mm, Breite 4,8 mm") is True
    assert decimal_comma("Length 2.5 mm, width 4.8 mm") is False
    assert decimal_comma("Gewicht 1.250 g", "de") is True  # only the language decides
    assert decimal_comma("Weight 1.250 g", "en") is False
    # an unambiguous form wins over the language: a German sheet that writes "0.25"
    assert decimal_comma("Gewicht 0.25 kg, Länge 12.5 mm, Breite 3.75 mm", "de") is False


def test_one_decision_reads_every_number_of_the_document_alike() -> None:
    assert weight_of("Gewicht: 1.250 g\nLänge 2,5 mm", "de") == 1250
    assert weight_of("Weight: 1.250 kg\nLength 2.5 mm", "en") == 1250
