"""The eleventh pass's general causes, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The mechanism: rival weights that are rows, records or columns of one variant
table are told apart by the article name's tokens that discriminate between the rows (a size
with an inch mark, a size key and a depth, a variant column's header, a record's naming field,
a named half); it must not pick when the name's tokens tie, when the rows are a parts list or
an array of related products, or when the row leaves out what the name includes.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.offline import names as N  # noqa: N812 - read as N.fn, as the rules do
from tests.analyzers.offline_support import assert_weight, weight_of

SIZES = '| Size | DN | Length (mm) | PN | Weight (g) |\n|---|---|---|---|---|\n| 1/2" | 15 | 48 | 40 | 150 |\n| 3/4" | 20 | 55 | 40 | 230 |\n| 1" | 25 | 64 | 40 | 340 |\n| 1 1/4" | 32 | 78 | 25 | 520 |\n'
DEPTHS = "| Size | Depth (mm) | Volume (l) | Weight (kg) |\n|---|---|---|---|\n| T 2/3 | 40 | 3,0 | 0,62 |\n| T 2/3 | 100 | 7,5 | 0,95 |\n| T 1/3 | 40 | 1,4 | 0,33 |\n| T 1/3 | 100 | 3,6 | 0,51 |\n"
POLES = "Series K7 motors, 3 kW\n2-pole | 4-pole | 6-pole\nFrame | 100L | 100LB | 112M\nRated torque (Nm) | 9.8 | 19.9 | 30.1\nWeight (kg) | 21 | 26 | 38\n"
RECORDS = '{"family": "Trowel T-9", "variants": [{"sku": "T9-A", "shape": "pointed", "weight_g": 410}, {"sku": "T9-B", "shape": "square", "weight_g": 455}]}'
HALVES = (
    "| Part | Weight |\n|---|---|\n| Plug half (male) | 140 g |\n| Socket half (female) | 260 g |\n"
)
PARTS = "| Pos | Component | Qty | Weight (g) |\n|---|---|---|---|\n| 1 | Hinge leaf 120 | 2 | 95 |\n| 2 | Hinge pin 120 | 1 | 14 |\n"
RELATED = '{"article": {"name": "Mop bucket 12 l", "related": [{"name": "Mop head cotton", "weight": "0,15 kg"}, {"name": "Mop handle steel", "weight": "0,40 kg"}]}}'

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # a nominal size with an inch mark names its row; "1 1/4"" is not the row of "1""
    ("valves.md", SIZES, 'Ball valve brass 1" PN 40', 340),
    ("valves.md", SIZES, "Ball valve brass PN 40", None),
    # a size key and a depth: the row that holds both
    ("pans.md", DEPTHS, "Container T 2/3, depth 100 mm", 950),
    ("pans.md", DEPTHS, "Container T 2/3", None),
    # variant columns: the column whose header and key rows the name names
    ("motors.txt", POLES, "Motor K7 3 kW 4-pole, frame 100LB", 26000),
    ("motors.txt", POLES, "Motor K7 3 kW", None),
    # records of an export: the record whose naming field the name states
    ("trowels.json", RECORDS, "Trowel T-9, square shape", 455),
    ("trowels.json", RECORDS, "Trowel T-9", None),
    # a named half of a coupling
    ("coupling.md", HALVES, "Coupling 3/8, socket half", 260),
    ("coupling.md", HALVES, "Coupling 3/8", None),
    # a parts list's rows are components, whatever tokens they share with the name
    ("hinge.md", PARTS, "Hinge set 120 complete", None),
    # records of related products are not the article's variants
    ("bucket.json", RELATED, "Mop bucket 12 l with cotton head", None),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_eleventh_pass_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)


def test_variant_tokens_normalise_marks_fractions_and_codes() -> None:
    assert N.variant_tokens('1 1/4" | 32') == {"1+1/4", "32"}
    assert {"helio430", "0.5"} <= N.variant_tokens("HELIO 430 | 0,5")
    assert "a" not in N.variant_tokens("pot a pression")  # a short word names nothing
    assert "24.2" not in N.variant_tokens("HELIO 430 | 24,2", figure=24200)


def test_pick_variant_needs_one_row_holding_all_the_names_telling_tokens() -> None:
    rows = [
        [frozenset({"gn", "1/1", "20"})],
        [frozenset({"gn", "1/1", "65"})],
        [frozenset({"gn", "1/2", "65"})],
    ]
    assert N.pick_variant(rows, frozenset({"gn", "1/1", "65"})) == 1
    assert N.pick_variant(rows, frozenset({"gn", "1/1"})) is None  # two rows tie
    assert N.pick_variant(rows, frozenset({"gn", "1/2", "20"})) is None  # no row holds both


# (file name, document, article name, the weight in grams)
WORDS = [
    # "*last" ended "ballast": a weight without ballast is the article's, not a load
    (
        "mount.md",
        "| Property | Value |\n|---|---|\n| Weight (without ballast) | 6,5 kg |\n",
        "Roof mount RM-2 (without ballast)",
        6500,
    ),
    (
        "mount.md",
        "| Property | Value |\n|---|---|\n| Weight | 6,5 kg |\n| Traglast | 40 kg |\n",
        "Roof mount RM-2",
        6500,
    ),
    # "masse brute": the feminine gross word is gross, the net weight is taken
    (
        "fiche.md",
        "| Propriété | Valeur |\n|---|---|\n| Masse nette | 2,1 kg |\n| Masse brute | 2,6 kg |\n",
        "Support mural SM-4",
        2100,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), WORDS)
def test_the_eleventh_pass_words_hold(filename: str, text: str, name: str, grams: float) -> None:
    got = weight_of(filename, text, name)
    assert got is not None and abs(got - grams) <= max(0.005 * grams, 0.01)
