"""The sixteenth pass's causes of a confident wrong weight, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: an export key's own round basis ("weight_per_1000_kg") overruled by a
pack count of its logistics section; a weight with the case the article is carried or stored
in; a part's weight of an article whose name lists its parts in brackets ("komplett (Rahmen
und Platte)"); a German plural with an umlaut of the name's noun ("100 Tücher" of a "Tuch");
a pair's weight of an article named as one pair in Polish ("(1 para)"); a counted pack's
weight with its accessories ("VE 10 Stück inkl. 20 Erdnägel"). Each rule must not fire where
the figure is the article's own.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a key's own round basis wins over the pack count of the section it sits in; a count of
    # the name's noun there does not (a bale's "140 plateaux" may weigh its wrapping too)
    (
        "item.json",
        '{"title": "Paper bag 30 x 40 cm", "logistics": {"weight_per_1000_kg": 42, "pcs_per_bundle": 250}}',
        "Paper bag 30 x 40 cm",
        42,
    ),
    (
        "item.json",
        '{"title": "Paper bag 30 x 40 cm", "logistics": {"bundle_weight_kg": 10.5, "pcs_per_bundle": 250}}',
        "Paper bag 30 x 40 cm",
        42,
    ),
    # a weight with the carrying or storage case is a packed weight
    (
        "spec.txt",
        "Datenblatt\nCampingkocher CK-2\nLeistung: 2,5 kW\nGewicht inkl. Koffer: 1,4 kg\n",
        "Campingkocher CK-2",
        None,
    ),
    (
        "spec.txt",
        "Fiche technique\nRéchaud de camping RC-2\nPuissance : 2,5 kW\nPoids avec étui : 1,4 kg\n",
        "Réchaud de camping RC-2",
        None,
    ),
    (
        "spec.json",
        '{"品名": "ランタン LT-5", "仕様": {"収納時重量(ケース込み)": "310 g"}}',
        "ランタン LT-5",
        None,
    ),
    (
        "spec.txt",
        "Datenblatt\nAkku-Bohrschrauber BS-18 im Koffer\nGewicht inkl. Koffer: 3,1 kg\n",
        "Akku-Bohrschrauber BS-18 im Koffer",
        3100,
    ),
    (
        "spec.txt",
        "Datenblatt\nCampingkocher CK-2\nLeistung: 2,5 kW\nGewicht: 1,1 kg\n",
        "Campingkocher CK-2",
        1100,
    ),
    # the parts a name lists in brackets: a row of one of them weighs that part
    (
        "spec.txt",
        "Datenblatt\nWerkbank WB-9\n\nBauteil | Gewicht\nRahmen (geschweißt) | 21 kg\nArbeitsplatte Buche 40 mm | 16 kg\n",
        "Werkbank WB-9, komplett (Rahmen und Platte)",
        None,
    ),
    (
        "spec.txt",
        "Datenblatt\nWerkbank WB-9\n\nAusführung | Gewicht\nWerkbank WB-9 komplett | 37 kg\n",
        "Werkbank WB-9, komplett (Rahmen und Platte)",
        37000,
    ),
    # a German plural with an umlaut counts the name's noun: never the pack's weight as one
    (
        "spec.txt",
        "Produktdatenblatt\nPoliertuch Mikrofaser 30 x 30 cm\nInhalt: 50 Tücher\nNettogewicht (50 Tücher): 1,5 kg\n",
        "Poliertuch Mikrofaser 30 x 30 cm (ein Tuch)",
        30,
    ),
    (
        "spec.txt",
        "Produktdatenblatt\nPoliertuch Mikrofaser 30 x 30 cm\nNettogewicht: 30 g\n",
        "Poliertuch Mikrofaser 30 x 30 cm (ein Tuch)",
        30,
    ),
    # an article named as one pair in Polish is the pair its weight is of
    (
        "karta.txt",
        "KARTA PRODUKTU\nSkarpety robocze, rozmiar 42 (1 para)\nMasa pary: 64 g\n",
        "Skarpety robocze, rozmiar 42 (1 para)",
        64,
    ),
    (
        "karta.txt",
        "KARTA PRODUKTU\nSkarpeta robocza, rozmiar 42 (1 sztuka)\nMasa pary: 64 g\n",
        "Skarpeta robocza, rozmiar 42 (1 sztuka)",
        32,
    ),
    # a counted pack with accessories weighs more than its articles: never divided as pieces
    (
        "spec.txt",
        "Datenblatt\nBeetkante Stahl 1000 x 120 mm\nVerpackung: VE 5 Stück inkl. 15 Erdanker, 4,1 kg\n",
        "Beetkante Stahl 1000 x 120 mm",
        None,
    ),
    (
        "spec.txt",
        "Datenblatt\nBeetkante Stahl 1000 x 120 mm\nVerpackung: VE 5 Stück, 4,1 kg\n",
        "Beetkante Stahl 1000 x 120 mm",
        820,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_sixteenth_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)
