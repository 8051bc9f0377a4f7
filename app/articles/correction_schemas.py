"""Request and response shapes of corrections by people and of an article's history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PriceUnit = Literal["piece", "100", "1000"]
# The processes the cost model and the yield factors know (app.analyzers.offline.cost_model).
ProcessName = Literal[
    "die_casting",
    "casting",
    "forging",
    "injection_moulding",
    "machining",
    "sheet_metal",
    "extrusion",
    "electronics_assembly",
    "generic",
]


class MaterialInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index_code: str = Field(min_length=1, max_length=64, description="A catalogue index code.")
    name: str = Field(min_length=1, max_length=255)
    mass_share: float | None = Field(
        default=None, gt=0, le=1, description="Share of the unit weight, (0, 1]."
    )


class ArticlePatch(BaseModel):
    """Only the fields sent are changed; `unit_weight: null` means "the article has none"."""

    model_config = ConfigDict(extra="forbid")

    unit_weight: float | None = Field(default=None, gt=0, le=1_000_000, description="kg")
    materials: list[MaterialInput] | None = Field(default=None, max_length=50)
    process: ProcessName | None = Field(
        default=None,
        description="How the article is made, for the yield factor of a computed cost model; "
        "null: back to the analysis's.",
    )
    needs_review: bool | None = Field(
        default=None, description="false settles the review (stamps reviewed_at/reviewed_by)."
    )
    price: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="The agreed price (null: none)."
    )
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217")
    price_date: date | None = Field(default=None, description="When the price was agreed.")
    price_unit: PriceUnit | None = Field(
        default=None, description="The price is per piece, per 100 or per 1000 pieces."
    )


class CostPartInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index_code: str = Field(min_length=1, max_length=64)
    part: float = Field(gt=0, le=1)


class CostModelPut(BaseModel):
    """A cost model set by a person: the parts and the fixed share sum to 1 (± 1e-6)."""

    model_config = ConfigDict(extra="forbid")

    parts: list[CostPartInput] = Field(max_length=100)
    fixed_share: float = Field(default=0.0, ge=0, le=1)


class ArticleChangeRead(BaseModel):
    """One change: who made it, when, the field and its value before and after."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    changed_at: datetime
    changed_by: str = Field(description="`tenant/key:…` for an API key, `tenant/subject` else.")
    tenant: str
    field: str
    before: Any
    after: Any


class ArticleHistory(BaseModel):
    items: list[ArticleChangeRead]
