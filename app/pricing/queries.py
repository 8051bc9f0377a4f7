"""The SQL of pricing: an article's inputs and the cost model it produces.

Plain asyncpg on one connection, so that pricing runs inside whichever transaction it is
given: the one that completes an analysis (app.processing) or a person's correction (a
session's). jsonb goes in and out as text, parsed here, because the connections of the two
pools decode it differently.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

# A connection of its own or one lent by a pool.
Connection = asyncpg.Connection | PoolConnectionProxy

# Index values at or before a month, latest first: one query for all an article's indices.
VALUES_AT = """
SELECT DISTINCT ON (index_id) index_id, period, value
FROM index_values
WHERE index_id = ANY($1::int[]) AND period <= $2
ORDER BY index_id, period DESC
"""
INDICES_OF = "SELECT id, code, unit, currency, category FROM indices WHERE tenant = $1"
COST_ROWS = """
SELECT cm.index_id, cm.part, cm.quantity_g, cm.source, i.category
FROM cost_models AS cm JOIN indices AS i ON i.id = cm.index_id
WHERE cm.article_id = $1
ORDER BY cm.part DESC, cm.index_id
"""
LOCK_ARTICLE = """
SELECT id, tenant, unit_weight, manual_materials::text, extracted_metadata::text, price,
       currency, price_date, price_unit, cost_model_manual, fixed_share,
       estimated_costs::text, needs_review, manual_process
FROM articles WHERE id = $1 FOR UPDATE
"""
JSON_COLUMNS = ("manual_materials", "extracted_metadata", "estimated_costs")
DELETE_COST_MODEL = "DELETE FROM cost_models WHERE article_id = $1"
INSERT_COST_MODEL = """
INSERT INTO cost_models (article_id, index_id, part, quantity_g, source, basis)
SELECT $1, r.index_id, r.part, r.quantity_g, r.source, r.basis::jsonb
FROM unnest($2::int[], $3::float8[], $4::float8[], $5::text[], $6::text[])
     AS r(index_id, part, quantity_g, source, basis)
"""
STORE = """
UPDATE articles SET fixed_share = $2, pricing = $3::text::jsonb,
    estimated_costs = $4::text::jsonb, needs_review = needs_review OR $5, updated_at = now()
WHERE id = $1
"""
# Right after the completing statement: is there anything to price? (That statement put
# the estimate in place and the fixed share at 0: only a price can change them.)
NEEDS_PRICING = "SELECT price IS NOT NULL AND NOT cost_model_manual FROM articles WHERE id = $1"
# When pricing itself failed: the estimate stays, and the article says why.
PRICING_FAILED = """
UPDATE articles SET pricing = jsonb_build_object('status', 'estimated', 'reason', $2::text)
WHERE id = $1
"""


async def needs_pricing(connection: Connection, article_id: int) -> bool:
    return bool(await connection.fetchval(NEEDS_PRICING, article_id))


async def lock_article(connection: Connection, article_id: int) -> dict[str, Any] | None:
    row = await connection.fetchrow(LOCK_ARTICLE, article_id)
    if row is None:
        return None
    found = dict(row)
    for column in JSON_COLUMNS:
        found[column] = None if found[column] is None else json.loads(found[column])
    return found


async def indices_of(connection: Connection, tenant: str) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await connection.fetch(INDICES_OF, tenant)
    return rows


async def values_at(
    connection: Connection, index_ids: Sequence[int], month: date
) -> dict[int, tuple[date, float]]:
    rows = await connection.fetch(VALUES_AT, list(index_ids), month)
    return {row["index_id"]: (row["period"], row["value"]) for row in rows}


async def cost_rows(connection: Connection, article_id: int) -> list[asyncpg.Record]:
    rows: list[asyncpg.Record] = await connection.fetch(COST_ROWS, article_id)
    return rows


async def replace_cost_model(
    connection: Connection, article_id: int, rows: Sequence[dict[str, Any]]
) -> None:
    """The article's cost model becomes exactly these rows."""
    await connection.execute(DELETE_COST_MODEL, article_id)
    await connection.execute(
        INSERT_COST_MODEL,
        article_id,
        [r["index_id"] for r in rows],
        [r["part"] for r in rows],
        [r["quantity_g"] for r in rows],
        [r["source"] for r in rows],
        [None if r["basis"] is None else json.dumps(r["basis"]) for r in rows],
    )


async def store(
    connection: Connection,
    article_id: int,
    *,
    fixed_share: float,
    pricing: str,
    estimated_costs: str | None,
    review: bool,
) -> None:
    await connection.execute(STORE, article_id, fixed_share, pricing, estimated_costs, review)


async def pricing_failed(connection: Connection, article_id: int, reason: str) -> None:
    await connection.execute(PRICING_FAILED, article_id, reason)
