"""Every SQL statement of the catalogue; callers own the session and the transaction."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from sqlalchemy import column, delete, func, select, table, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.indices.models import CostIndex, IndexValue
from app.indices.seed import DEFAULT_DESCRIPTIONS, DEFAULT_INDICES

# The articles' cost-model rows, by their table's name: the catalogue sits below the articles
# and must not import their models only to ask whether an index is still named.
_COST_MODELS = table("cost_models", column("index_id"))

# A tenant's first use copies the default catalogue, once: the marker row's insert decides
# (a concurrent first use waits for it and then inserts nothing).
SEED = """
WITH claimed AS (
    INSERT INTO tenant_catalogues (tenant) VALUES ($1)
    ON CONFLICT DO NOTHING
    RETURNING tenant
)
INSERT INTO indices (tenant, code, name, unit, category, currency, description)
SELECT claimed.tenant, d.code, d.name, d.unit, d.category,
       CASE WHEN d.unit LIKE 'EUR/%' THEN 'EUR' END, d.description
FROM claimed, unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     AS d(code, name, unit, category, description)
ON CONFLICT DO NOTHING
"""
SEED_ARGS = (
    *(list(column) for column in zip(*DEFAULT_INDICES, strict=True)),
    [DEFAULT_DESCRIPTIONS.get(code) for code, *_ in DEFAULT_INDICES],
)

# What the analyzers see for one article: its tenant's catalogue (a NULL id: not seeded yet).
CATALOGUE_FOR_ARTICLE = """
SELECT a.tenant, i.id, i.code, i.name, i.unit, i.category
FROM articles AS a LEFT JOIN indices AS i ON i.tenant = a.tenant
WHERE a.id = $1
ORDER BY i.category, i.id
"""


async def seed_with(connection: asyncpg.Connection | asyncpg.Pool, tenant: str) -> None:
    await connection.execute(SEED, tenant, *SEED_ARGS)


async def ensure_seeded(session: AsyncSession, tenant: str) -> None:
    """Inside the session's transaction, on its own connection."""
    await seed_with(await _driver(session), tenant)


async def catalogue_for_article(pool: asyncpg.Pool, article_id: int) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await pool.fetch(CATALOGUE_FOR_ARTICLE, article_id)
    if len(rows) == 1 and rows[0]["id"] is None:
        await seed_with(pool, rows[0]["tenant"])
        rows = await pool.fetch(CATALOGUE_FOR_ARTICLE, article_id)
    return [row for row in rows if row["id"] is not None]


async def list_indices(session: AsyncSession, tenant: str) -> Sequence[CostIndex]:
    result = await session.execute(
        select(CostIndex)
        .where(CostIndex.tenant == tenant)
        .order_by(CostIndex.category, CostIndex.id)
    )
    return result.scalars().all()


async def get_index(session: AsyncSession, index_id: int, tenant: str) -> CostIndex | None:
    result = await session.execute(
        select(CostIndex).where(CostIndex.id == index_id, CostIndex.tenant == tenant)
    )
    return result.scalars().first()


async def taken(
    session: AsyncSession,
    tenant: str,
    *,
    code: str | None,
    name: str | None,
    other_than: int | None = None,
) -> str | None:
    """Which of code or name another index of the tenant already has."""
    query = select(CostIndex.code).where(
        CostIndex.tenant == tenant, (CostIndex.code == code) | (CostIndex.name == name)
    )
    if other_than is not None:
        query = query.where(CostIndex.id != other_than)
    found = (await session.execute(query.limit(1))).scalar()
    if found is None:
        return None
    return "code" if found == code else "name"


async def insert_index(session: AsyncSession, tenant: str, values: dict[str, Any]) -> CostIndex:
    index = CostIndex(tenant=tenant, **values)
    session.add(index)
    await session.flush()
    await session.refresh(index)
    return index


async def update_index(session: AsyncSession, index_id: int, values: dict[str, Any]) -> None:
    await session.execute(
        update(CostIndex)
        .where(CostIndex.id == index_id)
        .values(**values, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )


async def in_use(session: AsyncSession, index_id: int) -> int:
    """How many cost-model rows name the index."""
    result = await session.execute(
        select(func.count()).select_from(_COST_MODELS).where(_COST_MODELS.c.index_id == index_id)
    )
    return int(result.scalar_one())


async def delete_index(session: AsyncSession, index_id: int) -> None:
    """The index with its values (no foreign key does it: see migration 0006)."""
    await session.execute(delete(IndexValue).where(IndexValue.index_id == index_id))
    await session.execute(delete(CostIndex).where(CostIndex.id == index_id))


@dataclass(frozen=True, slots=True)
class IndexRef:
    id: int
    code: str
    category: str


async def refs_by_code(session: AsyncSession, tenant: str) -> dict[str, IndexRef]:
    """The tenant's catalogue by code (what corrections and cost models may name)."""
    await ensure_seeded(session, tenant)
    result = await session.execute(
        select(CostIndex.id, CostIndex.code, CostIndex.category).where(CostIndex.tenant == tenant)
    )
    return {code: IndexRef(id=id_, code=code, category=category) for id_, code, category in result}


UPSERT_VALUES = """
INSERT INTO index_values (index_id, period, value)
SELECT $1, t.period, t.value FROM unnest($2::date[], $3::float8[]) AS t(period, value)
ON CONFLICT (index_id, period) DO UPDATE SET value = excluded.value
"""

# An import: COPY into a scratch table, then one MERGE. The parser already mapped codes to
# ids and refused a month given twice, so the rows join index_values on its primary key with
# no other table; a value that did not change is not written (a re-import of the same file
# writes nothing), a changed one is updated in place, a new month inserted.
IMPORT_TABLE = """
CREATE TEMP TABLE index_import (index_id int, period date, value float8) ON COMMIT DROP
"""
# One import at a time per index, and the index cannot be deleted meanwhile: the rows the
# parser's ids came from, still there with the same codes.
IMPORT_LOCK = text(
    "SELECT id, code FROM indices WHERE tenant = :tenant AND id = ANY(:ids) ORDER BY id FOR UPDATE"
)
# The hash of a million staging rows fits in memory (a few tens of MB) instead of spilling
# to temporary files in batches; only for this transaction.
IMPORT_WORK_MEM = "SET LOCAL work_mem = '64MB'"
IMPORT_MERGE = """
MERGE INTO index_values AS v
USING index_import AS r ON v.index_id = r.index_id AND v.period = r.period
WHEN MATCHED AND v.value IS DISTINCT FROM r.value THEN UPDATE SET value = r.value
WHEN NOT MATCHED THEN INSERT (index_id, period, value) VALUES (r.index_id, r.period, r.value)
"""


# Does any of the file's indices already have a value within the months the file covers? If
# not (a new series, or months appended after the last one), every row is an insert and the
# rows are copied straight into index_values: no scratch table, no join.
ANY_STORED = text(
    """
    SELECT EXISTS (
        SELECT 1 FROM unnest(CAST(:ids AS int[]), CAST(:firsts AS date[]), CAST(:lasts AS date[]))
             AS s(index_id, first, last)
        JOIN index_values AS v ON v.index_id = s.index_id AND v.period BETWEEN s.first AND s.last
    )
    """
)


class CatalogueChangedError(Exception):
    """An index of the file was deleted or re-created while the file was parsed."""


async def catalogue_ids(session: AsyncSession, tenant: str) -> dict[str, int]:
    """The tenant's codes and index ids (what an import's rows carry)."""
    return {code: ref.id for code, ref in (await refs_by_code(session, tenant)).items()}


async def _driver(session: AsyncSession) -> asyncpg.Connection:
    connection = await session.connection()
    driver: asyncpg.Connection | None = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    return driver


async def upsert_values(
    session: AsyncSession, index_id: int, periods: Sequence[date], values: Sequence[float]
) -> None:
    await (await _driver(session)).execute(UPSERT_VALUES, index_id, list(periods), list(values))


async def list_values(
    session: AsyncSession, index_id: int, start: date | None, end: date | None
) -> Sequence[tuple[date, float]]:
    query = select(IndexValue.period, IndexValue.value).where(IndexValue.index_id == index_id)
    if start is not None:
        query = query.where(IndexValue.period >= start)
    if end is not None:
        query = query.where(IndexValue.period <= end)
    result = await session.execute(query.order_by(IndexValue.period))
    return [(period, value) for period, value in result]


async def import_rows(
    session: AsyncSession,
    tenant: str,
    ids: Mapping[str, int],
    spans: Sequence[tuple[int, date, date]],
    copy_data: bytes,
) -> int:
    """Load the rows and upsert them; returns how many rows were written (changed or new).

    `spans` are (index id, first month, last month) of the file's series. Inside the
    session's transaction: the caller commits, or nothing was imported. The index rows are
    locked first: a concurrent import of the same index waits for this one, and a delete of
    one of them waits too (or, if it came first, this raises CatalogueChangedError)."""
    # Through the session, so that its transaction has begun before the raw statements.
    locked = await session.execute(IMPORT_LOCK, {"tenant": tenant, "ids": sorted(ids.values())})
    if {row.id: row.code for row in locked} != {i: c for c, i in ids.items()}:
        raise CatalogueChangedError
    driver = await _driver(session)
    span_args = {
        "ids": [s[0] for s in spans],
        "firsts": [s[1] for s in spans],
        "lasts": [s[2] for s in spans],
    }
    if not (await session.execute(ANY_STORED, span_args)).scalar():
        try:
            async with driver.transaction():  # a savepoint
                status: str = await driver.copy_to_table(
                    "index_values",
                    source=io.BytesIO(copy_data),
                    columns=["index_id", "period", "value"],
                    format="binary",
                )
            return int(status.rsplit(" ", 1)[-1])
        except asyncpg.UniqueViolationError:
            pass  # a value was PUT meanwhile: the general way below
    await driver.execute(IMPORT_WORK_MEM)
    await driver.execute(IMPORT_TABLE)
    await driver.copy_to_table(
        "index_import",
        source=io.BytesIO(copy_data),
        columns=["index_id", "period", "value"],
        format="binary",
    )
    status = await driver.execute(IMPORT_MERGE)
    return int(status.rsplit(" ", 1)[-1])
