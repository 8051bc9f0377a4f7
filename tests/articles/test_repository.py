"""The articles repository's one-statement insert, against a real PostgreSQL."""

from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from app.articles import repository
from app.db import asyncpg_dsn


class _Bytes:
    """A byte source that must not be read: the inline insert takes the content given."""

    async def read(self, size: int = -1) -> bytes:
        raise AssertionError("the one-statement insert read the source")

    async def seek(self, offset: int) -> None:
        raise AssertionError("the one-statement insert sought the source")


def _file(role: str, name: str | None, content_type: str | None, data: bytes) -> repository.NewFile:
    return repository.NewFile(
        role=role,
        original_filename=name,
        content_type=content_type,
        sha256=f"hash-{role}",
        size=len(data),
        source=_Bytes(),
    )


async def test_article_and_its_files_are_stored_in_one_statement(
    migrated_url: str, db_engine: AsyncEngine
):
    spec_bytes, drawing_bytes = b"\x00\\N\t\n\r spec", bytes(range(256))
    pool = await asyncpg.create_pool(asyncpg_dsn(migrated_url), min_size=1, max_size=1)
    try:
        row = await repository.insert_small_article(
            pool,
            tenant="acme",
            article_name="Bracket",
            description=None,
            files=[
                (_file("specification", "spec.txt", "text/plain", spec_bytes), spec_bytes),
                (_file("drawing", None, None, drawing_bytes), drawing_bytes),
            ],
        )
        assert row["article_name"] == "Bracket" and row["tenant"] == "acme"
        assert row["processing_status"] == "pending"  # the server defaults apply
        stored = await pool.fetch(
            "SELECT role, original_filename, content_type, size_bytes, sha256, content "
            "FROM article_files WHERE article_id = $1 ORDER BY role",
            row["id"],
        )
    finally:
        await pool.close()
    assert [tuple(r) for r in stored] == [
        ("drawing", None, None, 256, "hash-drawing", drawing_bytes),
        (
            "specification",
            "spec.txt",
            "text/plain",
            len(spec_bytes),
            "hash-specification",
            spec_bytes,
        ),
    ]
