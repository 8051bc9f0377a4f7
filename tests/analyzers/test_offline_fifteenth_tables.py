"""The fifteenth pass's causes of a null in mails that give or correct a weight, each with its
counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a heading or aside that leaves a part out ("(without rod-end
accessories):", "(ohne Zubehör):") read as the heading of that part; a lead-in sentence
("… weigh as follows" / its aside on a line of its own) over a list of the weights; a figure the
name gives once with the unit of another ("bore 20, stroke 100 mm") read as another variant's
value; the corrected figure of "weighs 1.48 kg, not 1.84 kg" read as the one called wrong; "the
correct value is 540 g" below a weight spoken of, read as no weight at all; the digits that end
a code ("UCF206 komplett") read as a count of the name's pieces; an inspection report's
numbered samples and their mean read as rivals of the nominal weight it states; a caption's
code before a header's bracketed unit ("serie MG Massa [kg]") read as the unit.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import weights as W  # noqa: N812 - read as W.fn, as the rules do
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a heading that leaves a part out heads the article's own weights, a lead-in over the list
    (
        "mail.txt",
        "Hello,\n\nthe valves DN 15 and DN 20 weigh as follows\n(without mounting accessories):\n\n  - KV-15 (DN 15): 0.62 kg\n  - KV-20 (DN 20): 0.81 kg\n\nRegards\n",
        "Ball valve DN 15 (KV-15)",
        620,
    ),
    (
        "mail.txt",
        "Guten Tag,\n\njede Pumpe der Baureihe wiegt wie folgt\n(ohne Zubehör):\n\n  - HP-10 (Förderhöhe 10 m): 4,2 kg\n  - HP-16 (Förderhöhe 16 m): 5,1 kg\n\nGrüße\n",
        "Pumpe HP-10",
        4200,
    ),
    # counterpart: a heading that names the part heads the part's own weights, not the article's
    (
        "mail.txt",
        "Hello,\n\nthe valves weigh 2 kg each. The accessories weigh as follows\n(mounting accessories):\n\n  - Bracket KV-15: 0.12 kg\n\nRegards\n",
        "Ball valve DN 15 (KV-15)",
        2000,
    ),
    # a figure of the name without a unit of its own shares the next one's
    (
        "mail.txt",
        "Hello,\n\nthe cylinders, bore 32 mm, weigh as follows:\n\n  - ZY-32-50 (stroke 50 mm): 0.48 kg\n  - ZY-32-80 (stroke 80 mm): 0.55 kg\n",
        "Cylinder bore 32, stroke 50 mm (ZY-32-50)",
        480,
    ),
    # counterpart: a value the name does not give at all is another variant's
    (
        "mail.txt",
        "Hello,\n\nthe hoist with a lifting height of 3 m weighs 12 kg.\n",
        "Chain hoist lifting height 5 m",
        None,
    ),
    # "Y, not X": Y replaces X
    (
        "mail.txt",
        "Hello,\n\nsorry, a typo in yesterday's confirmation: the gear wheel\nZG-40 weighs 2.35 kg, not 3.25 kg as stated.\n\nBest,\nOwen\n",
        "Gear wheel ZG-40",
        2350,
    ),
    (
        "mail.txt",
        "Guten Tag,\n\nleider ein Tippfehler: das Zahnrad ZR-40 wiegt 2,35 kg und nicht 3,25 kg.\n\nGruß\n",
        "Zahnrad ZR-40",
        2350,
    ),
    (
        "mail.txt",
        "Bonjour,\n\nerreur dans notre offre : la roue RD-40 pèse 2,35 kg et non 3,25 kg.\n",
        "Roue dentée RD-40",
        2350,
    ),
    # counterpart: a correction that says only which figure is wrong leaves no weight
    (
        "mail.txt",
        "Hello,\n\nsorry, a typo in yesterday's confirmation: the weight of 3.25 kg for the gear wheel ZG-40 is wrong.\n",
        "Gear wheel ZG-40",
        None,
    ),
    # "the correct value is 540 g" after a weight spoken of above: the corrected weight
    (
        "mail.txt",
        "Subject: Correction - weight of gate valve GV-50\n\nHello,\n\nin our offer we stated 1.85 kg for the gate valve GV-50. That figure belongs to GV-40.\nFor GV-50 the correct value is 2.3 kg.\n\nRegards\n",
        "Gate valve GV-50",
        2300,
    ),
    (
        "mail.txt",
        "Betreff: Korrektur\n\nGuten Tag,\n\nim Datenblatt ist das Gewicht mit 0,38 kg falsch angegeben; dieser Wert gilt nur für den Deckel.\nRichtig ist: Gehäuse GH205 komplett 0,95 kg.\n",
        "Gehäuse GH205 komplett",
        950,
    ),
    (
        "mail.txt",
        "Objet : correction\n\nBonjour,\n\nle poids de 1,85 kg de notre offre est erroné.\nPour la vanne VA-50, la valeur correcte est 2,3 kg.\n",
        "Vanne VA-50",
        2300,
    ),
    # counterpart: a correct value where no weight was spoken of is no weight
    (
        "mail.txt",
        "Hello,\n\nthe order GV-50 was confirmed for week 12.\nFor GV-50 the correct value is 2.3 kg of grease per year.\n",
        "Gate valve GV-50",
        None,
    ),
    # counterpart: digits that end a code count no pieces ("UCF206 komplett" is one unit)
    (
        "datenblatt.txt",
        "Lagereinheit UCF206 komplett\nGewicht Lagereinheit UCF206 komplett: 1,12 kg\n",
        "Lagereinheit UCF206 komplett",
        1120,
    ),
    # an inspection report's numbered samples and their mean beside the nominal weight
    (
        "report.md",
        "# Inspection report IR-77\nPart: Spacer SP-8, steel\nDrawing requirement: nominal mass 8.40 g\n\nMean of 3 samples: 8.37 g\n\n| Sample | Mass (g) | Result |\n|---|---|---|\n| 1 | 8.35 | OK |\n| 2 | 8.41 | OK |\n| 3 | 8.36 | OK |\n",
        "Spacer SP-8, steel",
        8.4,
    ),
    (
        "prüfbericht.md",
        "# Prüfbericht PB-12 – Lagerdeckel LD-40\n\n**Nenngewicht:** 0,62 kg\n\n| Probe | Gewicht (kg) | Ergebnis |\n|---|---|---|\n| 1 | 0,61 | i.O. |\n| 2 | 0,63 | i.O. |\n\nMittelwert: 0,62 kg\n",
        "Lagerdeckel LD-40",
        620,
    ),
    (
        "rapport.md",
        "# Rapport de contrôle – Bride BR-25\n\n**Poids nominal :** 1,25 kg\n\n| Échantillon | Poids (kg) |\n|---|---|\n| 1 | 1,24 |\n| 2 | 1,27 |\n\nMoyenne échantillons : 1,255 kg\n",
        "Bride BR-25",
        1250,
    ),
    # counterpart: without a nominal weight, the samples still leave the weight open
    (
        "report.md",
        "# Inspection report IR-78\nPart: Spacer SP-9, steel\n\n| Sample | Mass (g) | Result |\n|---|---|---|\n| 1 | 8.35 | OK |\n| 2 | 8.61 | OK |\n| 3 | 8.16 | OK |\n",
        "Spacer SP-9, steel",
        None,
    ),
    (
        "report.txt",
        "First article inspection report - cast cover CC-12\nAlloy: AlSi9Cu3. Nominal part weight 184 g, tolerance ± 2 g.\nMean 183.6 g. All samples within tolerance.\n\nSample | Weight (g) | Result\n1 | 183.2 | OK\n2 | 184.1 | OK\n3 | 183.6 | OK\n",
        "Cast cover CC-12, AlSi9Cu3",
        184,
    ),
    # a table caption's code before the header's bracketed unit is no unit ("serie MG"); read
    # as milligrams, the row gave no weight
    (
        "scheda.md",
        "# Bulloni di ancoraggio\n\n| Diametro | Lunghezza [mm] | serie MG Massa [kg] |\n|---|---|---|\n| Ø 12 | 120 | 0,18 |\n| Ø 16 | 160 | 0,42 |\n",
        "Bullone di ancoraggio Ø 16",
        420,
    ),
    # counterpart: a bare unit in the header still counts where nothing is bracketed
    (
        "liste.txt",
        "Ankerbolzen\nDurchmesser | Länge mm | Gewicht g\nØ 12 | 120 | 180\nØ 16 | 160 | 420\n",
        "Ankerbolzen Ø 16",
        420,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_fifteenth_pass_weights(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("cell", "factor"),
    [
        ("serie MG Massa [kg]", 1000.0),  # a caption's code, then the bracketed unit
        ("Gewicht g", 1.0),  # counterpart: a bare unit where nothing is bracketed
        ("Poids (g)", 1.0),
    ],
)
def test_header_unit_prefers_the_bracketed_unit(cell: str, factor: float) -> None:
    assert W.header_unit(cell) == factor
