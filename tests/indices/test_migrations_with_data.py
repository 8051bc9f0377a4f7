"""Migrations 0004 (corrections) and 0005 (tenant catalogues), up and down, with data in place."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.ops.migrations import alembic_config


async def _run(url: str, *statements: str) -> list[list[tuple[object, ...]]]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            results = []
            for statement in statements:
                result = await conn.execute(text(statement))
                results.append([tuple(r) for r in result] if result.returns_rows else [])
            return results
    finally:
        await engine.dispose()


SETUP = [
    "INSERT INTO articles (id, tenant, article_name, unit_weight, processing_status) VALUES "
    "(1, 'public', 'open one', 0.25, 'completed'), (2, 'team-x', 'x one', 0.5, 'completed')",
    "INSERT INTO cost_models (article_id, index_id, part, quantity_g) "
    "SELECT 1, id, 0.7, 175 FROM indices WHERE code = 'steel' UNION ALL "
    "SELECT 1, id, 0.3, NULL FROM indices WHERE code = 'labour' UNION ALL "
    "SELECT 2, id, 1.0, 500 FROM indices WHERE code = 'aluminium'",
]

COST_MODELS = (
    "SELECT a.id, a.tenant, i.tenant, i.code, cm.part FROM cost_models cm "
    "JOIN articles a ON a.id = cm.article_id JOIN indices i ON i.id = cm.index_id "
    "ORDER BY a.id, i.code"
)


async def test_tenant_catalogues_keep_every_cost_model_pointing_at_its_tenants_rows(
    fresh_database_url: str,
):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0005")
    await _run(fresh_database_url, *SETUP)

    await asyncio.to_thread(command.upgrade, config, "0007")

    costs, counts, defaults = await _run(
        fresh_database_url,
        COST_MODELS,
        "SELECT tenant, count(*) FROM indices GROUP BY tenant ORDER BY tenant",
        "SELECT a.version, a.weight_manual, a.fixed_share, cm.source FROM articles a "
        "JOIN cost_models cm ON cm.article_id = a.id ORDER BY a.id, cm.id",
    )
    assert costs == [
        (1, "public", "public", "labour", 0.3),
        (1, "public", "public", "steel", 0.7),
        (2, "team-x", "team-x", "aluminium", 1.0),
    ]
    assert counts[0][1] == counts[1][1] and [c[0] for c in counts] == ["public", "team-x"]
    assert set(defaults) == {(1, False, 0.0, "estimated")}

    # Corrections and a tenant's own index, then all the way down: nothing is lost.
    await _run(
        fresh_database_url,
        "UPDATE indices SET name = 'Aluminium 6061' WHERE tenant = 'team-x' AND code = 'aluminium'",
        "INSERT INTO indices (tenant, code, name, unit, category) "
        "VALUES ('team-x', 'special', 'Aluminium', 'EUR/t', 'metal')",
        "UPDATE cost_models SET part = 0.6 WHERE article_id = 2",
        "INSERT INTO cost_models (article_id, index_id, part) "
        "SELECT 2, id, 0.4 FROM indices WHERE code = 'special'",
        "INSERT INTO article_changes (article_id, tenant, changed_by, field, before, after) "
        "VALUES (2, 'team-x', 'team-x/key:1', 'unit_weight', '0.4', '0.5')",
    )
    await asyncio.to_thread(command.downgrade, config, "0005")

    costs, names = await _run(
        fresh_database_url,
        "SELECT a.id, i.code, cm.part FROM cost_models cm JOIN articles a ON a.id = "
        "cm.article_id JOIN indices i ON i.id = cm.index_id ORDER BY a.id, i.code",
        "SELECT name FROM indices WHERE code = 'special'",
    )
    assert costs == [
        (1, "labour", 0.3),
        (1, "steel", 0.7),
        (2, "aluminium", 0.6),
        (2, "special", 0.4),
    ]
    assert names == [("Aluminium (special)",)]

    await asyncio.to_thread(command.upgrade, config, "head")
    (costs,) = await _run(fresh_database_url, COST_MODELS)
    assert [(c[0], c[2], c[3]) for c in costs] == [
        (1, "public", "labour"),
        (1, "public", "steel"),
        (2, "team-x", "aluminium"),
        (2, "team-x", "special"),
    ]


async def test_prices_and_index_values_go_up_and_down_with_the_articles_kept(
    fresh_database_url: str,
):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0007")
    await _run(fresh_database_url, *SETUP)
    await asyncio.to_thread(command.upgrade, config, "0008")
    await _run(
        fresh_database_url,
        "UPDATE articles SET price = 2.5, currency = 'EUR', price_date = '2026-01-15', "
        "price_unit = '100', pricing = '{\"status\": \"computed\"}' WHERE id = 1",
        "INSERT INTO index_values (index_id, period, value) "
        "SELECT id, '2026-01-01', 800 FROM indices WHERE code = 'steel' AND tenant = 'public'",
        "UPDATE cost_models SET basis = '{\"index_value\": 800}' WHERE article_id = 1",
    )
    (priced,) = await _run(
        fresh_database_url,
        "SELECT count(*) FROM articles WHERE price IS NOT NULL",
    )
    assert priced == [(1,)]

    await asyncio.to_thread(command.downgrade, config, "0007")
    articles, costs = await _run(
        fresh_database_url,
        "SELECT id, article_name, unit_weight FROM articles ORDER BY id",
        "SELECT article_id, part FROM cost_models ORDER BY article_id, part",
    )
    assert articles == [(1, "open one", 0.25), (2, "x one", 0.5)]
    assert costs == [(1, 0.3), (1, 0.7), (2, 1.0)]

    await asyncio.to_thread(command.upgrade, config, "head")
    (prices,) = await _run(
        fresh_database_url, "SELECT price, fixed_share FROM articles ORDER BY id"
    )
    assert prices == [(None, 0.0), (None, 0.0)]  # the price columns went with the downgrade
