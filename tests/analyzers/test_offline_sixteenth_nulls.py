"""The sixteenth pass's abstentions that a stated figure answers, each with its counterpart.

A filled article's weight as its stated contents volume × the contents' stated density:
liquids and resins sold in a bottle or can state what they hold ("Füllmenge: 10 l") and the
contents' density ("Dichte (20 °C): 1,01 kg/l") but no mass; the contents weigh their product,
plus the empty container when the sheet weighs it ("Poids du bidon vide"). The counterparts: a
name of the container itself ("Kanister 10 l"), two volumes or two densities on one sheet, a
volume the name contradicts, a capacity rather than a contents, an unread tare.

A weight key's round basis closed by the figure's unit ("weight_per_1000_kg") weighs that many
pieces, in a logistics block too (not a pack weight to divide by a bundle's count).
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import counts as C  # noqa: N812 - read as C.fn, as the rules do
from app.analyzers.offline import names as N  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    (
        "sheet.txt",
        "Datenblatt Bodenpflege BP-3\nFüllmenge: 3 l\nDichte (20 °C): 1,02 kg/l\npH: 8\n",
        "Bodenpflege BP-3, 3 l",
        3060,
    ),
    (
        "sheet.txt",
        "Fiche produit Dégraissant DG\nContenance : 750 ml\nDensité : 1,08 g/cm3\n",
        "Dégraissant DG 750 ml",
        810,
    ),
    (
        "sheet.txt",
        "Scheda Detergente piatti\nContenuto: 2 l\nDensità (20 °C): 1,05 kg/l\n",
        "Detergente piatti 2 l",
        2100,
    ),
    (
        "sheet.txt",
        "Ficha Limpiador suelos\nContenido | 5 l\nDensidad | 1,01 kg/l\n",
        "Limpiador suelos 5 l",
        5050,
    ),
    (
        "sheet.txt",
        "Product sheet Window cleaner WC-1\nVolume: 1 l\nDensity: 1.00 kg/l\n",
        "Window cleaner WC-1, 1 l",
        1000,
    ),
    (
        "sheet.txt",
        "Produktblad Fönsterputs\nVolym: 2 l\nDensitet: 1,01 kg/l\n",
        "Fönsterputs 2 l",
        2020,
    ),
    # a column's unit before its figure, as a spreadsheet row reads ("Inhalt ml=250")
    (
        "sheet.txt",
        "GH-250: Bezeichnung=Gießharz klar | Inhalt ml=250\nGH-250: Dichte g/cm3=1,20 | Viskosität mPa s=400\n",
        "Gießharz klar, 250 ml",
        300,
    ),
    # the empty container's weight the sheet states is part of the full can sold
    (
        "sheet.txt",
        "Fiche produit Nettoyant sols NS-2 - bidon 2 L\nContenance | 2 L\nMasse volumique | 1,05 kg/l\nPoids du bidon vide | 0,15 kg\n",
        "Nettoyant sols NS-2, bidon 2 L",
        2250,
    ),
    # counterparts: a tare the rules did not read as the empty container's one figure
    (
        "sheet.txt",
        "Datenblatt Bodenpflege BP-3\nFüllmenge: 3 l\nDichte: 1,02 kg/l\nTara: 0,2 kg oder 0,3 kg\n",
        "Bodenpflege BP-3, 3 l",
        None,
    ),
    # counterparts: the container itself is the article
    (
        "sheet.txt",
        "Kanister HDPE 10 l\nInhalt: 10 l\nDichte des Füllguts: 1,01 kg/l\n",
        "Kanister HDPE 10 l",
        None,
    ),
    # two sizes on one sheet, or two densities: no single product
    (
        "sheet.txt",
        "Datenblatt Bodenpflege BP-3\nFüllmenge: 1 l\nFüllmenge: 5 l\nDichte: 1,02 kg/l\n",
        "Bodenpflege BP-3",
        None,
    ),
    (
        "sheet.txt",
        "Product sheet Window cleaner WC-1\nVolume: 1 l\nDensity (20 °C): 1.00 kg/l\nDensity (40 °C): 0.98 kg/l\n",
        "Window cleaner WC-1",
        None,
    ),
    # the name states another volume than the sheet's
    (
        "sheet.txt",
        "Ficha Limpiador suelos\nContenido: 5 l\nDensidad: 1,01 kg/l\n",
        "Limpiador suelos 1 l",
        None,
    ),
    # a capacity is no contents: a bucket's sheet with its material's density
    (
        "sheet.txt",
        "Reiniger Konzentrat RK\nFassungsvermögen: 10 l\nDichte: 1,1 kg/l\n",
        "Reiniger Konzentrat RK",
        None,
    ),
    # a key's round basis with the figure's unit after it ("weight_per_1000_kg"): per 1000 pieces,
    # in a logistics block too, not a pack weight to divide by the bundle's count
    (
        "export.csv",
        "sku,description,material,weight_per_1000_kg\nSP-10,Spring pin 3x10,steel,0.52\nSP-12,Spring pin 3x12,steel,0.63\n",
        "Spring pin 3x12 (SP-12)",
        0.63,
    ),
    (
        "item.json",
        '{"sku": "BG-30", "title": "Paper bag 30 x 40 cm", "logistics": {"weight_per_1000_kg": 42, "pcs_per_bundle": 250}}',
        "Paper bag 30 x 40 cm",
        42,
    ),
    (
        "item.json",
        '{"sku": "TB-8", "title": "Tüte 20 x 30 cm", "logistik": {"gewicht_pro_1000_kg": 12.5, "stueck_je_bund": 100}}',
        "Tüte 20 x 30 cm",
        12.5,
    ),
    # counterpart: a packing table's count of the article's noun is no round basis of the label
    (
        "sheet.md",
        "# Pflanzschale 12 cm\n\n- Material: Pappe\n- Gewicht: 45 g\n\n## Verpackung\n\n| Einheit | Menge | Gewicht |\n|---|---|---|\n| Karton | 200 Schalen | 9,5 kg |\n",
        "Pflanzschale 12 cm",
        45,
    ),
    # counterpart: a logistics block's bundle weight is still divided by the bundle's count
    (
        "item.json",
        '{"sku": "BG-30", "title": "Paper bag 30 x 40 cm", "logistics": {"bundle_weight_kg": 10.5, "pcs_per_bundle": 250}}',
        "Paper bag 30 x 40 cm",
        42,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_a_filled_article_weighs_its_contents(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("label", "count"),
    [
        ("weight_per_1000_kg", 1000),
        ("logistics.peso_por_1000_kg", 1000),
        ("poids_pour_1000_g", 1000),
        ("peso_per_100_kg", 100),
        ("Peso/1000 (kg)", 1000),
        ("Gewicht pro 1000 kg Ladung", None),  # the basis does not close the label
        ("weight_per_1000_kg_pallet", None),
    ],
)
def test_a_round_basis_may_close_with_the_figures_unit(label: str, count: int | None) -> None:
    assert C.label_count(label, N.Name.of("Spring pin 3x12")) == count


@pytest.mark.parametrize(
    ("label", "count"),
    [("weight_per_1000_kg", 1000), ("Gewicht/1000 (kg)", 1000), ("Poids (140 plateaux)", None)],
)
def test_a_round_basis_is_read_without_a_piece_word(label: str, count: int | None) -> None:
    assert C.round_basis(label) == count
