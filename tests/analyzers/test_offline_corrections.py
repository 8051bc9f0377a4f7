"""Corrections and threads: the figure a text calls wrong or replaced never answers, the one it
calls correct does, and a reply that corrects supersedes what it quotes. Each answered case has
a counterpart the rules must leave unsure.

Every document here is written for this file.
"""

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of


@pytest.mark.parametrize(
    ("text", "name", "grams"),
    [
        (
            "Subject: data sheet update, hinge HG-7\n"
            "The data sheet we sent on Monday shows by mistake a weight of 3,1 kg. The correct\n"
            "weight of the hinge is 0,31 kg per piece.\n"
            "Material: zinc die cast\n",
            "Hinge HG-7, zinc die cast",
            310.0,
        ),
        (
            "Betreff: Datenblatt Scharnier HG-7\n"
            "Im Datenblatt steht irrtümlich ein Gewicht von 3,1 kg. Richtig ist ein Gewicht\n"
            "von 0,31 kg je Stück.\n"
            "Werkstoff: Zinkdruckguss\n",
            "Scharnier HG-7, Zinkdruckguss",
            310.0,
        ),
        (
            "Objet : fiche technique charnière HG-7\n"
            "Poids de la charnière : 0,31 kg au lieu de 3,1 kg indiqués sur la fiche.\n"
            "Matière : zamak\n",
            "Charnière HG-7, zamak",
            310.0,
        ),
        (
            "Oggetto: scheda cerniera HG-7\n"
            "Nella scheda c'è un errore: il peso corretto della cerniera è 0,31 kg.\n"
            "Peso indicato per errore nella scheda: 3,1 kg\n",
            "Cerniera HG-7, zama",
            310.0,
        ),
    ],
)
def test_the_corrected_weight_answers_and_the_wrong_one_never(
    text: str, name: str, grams: float
) -> None:
    assert weight_of("mail.txt", text, name) == pytest.approx(grams)


def test_a_figure_called_wrong_with_no_correction_abstains() -> None:
    text = (
        "Subject: data sheet update, hinge HG-7\n"
        "The data sheet we sent on Monday shows by mistake a weight of 3,1 kg.\n"
        "We will send the corrected sheet next week.\n"
    )
    assert weight_of("mail.txt", text, "Hinge HG-7, zinc die cast") is None


def test_a_weight_an_earlier_message_gave_reported_by_the_reply_abstains() -> None:
    text = (
        "Subject: RE: hinge HG-7\n"
        "Dear Ms Berg,\n"
        "in my mail of Friday I wrote that the hinge weighs\n"
        "about 3,1 kg - that figure included the carton. Our lab weighs the part again.\n"
    )
    assert weight_of("mail.txt", text, "Hinge HG-7, zinc die cast") is None


_QUOTED = (
    "\n"
    "Kind regards\n"
    "Tom Wade\n"
    "\n"
    "-----Original Message-----\n"
    "From: Tom Wade\n"
    "Sent: Monday\n"
    "Subject: bracket BR-20\n"
    "> Material: S235, galvanised\n"
    "> Weight: 1,25 kg\n"
)


def test_a_reply_that_corrects_supersedes_the_weight_it_quotes() -> None:
    text = (
        "Subject: RE: bracket BR-20 - weight correction\n"
        "Hello Anna,\n"
        "sorry, the weight below was wrong: it was the blank before punching.\n"
        "The finished bracket BR-20 after punching and bending weighs\n"
        "0,98 kg per piece.\n" + _QUOTED
    )
    assert weight_of("mail.txt", text, "Bracket BR-20, S235 galvanised") == pytest.approx(980.0)


def test_a_reply_that_calls_the_quoted_weight_wrong_but_states_none_abstains() -> None:
    text = (
        "Subject: RE: bracket BR-20 - weight correction\n"
        "Hello Anna,\n"
        "sorry, the weight below was wrong: it was the blank before punching.\n"
        "I will send the finished part's weight tomorrow.\n" + _QUOTED
    )
    assert weight_of("mail.txt", text, "Bracket BR-20, S235 galvanised") is None


def test_a_markdown_thread_reply_with_et_non_supersedes_the_older_message() -> None:
    text = (
        "**De :** Marc Roux\n"
        "**Objet :** RE: RE: capot CV-30\n"
        "\n"
        "Bonjour,\n"
        "petite correction : le poids correct du capot CV-30 (tôle 1 mm, peint) est "
        "**0,96 kg**, et non 0,69 kg comme indiqué hier.\n"
        "\n"
        "Cordialement\n"
        "Marc Roux\n"
        "\n"
        "---\n"
        "\n"
        "**De :** Marc Roux\n"
        "**Objet :** RE: capot CV-30\n"
        "\n"
        "Voici les données du capot CV-30 : poids 0,69 kg, carton de 20 pièces d'environ "
        "21 kg.\n"
    )
    assert weight_of("mail.md", text, "Capot CV-30, tôle acier peinte") == pytest.approx(960.0)


def test_a_figure_on_the_line_after_a_sentence_that_does_not_weigh_anything_abstains() -> None:
    text = (
        "Subject: RE: bracket BR-20\n"
        "Hello Anna,\n"
        "the price of the finished bracket BR-20 after punching and bending is\n"
        "0,98 kg of steel times the steel index plus the forming cost.\n"
    )
    assert weight_of("mail.txt", text, "Bracket BR-20, S235 galvanised") is None


def test_an_error_the_sentence_before_names_in_something_else_leaves_the_weight_alone() -> None:
    text = (
        "Subject: bracket BR-20, rev. C\n"
        "The drawing had an error in the hole pattern. Weight: 0,98 kg per piece.\n"
    )
    assert weight_of("mail.txt", text, "Bracket BR-20, S235 galvanised") == pytest.approx(980.0)
