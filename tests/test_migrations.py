"""Schema changes only through Alembic: up from empty, down to base, and no drift."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.indices.seed import CERAMIC_TEXTILE_DESCRIPTIONS, DEFAULT_INDICES, POLYMER_DESCRIPTIONS
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
    assert len(codes) == len(DEFAULT_INDICES) == 49
    assert "unidentified_material" in codes
    assert {"technical_ceramics", "ceramics", "textile", "leather", *NEW_POLYMERS} <= codes
    assert set(LONG_CHAIN_AND_FILAMENT_POLYMERS) <= codes
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


async def test_0009_adds_the_unidentified_material_index_to_every_catalogue_up_and_down(
    fresh_database_url: str,
):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0008")
    engine = create_async_engine(fresh_database_url)
    copy = "INSERT INTO indices (tenant, code, name, unit, category) SELECT '{t}', code, name, unit, category FROM indices WHERE tenant = 'public' AND code <> 'unidentified_material'"  # noqa: E501
    try:
        async with engine.begin() as conn:
            # The shared catalogue as 0008 left it, without the new index.
            await conn.execute(text("DELETE FROM indices WHERE code = 'unidentified_material'"))
            for tenant in ("acme", "used", "own", "named"):
                await conn.execute(text(copy.format(t=tenant)))
                await conn.execute(
                    text("INSERT INTO tenant_catalogues (tenant) VALUES (:t)"), {"t": tenant}
                )
            # A tenant's own index of that code, and one of that name, are kept as they are.
            await conn.execute(
                text(
                    "INSERT INTO indices (tenant, code, name, unit, category) VALUES "
                    "('own', 'unidentified_material', 'Mystery', 'EUR/kg', 'other'), "
                    "('named', 'mystery', 'Unidentified material (to be named)', 'EUR/t', "
                    "'other')"
                )
            )
            await conn.execute(
                text("INSERT INTO articles (tenant, article_name) VALUES ('used', 'x')")
            )
            before = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
        await asyncio.to_thread(command.upgrade, config, "0009")
        async with engine.begin() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT tenant, id, name, unit, category, description FROM indices "
                        "WHERE code = 'unidentified_material' ORDER BY tenant"
                    )
                )
            ).all()
            assert [(r.tenant, r.name, r.unit) for r in rows] == [
                ("acme", "Unidentified material (to be named)", "EUR/t"),
                ("own", "Mystery", "EUR/kg"),
                ("public", "Unidentified material (to be named)", "EUR/t"),
                ("used", "Unidentified material (to be named)", "EUR/t"),
            ]
            assert all(r.category == "other" for r in rows)
            assert "no material" in rows[0].description
            after = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
            assert after == before + 3
            # One tenant's cost model uses its new index: the downgrade must keep that row.
            used_id = next(r.id for r in rows if r.tenant == "used")
            await conn.execute(
                text(
                    "INSERT INTO cost_models (article_id, index_id, part) "
                    "SELECT id, :i, 1.0 FROM articles WHERE tenant = 'used'"
                ),
                {"i": used_id},
            )
        await asyncio.to_thread(command.downgrade, config, "0008")
        async with engine.connect() as conn:
            kept = (
                await conn.execute(
                    text(
                        "SELECT tenant FROM indices WHERE code = 'unidentified_material' "
                        "ORDER BY tenant"
                    )
                )
            ).scalars()
            assert list(kept) == ["own", "used"]
            parts = (await conn.execute(text("SELECT count(*) FROM cost_models"))).scalar_one()
            assert parts == 1
            total = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
            assert total == before + 1
    finally:
        await engine.dispose()


async def test_0010_adds_the_manual_process_and_keeps_the_rows_up_and_down(
    fresh_database_url: str,
):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, "0009")
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO articles (article_name) VALUES ('a'), ('b')"))
        await asyncio.to_thread(command.upgrade, config, "0010")
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE articles SET manual_process = 'forging' WHERE article_name = 'a'")
            )
            rows = (
                await conn.execute(
                    text("SELECT article_name, manual_process FROM articles ORDER BY 1")
                )
            ).all()
        assert [tuple(r) for r in rows] == [("a", "forging"), ("b", None)]
        await asyncio.to_thread(command.downgrade, config, "0009")
        async with engine.connect() as conn:
            names = (await conn.execute(text("SELECT article_name FROM articles"))).scalars()
            assert sorted(names) == ["a", "b"]
    finally:
        await engine.dispose()


NEW_FAMILIES = ("technical_ceramics", "ceramics", "textile", "leather")
NEW_POLYMERS = ("pe_lld", "pe_x", "tpe", "pu", "ptfe", "pvdf", "peek", "ppsu")
LONG_CHAIN_AND_FILAMENT_POLYMERS = ("pa12", "pla", "petg", "epp")


@dataclass(frozen=True)
class FamilyRevision:
    """A revision that adds material indices to every catalogue, and the rows its test uses:
    a tenant's own index of one code, one named like a new index, one used, one valued."""

    revision: str
    previous: str
    families: tuple[str, ...]
    category: str
    own: tuple[str, str, str]  # code, name, unit
    named: tuple[str, str]  # code, the name of the family `named_family`
    named_family: str
    used: str
    valued: str


FAMILY_REVISIONS = [
    FamilyRevision(
        "0011",
        "0010",
        NEW_FAMILIES,
        "other",
        ("textile", "Webbing (supplier A)", "EUR/m"),
        ("hides", "Leather"),
        "leather",
        "textile",
        "leather",
    ),
    FamilyRevision(
        "0012",
        "0011",
        NEW_POLYMERS,
        "polymer",
        ("tpe", "TPE compound (supplier B)", "EUR/kg"),
        ("teflon", "Polytetrafluoroethylene (PTFE)"),
        "ptfe",
        "tpe",
        "pe_x",
    ),
    FamilyRevision(
        "0013",
        "0012",
        LONG_CHAIN_AND_FILAMENT_POLYMERS,
        "polymer",
        ("pla", "PLA filament (supplier C)", "EUR/kg"),
        ("nylon12", "Polyamide 12 and 11 (PA12, PA11)"),
        "pa12",
        "pla",
        "epp",
    ),
]


@pytest.mark.parametrize("case", FAMILY_REVISIONS, ids=lambda c: c.revision)
async def test_a_family_revision_adds_its_indices_to_every_catalogue_up_and_down(
    fresh_database_url: str, case: FamilyRevision
):
    config = alembic_config(fresh_database_url)
    await asyncio.to_thread(command.upgrade, config, case.previous)
    engine = create_async_engine(fresh_database_url)
    families = {"codes": list(case.families)}
    n = len(case.families)
    copy = (
        "INSERT INTO indices (tenant, code, name, unit, category) SELECT :t, code, name, unit, "
        "category FROM indices WHERE tenant = 'public' AND code <> ALL(:codes)"
    )
    try:
        async with engine.begin() as conn:
            # The shared catalogue as the previous revision left it, without the new indices.
            await conn.execute(text("DELETE FROM indices WHERE code = ANY(:codes)"), families)
            for tenant in ("acme", "used", "valued", "own", "named"):
                await conn.execute(text(copy), {"t": tenant, **families})
                await conn.execute(
                    text("INSERT INTO tenant_catalogues (tenant) VALUES (:t)"), {"t": tenant}
                )
            # A tenant's own index of one of the codes, and one of one of the names, stay.
            await conn.execute(
                text(
                    "INSERT INTO indices (tenant, code, name, unit, category) VALUES "
                    "('own', :own_code, :own_name, :own_unit, 'other'), "
                    "('named', :named_code, :named_name, 'EUR/m2', 'other')"
                ),
                {
                    "own_code": case.own[0],
                    "own_name": case.own[1],
                    "own_unit": case.own[2],
                    "named_code": case.named[0],
                    "named_name": case.named[1],
                },
            )
            await conn.execute(
                text("INSERT INTO articles (tenant, article_name) VALUES ('used', 'strap')")
            )
            before = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
        await asyncio.to_thread(command.upgrade, config, case.revision)
        async with engine.begin() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT tenant, code, id, name, unit, category, currency, description "
                        "FROM indices WHERE code = ANY(:codes) ORDER BY tenant, code"
                    ),
                    families,
                )
            ).all()
            by_tenant: dict[str, set[str]] = {}
            for r in rows:
                by_tenant.setdefault(r.tenant, set()).add(r.code)
            everything = set(case.families)
            assert by_tenant == {
                "acme": everything,
                "named": everything - {case.named_family},
                "own": everything,
                "public": everything,
                "used": everything,
                "valued": everything,
            }
            own = next(r for r in rows if r.tenant == "own" and r.code == case.own[0])
            assert (own.name, own.unit, own.description) == (*case.own[1:], None)
            added = [r for r in rows if r is not own]
            assert all(
                r.unit == "EUR/t" and r.category == case.category and r.currency == "EUR"
                for r in added
            )
            assert all(r.description for r in added)
            after = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
            # four full tenants; own and named one fewer each
            assert after == before + 4 * n + 2 * (n - 1)
            # A cost model uses one new index, index values sit on another: both must stay.
            used = next(r.id for r in rows if r.tenant == "used" and r.code == case.used)
            valued = next(r.id for r in rows if r.tenant == "valued" and r.code == case.valued)
            await conn.execute(
                text(
                    "INSERT INTO cost_models (article_id, index_id, part) "
                    "SELECT id, :i, 1.0 FROM articles WHERE tenant = 'used'"
                ),
                {"i": used},
            )
            await conn.execute(
                text(
                    "INSERT INTO index_values (index_id, period, value) "
                    "VALUES (:i, DATE '2026-10-01', 41250)"
                ),
                {"i": valued},
            )
        await asyncio.to_thread(command.downgrade, config, case.previous)
        async with engine.connect() as conn:
            kept = (
                await conn.execute(
                    text(
                        "SELECT tenant, code FROM indices WHERE code = ANY(:codes) "
                        "ORDER BY tenant, code"
                    ),
                    families,
                )
            ).all()
            assert [tuple(r) for r in kept] == [
                ("own", case.own[0]),
                ("used", case.used),
                ("valued", case.valued),
            ]
            assert (await conn.execute(text("SELECT count(*) FROM cost_models"))).scalar() == 1
            assert (await conn.execute(text("SELECT count(*) FROM index_values"))).scalar() == 1
            total = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
            assert total == before + 2
        # Up again: the rows kept by the downgrade are not added twice.
        await asyncio.to_thread(command.upgrade, config, case.revision)
        async with engine.connect() as conn:
            total = (await conn.execute(text("SELECT count(*) FROM indices"))).scalar_one()
            assert total == after
    finally:
        await engine.dispose()


async def test_a_fresh_database_has_the_new_families_described_as_a_new_tenant_gets_them(
    fresh_database_url: str,
):
    await asyncio.to_thread(command.upgrade, alembic_config(fresh_database_url), "head")
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT code, name, currency, description FROM indices "
                        "WHERE tenant = 'public' AND code = ANY(:codes)"
                    ),
                    {"codes": [*NEW_FAMILIES, *NEW_POLYMERS]},
                )
            ).all()
    finally:
        await engine.dispose()
    seeded = {code: name for code, name, *_ in DEFAULT_INDICES}
    described = {**CERAMIC_TEXTILE_DESCRIPTIONS, **POLYMER_DESCRIPTIONS}
    assert {(r.code, r.name, r.currency, r.description) for r in rows} == {
        (code, seeded[code], "EUR", described[code]) for code in (*NEW_FAMILIES, *NEW_POLYMERS)
    }
