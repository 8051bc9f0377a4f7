"""The seventeenth pass's reading and derivation causes, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: OCR's space before a decimal mark ("2 ,64 kg" read as 64 kg); OCR's
digit for a letter in a label word ("GR0SS WT" not read as a shipment's gross weight); a base
weight with no stroke of its own plus a step per stroke, also in an export key
("grundgewicht_kg", "je_100_mm_hub_kg"), and a step stated after its value ("0.6 kg per
100 mm"); a base weight at one length plus a step per extra length (a PTO shaft's
"Mehrlänge"); a weight word of another figure's sentence taken as labelling a grammage; a
length that is all its bracket says ("(2 m)") and "per metre" in CJK or Finnish in a name;
the words of one sentence taken as the label of the next one's figure; a weight per n of a unit
the name counts m of ("per 100 links" of a chain of 114 links); a cylinder's step with no weight
word ("Stroke add-on | 0.6 kg per 100 mm"); a key's rate after its unit ("무게_g_per_m"); a key
that is a mass per area ("kg/m2=10").
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline._text import ocr_repaired
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # OCR's space before a decimal mark: the figure is read whole, never as its tail
    (
        "scan.txt",
        "LAGERDECKEL  LD-7\nWerk stoff : EN-GJS-400\nRoh gew icht : 4 ,2 kg\nFert ig gew icht : 3 ,55 kg\n",
        "Lagerdeckel LD-7 bearbeitet",
        3550,
    ),
    ("scan.txt", "BRACKET  BK-9\nNet weight : 1 ,85 kg\n", "Bracket BK-9", 1850),
    ("scan.txt", "BRACKET  BK-9\nNet weight : 1,85 kg\n", "Bracket BK-9", 1850),
    # OCR's digit for a letter in a label word: a packing list's gross weight is a shipment's
    (
        "scan.txt",
        "PACK1NG L1ST  PL-2201\nGarden hose reel 30 m   qty 40\nT0TAL GR0SS WT   388 kg\n",
        "Garden hose reel 30 m",
        None,
    ),
    ("scan.txt", "HOSE REEL HR-30\nNET WE1GHT 9.7 kg\n", "Garden hose reel HR-30", 9700),
    # a base weight with no stroke of its own plus a step per stroke: the weight at the name's
    (
        "pim.json",
        '{"artikel": "ZX 50/30", "hub_mm": 300, "gewicht": {"grundgewicht_kg": 3.0, "je_100_mm_hub_kg": 0.5}}',
        "Hydraulikzylinder ZX 50/30 Hub 300",
        4500,
    ),
    (
        "sheet.txt",
        "Cylinder CY 40\nBase weight: 1.2 kg\nWeight per 100 mm stroke: 0.3 kg\n",
        "Cylinder CY 40, stroke 200 mm",
        1800,
    ),
    (
        "fiche.txt",
        "Vérin VS 63\nMasse de base : 2,0 kg\nMasse par 50 mm de course : 0,25 kg\n",
        "Vérin VS 63, course 150 mm",
        2750,
    ),
    (
        "sheet.md",
        "# Cylinder CQ 25\n\n| Item | Value |\n|---|---|\n| Weight (stroke 0) | 0.40 kg |\n| Weight per stroke | 0.2 kg per 100 mm |\n",
        "Cylinder CQ 25 stroke 150",
        700,
    ),
    (
        "sheet.md",
        "# Cylinder CQ 32\n\n| Item | Value |\n|---|---|\n| Base weight (stroke 0) | 0.50 kg |\n| Stroke add-on | 0.25 kg per 50 mm |\n",
        "Cylinder CQ 32 stroke 100",
        1000,
    ),
    # counterparts: a step alone, no stroke in the name, or no step in the document
    (
        "sheet.md",
        "# Cylinder CQ 32\n\n| Item | Value |\n|---|---|\n| Stroke add-on | 0.25 kg per 50 mm |\n",
        "Cylinder CQ 32 stroke 100",
        None,
    ),
    (
        "sheet.txt",
        "Cylinder CY 40\nBase weight: 1.2 kg\nWeight per 100 mm stroke: 0.3 kg\n",
        "Cylinder CY 40",
        None,
    ),
    ("sheet.txt", "Zylinder ZX 40\nGrundgewicht: 2,5 kg\n", "Zylinder ZX 40, Hub 200", 2500),
    # a base weight at one length plus a step per extra length: the weight at the name's length
    (
        "pim.txt",
        "Gelenkwelle GW 4\nGrundgewicht bei 1000 mm: 12,0 kg\nje 100 mm Mehrlänge: 0,8 kg\n",
        "Gelenkwelle GW 4, Länge 1300 mm",
        14400,
    ),
    (
        "pim.txt",
        "Drive shaft DS 2\nBase weight at 500 mm: 2.0 kg\nper 100 mm additional length: 0.3 kg\n",
        "Drive shaft DS 2, length 800 mm",
        2900,
    ),
    # counterparts: the name's length is below the base's (no step down), or the name has none
    (
        "pim.txt",
        "Gelenkwelle GW 4\nGrundgewicht bei 1000 mm: 12,0 kg\nje 100 mm Mehrlänge: 0,8 kg\n",
        "Gelenkwelle GW 4, Länge 800 mm",
        None,
    ),
    (
        "pim.txt",
        "Gelenkwelle GW 4\nGrundgewicht bei 1000 mm: 12,0 kg\nje 100 mm Mehrlänge: 0,8 kg\n",
        "Gelenkwelle GW 4",
        None,
    ),
    # a weight word of the next sentence labels that sentence's figure, not the grammage
    (
        "sheet.txt",
        "Kraft envelopes C5\nBrown kraft 90 g/m2, gummed. Weight per 1000 pcs: 5.2 kg.\n",
        "Envelope C5 162x229 mm, 90 g/m2",
        5.2,
    ),
    (
        "sheet.txt",
        "Felt pad sheet\nWeight per area: 400 g/m2\n",
        "Felt pad 200x300 mm",
        24,
    ),
    # a key that is a mass per area ("kg/m2=10"): a weight per area with no weight word
    ("mats.csv", "size;kg/m2\n600x900;10\n800x1200;10\n", "Anti-fatigue mat 800x1200 mm", 9600),
    ("mats.txt", "Matte 500x1000 mm\ng/m2: 2500\n", "Bodenmatte 500x1000 mm", 1250),
    ("mats.csv", "600x900: kg/m2=10\n", "Anti-fatigue mat", None),
    (
        "hose.csv",
        "length m: 2.0\nhose kg/m: 0.5\nfittings: 2\nfitting kg each: 0.2\n",
        "Hose assembly DN8, 2.0 m with fittings",
        None,
    ),
    # a length that is all its bracket says, and "per metre" in CJK or Finnish in a name
    ("sheet.txt", "Tiivistenauha\nPaino: 40 g/m\n", "Tiivistenauha EPDM 9x4 (2 m)", 80),
    ("sheet.txt", "液压软管 DN12\n每米重量: 0.45 kg\n", "液压软管 DN12 (每米)", 450),
    ("sheet.txt", "Tiivistenauha\nPaino: 40 g/m\n", "Tiivistenauha EPDM 9x4", None),
    # a key's rate after its unit ("weight_g_per_m"): a weight per metre, times the name's length
    ("api.json", '{"name": "Seal strip", "weight_g_per_m": 60}', "Seal strip EPDM, 3 m", 180),
    ("api.json", '{"name": "Dichtprofil", "gewicht_g_je_m": 60}', "Dichtprofil EPDM 2 m", 120),
    ("api.json", '{"name": "Seal strip", "weight_g_per_m": 60}', "Seal strip EPDM", None),
    ("api.json", '{"name": "Seal strip", "weight_g": 60}', "Seal strip EPDM, 3 m", 60),
    # a sentence's words never label the next sentence's figure ("Roh…", "tensile strength")
    (
        "mail.txt",
        "Betreff: HB 8\nGuten Tag, im Datenblatt stand 2,1 kg (Rohteil). Das korrigierte Gewicht: 1.850 g für das bearbeitete Teil.\n",
        "Hebel HB 8 geschmiedet, bearbeitet",
        1850,
    ),
    (
        "sheet.txt",
        "Lever HB-8\nPitch 12 mm, tensile strength 40 kN. Net weight per piece: 0.31 kg.\n",
        "Lever HB-8",
        310,
    ),
    # counterparts: an abbreviation's full stop, or one of a sentence with no figure, ends no label
    ("sheet.txt", "Bolt M8x40\nSteel 8.8 galv. Weight approx. 21 g.\n", "Bolt M8x40", 21),
    (
        "protokoll.txt",
        "Prüfbericht Rohrschelle RS 40\nNennmasse lt. Zeichnung: 85 g\n",
        "Rohrschelle RS 40",
        85,
    ),
    # a weight per n of a unit the name counts m of: the article weighs m of them
    (
        "sheet.txt",
        "Roller chain 08B-1\nPitch 12.7 mm. Weight per 100 links: 0.70 kg.\n",
        "Roller chain 08B-1, 120 links",
        840,
    ),
    (
        "sheet.txt",
        "Roller chain 08B-1\nPitch 12.7 mm. Weight per 100 links: 0.70 kg.\n",
        "Roller chain 08B-1, 100 links",
        700,
    ),
    (
        "blatt.txt",
        "Kopierpapier A4 80 g/m²\nGewicht je 100 Blatt: 0,5 kg\n",
        "Kopierpapier A4, 500 Blatt",
        2500,
    ),
    # counterpart: pieces counted by a pack are still one piece each
    (
        "sheet.txt",
        "Screws M6x20\nWeight per 100 pcs: 0.52 kg\n",
        "Screws M6x20, box of 200 pcs",
        5.2,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_seventeenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("GR0SS WT   212 kg", "GROSS WT   212 kg"),
        ("DELIVERY  N0TE  4471", "DELIVERY  NOTE  4471"),
        ("Net we1ght: 2 ,5 kg", "Net weight: 2,5 kg"),
        ("Poids brut : 3 ,25 kg", "Poids brut : 3,25 kg"),
        ("Sizes 3 ,4 and 5, code B0X-15", "Sizes 3 ,4 and 5, code B0X-15"),
        ("Cable H07RN-F 3G2.5 qty 12", "Cable H07RN-F 3G2.5 qty 12"),
        ("Item A10S: 5 kg", "Item A10S: 5 kg"),
    ],
)
def test_ocr_slips_are_read_as_meant_only_where_a_label_or_unit_says(line: str, read: str) -> None:
    assert ocr_repaired(line) == read
