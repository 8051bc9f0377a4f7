"""The cost model computed from the price: pure arithmetic, tested against hand-made examples.

A material's share is what its mass costs at the index value of the price month, grossed up
by the scrap of the process (app.pricing.yields), divided by the price of one piece:

    part = unit weight (kg) × mass share × index value per kg × yield factor ÷ price per piece

Energy and labour keep the process template's shares (the analysis's estimate); what is left
is the fixed share, the part of the price no index moves. A material cost above the price
is not turned into a share above 1: the article goes to review with the numbers instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.pricing.yields import yield_factor

MATERIAL_CATEGORIES = frozenset({"metal", "polymer", "other"})
TEMPLATE_CATEGORIES = frozenset({"energy", "labour"})
PIECES_PER_PRICE_UNIT = {"piece": 1, "100": 100, "1000": 1000}
DECIMALS = 6
_MASS_UNIT = re.compile(r"^\s*([A-Za-z]{3})\s*/\s*(\d+(?:[.,]\d+)?)?\s*(t|kg|g|lb)\s*$")
_KG_PER_UNIT = {"t": 1000.0, "kg": 1.0, "g": 0.001, "lb": 0.45359237}


@dataclass(frozen=True, slots=True)
class IndexInfo:
    id: int
    code: str
    unit: str
    currency: str | None
    category: str


@dataclass(frozen=True, slots=True)
class EstimatedPart:
    index_id: int
    category: str
    part: float
    quantity_g: float | None = None


@dataclass(frozen=True, slots=True)
class PricingInput:
    unit_weight_kg: float | None
    materials: Sequence[Mapping[str, Any]]  # {index_code, mass_share}
    price: float | None
    currency: str | None
    price_date: date | None
    price_unit: str | None
    estimate: Sequence[EstimatedPart]
    indices: Mapping[str, IndexInfo]  # by code
    values: Mapping[
        int, tuple[date, float]
    ]  # index id → (month, value) at or before the price month
    process_family: str | None = None  # app.pricing.yields.FAMILIES; None: not named


@dataclass(frozen=True, slots=True)
class PricedPart:
    index_id: int
    part: float
    quantity_g: float | None
    source: str  # computed | estimated
    basis: dict[str, Any] | None = None


@dataclass(slots=True)
class Pricing:
    status: str  # computed | estimated
    parts: list[PricedPart]
    fixed_share: float
    reason: str | None = None
    review_reason: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, **self.summary}


def per_kg(unit: str) -> tuple[str, float] | None:
    """(currency, factor to a price per kg) of a unit like `EUR/t`; None if not per mass."""
    match = _MASS_UNIT.match(unit)
    if match is None:
        return None
    amount = float((match[2] or "1").replace(",", "."))
    return match[1].upper(), 1.0 / (amount * _KG_PER_UNIT[match[3]])


def price_per_piece(price: float, unit: str | None) -> float:
    return price / PIECES_PER_PRICE_UNIT[unit or "piece"]


def _estimated(data: PricingInput, reason: str, review: str | None = None) -> Pricing:
    return Pricing(
        status="estimated",
        parts=[PricedPart(p.index_id, p.part, p.quantity_g, "estimated") for p in data.estimate],
        fixed_share=0.0,
        reason=reason,
        review_reason=review,
    )


def _materials(data: PricingInput) -> dict[str, float]:
    shares: dict[str, float] = {}
    listed = [m for m in data.materials if m.get("index_code")]
    for material in listed:
        share = material.get("mass_share")
        if share is None and len(listed) == 1:
            share = 1.0  # the one material is the whole piece
        if share is None:
            return {}
        shares[material["index_code"]] = shares.get(material["index_code"], 0.0) + float(share)
    return shares


def compute(data: PricingInput) -> Pricing:
    """The shares from the price when everything they need is known, else the estimate."""
    if data.price is None or data.price_date is None:
        return _estimated(data, "no price")
    if data.unit_weight_kg is None:
        return _estimated(data, "no unit weight")
    shares = _materials(data)
    if not shares:
        return _estimated(data, "no materials with mass shares")
    piece = price_per_piece(data.price, data.price_unit)
    month = f"{data.price_date:%Y-%m}"
    parts: list[PricedPart] = []
    material_cost = 0.0
    for code, share in sorted(shares.items()):
        index = data.indices.get(code)
        if index is None:
            return _estimated(data, f"material '{code}' is not in the catalogue")
        conversion = per_kg(index.unit)
        if conversion is None:
            return _estimated(data, f"'{code}' is in {index.unit}, not a price per mass")
        currency = index.currency or conversion[0]
        if currency != data.currency or conversion[0] != data.currency:
            return _estimated(
                data, f"'{code}' is priced in {currency}, the article in {data.currency}"
            )
        found = data.values.get(index.id)
        if found is None:
            return _estimated(data, f"'{code}' has no value at or before {month}")
        period, value = found
        scrap = yield_factor(data.process_family, index.category)
        per_kg_value = value * conversion[1]
        cost = data.unit_weight_kg * share * per_kg_value * scrap.factor
        material_cost += cost
        parts.append(
            PricedPart(
                index_id=index.id,
                part=cost / piece,
                quantity_g=round(data.unit_weight_kg * share * 1000, 3),
                source="computed",
                basis={
                    "unit_weight_kg": data.unit_weight_kg,
                    "mass_share": share,
                    "index_value": value,
                    "index_unit": index.unit,
                    "value_period": f"{period:%Y-%m}",
                    "carried_forward": f"{period:%Y-%m}" != month,
                    "price_per_kg": per_kg_value,
                    "yield_factor": scrap.factor,
                    "process_family": scrap.family,
                    "yield_rule": scrap.rule,
                    "cost_per_piece": cost,
                    "price_per_piece": piece,
                    "currency": data.currency,
                },
            )
        )
    materials_part = material_cost / piece
    summary = {
        "price_per_piece": piece,
        "material_cost_per_piece": round(material_cost, 9),
        "currency": data.currency,
        "period": month,
    }
    if materials_part > 1:
        pricing = _estimated(
            data,
            "the computed material cost is above the price",
            review=(
                f"the computed material cost {material_cost:.4f} {data.currency} per piece is "
                f"above the price of {piece:.4f} {data.currency} per piece"
            ),
        )
        pricing.summary = summary
        return pricing

    template = [p for p in data.estimate if p.category in TEMPLATE_CATEGORIES]
    template_total = sum(p.part for p in template)
    room = 1.0 - materials_part
    scale = 1.0 if template_total <= room else room / template_total
    parts += [
        PricedPart(p.index_id, p.part * scale, p.quantity_g, "estimated", None) for p in template
    ]
    rounded = [
        PricedPart(p.index_id, round(p.part, DECIMALS), p.quantity_g, p.source, p.basis)
        for p in parts
    ]
    kept = [p for p in rounded if p.part > 0]
    fixed = max(0.0, round(1.0 - sum(p.part for p in kept), 9))
    return Pricing(status="computed", parts=kept, fixed_share=fixed, summary=summary)
