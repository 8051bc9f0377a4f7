"""Where the evidence does not single out one weight, the offline analysis says so.

Each condition is a situation any author's document can be in, not a phrasing: the chosen
figure is read elsewhere as a pack's or its own row's key=value reading weighs something else;
its line names another size or article code of the name's scheme; the document's own net weight
disagrees and was ruled out only by the stated dimensions; it is a total beside a total gross
weight (a consignment); a rival close behind is stated in more places; its own words leave out
a part the name says the article comes with; it is a numbered row of a list that does not name
the article; it weighs something its label names, not the article, among other variants'
weights or beside a pack's; its label counts pieces the figure was not divided by. Each unsure
document has a counterpart a word or a figure away that is still answered. Names and figures
are invented.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from app.analyzers.base import AnalysisRequest, AnalysisResult, CatalogueIndex, WeightStatus
from app.analyzers.offline import analyze_sync
from app.extraction.extract import extract_document
from app.indices.seed import DEFAULT_INDICES

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def analyse(filename: str, text: str, name: str, description: str | None) -> AnalysisResult:
    doc = extract_document(text.encode(), role="specification", filename=filename)
    return analyze_sync(AnalysisRequest(name, description, doc, None, CATALOGUE))


TUBES = "Code;Description;{label} (kg)\nRT-100-6;Steel tube 10 mm, bar 6 m;12,5\nRT-120-6;Steel tube 12 mm, bar 6 m;15,0\n"
TUBE = "Steel tube 12 mm, bar 6 m (RT-120-6)"
SINK = "Inset sink with waste fitting"
LAMPS = "{title}\nAlso in this collection:\n- Sconce of rattan – weight 0.8 kg – 45.00 €\n- Floor lamp of rattan 150 cm – weight 3.2 kg – 119.00 €"
SINK_TABLE = "| Item | Value |\n|---|---|\n| Net weight | 4.6 kg (bowl only, without waste fitting) |\n| Gross weight | 6 kg |\n"
BRACKET = "Motor bracket MB-90 with 4 rubber mounts"

# (condition, file name, document, article name, description, what the review says)
UNSURE = [
    (
        "pack",
        "spec.txt",
        "Weight: 2.4 kg\nWeight (pair): 2.4 kg",
        "Hinge H-20",
        None,
        "read elsewhere as derived",  # a pair's weight, halved: the same figure as a pair's
    ),
    (
        "row qualifier",
        "list.csv",
        TUBES.format(label="Weight per crate"),
        TUBE,
        None,
        "labels the figure as of something else (crate)",
    ),
    (
        "row other object",
        "list.csv",
        TUBES.format(label="Stack weight"),
        TUBE,
        None,
        "labels the figure as of something else",
    ),
    (
        "size",
        "spec.txt",
        "Seal kit\nO-ring P30: weight 1.6 g",
        "O-ring P35 FKM",
        None,
        "names p30 where the name says p35",
    ),
    (
        "code",
        "spec.txt",
        "Clamp KL-40: weight 320 g",
        "Clamp KL-45",
        None,
        "another article code (kl-40",
    ),
    (
        "net ruled out",
        "spec.txt",
        "Dimensions: 400 x 300 x 300 mm\nUnit weight: 20 g\nWeight: 5 kg",
        "Folding box",
        None,
        "the stated net weight 20 g disagrees",
    ),
    (
        "consignment",
        "packing.txt",
        "Packing list\nCartons: 40\nTotal net weight: 480 kg    Total gross weight: 520 kg",
        "Ceramic mug 300 ml",
        None,
        "the weights of a consignment",
    ),
    (
        "consignment totals",
        "packing.txt",
        "Packing list, 40 cartons\nTotals: N.W. 480 kg | G.W. 520 kg",
        "Ceramic mug 300 ml",
        None,
        "the weights of a consignment",
    ),
    (
        "supported rival",
        "shop.txt",
        "Kurzhantel 10 kg\nGewicht: 10 kg\nPassend dazu: Ablage – Nettogewicht 18 kg",
        "Kurzhantel 10 kg",
        "Gewicht: 10 kg",
        "ambiguous between 18 kg and 10 kg",
    ),
    (
        "leaves out a part",
        "spec.md",
        SINK_TABLE,
        SINK,
        None,
        "the figure's line leaves out what the name includes (waste)",
    ),
    (
        "numbered row",
        "bom.txt",
        "1: Base plate 400 x 300: Total weight (kg): 2.84",
        BRACKET,
        None,
        "a numbered row of a list that does not name the article",
    ),
    (
        "another product's",
        "shop.txt",
        LAMPS.format(title="Pendant lamp rattan Ø 45 cm"),
        "Pendant lamp rattan Ø 45 cm",
        None,
        "the weight of something else (sconce) among other variants' weights",
    ),
    (
        "beside a pack",
        "spec.txt",
        "Nail 3.1 x 80 mm\n- box 5 kg\n- stillage: weighs approx. 265 kg",
        "Nail 3.1 x 80 mm, bright",
        None,
        "the weight of something else (stillage) beside a pack's weight",
    ),
    (
        "label counts pieces",
        "spec.txt",
        "Holzschraube 6 x 40\nGewicht x 100 Stk: 0,81 kg",
        "Holzschraube 6 x 40 (HS-640)",
        None,
        "its label counts 100 pieces",
    ),
]

# (condition, file name, document, article name, description, net weight in grams)
ANSWERED = [
    ("pack", "spec.txt", "Weight: 1.2 kg\nWeight (pair): 2.4 kg", "Hinge H-20", None, 1200),
    ("row qualifier", "list.csv", TUBES.format(label="Weight"), TUBE, None, 15000),
    ("size", "spec.txt", "Seal kit\nO-ring P35: weight 1.6 g", "O-ring P35 FKM", None, 1.6),
    ("code", "spec.txt", "Clamp KL-45: weight 320 g", "Clamp KL-45", None, 320),
    (
        "net ruled out",
        "spec.txt",
        "Dimensions: 400 x 300 x 300 mm\nUnit weight: 600 g\nWeight: 5 kg",
        "Folding box",
        None,
        600,
    ),
    (
        "consignment",
        "spec.txt",
        "Data sheet\nNet weight: 480 g    Gross weight: 520 g",
        "Ceramic mug 300 ml",
        None,
        480,
    ),
    (
        "consignment totals",
        "spec.txt",
        "Data sheet\nN.W. 480 g | G.W. 520 g",
        "Ceramic mug 300 ml",
        None,
        480,
    ),
    (
        "supported rival",
        "shop.txt",
        "Kurzhantel 10 kg\nGewicht: 10 kg\nPassend dazu: Ablage – Nettogewicht 18 kg",
        "Kurzhantel 10 kg",
        None,
        18000,
    ),
    (
        "leaves out a part",
        "spec.md",
        SINK_TABLE,
        "Inset sink, waste fitting sold separately",
        None,
        4600,
    ),
    (
        "numbered row",
        "bom.txt",
        "1: Motor bracket MB-90: Total weight (kg): 2.84",
        BRACKET,
        None,
        2840,
    ),
    (
        "another product's",
        "shop.txt",
        LAMPS.format(title="Sconce of rattan"),
        "Sconce of rattan",
        None,
        800,
    ),
    (
        "beside a pack",
        "spec.txt",
        "Nail 3.1 x 80 mm\n- box 5 kg\n- nail weight approx. 4.8 g",
        "Nail 3.1 x 80 mm, bright",
        None,
        4.8,
    ),
    (
        "label counts pieces",
        "spec.txt",
        "Holzschraube 6 x 40\nGewicht (1 Stk): 8,1 g",
        "Holzschraube 6 x 40 (HS-640)",
        None,
        8.1,
    ),
]


@pytest.mark.parametrize(
    ("condition", "filename", "text", "name", "description", "why"),
    UNSURE,
    ids=[row[0] for row in UNSURE],
)
def test_the_analysis_abstains_where_the_evidence_does_not_pick_one_weight(
    condition: str, filename: str, text: str, name: str, description: str | None, why: str
) -> None:
    result = analyse(filename, text, name, description)
    assert result.weight is None, condition
    assert result.weight_status == WeightStatus.AMBIGUOUS.value
    assert any(why in reason for reason in result.review_reasons), result.review_reasons
    assert result.weight_candidates, "the ranked candidates go to review"


@pytest.mark.parametrize(
    ("condition", "filename", "text", "name", "description", "grams"),
    ANSWERED,
    ids=[row[0] for row in ANSWERED],
)
def test_the_counterpart_is_still_answered(
    condition: str, filename: str, text: str, name: str, description: str | None, grams: float
) -> None:
    result = analyse(filename, text, name, description)
    assert result.weight is not None, (condition, result.review_reasons)
    assert result.weight.grams == pytest.approx(grams)
