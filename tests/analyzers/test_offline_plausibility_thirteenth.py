"""The plausibility check, thirteenth pass: right weights it refused, each with the counterpart
it must still refuse.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a side with a space as thousands separator ("1 710 mm") read as 1 mm; a
profile's section read as a block though the name says how long the bar is; a case's size
taken for the piece's; a tent's or a gazebo's block held to the mass of a solid's shell; a
kind word that modifies another noun ("Screw compressor", "Compresor de tornillo") read as
the kind of product; the French "Masse unitaire" read as a dimension label.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline.weights import plausibility
from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a side with a space as thousands separator
    (
        "press.txt",
        "Shop press 20 t\nOverall dimensions (W x D x H): 760 x 620 x 1 710 mm\nNet weight: 118 kg\n",
        "Shop press 20 t, floor standing",
        118_000,
    ),
    (
        "press.txt",
        "Shop press 20 t\nOverall dimensions (W x D x H): 76 x 62 x 17 mm\nNet weight: 118 kg\n",
        "Shop press 20 t, floor standing",
        None,
    ),
    # a profile's section as long as the bar the name states
    (
        "perfil.txt",
        "Ficha técnica\nDimensiones | 20 x 20 x 2 mm\nPeso por barra | 0,91 kg\n",
        "Perfil de aluminio en U 20 x 20 x 2 mm, barra de 3 m",
        910,
    ),
    (
        "perfil.txt",
        "Ficha técnica\nDimensiones | 20 x 20 x 2 mm\nPeso | 0,91 kg\n",
        "Pletina de aluminio 20 x 20 x 2 mm",
        None,
    ),
    # a case's size bounds nothing the piece weighs
    (
        "dish.txt",
        "Petri dish 90 mm\nWeight: 16.4 g\nCase dimensions: 61 x 41 x 37 cm\n",
        "Petri dish 90 mm",
        16.4,
    ),
    (
        "dish.txt",
        "Petri dish 90 mm\nWeight: 16.4 g\nDimensions: 61 x 41 x 37 cm\n",
        "Petri dish 90 mm",
        None,
    ),
    # a tent is a skin over its block, not a solid's shell
    (
        "tent.txt",
        "Tent for 3\nInterior dimensions: 210 x 180 x 115 cm\nMaterial: polyester\nWeight: 2.45 kg\n",
        "Tent for 3 persons",
        2450,
    ),
    (
        "tent.txt",
        "Tent for 3\nInterior dimensions: 210 x 180 x 115 cm\nMaterial: polyester\nWeight: 45 g\n",
        "Tent for 3 persons",
        None,
    ),
    # a kind word that modifies another noun does not name the kind of product
    (
        "comp.txt",
        "Data sheet\nMotor power: 37 kW\nNet weight: 1040 kg\n",
        "Screw compressor SC-37, 37 kW",
        1_040_000,
    ),
    (
        "comp.txt",
        "Ficha técnica\nPotencia: 37 kW\nPeso neto: 1040 kg\n",
        "Compresor de tornillo CT-37, 37 kW",
        1_040_000,
    ),
    ("bolt.txt", "Data sheet\nThread: M8\nNet weight: 1040 kg\n", "Hex bolt M8 x 40", None),
    (
        "bolt.txt",
        "Ficha técnica\nRosca: M8\nPeso neto: 1040 kg\n",
        "Tornillo hexagonal M8 x 40",
        None,
    ),
    # "Masse unitaire : 52 g" labels a mass, not the sizes before it
    (
        "set.txt",
        "Ensemble de béquilles\nCarré 7 x 7 x 110 mm : Masse unitaire : 52 g\nPoids de l'ensemble : 572 g\n",
        "Ensemble de béquilles sur rosace",
        572,
    ),
    ("set.txt", "Béquille\nMasse : 10 x 10 x 5 mm\nPoids : 572 g\n", "Béquille sur rosace", None),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_plausibility_case(filename: str, text: str, name: str, grams: float | None) -> None:
    assert_weight(filename, text, name, grams)


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("Hex bolt M8", True),
        ("Hex screw ISO 4017 M8x40", True),
        ("Socket head cap screw M8x40", True),
        ("DIN 933 Schraube M8", True),
        ("不锈钢螺丝 M6", True),
        ("Hose clamp, 40-60 mm", True),
        ("Screw compressor CT-37", False),
        ("Stud link anchor chain 42 mm", False),
        ("Sensor cable 5 m", False),
        ("Compresor de tornillo CT-37", False),
    ],
)
def test_the_kind_cap_reads_the_name_s_head_noun(name: str, refused: bool) -> None:
    why = plausibility(100_000.0, volumes=(), density=None, name=name)
    assert bool(why) is refused, why


def test_the_shell_bound_only_ever_lowers_the_solid_one() -> None:
    # a small block: the volume bound (0.002 of the solid) decides, as before
    assert plausibility(0.01, volumes=(1.0,), density=7.85, name="Plate")
    assert not plausibility(0.02, volumes=(1.0,), density=7.85, name="Plate")
    # a block of 27 m³: 50 µm over a cube's surface (21 kg of steel), below 0.002 of the solid
    assert not plausibility(30_000.0, volumes=(27e6,), density=7.85, name="Gazebo 3 x 3 m")
    assert plausibility(5_000.0, volumes=(27e6,), density=7.85, name="Gazebo 3 x 3 m")
