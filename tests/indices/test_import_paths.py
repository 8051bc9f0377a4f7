"""The two ways an import writes, and the catalogue changing while a file is parsed."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.errors import ConflictError
from app.indices import repository, service
from app.indices.imports import parse_index_csv

TENANT = "paths"
FILE = b"code,date,value\nsteel,2025-01,700\nsteel,2025-02,710\ncopper,2025-01,9000\n"


async def _values(session: AsyncSession) -> list[tuple[str, str, float]]:
    rows = await session.execute(
        text(
            "SELECT i.code, to_char(v.period, 'YYYY-MM'), v.value FROM index_values AS v "
            "JOIN indices AS i ON i.id = v.index_id WHERE i.tenant = :tenant "
            "ORDER BY i.code, v.period"
        ),
        {"tenant": TENANT},
    )
    return [(code, period, value) for code, period, value in rows]


async def _import(session: AsyncSession, content: bytes) -> int | None:
    catalogue = await service.catalogue_ids(session, TENANT)
    parsed = parse_index_csv(content, catalogue=catalogue)
    result = await service.import_values(session, TENANT, parsed, catalogue, dry_run=False)
    return result.changed


async def test_new_months_are_copied_and_known_ones_merged(db_engine: AsyncEngine):
    async with AsyncSession(db_engine) as session:
        assert await _import(session, FILE) == 3  # all new: copied straight in
        changed = FILE.replace(b"710", b"720") + b"steel,2025-03,730\n"
        assert await _import(session, changed) == 2  # one changed, one new, two untouched
        assert await _values(session) == [
            ("copper", "2025-01", 9000.0),
            ("steel", "2025-01", 700.0),
            ("steel", "2025-02", 720.0),
            ("steel", "2025-03", 730.0),
        ]


async def test_a_month_stored_behind_the_check_falls_back_to_the_merge(
    db_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
):
    async with AsyncSession(db_engine) as session:
        await _import(session, FILE)
        # As if a value had been PUT between the check and the copy: the copy meets it.
        monkeypatch.setattr(repository, "ANY_STORED", text("SELECT false"))
        assert await _import(session, FILE.replace(b"700", b"705")) == 1
        assert (await _values(session))[1] == ("steel", "2025-01", 705.0)


async def test_an_index_deleted_while_the_file_was_parsed_refuses_the_import(
    db_engine: AsyncEngine,
):
    async with AsyncSession(db_engine) as session:
        catalogue = await service.catalogue_ids(session, TENANT)
        parsed = parse_index_csv(FILE, catalogue=catalogue)
        await session.execute(
            text("DELETE FROM indices WHERE tenant = :tenant AND code = 'copper'"),
            {"tenant": TENANT},
        )
        await session.commit()

        with pytest.raises(ConflictError):
            await service.import_values(session, TENANT, parsed, catalogue, dry_run=False)
        assert await _values(session) == []
