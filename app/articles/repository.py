"""The SQL of the articles API; callers own the session and the transaction. (What changes the
row as a job — cancel, reprocess, delete and every worker write — is app.articles.jobs.)"""

from __future__ import annotations

import binascii
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

import asyncpg
from sqlalchemy import Row, Table, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleFile, CostModel, ProcessingStatus
from app.indices.models import CostIndex

AnyRow = Row[*tuple[Any, ...]]

STATUS_COLUMNS = (
    Article.id,
    Article.processing_status,
    Article.processing_stage,
    Article.progress,
    Article.processing_error,
    Article.processing_error_code,
    Article.processing_started_at,
    Article.processing_completed_at,
    Article.updated_at,
    Article.needs_review,
)

# Statements built once: the status endpoint is the hottest path in the service.
_STATUS_BY_ID = select(*STATUS_COLUMNS).where(Article.id == bindparam("article_id"))
_STATUS_BY_ID_FOR_TENANT = _STATUS_BY_ID.where(Article.tenant == bindparam("tenant"))

FILE_META_COLUMNS = (
    ArticleFile.role,
    ArticleFile.original_filename,
    ArticleFile.content_type,
    ArticleFile.size_bytes,
    ArticleFile.sha256,
    ArticleFile.purged_at.is_not(None).label("purged"),
    ArticleFile.purged_at,
)


CHUNK_BYTES = 1024 * 1024
# Files up to this size are stored in the same statement as their article; larger ones are
# streamed with COPY, so an upload never needs a second full copy in memory.
INLINE_FILE_BYTES = 256 * 1024
FILE_COLUMNS = [
    "article_id",
    "role",
    "original_filename",
    "content_type",
    "size_bytes",
    "sha256",
    "content",
]


class ByteSource(Protocol):
    """Where an upload's bytes are (Starlette's UploadFile is one)."""

    async def read(self, size: int = -1) -> bytes: ...

    async def seek(self, offset: int) -> None: ...


@dataclass(frozen=True, slots=True)
class NewFile:
    role: str
    original_filename: str | None
    content_type: str | None
    sha256: str
    size: int
    source: ByteSource


def _copy_text(value: object) -> bytes:
    """A value in COPY's text format (NULL, escaped backslashes, tabs and line breaks)."""
    if value is None:
        return b"\\N"
    text = str(value)
    for raw, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(raw, escaped)
    return text.encode()


async def _file_row(article_id: int, file: NewFile) -> AsyncIterator[bytes]:
    """One COPY row, the content streamed as hex in chunks (bytea's `\\x` input format)."""
    fields = (article_id, file.role, file.original_filename, file.content_type, file.size)
    yield b"\t".join(_copy_text(v) for v in (*fields, file.sha256)) + b"\t\\\\x"
    await file.source.seek(0)
    while chunk := await file.source.read(CHUNK_BYTES):
        yield binascii.hexlify(chunk)
    yield b"\n"


async def insert_article(
    session: AsyncSession,
    *,
    tenant: str,
    article_name: str,
    description: str | None,
    files: Sequence[NewFile],
    idempotency_key: str | None = None,
    request_fingerprint: str | None = None,
) -> AnyRow:
    """The article and its files in two statements; returns the article row as stored."""
    articles = cast(Table, Article.__table__)
    row = (
        await session.execute(
            insert(articles)
            .values(
                tenant=tenant,
                article_name=article_name,
                description=description,
                idempotency_key=idempotency_key,
                request_fingerprint=request_fingerprint,
            )
            .returning(*articles.c)
        )
    ).one()
    # The files are streamed with COPY on the same connection, inside the same transaction.
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None
    for file in files:
        await driver.copy_to_table(
            "article_files", source=_file_row(row.id, file), columns=FILE_COLUMNS, format="text"
        )
    return row


INSERT_ARTICLE_WITH_FILES = """
WITH article AS (
    INSERT INTO articles (tenant, article_name, description)
    VALUES ($1, $2, $3)
    RETURNING *
), files AS (
    INSERT INTO article_files
        (article_id, role, original_filename, content_type, size_bytes, sha256, content)
    SELECT article.id, f.role, f.original_filename, f.content_type, f.size_bytes, f.sha256,
           f.content
    FROM article,
         unnest($4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::bytea[])
         AS f(role, original_filename, content_type, size_bytes, sha256, content)
)
SELECT * FROM article
"""


async def insert_small_article(
    pool: asyncpg.Pool,
    *,
    tenant: str,
    article_name: str,
    description: str | None,
    files: Sequence[tuple[NewFile, bytes]],
) -> asyncpg.Record:
    """An article whose files are small (INLINE_FILE_BYTES), stored in one statement.

    One round trip in autocommit mode instead of BEGIN, INSERT, COPY and COMMIT through the
    session: under an upload burst every round trip waits its turn in a busy event loop.
    """
    row: asyncpg.Record | None = await pool.fetchrow(
        INSERT_ARTICLE_WITH_FILES,
        tenant,
        article_name,
        description,
        [file.role for file, _ in files],
        [file.original_filename for file, _ in files],
        [file.content_type for file, _ in files],
        [file.size for file, _ in files],
        [file.sha256 for file, _ in files],
        [content for _, content in files],
    )
    assert row is not None  # INSERT … RETURNING: always the one new row
    return row


def _scoped(query: Any, tenant: str | None) -> Any:
    return query if tenant is None else query.where(Article.tenant == tenant)


async def get_status(session: AsyncSession, article_id: int, tenant: str | None) -> AnyRow | None:
    """One primary-key lookup of the status columns: no file bytes, no joins."""
    if tenant is None:
        result = await session.execute(_STATUS_BY_ID, {"article_id": article_id})
    else:
        result = await session.execute(
            _STATUS_BY_ID_FOR_TENANT, {"article_id": article_id, "tenant": tenant}
        )
    return result.first()


async def get_statuses(
    session: AsyncSession, article_ids: Sequence[int], tenant: str | None
) -> Sequence[AnyRow]:
    """Many statuses in one primary-key query (a list page watching its articles)."""
    query = select(*STATUS_COLUMNS).where(Article.id.in_(article_ids))
    result = await session.execute(_scoped(query, tenant).order_by(Article.id))
    return result.all()


async def get_article(session: AsyncSession, article_id: int, tenant: str | None) -> Article | None:
    query = _scoped(select(Article).where(Article.id == article_id), tenant)
    return (await session.execute(query)).scalars().first()


async def find_by_idempotency_key(
    session: AsyncSession, *, tenant: str, key: str
) -> Article | None:
    query = select(Article).where(Article.tenant == tenant, Article.idempotency_key == key)
    return (await session.execute(query)).scalars().first()


async def release_idempotency_key(session: AsyncSession, article_id: int) -> None:
    """An expired key (older than its window) may be used again for a new upload."""
    await session.execute(
        update(Article).where(Article.id == article_id).values(idempotency_key=None)
    )


async def get_file_meta(session: AsyncSession, article_id: int) -> Sequence[AnyRow]:
    result = await session.execute(
        select(*FILE_META_COLUMNS)
        .where(ArticleFile.article_id == article_id)
        .order_by(ArticleFile.role.desc())
    )
    return result.all()


async def get_cost_models(
    session: AsyncSession, article_id: int
) -> Sequence[Row[int, str, str, str, float, float | None, str, dict[str, Any] | None]]:
    result = await session.execute(
        select(
            CostModel.index_id,
            CostIndex.code,
            CostIndex.name,
            CostIndex.category,
            CostModel.part,
            CostModel.quantity_g,
            CostModel.source,
            CostModel.basis,
        )
        .join(CostIndex, CostIndex.id == CostModel.index_id)
        .where(CostModel.article_id == article_id)
        .order_by(CostModel.part.desc(), CostModel.index_id)
    )
    return result.all()


async def article_exists(session: AsyncSession, article_id: int, tenant: str | None) -> bool:
    query = _scoped(select(Article.id).where(Article.id == article_id), tenant)
    return (await session.execute(query)).first() is not None


async def list_articles(
    session: AsyncSession,
    *,
    tenant: str | None,
    status: ProcessingStatus | None,
    limit: int,
    offset: int,
    needs_review: bool | None = None,
) -> tuple[Sequence[Article], int]:
    query = _scoped(select(Article), tenant)
    count = _scoped(select(func.count()).select_from(Article), tenant)
    if needs_review is not None:  # true: the review queue (a partial index serves it)
        query = query.where(Article.needs_review.is_(needs_review))
        count = count.where(Article.needs_review.is_(needs_review))
    if status is not None:
        query = query.where(Article.processing_status == status.value)
        count = count.where(Article.processing_status == status.value)
    query = query.order_by(Article.created_at.desc(), Article.id.desc()).limit(limit).offset(offset)
    items = (await session.execute(query)).scalars().all()
    total = (await session.execute(count)).scalar_one()
    return items, total
