"""The computed cost model against examples worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from app.pricing.shares import (
    EstimatedPart,
    IndexInfo,
    PricingInput,
    compute,
    per_kg,
    price_per_piece,
)
from app.pricing.yields import FAMILIES, process_family, yield_factor

STEEL = IndexInfo(1, "steel", "EUR/t", "EUR", "metal")
ZINC = IndexInfo(2, "zinc", "EUR/kg", "EUR", "metal")
PA66 = IndexInfo(3, "pa66", "EUR/t", "EUR", "polymer")
ELECTRONICS = IndexInfo(4, "electronics", "index 2020=100", None, "other")
COPPER_USD = IndexInfo(5, "copper", "USD/t", "USD", "metal")
ELECTRICITY = IndexInfo(10, "electricity", "EUR/MWh", "EUR", "energy")
LABOUR = IndexInfo(11, "labour", "EUR/h", "EUR", "labour")
INDICES = {i.code: i for i in (STEEL, ZINC, PA66, ELECTRONICS, COPPER_USD, ELECTRICITY, LABOUR)}
# The analysis's estimate: 60 % steel, 28 % labour, 12 % electricity.
ESTIMATE = [
    EstimatedPart(1, "metal", 0.6, 250.0),
    EstimatedPart(11, "labour", 0.28),
    EstimatedPart(10, "energy", 0.12),
]


def _input(**changes: object) -> PricingInput:
    values: dict[str, object] = {
        "unit_weight_kg": 0.5,
        "materials": [{"index_code": "steel", "mass_share": 1.0}],
        "price": 2.0,
        "currency": "EUR",
        "price_date": date(2026, 3, 31),
        "price_unit": "piece",
        "estimate": ESTIMATE,
        "indices": INDICES,
        "values": {1: (date(2026, 3, 1), 800.0), 2: (date(2026, 3, 1), 2.5)},
    }
    values.update(changes)
    return PricingInput(**values)  # type: ignore[arg-type]


def _parts(result) -> dict[int, float]:  # type: ignore[no-untyped-def]
    return {p.index_id: p.part for p in result.parts}


def test_a_material_share_is_its_cost_at_the_index_value_over_the_price():
    # 0.5 kg × 800 EUR/t = 0.40 EUR/kg × 0.5 kg = 0.40 EUR; × 1.15 scrap = 0.46 EUR of 2.00 EUR.
    result = compute(_input())

    assert result.status == "computed"
    assert _parts(result) == {1: 0.23, 11: 0.28, 10: 0.12}
    assert result.fixed_share == pytest.approx(0.37)
    assert sum(_parts(result).values()) + result.fixed_share == pytest.approx(1, abs=1e-9)
    steel = result.parts[0]
    assert steel.source == "computed"
    assert steel.basis is not None
    assert steel.basis["price_per_kg"] == pytest.approx(0.8)
    assert steel.basis["cost_per_piece"] == pytest.approx(0.46)
    assert steel.basis["yield_factor"] == 1.15
    assert [p.source for p in result.parts[1:]] == ["estimated", "estimated"]


def test_units_and_price_units_convert():
    assert per_kg("EUR/t") == ("EUR", 0.001)
    assert per_kg("EUR/kg") == ("EUR", 1.0)
    assert per_kg("USD / 100 kg") == ("USD", 0.01)
    assert per_kg("EUR/MWh") is None
    assert per_kg("index 2021=100") is None
    assert price_per_piece(250.0, "1000") == 0.25
    assert price_per_piece(25.0, "100") == 0.25
    # Steel 80 % + zinc (EUR/kg) 20 % of 0.1 kg, priced 250 EUR per 1000 pieces:
    # steel 0.08 kg × 0.80 EUR/kg × 1.15 = 0.0736; zinc 0.02 kg × 2.5 × 1.15 = 0.0575; / 0.25.
    result = compute(
        _input(
            unit_weight_kg=0.1,
            price=250.0,
            price_unit="1000",
            materials=[
                {"index_code": "steel", "mass_share": 0.8},
                {"index_code": "zinc", "mass_share": 0.2},
            ],
        )
    )
    assert _parts(result)[1] == pytest.approx(0.2944)
    assert _parts(result)[2] == pytest.approx(0.23)


def test_a_value_of_an_earlier_month_is_carried_forward_and_marked():
    result = compute(_input(price_date=date(2026, 4, 1)))
    assert result.parts[0].basis is not None
    assert result.parts[0].basis["value_period"] == "2026-03"
    assert result.parts[0].basis["carried_forward"] is True
    same_month = compute(_input(price_date=date(2026, 3, 1)))
    assert same_month.parts[0].basis is not None
    assert same_month.parts[0].basis["carried_forward"] is False


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"price": None}, "no price"),
        ({"unit_weight_kg": None}, "no unit weight"),
        ({"values": {}}, "no value at or before 2026-03"),
        ({"currency": "USD"}, "priced in EUR, the article in USD"),
        ({"materials": [{"index_code": "copper", "mass_share": 1}], "currency": "EUR"}, "USD"),
        ({"materials": [{"index_code": "electronics", "mass_share": 1}]}, "not a price per mass"),
        ({"materials": [{"index_code": "unobtainium", "mass_share": 1}]}, "not in the catalogue"),
        (
            {"materials": [{"index_code": "steel"}, {"index_code": "zinc"}]},
            "no materials with mass shares",
        ),
    ],
)
def test_without_what_it_needs_the_estimate_stays(changes: dict[str, object], reason: str):
    result = compute(_input(**changes))

    assert result.status == "estimated"
    assert reason in (result.reason or "")
    assert _parts(result) == {1: 0.6, 11: 0.28, 10: 0.12}
    assert {p.source for p in result.parts} == {"estimated"}
    assert result.fixed_share == 0.0


def test_a_material_cost_above_the_price_goes_to_review_not_above_one():
    # 0.5 kg × 0.8 EUR/kg × 1.15 = 0.46 EUR against a price of 0.40 EUR.
    result = compute(_input(price=0.4))

    assert result.status == "estimated"
    assert result.review_reason is not None
    assert "0.4600 EUR per piece is above the price of 0.4000 EUR" in result.review_reason
    assert all(p.part <= 1 for p in result.parts)


def test_a_fixed_share_of_zero_when_materials_and_template_fill_the_price():
    # Material 0.46 of 0.766666… EUR = 0.6; with 0.28 + 0.12 nothing is left.
    result = compute(_input(price=0.46 / 0.6))
    assert _parts(result)[1] == pytest.approx(0.6)
    assert result.fixed_share == pytest.approx(0.0, abs=1e-6)
    # More material than the template leaves room for: the template shrinks, fixed is 0.
    squeezed = compute(_input(price=0.46 / 0.9))
    parts = _parts(squeezed)
    assert parts[1] == pytest.approx(0.9)
    assert parts[11] + parts[10] == pytest.approx(0.1, abs=1e-6)
    assert parts[11] / parts[10] == pytest.approx(0.28 / 0.12, rel=1e-3)
    assert squeezed.fixed_share == pytest.approx(0.0, abs=1e-6)


def test_a_fixed_share_of_one_when_no_index_moves_the_price():
    # A material cost that rounds to nothing, and no energy or labour in the template.
    result = compute(_input(price=1e9, estimate=[EstimatedPart(1, "metal", 1.0)]))
    assert result.status == "computed"
    assert result.parts == []
    assert result.fixed_share == 1.0


# --- yield factors per process family (app.pricing.yields), worked out by hand -------------


def test_a_die_cast_part_takes_the_die_casting_yield():
    # 0.2 kg zinc × 2.5 EUR/kg × 1.10 (die casting) = 0.55 EUR of a 1.10 EUR piece.
    result = compute(
        _input(
            unit_weight_kg=0.2,
            materials=[{"index_code": "zinc", "mass_share": 1.0}],
            price=1.1,
            process_family="die_casting",
        )
    )

    zinc = next(p for p in result.parts if p.index_id == 2)
    assert zinc.part == 0.5
    assert zinc.basis is not None
    assert zinc.basis["yield_factor"] == 1.10
    assert zinc.basis["process_family"] == "die_casting"
    assert zinc.basis["yield_rule"] == "process family die_casting"
    assert zinc.basis["cost_per_piece"] == pytest.approx(0.55)


def test_a_part_machined_from_bar_buys_much_more_steel_than_it_weighs():
    # 0.5 kg × 0.80 EUR/kg × 1.60 (chips) = 0.64 EUR of 2.00 EUR; stamped: × 1.30 = 0.52 EUR.
    machined = compute(_input(process_family="machining_from_bar"))
    stamped = compute(_input(process_family="sheet_metal_stamping"))

    assert _parts(machined)[1] == 0.32
    assert _parts(stamped)[1] == 0.26
    assert machined.fixed_share == pytest.approx(1 - 0.32 - 0.28 - 0.12)


def test_a_material_the_process_does_not_shape_takes_its_category_default():
    # A moulded PA66 part (0.1 kg) with a 20 % steel insert, 1.00 EUR a piece:
    # PA66 0.08 kg × 3.00 EUR/kg × 1.03 (moulding) = 0.2472 EUR;
    # steel 0.02 kg × 0.80 EUR/kg × 1.15 (metal default: moulding does not shape it) = 0.0184.
    result = compute(
        _input(
            unit_weight_kg=0.1,
            materials=[
                {"index_code": "pa66", "mass_share": 0.8},
                {"index_code": "steel", "mass_share": 0.2},
            ],
            price=1.0,
            values={1: (date(2026, 3, 1), 800.0), 3: (date(2026, 3, 1), 3000.0)},
            process_family="injection_moulding",
        )
    )

    parts = {p.index_id: p for p in result.parts}
    assert parts[3].part == pytest.approx(0.2472)
    assert parts[1].part == pytest.approx(0.0184)
    assert parts[1].basis is not None
    assert parts[1].basis["process_family"] is None
    assert "does not shape" in parts[1].basis["yield_rule"]


def test_without_a_process_the_category_decides_as_before():
    result = compute(_input())
    steel = next(p for p in result.parts if p.index_id == 1)
    assert steel.basis is not None
    assert (steel.basis["yield_factor"], steel.basis["process_family"]) == (1.15, None)
    assert steel.basis["yield_rule"] == "metal default (no process named)"


def test_the_process_family_is_the_one_the_analysis_named():
    assert process_family({"notes": ["x", "cost model for die casting"]}) == "die_casting"
    assert process_family({"notes": ["cost model for sheet-metal forming"]}) == (
        "sheet_metal_stamping"
    )
    assert process_family({"notes": ["cost model for generic manufacturing"]}) is None
    assert process_family({"notes": []}) is None
    assert process_family(None) is None


def test_every_family_buys_at_least_what_the_part_weighs():
    for name, family in FAMILIES.items():
        assert 1.0 <= family.factor <= 2.0, name
        assert yield_factor(name, next(iter(sorted(family.shapes)))).factor == family.factor


def test_without_a_named_process_the_main_material_implies_one():
    zinc = [{"index_code": "zinc", "name": "ZAMAK 5", "mass_share": 1.0}]
    moulded = [
        {"index_code": "pa66", "name": "PA66 GF30", "mass_share": 0.9},
        {"index_code": "steel", "name": "insert", "mass_share": 0.1},
    ]
    steel = [{"index_code": "steel", "name": "S235JR", "mass_share": 1.0}]

    assert process_family({"notes": ["from a model"]}, zinc) == "die_casting"
    assert process_family(None, moulded) == "injection_moulding"
    assert process_family(None, steel) is None  # steel alone implies no process: by category
    # A process the analysis named wins over the material, a generic one means none.
    assert process_family({"notes": ["cost model for machining"]}, zinc) == "machining_from_bar"
    assert process_family({"notes": ["cost model for generic manufacturing"]}, zinc) is None
