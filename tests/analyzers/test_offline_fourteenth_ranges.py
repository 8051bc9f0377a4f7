"""Two causes of a weight reported where a document states none of the article's own.

A weight range across versions, sizes, models or lengths ("da 30 a 75 g secondo il modello",
"between 60 and 95 g depending on the size"), or one too wide to be a spread around one
nominal value, is the weights of several variants: neither its end nor its middle is the
article's. A narrow range ("240–260 g", "between 240 and 260 g") is one weight and its spread
(its middle counts), and a named variant's row keeps its range.

A weight labelled with one of the parts the document lists the article with ("In the box:
10 m hose, nozzle, …" beside "Hose weight", "Modelo LX-40: pantalla de vidrio, …" beside "Peso
pantalla") is that part's. It stays the article's when the part is what the name names (a
"Garden hose" weighed as "Hose weight"), when the label is the whole's ("Set weight",
"Gewicht gesamt") or bare, and when no list of parts is given.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import listed_parts as LP  # noqa: N812 - read as LP.fn, as the rules do
from app.analyzers.offline import names as N  # noqa: N812
from app.analyzers.offline import ranges as RG  # noqa: N812
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a range said to depend on the version, size, model or length: several variants' weights
    (
        "spec.md",
        "# Cerniere per mobili serie CX\n\n- Apertura 110 gradi\n- Peso: da 30 a 75 g secondo il modello\n",
        "Cerniera per mobili CX",
        None,
    ),
    (
        "mail.txt",
        "Hello,\nour funnels (polypropylene) weigh between 60 and 95 g depending on the size.\nRegards\n",
        "Funnel, polypropylene",
        None,
    ),
    (
        "spec.txt",
        "Rohrschelle RS\nWerkstoff: Stahl verzinkt\nGewicht: zwischen 1,2 und 2,0 kg je nach Länge\n",
        "Rohrschelle RS",
        None,
    ),
    (
        "fiche.txt",
        "Étau d'établi EV\nPoids : de 3 à 5,2 kg selon la version\n",
        "Étau d'établi EV",
        None,
    ),
    (
        "ficha.txt",
        "Soporte de pared SP\nPeso: entre 2 y 3,5 kg según el modelo\n",
        "Soporte de pared SP",
        None,
    ),
    (
        "ficha.txt",
        "Suporte de parede SP\nPeso: de 2 a 3,5 kg conforme o modelo\n",
        "Suporte de parede SP",
        None,
    ),
    (
        "spec.txt",
        "Wandhouder WH\nGewicht: tussen 1,1 en 1,4 kg afhankelijk van de uitvoering\n",
        "Wandhouder WH",
        None,
    ),
    ("spec.txt", "Vägghållare VH\nVikt: 1,1–1,3 kg beroende på storlek\n", "Vägghållare VH", None),
    ("spec.txt", "Grifo G2\nPeso: 1,2–1,25 kg (según el acabado)\n", "Grifo G2", None),
    # counterparts: one weight that depends on a finish, a narrow range of no variant
    ("spec.txt", "Grifo G2\nPeso: 1,2 kg (según el acabado)\n", "Grifo G2", 1200),
    ("spec.txt", "Steckergehäuse SG\nGewicht: 240–260 g\n", "Steckergehäuse SG", 250),
    ("spec.txt", "Halter HT\nGewicht: 118 - 122 g\n", "Halter HT", 120),
    # a range too wide for one nominal weight's spread, with no row naming the article
    ("spec.txt", "Bracket BX\nMaterial: steel\nWeight: 40-95 g\n", "Bracket BX", None),
    (
        "spec.md",
        "| Modell | Gewicht |\n|---|---|\n| CX-10 | 40-95 g |\n| CX-20 | 100-180 g |\n",
        "Scharnier CX-10",
        67.5,
    ),
    # a range opened by its words: its middle, as for "240-260 g"
    (
        "spec.txt",
        "Connector housing CH\nWeight: between 240 and 260 g\n",
        "Connector housing CH",
        250,
    ),
    (
        "spec.txt",
        "Connector housing CH\nWeight: between 240 g and 260 g\n",
        "Connector housing CH",
        250,
    ),
    # the other versions' range beside the article's own weight
    (
        "spec.txt",
        "Cerniera CX-3\nPeso: 52 g\nAltre versioni: da 45 a 120 g secondo la versione\n",
        "Cerniera CX-3",
        52,
    ),
    # a weight of one of the parts the document lists the article with
    (
        "shop.txt",
        "Watering hose set 10 m with nozzle\nIn the box: 10 m hose, 5-pattern nozzle, 2 connectors, hose guide.\nHose weight: 1.6 kg\n",
        "Watering hose set 10 m with nozzle",
        None,
    ),
    (
        "shop.txt",
        "Lámpara colgante LX-40\nModelo LX-40: pantalla de vidrio, cable textil y florón de techo.\nPeso pantalla de vidrio: 1,1 kg\n",
        "Lámpara colgante LX-40",
        None,
    ),
    (
        "shop.txt",
        "Werkzeugset 24-teilig\nLieferumfang: Koffer, Hammer, Zange und 20 Bits\nGewicht Koffer: 1,9 kg\n",
        "Werkzeugset 24-teilig",
        None,
    ),
    (
        "fiche.txt",
        "Kit d'arrosage de jardin\nContenu : pompe, tuyau de 5 m, lance et filtre.\nPoids de la pompe : 4,2 kg\n",
        "Kit d'arrosage de jardin",
        None,
    ),
    (
        "scheda.txt",
        "Set da giardino Lido\nIl set comprende tavolo, 4 sedie e ombrellone.\nPeso tavolo: 12 kg\n",
        "Set da giardino Lido",
        None,
    ),
    # counterparts: the part is the article, the label the whole's or bare, or no list at all
    (
        "shop.txt",
        "Garden hose 10 m\nIn the box: 10 m hose, nozzle, 2 connectors.\nHose weight: 1.6 kg\n",
        "Garden hose 10 m",
        1600,
    ),
    (
        "shop.txt",
        "Watering hose set 10 m\nIn the box: 10 m hose, nozzle, 2 connectors.\nWeight: 1.9 kg\n",
        "Watering hose set 10 m",
        1900,
    ),
    (
        "shop.txt",
        "Watering hose set 10 m\nContents: hose, nozzle, connectors\nSet weight: 2.0 kg\n",
        "Watering hose set 10 m",
        2000,
    ),
    ("shop.txt", "Garden hose set 10 m\nHose weight: 1.6 kg\n", "Garden hose set 10 m", 1600),
    (
        "spec.txt",
        "Schachtdeckel rund (SD-60)\nSD-60: Deckel, Rahmen und Dichtung\nGewicht gesamt: 46 kg\n",
        "Schachtdeckel rund (SD-60)",
        46000,
    ),
    (
        "shop.txt",
        "Lámpara colgante LX-40\nModelo LX-40: pantalla de vidrio, cable textil y florón de techo.\nPeso: 1,6 kg\n",
        "Lámpara colgante LX-40",
        1600,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_fourteenth_pass_range_and_part_rules_hold(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("before", "factor", "low"),
    [
        ("weigh between 90 and ", 1.0, 90.0),
        ("Peso: da 45 a ", 1.0, 45.0),
        ("Gewicht zwischen 1,2 und ", 1000.0, 1200.0),
        ("entre 2 kg y ", 1.0, 2000.0),
        ("Caja de 12 unidades, ", 1.0, None),
    ],
)
def test_a_range_is_opened_by_its_words(before: str, factor: float, low: float | None) -> None:
    got = RG.opened_low(before, factor, comma=True)
    assert (got[1] if got else None) == low


def test_a_record_of_fields_is_no_list_of_parts() -> None:
    name = N.Name.of("Deckel rund (SA-40)")
    text = "SA-40: Deckel rund, ohne Lüftung: Gewicht Deckel: 28 kg, Gewicht gesamt: 46 kg"
    assert LP.listed_words([text], name) == frozenset()
    assert "rahmen" in LP.listed_words(["SA-40: Deckel, Rahmen und Dichtung"], name)
