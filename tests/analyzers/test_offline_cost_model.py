"""Cost model rules and the OfflineAnalyzer end to end."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

import pytest

from app.analyzers.base import (
    AnalysisRequest,
    CatalogueIndex,
    Evidence,
    MaterialFinding,
    WeightFinding,
)
from app.analyzers.offline import OfflineAnalyzer
from app.analyzers.offline.cost_model import PROCESSES, build_cost_model, detect_process
from app.extraction.document import ExtractedDocument, Section
from app.indices.seed import DEFAULT_INDICES

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


def mat(code: str, share: float | None, name: str | None = None) -> MaterialFinding:
    return MaterialFinding(code, name or code, share, None)


def weight(grams: float) -> WeightFinding:
    return WeightFinding(grams, Evidence("Weight: x", "specification, text", 0.9))


def parts(shares: list[tuple[str, float]] | list) -> dict[str, float]:  # type: ignore[type-arg]
    return {s.index_code: s.part for s in shares}


def assert_valid(shares: list) -> None:  # type: ignore[type-arg]
    assert shares
    assert all(0 < s.part <= 1 for s in shares)
    assert all(round(s.part, 4) == s.part for s in shares)
    assert round(sum(s.part for s in shares), 10) == 1.0
    assert math.fsum(s.part for s in shares) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    "materials",
    [
        [mat("steel", 1.0)],
        [mat("pa66", 0.7), mat("glass_fibre", 0.3)],
        [mat("steel", 0.7), mat("pa6", 0.25), mat("rubber", 0.05)],
        [mat("electronics", 0.2), mat("aluminium", 0.8)],
        [mat("copper", 0.33), mat("brass", 0.33), mat("bronze", 0.34)],
        [mat("steel", None), mat("pp", None)],
        [],
    ],
)
def test_shares_valid_and_sum_to_one(materials: list[MaterialFinding]) -> None:
    assert_valid(build_cost_model(materials, weight(250), CATALOGUE))


def test_deterministic() -> None:
    materials = [mat("steel", 0.7), mat("pa6", 0.3)]
    first = build_cost_model(materials, weight(100), CATALOGUE)
    assert all(build_cost_model(materials, weight(100), CATALOGUE) == first for _ in range(5))


def test_stainless_costs_more_than_steel_per_kg() -> None:
    shares = parts(
        build_cost_model([mat("steel", 0.5), mat("stainless_steel", 0.5)], None, CATALOGUE)
    )
    assert shares["stainless_steel"] > 2 * shares["steel"]


def test_codes_missing_from_catalogue_are_never_invented() -> None:
    catalogue = tuple(c for c in CATALOGUE if c.code in {"steel", "labour", "electricity"})
    shares = build_cost_model([mat("steel", 0.6), mat("pom", 0.4)], weight(50), catalogue)
    assert_valid(shares)
    assert set(parts(shares)) <= {"steel", "labour", "electricity"}


def test_natural_gas_folded_into_electricity_when_absent() -> None:
    catalogue = tuple(c for c in CATALOGUE if c.code != "natural_gas")
    shares = parts(build_cost_model([mat("zinc", 1.0, "ZAMAK 5")], weight(80), catalogue))
    assert "natural_gas" not in shares and shares["electricity"] > 0


def test_no_material_is_never_steel_by_default() -> None:
    without = tuple(i for i in CATALOGUE if i.code != "unidentified_material")
    shares = build_cost_model([], None, without)
    assert "steel" not in parts(shares)
    assert set(parts(shares)) <= {"labour", "electricity", "natural_gas"}
    assert math.isclose(sum(parts(shares).values()), 1.0)


def test_no_material_gets_the_unidentified_share_when_the_catalogue_has_it() -> None:
    catalogue = (
        *CATALOGUE,
        CatalogueIndex(99, "unidentified_material", "Unidentified", "EUR/t", "other"),
    )
    shares = build_cost_model([], None, catalogue)
    assert "unidentified_material" in parts(shares) and "steel" not in parts(shares)
    assert any("unidentified" in s.rationale for s in shares)


def test_empty_catalogue_gives_no_shares() -> None:
    assert build_cost_model([mat("steel", 1.0)], None, ()) == []


@pytest.mark.parametrize(
    ("materials", "text", "process"),
    [
        ([mat("zinc", 1.0, "ZAMAK 5")], "", "die_casting"),
        ([mat("aluminium", 1.0, "AlSi10Mg")], "", "die_casting"),
        ([mat("pa66", 1.0)], "", "injection_moulding"),
        ([mat("steel", 1.0)], "CNC gedreht und gefräst", "machining"),
        ([mat("steel", 1.0)], "Stanzteil, gebogen", "sheet_metal"),
        ([mat("electronics", 0.5), mat("pc", 0.5)], "", "electronics_assembly"),
        ([mat("cast_iron", 1.0)], "", "casting"),
        ([mat("steel", 1.0)], "", "generic"),
    ],
)
def test_process_detection(materials: list[MaterialFinding], text: str, process: str) -> None:
    assert detect_process(materials, text) == PROCESSES[process]


def test_process_changes_labour_share() -> None:
    machined = parts(build_cost_model([mat("steel", 1.0)], None, CATALOGUE, text="CNC machined"))
    stamped = parts(build_cost_model([mat("steel", 1.0)], None, CATALOGUE, text="stamped part"))
    assert machined["labour"] > stamped["labour"]


def test_small_parts_shift_cost_to_labour() -> None:
    small = parts(build_cost_model([mat("steel", 1.0)], weight(2), CATALOGUE))
    large = parts(build_cost_model([mat("steel", 1.0)], weight(20000), CATALOGUE))
    assert small["labour"] > large["labour"]


def request(
    spec: str, drawing: str | None = None, description: str | None = None
) -> AnalysisRequest:
    def doc(role: str, text: str) -> ExtractedDocument:
        return ExtractedDocument(role, "text", "text/plain", [Section("page 1", text)])

    return AnalysisRequest(
        article_name="Bracket",
        description=description,
        specification=doc("specification", spec),
        drawing=doc("drawing", drawing) if drawing is not None else None,
        catalogue=CATALOGUE,
    )


def test_analyzer_end_to_end() -> None:
    analyzer = OfflineAnalyzer()
    assert analyzer.method == "offline"
    spec = (
        "Werkstoff: S235JR\nNettogewicht: 0,245 kg\nBruttogewicht: 0,26 kg\nTragfähigkeit: 150 kg"
    )
    result = asyncio.run(analyzer.analyze(request(spec)))
    assert result.method == "offline"
    assert result.weight is not None and result.weight.grams == 245
    assert result.weight.evidence.location == "specification, page 1"
    assert result.materials[0].index_code == "steel" and result.materials[0].mass_share == 1.0
    assert_valid(result.cost_shares)
    assert any("net weight" in n for n in result.notes)
    assert any("gross/shipping weight 260 g ignored" in n for n in result.notes)


def test_specification_net_weight_beats_drawing_mass() -> None:
    result = asyncio.run(
        OfflineAnalyzer().analyze(
            request("Net weight: 250 g", drawing="Material: 1.4301 | Mass: 0.26 kg")
        )
    )
    assert result.weight is not None and result.weight.grams == 250
    assert result.weight.evidence.location.startswith("specification")
    assert result.materials[0].index_code == "stainless_steel"
    assert result.materials[0].evidence is not None
    assert result.materials[0].evidence.location == "drawing, page 1"


def test_drawing_mass_used_when_specification_has_none() -> None:
    result = asyncio.run(
        OfflineAnalyzer().analyze(request("Material: POM", drawing="MASSE: 0,018 kg"))
    )
    assert result.weight is not None and result.weight.grams == 18
    assert result.weight.evidence.location == "drawing, page 1"


def test_description_is_last_resort() -> None:
    result = asyncio.run(
        OfflineAnalyzer().analyze(
            request("Datenblatt ohne Angaben", description="Gewicht ca. 40 g, aus Messing")
        )
    )
    assert result.weight is not None and result.weight.grams == 40
    assert result.weight.evidence.location == "description"
    assert result.materials[0].index_code == "brass"


def test_no_weight_note() -> None:
    result = asyncio.run(OfflineAnalyzer().analyze(request("Material: PP\nMax. load 20 kg")))
    assert result.weight is None
    assert "no weight of the article is stated in the documents" in result.notes
    assert result.weight_status == "not_stated"
