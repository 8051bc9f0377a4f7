"""Request and response shapes of the catalogue API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.indices.models import IndexCategory

CODE_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"


class CostIndexRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    unit: str
    category: str
    currency: str | None = None
    source: str | None = None
    description: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class CostIndexCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(
        min_length=1,
        max_length=64,
        pattern=CODE_PATTERN,
        description="Stable identifier, unique in your catalogue: lower case, digits, _.",
    )
    name: str = Field(min_length=1, max_length=128)
    unit: str = Field(
        min_length=1,
        max_length=32,
        description='e.g. "EUR/t", "EUR/MWh", "EUR/h", "index 2021=100"',
    )
    category: IndexCategory
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN, description="ISO 4217")
    source: str | None = Field(
        default=None, max_length=500, description="Publisher and series id, free text."
    )
    description: str | None = Field(default=None, max_length=5000)


class CostIndexPatch(BaseModel):
    """Only the fields sent change; the code is stable and cannot be changed."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=128)
    unit: str | None = Field(default=None, min_length=1, max_length=32)
    category: IndexCategory | None = None
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    source: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=5000)


class IndexValueInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    period: str = Field(
        min_length=4, max_length=32, description="A month (2026-10) or a date in it (2026-10-31)."
    )
    value: float = Field(gt=0, allow_inf_nan=False)


class IndexValueRead(BaseModel):
    period: str = Field(description="The month, YYYY-MM.")
    value: float


class IndexValuesWritten(BaseModel):
    index_id: int
    written: int = Field(description="Months inserted or updated.")


class ImportedSeries(BaseModel):
    code: str
    index_id: int
    first: str
    last: str
    count: int
    column: str | None = Field(
        default=None, description="GENESIS: the title of the column the series was read from."
    )


class ImportResult(BaseModel):
    """What an import stored (or, with `dry_run`, would store)."""

    format: str = Field(description="generic, eurostat, genesis or fred")
    dry_run: bool
    imported: int = Field(description="Values in the file (inserted, updated or unchanged).")
    changed: int | None = Field(
        default=None,
        description="Values written: new months and changed values (null for a dry run); "
        "a value equal to the stored one is left alone.",
    )
    series: list[ImportedSeries]
    skipped_columns: list[str] = Field(
        default_factory=list,
        description="GENESIS: value columns that `codes` left out (their titles).",
    )
