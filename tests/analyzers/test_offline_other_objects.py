"""A real mass that is not the article's weight: a load something carries, a difference or a
tolerance, a process quantity, a package, a part named as the subject of a weighing verb. Each
case that must abstain has a counterpart the rules must still answer.

Every document here is written for this file.
"""

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Wall-hung boiler WB-30\n"
            "Weight and mounting: the boiler hangs on a wall rail that can carry 60 kg.\n",
            "Wall-hung boiler WB-30",
        ),
        (
            "Wandkessel WB-30\n"
            "Montage und Gewicht: an einer Schiene, die mindestens 60 kg trägt.\n",
            "Wandkessel WB-30",
        ),
        (
            "Kombi WB-30\nAğırlık notu: cihaz, en az 60 kg taşıyabilen askı sacına monte edilir.\n",
            "Kombi WB-30",
        ),
        (
            "Gewichtsklassen der Messer\nKlassen | A bis E, Unterschied je Klasse 8 g\n",
            "Messer M-40, Stahl",
        ),
        (
            "Acceptance record, valve body VB-80, ductile iron casting\n"
            "Heat | H-7781, pouring weight of the melt 2.400 kg\n",
            "Valve body VB-80, ductile iron casting",
        ),
        (
            "Offerta lama L-300\nSpedizione in una cassa di legno, il collo pesa circa 12 kg.\n",
            "Lama L-300, acciaio inox",
        ),
        (
            "Manuale trapano T-30\n"
            "Per sollevare la testa servono due persone: la testa pesa circa 30 kg.\n",
            "Trapano a colonna T-30",
        ),
    ],
)
def test_a_mass_of_something_else_is_not_the_article_s_weight(text: str, name: str) -> None:
    assert weight_of("doc.txt", text, name) is None


@pytest.mark.parametrize(
    ("text", "name", "grams"),
    [
        (
            "Wall-hung boiler WB-30\n"
            "Weight: 38 kg\n"
            "Weight and mounting: the boiler hangs on a wall rail that can carry 60 kg.\n",
            "Wall-hung boiler WB-30",
            38000.0,
        ),
        (
            "Gewichtsklassen der Messer\n"
            "Gewicht | 412 g\n"
            "Klassen | A bis E, Unterschied je Klasse 8 g\n",
            "Messer M-40, Stahl",
            412.0,
        ),
        (
            "Manuale trapano T-30\nIl trapano pesa circa 96 kg; la testa pesa circa 30 kg.\n",
            "Trapano a colonna T-30",
            96000.0,
        ),
        (
            "Offerta lama L-300\nLa lama pesa 0,8 kg. Il collo pesa circa 12 kg.\n",
            "Lama L-300, acciaio inox",
            800.0,
        ),
    ],
)
def test_the_article_s_own_weight_beside_it_still_answers(
    text: str, name: str, grams: float
) -> None:
    assert weight_of("doc.txt", text, name) == pytest.approx(grams)
