"""The fifteenth pass: weights stated for a state of the article, and ranges across variants.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a product weighed in two states ("filled" / "dry", "mit Öl" / "ohne
Öl", "mounted on the valve", "con motore" / "senza motore") whose name says which state is
sold; a range that "depends on" anything ("je nach Antrieb", "zależnie od partii", "사양에
따라 다름") is the weights of several variants. Each cause has a counterpart where the rule
must not fire. And a row's kg and lb columns that disagree after rounding: the metric value
counts (LABELLING rule 13).
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import ranges as RG  # noqa: N812 - read as RG.fn, as the rules do
from app.analyzers.offline import states as ST  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a range that depends on anything, in a phrase that only means "it varies with", is several
    # variants' weights (ko, pl, de, en, zh, ja, tr); the same range without it is one weight's spread
    (
        "leuchte.html",
        "<html><body><h1>LED 조명 AX-10</h1><table><tr><td>재질</td><td>알루미늄</td></tr><tr><td>중량</td><td>300~340 g (사양에 따라 다름)</td></tr></table></body></html>",
        "LED 조명 AX-10",
        None,
    ),
    (
        "leuchte.html",
        "<html><body><h1>LED 조명 AX-10</h1><table><tr><td>재질</td><td>알루미늄</td></tr><tr><td>중량</td><td>300~340 g</td></tr></table></body></html>",
        "LED 조명 AX-10",
        320,
    ),
    (
        "karta.txt",
        "KARTA PRODUKTU\nUchwyt stalowy UZ-7\nMateriał: stal\nmasa: ok. 2,0–2,2 kg (zależnie od partii)\n",
        "Uchwyt stalowy UZ-7",
        None,
    ),
    (
        "karta.txt",
        "KARTA PRODUKTU\nUchwyt stalowy UZ-7\nMateriał: stal\nmasa: ok. 2,0–2,2 kg\n",
        "Uchwyt stalowy UZ-7",
        2100,
    ),
    (
        "aggregat.md",
        "# Lüfteraggregat LA-40\n\nWerkstoff: Stahl verzinkt\n\n**Gewicht:** 40–52 kg je nach Antrieb und Konsole\n",
        "Lüfteraggregat LA-40",
        None,
    ),
    (
        "aggregat.md",
        "# Lüfteraggregat LA-40\n\nWerkstoff: Stahl verzinkt\n\n**Gewicht:** ca. 40–42 kg\n",
        "Lüfteraggregat LA-40",
        41000,
    ),
    (
        "spec.txt",
        "Bracket BR-9\nMaterial: steel\nWeight: 240-260 g depending on the batch\n",
        "Bracket BR-9",
        None,
    ),
    (
        "spec.txt",
        "Bracket BR-9\nMaterial: steel\nWeight: approx. 240-260 g according to EN 10204 certificate\n",
        "Bracket BR-9",
        250,
    ),
    ("spec.txt", "支架 BR-9\n材料: 钢\n重量: 240-280 g（因批次而异）\n", "支架 BR-9", None),
    (
        "spec.txt",
        "ブラケット BR-9\n材質: 鋼\n質量: 240-280 g（仕様により異なります）\n",
        "ブラケット BR-9",
        None,
    ),
    (
        "spec.txt",
        "Braket BR-9\nMalzeme: çelik\nAğırlık: 240-280 g (partiye göre değişir)\n",
        "Braket BR-9",
        None,
    ),
    # a weight stated for a state (filled / dry, with / without oil, mounted on the valve, with /
    # without the motor) is the article's only when the name states the same state
    (
        "battery.txt",
        "Starter battery AB-40 12 V 40 Ah\nCharacteristic | Value\nCapacity | 40 Ah\nWeight (filled) | 12.4 kg\nWeight (dry, without acid) | 9.1 kg\n",
        "Starter battery AB-40 12 V 40 Ah, supplied filled",
        12400,
    ),
    (
        "battery.txt",
        "Starter battery AB-40 12 V 40 Ah\nCharacteristic | Value\nCapacity | 40 Ah\nWeight (filled) | 12.4 kg\nWeight (dry, without acid) | 9.1 kg\n",
        "Starter battery AB-40 12 V 40 Ah, dry charged, without acid",
        9100,
    ),
    (
        "battery.txt",
        "Starter battery AB-40 12 V 40 Ah\nCharacteristic | Value\nCapacity | 40 Ah\nWeight (filled) | 12.4 kg\nWeight (dry, without acid) | 9.1 kg\n",
        "Starter battery AB-40 12 V 40 Ah",
        None,
    ),
    (
        "trafo.txt",
        "Transformator 50 kVA\nAngabe | Wert\nGewicht ohne Öl | 300 kg\nGesamtgewicht mit Öl | 390 kg\n",
        "Transformator 50 kVA, Lieferung ohne Ölfüllung",
        300000,
    ),
    (
        "trafo.txt",
        "Transformator 50 kVA\nAngabe | Wert\nGewicht ohne Öl | 300 kg\nGesamtgewicht mit Öl | 390 kg\n",
        "Transformator 50 kVA, mit Ölfüllung",
        390000,
    ),
    (
        "batterie.json",
        '{"reference": "B-70", "libelle": "Batterie 12 V 70 Ah", "caracteristiques": {"poids_avec_acide_kg": 17.5, "poids_sans_acide_kg": 13.0}}',
        "Batterie de démarrage 12 V 70 Ah, livrée remplie",
        17500,
    ),
    (
        "batterie.json",
        '{"reference": "B-70", "libelle": "Batterie 12 V 70 Ah", "caracteristiques": {"poids_avec_acide_kg": 17.5, "poids_sans_acide_kg": 13.0}}',
        "Batterie de démarrage 12 V 70 Ah, sèche, sans acide",
        13000,
    ),
    (
        "actuator.txt",
        "Pneumatic actuator PA-20\nBody: aluminium\nActuator weight | 1.8 kg\nWeight mounted on valve DN25 | 3.4 kg\n",
        "Pneumatic actuator PA-20, without valve",
        1800,
    ),
    (
        "pompa.txt",
        "Pompa P-30 con motore\nPeso senza motore | 8,5 kg\nPeso con motore | 14,0 kg\n",
        "Pompa P-30 senza motore",
        8500,
    ),
    (
        "pompa.txt",
        "Pompa P-30 con motore\nPeso senza motore | 8,5 kg\nPeso con motore | 14,0 kg\n",
        "Pompa P-30 con motore 1,5 kW",
        14000,
    ),
    (
        "bomba.txt",
        "Bomba B-30\nPeso sin motor | 8,5 kg\nPeso con motor | 14,0 kg\n",
        "Bomba B-30 sin motor",
        8500,
    ),
    (
        "pompe.txt",
        "Pompe P-30\nPoids sans moteur | 8,5 kg\nPoids avec moteur | 14,0 kg\n",
        "Pompe P-30 sans moteur",
        8500,
    ),
    # a weight "without X" of an article "with X" is a part of it, not another variant's: no rule fires
    (
        "pulley.txt",
        "Pulley P-50 with taper bushing\nWeight pulley (without bushing) | 1.10 kg\nWeight | 0.12 kg\n",
        "Pulley P-50 with taper bushing",
        None,
    ),
    # "Wet weight" / "Dry weight" columns: a state of the article, not another object's weight
    (
        "batteries.csv",
        "Model,Type,Wet weight (kg),Dry weight (kg)\nGB-60,Flooded,16.2,11.9\nGB-80,Flooded,19.6,14.1\n",
        "Starter battery GB-80 12 V, supplied filled",
        19600,
    ),
    (
        "batteries.csv",
        "Model,Type,Wet weight (kg),Dry weight (kg)\nGB-60,Flooded,16.2,11.9\nGB-80,Flooded,19.6,14.1\n",
        "Starter battery GB-80 12 V, dry charged",
        14100,
    ),
    # a row's kg and lb columns that disagree after rounding: the metric value counts
    (
        "blades.csv",
        "part_no,description,weight_kg,weight_lb\nKB-10,Knife blade 10 in,0.45,1.1\nKB-12,Knife blade 12 in,0.55,1.3\n",
        "Knife blade KB-12, 12 in",
        550,
    ),
    (
        "blades.csv",
        "part_no,description,weight_lb\nKB-10,Knife blade 10 in,1.1\nKB-12,Knife blade 12 in,1.3\n",
        "Knife blade KB-12, 12 in",
        589.67,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_weight(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("label", "name", "fires"),
    [
        ("Gesamtgewicht mit Öl", "trafo 50 kva, ohne ölfüllung", True),
        ("Gewicht ohne Öl", "trafo 50 kva, ohne ölfüllung", False),
        ("Weight (dry)", "battery 12 v, supplied filled", True),
        ("Weight (filled)", "battery 12 v, supplied filled", False),
        ("poids_avec_acide_kg", "batterie 12 v, livrée remplie", False),
        ("Weight mounted on valve DN25", "actuator pa-20, without valve", True),
        ("Weight (without bushing)", "pulley p-50 with taper bushing", False),
        ("Weight with packaging", "bracket with holes", False),
        ("Weight", "battery 12 v, supplied filled", False),
        ("Peso 30 sec", "batteria 12 v, riempita", False),
    ],
)
def test_other_state(label: str, name: str, fires: bool) -> None:
    assert bool(ST.other_state(label, name)) is fires


@pytest.mark.parametrize(
    ("line", "across"),
    [
        ("420~480 g (사양에 따라 다름)", True),
        ("1,2–1,4 kg (zależnie od partii)", True),
        ("58–62 kg je nach Motor", True),
        ("2–3 kg v závislosti na provedení", True),
        ("2,0–2,2 kg afhankelijk van de uitvoering", True),
        ("approx. 240–260 g", False),
        ("240–260 g according to DIN 1234", False),
        ("240–260 g selon norme", False),
        ("240–260 g, KS 규격에 따라 시험", False),
    ],
)
def test_range_of_variants(line: str, across: bool) -> None:
    assert bool(RG.of_variants(1.0, 1.1, line, named=True)) is across
