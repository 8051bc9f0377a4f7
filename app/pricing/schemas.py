"""Response shapes of price development."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.articles.models import ProcessingStatus


class Contribution(BaseModel):
    index_id: int
    code: str
    part: float = Field(description="bᵢ, the index's share at the base month.")
    ratio: float = Field(description="Iᵢ(t) / Iᵢ(base); 1 when a value is missing.")
    contribution: float = Field(description="bᵢ · Iᵢ(t)/Iᵢ(base)")
    value: float | None
    value_period: str | None = Field(description="The month the value is from.")
    carried_forward: bool = Field(description="The value is an earlier month's.")
    missing: bool = Field(description="No value at or before this month (or the base month).")


class DevelopmentMonth(BaseModel):
    period: str
    factor: float = Field(description="a + Σ bᵢ · Iᵢ(t)/Iᵢ(base)")
    price: float | None = Field(description="base price × factor")
    contributions: list[Contribution]


class IndexBase(BaseModel):
    index_id: int
    code: str
    name: str
    part: float
    base_value: float | None
    base_value_period: str | None
    # Set when the index moves nothing in the range (no value at or before any month of it, or
    # none at the base month): its share is held at ratio 1, e.g. `unidentified_material`.
    note: str | None = None


class PriceDevelopment(BaseModel):
    """P(t) = P0 · (a + Σ bᵢ · Iᵢ(t)/Iᵢ(base)), month by month."""

    article_id: int
    base_period: str
    base_price: float | None
    currency: str | None
    price_unit: str | None
    fixed_share: float
    indices: list[IndexBase]
    months: list[DevelopmentMonth]


class PortfolioFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    processing_status: ProcessingStatus | None = None
    needs_review: bool | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class PortfolioRequest(BaseModel):
    """Articles by id, or all of yours that match a filter."""

    model_config = ConfigDict(extra="forbid")

    ids: list[int] | None = Field(default=None, max_length=100_000)
    filter: PortfolioFilter | None = None
    from_period: str = Field(alias="from", examples=["2024-01"])
    to_period: str = Field(alias="to", examples=["2026-10"])
    base_period: str | None = Field(
        default=None, description="Default: each article's price month."
    )


class PortfolioIndexTotal(BaseModel):
    index_id: int
    code: str
    amount: float = Field(description="Σ base price × bᵢ × Iᵢ(t)/Iᵢ(base) over the articles.")
    base_amount: float = Field(description="Σ base price × bᵢ")
    missing: bool
    carried_forward: bool


class PortfolioMonth(BaseModel):
    period: str
    total: float = Field(description="The adjusted prices summed (one piece each).")
    factor: float = Field(description="total ÷ the base prices summed")
    fixed: float
    by_index: list[PortfolioIndexTotal]


class PortfolioDevelopment(BaseModel):
    articles: int = Field(description="Articles selected.")
    priced: int = Field(description="Of those, with a base price and base month (counted).")
    base_total: float
    months: list[PortfolioMonth]
