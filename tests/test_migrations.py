"""Schema changes only through Alembic: up from empty, down to base, and no drift."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.indices.seed import DEFAULT_INDICES
from app.models import Base
from app.ops.migrations import alembic_config, head_revisions

REQUIRED_CATALOGUE = {
    "steel",
    "stainless_steel",
    "aluminium",
    "copper",
    "brass",
    "zinc",
    "nickel",
    "pp",
    "pe_hd",
    "abs",
    "pc",
    "pa6",
    "pa66",
    "pom",
    "pbt",
    "rubber",
    "wood",
    "paper_cardboard",
    "electricity",
    "natural_gas",
    "labour",
}


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
            return {row[0] for row in rows}
    finally:
        await engine.dispose()


async def test_upgrade_from_empty_creates_schema_and_default_catalogue(fresh_database_url: str):
    await asyncio.to_thread(command.upgrade, alembic_config(fresh_database_url), "head")

    assert {"articles", "article_files", "indices", "cost_models", "alembic_version"} <= (
        await _tables(fresh_database_url)
    )
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.connect() as conn:
            codes = set((await conn.execute(text("SELECT code FROM indices"))).scalars())
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    finally:
        await engine.dispose()
    assert REQUIRED_CATALOGUE <= codes
    assert len(codes) == len(DEFAULT_INDICES)
    assert {version} == head_revisions()


async def test_downgrade_base_removes_everything(fresh_database_url: str):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "head")
    await asyncio.to_thread(command.downgrade, config, "base")

    assert await _tables(fresh_database_url) <= {"alembic_version"}


async def test_models_and_migrations_do_not_drift(fresh_database_url: str):
    await asyncio.to_thread(command.upgrade, alembic_config(fresh_database_url), "head")
    engine = create_async_engine(fresh_database_url)

    def diff(sync_conn):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(
            sync_conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, Base.metadata)

    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == []


async def test_0004_maps_old_stages_and_keeps_the_rows_up_and_down(fresh_database_url: str):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0003")
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO articles (article_name, processing_status, processing_stage) "
                    "VALUES ('a', 'pending', 'queued'), ('b', 'processing', 'saving'), "
                    "('c', 'pending', 'waiting'), ('d', 'completed', 'done')"
                )
            )
        await asyncio.to_thread(command.upgrade, config, "0004")
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text("SELECT article_name, processing_stage, claim_token FROM articles")
                )
            ).all()
        assert sorted(tuple(row) for row in rows) == [
            ("a", None, 0),
            ("b", "generating_cost_model", 0),
            ("c", "waiting", 0),
            ("d", "done", 0),
        ]
        await asyncio.to_thread(command.downgrade, config, "0003")
        async with engine.connect() as conn:
            names = (await conn.execute(text("SELECT article_name FROM articles"))).scalars()
            assert sorted(names) == ["a", "b", "c", "d"]
            columns = (
                await conn.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = 'articles' AND column_name = 'claim_token'"
                    )
                )
            ).all()
        assert columns == []
    finally:
        await engine.dispose()
