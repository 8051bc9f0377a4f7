"""Every SQL statement of the catalogue; callers own the session and the transaction."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import asyncpg
from sqlalchemy import column, delete, func, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.indices.models import CostIndex, IndexValue
from app.indices.seed import DEFAULT_INDICES

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
INSERT INTO indices (tenant, code, name, unit, category, currency)
SELECT claimed.tenant, d.code, d.name, d.unit, d.category,
       CASE WHEN d.unit LIKE 'EUR/%' THEN 'EUR' END
FROM claimed, unnest($2::text[], $3::text[], $4::text[], $5::text[])
     AS d(code, name, unit, category)
ON CONFLICT DO NOTHING
"""
SEED_ARGS = tuple(list(column) for column in zip(*DEFAULT_INDICES, strict=True))

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

# An import: COPY into a scratch table, then checks and one set-based upsert.
IMPORT_TABLE = """
CREATE TEMP TABLE index_import (code text, period date, value float8, line int) ON COMMIT DROP
"""
# One import at a time per index, and the index cannot be deleted meanwhile.
IMPORT_LOCK = "SELECT id FROM indices WHERE tenant = $1 AND code = ANY($2::text[]) FOR UPDATE"
IMPORT_DUPLICATES = """
SELECT code, period, array_agg(line ORDER BY line) AS lines
FROM index_import GROUP BY code, period HAVING count(*) > 1
ORDER BY min(line) LIMIT $1
"""
# An upsert as "delete what is replaced, insert everything": a plain INSERT of a million rows
# takes 0.6 × the time of INSERT … ON CONFLICT, and a first import deletes nothing.
IMPORT_REPLACE = """
DELETE FROM index_values AS v
USING index_import AS r JOIN indices AS i ON i.tenant = $1 AND i.code = r.code
WHERE v.index_id = i.id AND v.period = r.period
"""
IMPORT_INSERT = """
INSERT INTO index_values (index_id, period, value)
SELECT i.id, r.period, r.value
FROM index_import AS r JOIN indices AS i ON i.tenant = $1 AND i.code = r.code
ORDER BY i.id, r.period
"""


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
    codes: Sequence[str],
    copy_data: bytes,
    *,
    max_duplicates: int,
) -> list[asyncpg.Record]:
    """Load the rows and upsert them; returns the duplicated (code, month)s instead when a
    month is given twice (then nothing was written).

    Inside the session's transaction: the caller commits, or nothing was imported. A month
    given twice makes the insert fail (the primary key); only then are the duplicates looked
    for, so a good file pays for no extra scan. The index rows are locked first: a concurrent
    import of the same index waits for this one."""
    driver = await _driver(session)
    await driver.execute(IMPORT_LOCK, tenant, list(codes))
    await driver.execute(IMPORT_TABLE)
    await driver.copy_to_table(
        "index_import", source=io.BytesIO(copy_data), columns=["code", "period", "value", "line"]
    )
    try:
        async with driver.transaction():  # a savepoint
            await driver.execute(IMPORT_REPLACE, tenant)
            await driver.execute(IMPORT_INSERT, tenant)
    except asyncpg.UniqueViolationError:
        duplicates: list[asyncpg.Record] = await driver.fetch(IMPORT_DUPLICATES, max_duplicates)
        return duplicates
    return []
