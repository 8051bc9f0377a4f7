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


# --- compound steel words, the article's material in a packaging specification -----------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Bult B-10\nMaterial: kolstål, härdat\nVikt: 12 g\n", "Bult B-10", "steel"),
        ("Veer V-3\nMateriaal: verenstaal\nGewicht: 4 g\n", "Veer V-3", "steel"),
        ("Jousi J-3\nMateriaali: jousiteräs\nPaino: 4 g\n", "Jousi J-3", "steel"),
        # the counterpart: a compound of stainless stays stainless
        ("Bult B-11\nMaterial: rostfritt stål A2\nVikt: 12 g\n", "Bult B-11", "stainless_steel"),
    ],
)
def test_a_compound_steel_word_names_steel(text: str, name: str, code: str) -> None:
    assert main_material(text, "blad.txt", name) == code


PACK_SPEC = (
    "Packaging specification\n"
    "Cable clip CC-12\n"
    "{own}"
    "Level | Content | Dimensions\n"
    "Bag (PE) | 100 pcs | 250 x 180\n"
    "Carton | 10 bags | 400 x 300 x 200\n"
    "Labelling\n"
    "- Carton label: article number, batch, quantity\n"
)


def test_the_article_material_stated_in_a_packaging_spec_is_the_article() -> None:
    text = PACK_SPEC.format(own="Material of article | polyamide PA66, natural\n")
    assert main_material(text, "pack.md", "Cable clip CC-12") == "pa66"


def test_a_packaging_spec_without_the_article_material_names_no_polymer() -> None:
    text = PACK_SPEC.format(own="Material of bag | PE-LD film\n")
    assert main_material(text, "pack.md", "Cable clip CC-12") != "pe_ld"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Couche | Matière | Grammage\nExtérieure | PA 6 | 20 g/m²\n"
            "Intérieure | PE-LD | 60 g/m²\nConditionnement | carton de 500 sachets, 6,2 kg\n",
            "pe_ld",
        ),
        ("Boîte pliante B-5\nMatière : carton compact 400 g/m²\n", "paper_cardboard"),
    ],
)
def test_the_packing_line_is_not_the_article(text: str, code: str) -> None:
    assert main_material(text, "fiche.txt", "Sachet S-1") == code


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        (["Platine de fixation PF-90", "Platine carrée en acier S235JR, 8 mm"], "steel"),
        (["Steuerung ST-4", "Platine: FR4, bestückt", "Gewicht: 45 g"], "electronics"),
        (["Blade PCB-450, straight", "Material: 1.4034 stainless"], "stainless_steel"),
    ],
)
def test_a_plate_and_an_article_code_are_not_a_circuit_board(lines: list[str], code: str) -> None:
    assert main_material(_pdf(lines), "sheet.pdf", lines[0]) == code


# --- what the article is made for, and variants it is not ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Hinge GH-2\nBody: zamak, chromed\nWeight: 85 g\n", "Hinge for glass doors GH-2", "zinc"),
        (
            "Cerniera CV-2\nLinea vetro\nCorpo | zama pressofusa\nPeso | 85 g\n",
            "Cerniera per ante in vetro CV-2, zama",
            "zinc",
        ),
        ("Pipe clamp PC-32 for PVC pipes, galvanised steel\n", "Pipe clamp PC-32", "steel"),
        # the counterparts: the glass, the pipe itself
        ("Glass shelf GS-1\nMaterial: tempered glass 8 mm\n", "Glass shelf GS-1", "glass"),
        ("Mensola MV-1 in vetro temperato\nPeso: 2,1 kg\n", "Mensola in vetro MV-1", "glass"),
        ("PVC pipe 32 mm, pressure rated\nWeight: 210 g/m\n", "PVC pipe 32 mm", "pvc"),
    ],
)
def test_the_counterpart_an_article_is_for_is_not_its_material(
    text: str, name: str, code: str
) -> None:
    assert main_material(text, "sheet.md", name) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Washer W-10, steel, zinc plated\nOther finishes (stainless A2, A4) on page 4\n", "steel"),
        ("Guide carriage GC-15\n- double seals, stainless steel version on request\n", None),
        # the counterparts: the stainless article itself
        ("Washer W-12\nMaterial: stainless steel A2\n", "stainless_steel"),
        ("Guide carriage GC-16\n- double seals, stainless steel version\n", "stainless_steel"),
    ],
)
def test_a_variant_on_request_is_not_the_article(text: str, code: str | None) -> None:
    assert main_material(text, "sheet.txt", text.split("\n")[0]) == code


# --- the body before a seal, an accessory the name lists, a part ordered apart ------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Radial bearings with FKM lip seals, rings of chromium steel 100Cr6\n",
            "Radial bearing 6004",
            "steel",
        ),
        (
            "Trommelwinde TW-3\n* 6 m Polyester strap, vernäht\n* Rahmen Stahl, verzinkt\n",
            "Trommelwinde TW-3 with 6 m strap",
            "steel",
        ),
        (
            "TA-48: Descripción=Tornillo TA-48 con arandela EPDM | Material=acero templado\n",
            "Tornillo TA-48 con arandela EPDM",
            "steel",
        ),
        (
            "Nivellierfuß NF-12\nFuß Stahl verzinkt\n"
            "Hinweis: Gummikappe separat bestellen (Gewicht 0,03 kg)\n",
            "NF-12",
            "steel",
        ),
        # the counterparts: the seal itself, a part that comes with the body, a body named in
        # the name's "with" clause
        ("O-ring 20 x 2\nMaterial: FKM 75 Shore A\n", "O-ring 20 x 2, FKM", "rubber"),
        ("Nivellierfuß NF-13\nFuß: Gummi, Kern aus Stahl\n", "NF-13", "rubber"),
        (
            "Valve VB-2\nHousing | brass CW617N\nSeal | EPDM\n",
            "Valve VB-2 with brass housing",
            "brass",
        ),
    ],
)
def test_the_body_leads_its_seals_and_accessories(text: str, name: str, code: str) -> None:
    assert main_material(text, "sheet.txt", name) == code


# --- a synthetic fibre's fabric is its polymer --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fabric | Piece\n100 % polyester, twill weave | 150 x 250 cm\n", "pet"),
        ("Composition | 70 % polyester / 30 % cotton (by mass)\n", "pet"),
        ("Gurt: Nylongewebe 20 mm\n", "pa6"),
        ("Tissu : polyester enduit PU, 300 g/m²\n", "pet"),
        # the counterparts: a natural fibre stays a textile, a polyester resin is no fabric
        ("Fabric | Piece\n100 % cotton, twill weave | 150 x 250 cm\n", "textile"),
        ("Composition | 70 % cotton / 30 % polyester (by mass)\n", "textile"),
        ("Material: polyester resin, glass fibre reinforced\n", "glass_fibre"),
    ],
)
def test_a_fabric_of_a_synthetic_fibre_is_that_polymer(text: str, code: str) -> None:
    assert main_material(text, "spec.txt", "Table cover TC-9") == code


def test_a_polyester_tablecloth_in_a_spreadsheet_is_pet() -> None:
    rows = [["Article", "Fabric", "Size"], ["TC-9", "100 % polyester, spun yarn", "150 x 250"]]
    assert main_material(_xlsx(rows), "range.xlsx", "Table cover TC-9") == "pet"


# --- the article's own row of a list --------------------------------------------------------------

EXPORT = (
    "AB-100-Z: description=Angle bracket 100, zinc plated | EA | net_weight=0.21 | "
    "material=ASTM A1011 CS\n"
    "AB-100-SS: description=Angle bracket 100, 304 stainless | EA | net_weight=0.22 | "
    "material=AISI 304\n"
    "AB-KIT-6: description=Bracket kit, 6 x AB-100-Z with screws | KT | net_weight=1.4 | "
    "material=mixed\n"
)
PRICES = (
    "TR-4216: Descripción=Tornillo rosca chapa 4,2 x 16 | Acabado=cincado blanco | Caja=1000\n"
    "TR-4219: Descripción=Tornillo rosca chapa 4,2 x 19 | Acabado=cincado blanco | Caja=1000\n"
    "TR-4219-A2: Descripción=Tornillo rosca chapa 4,2 x 19 | Acabado=inoxidable A2 | Caja=500\n"
)


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (EXPORT, "Angle bracket 100, zinc plated (AB-100-Z)", "steel"),
        (EXPORT, "Angle bracket 100, 304 stainless (AB-100-SS)", "stainless_steel"),
        (PRICES, "Tornillo rosca chapa 4,2 x 19, cincado blanco", "steel"),
        (PRICES, "Tornillo rosca chapa 4,2 x 19, inoxidable A2", "stainless_steel"),
    ],
)
def test_the_row_of_the_article_gives_its_material(text: str, name: str, code: str) -> None:
    assert main_material(text, "export.txt", name) == code


# --- a composition table's share column, titanium zinc --------------------------------------------

BREAKDOWN = (
    "Mass and material breakdown (per harness)\n"
    "Material | Mass (g) | Share\n"
    "Copper (conductors and terminals) | {cu} | {cu_pct} %\n"
    "PVC (insulation, tape, sleeving) | {pvc} | {pvc_pct} %\n"
    "EPDM (grommet) | 10 | 5.0 %\n"
    "Protection | PVC tape full wrap\n"
)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"cu": 110, "cu_pct": "55.0", "pvc": 80, "pvc_pct": "40.0"}, "copper"),
        # the counterpart: the same table with the insulation heavier
        ({"cu": 70, "cu_pct": "35.0", "pvc": 120, "pvc_pct": "60.0"}, "pvc"),
    ],
)
def test_a_share_column_gives_each_row_its_share(values: dict[str, object], code: str) -> None:
    text = BREAKDOWN.format(**values)
    assert main_material(text, "harness.md", "Door harness DH-4") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Werkstoff: Titanzink nach EN 988, 0,7 mm\n", "zinc"),
        ("Matériau : zinc-titane, 0,65 mm\n", "zinc"),
        # the counterpart: titanium alone is not zinc
        ("Werkstoff: Titan Grade 2\n", None),
    ],
)
def test_titanium_zinc_is_zinc(text: str, code: str | None) -> None:
    assert main_material(text, "blatt.txt", "Rinnenwinkel RW-1") == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kettenräder für Rollenkette, einseitige Nabe, C45, Zähne gehärtet\n", "steel"),
        # the counterparts: a count before the code, a code that begins the line's text
        ("Schrauben, 2, C15, verpackt\n", None),
        ("C45 Kettenrad-Sortiment, 12 Teile\n", None),
    ],
)
def test_a_grade_as_an_item_of_a_comma_list_is_a_material(text: str, code: str | None) -> None:
    assert main_material(text, "tabelle.txt", "Kettenrad KR-21") == code


# --- a parts list's mass per unit times its count -------------------------------------------------


@pytest.mark.parametrize(("rail_metres", "code"), [(2, "aluminium"), (1, "steel")])
def test_a_mass_per_unit_is_weighed_by_the_count(rail_metres: int, code: str) -> None:
    rows = [
        ["Baugruppe: ST-5", "Schiebetürbeschlag ST-5"],
        ["Pos.", "Benennung", "Menge", "Werkstoff", "Gewicht je Einheit (kg)"],
        ["1", "Laufwagen", "2 Stk", "Stahl verzinkt", "0,42"],
        ["2", "Laufschiene", f"{rail_metres} m", "Aluminium EN AW-6063", "0,60"],
        ["3", "Puffer", "2 Stk", "POM", "0,02"],
    ]
    name = "Schiebetürbeschlag ST-5 mit Laufschiene"
    assert main_material(_xlsx(rows), "stueckliste.xlsx", name) == code


# --- a general word the document names more precisely ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "Kabelbinder KB-3\nNylon, schwarz\nWerkstoff: PA66, UL94 V-2\n",
            "Nylon-Kabelbinder KB-3",
            "pa66",
        ),
        (
            "Welle W-4\nRohteil: Rundstahl Ø30 x 80\nWerkstoff: 1.4305\n",
            "Welle W-4",
            "stainless_steel",
        ),
        # the counterparts: nylon alone is PA6, a round bar beside no stainless grade is steel
        ("Kabelbinder KB-4\nNylon, schwarz\n", "Nylon-Kabelbinder KB-4", "pa6"),
        ("Welle W-5\nRohteil: Rundstahl Ø30 x 80\nWerkstoff: C45\n", "Welle W-5", "steel"),
    ],
)
def test_a_general_word_yields_to_the_precise_one(text: str, name: str, code: str) -> None:
    assert main_material(text, "blatt.txt", name) == code
