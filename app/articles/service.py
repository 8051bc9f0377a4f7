"""The rules of the articles API: what may be uploaded, read, reprocessed and deleted."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.articles import repository
from app.articles.jobs import JobStore
from app.articles.manual import overlay
from app.articles.models import FileRole, ProcessingStatus
from app.articles.schemas import (
    Article,
    ArticleLinks,
    ArticlePage,
    ArticleStatus,
    ArticleSummary,
    CostModelEntry,
    StatusBatch,
    StoredFile,
)
from app.cleaning import clean_text
from app.db import request_session
from app.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    check_upload_size,
)

MAX_NAME_LENGTH = 255
MAX_DESCRIPTION_LENGTH = 10_000
MAX_FILENAME_LENGTH = 255
MAX_CONTENT_TYPE_LENGTH = 255
IDEMPOTENCY_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Upload:
    """A file as received over HTTP; the filename is data only, never a path.

    The content stays where the server spooled it (memory or a temporary file) and is read
    in chunks: an upload never needs a second full copy in memory.
    """

    field: str
    role: FileRole
    filename: str | None
    content_type: str | None
    size: int
    source: repository.ByteSource


def _field_error(field: str, message: str) -> InvalidInputError:
    return InvalidInputError(
        f"Invalid request: {field}",
        errors=[{"field": field, "location": "body", "message": message, "type": "value_error"}],
    )


def _clean_filename(filename: str | None) -> str | None:
    if not filename:
        return None
    # Keep only the last path component and printable characters: stored and shown, never opened.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in clean_text(name) if ch.isprintable()).strip()
    return name[:MAX_FILENAME_LENGTH] or None


# Hashing 64 KiB takes well under a millisecond: less than handing it to a thread costs.
INLINE_HASH_BYTES = 64 * 1024


async def _sha256(source: repository.ByteSource) -> str:
    """Hash in chunks; hashlib releases the GIL on large chunks, so a thread keeps the loop free."""
    digest = hashlib.sha256()
    while chunk := await source.read(repository.CHUNK_BYTES):
        if len(chunk) <= INLINE_HASH_BYTES:
            digest.update(chunk)
        else:
            await asyncio.to_thread(digest.update, chunk)
    await source.seek(0)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Created:
    article: Article
    replayed: bool  # True when an Idempotency-Key returned the article made the first time


def _fingerprint(name: str, description: str | None, files: list[repository.NewFile]) -> str:
    digest = hashlib.sha256()
    for part in (name, description or "", *(f"{f.role}:{f.sha256}" for f in files)):
        digest.update(part.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


async def create_article(
    sessions: async_sessionmaker[AsyncSession],
    *,
    tenant: str,
    article_name: str,
    description: str | None,
    uploads: list[Upload],
    max_upload_bytes: int,
    idempotency_key: str | None = None,
    pool: asyncpg.Pool | None = None,
) -> Created:
    """Validate and store the article with its files in one transaction, as `pending`.

    With `pool`, an article with small files and no Idempotency-Key is stored in one
    statement on it (the common case, no session opened); otherwise through a session of
    `sessions`, files streamed.
    """
    # One rule for stored text (app.cleaning), applied here so both insert paths get it.
    name = clean_text(article_name).strip()
    if not name:
        raise _field_error("articleName", "must not be empty or blank")
    if len(name) > MAX_NAME_LENGTH:
        raise _field_error("articleName", f"at most {MAX_NAME_LENGTH} characters")
    description = clean_text(description or "").strip() or None
    if description is not None and len(description) > MAX_DESCRIPTION_LENGTH:
        raise _field_error("description", f"at most {MAX_DESCRIPTION_LENGTH} characters")

    files: list[repository.NewFile] = []
    for upload in uploads:
        if upload.size <= 0:
            raise _field_error(upload.field, "the file is empty")
        check_upload_size(upload.field, upload.size, max_upload_bytes)
        files.append(
            repository.NewFile(
                role=upload.role.value,
                original_filename=_clean_filename(upload.filename),
                # Data from the client, like the filename: kept, but never longer than its column.
                content_type=clean_text(upload.content_type or "").strip()[:MAX_CONTENT_TYPE_LENGTH]
                or None,
                sha256=await _sha256(upload.source),
                size=upload.size,
                source=upload.source,
            )
        )

    if (
        pool is not None
        and idempotency_key is None
        and all(f.size <= repository.INLINE_FILE_BYTES for f in files)
    ):
        contents = [await f.source.read() for f in files]
        inserted = await repository.insert_small_article(
            pool,
            tenant=tenant,
            article_name=name,
            description=description,
            files=list(zip(files, contents, strict=True)),
        )
        return Created(article=_as_article(dict(inserted), _stored(files), []), replayed=False)

    async with request_session(sessions) as session:
        return await _create_in_session(session, tenant, name, description, files, idempotency_key)


async def _create_in_session(
    session: AsyncSession,
    tenant: str,
    name: str,
    description: str | None,
    files: list[repository.NewFile],
    idempotency_key: str | None,
) -> Created:
    """The article through the session: large files streamed, the Idempotency-Key checked."""
    fingerprint = _fingerprint(name, description, files) if idempotency_key else None
    if idempotency_key:
        earlier = await _replay(session, tenant, idempotency_key, fingerprint)
        if earlier is not None:
            return Created(article=earlier, replayed=True)
    try:
        row = await repository.insert_article(
            session,
            tenant=tenant,
            article_name=name,
            description=description,
            files=files,
            idempotency_key=idempotency_key,
            request_fingerprint=fingerprint,
        )
        await session.commit()
    except IntegrityError:
        # The same key raced us from another request; its article wins.
        await session.rollback()
        assert idempotency_key is not None
        earlier = await _replay(session, tenant, idempotency_key, fingerprint)
        if earlier is None:
            raise
        return Created(article=earlier, replayed=True)
    return Created(article=_as_article(row._mapping, _stored(files), []), replayed=False)


def _stored(files: list[repository.NewFile]) -> list[StoredFile]:
    return [
        StoredFile(
            role=f.role,
            original_filename=f.original_filename,
            content_type=f.content_type,
            size_bytes=f.size,
            sha256=f.sha256,
        )
        for f in files
    ]


async def _replay(
    session: AsyncSession, tenant: str, key: str, fingerprint: str | None
) -> Article | None:
    """The article an earlier request with this key created, if still within the window."""
    earlier = await repository.find_by_idempotency_key(session, tenant=tenant, key=key)
    if earlier is None:
        return None
    if earlier.created_at < datetime.now(UTC) - IDEMPOTENCY_WINDOW:
        await repository.release_idempotency_key(session, earlier.id)
        await session.flush()
        return None
    if earlier.request_fingerprint != fingerprint:
        raise ConflictError(
            "This Idempotency-Key was already used for a different upload.",
            errors=[
                {
                    "field": "Idempotency-Key",
                    "location": "header",
                    "message": "reused with a different body",
                    "type": "idempotency_conflict",
                }
            ],
        )
    return await _full_article(session, earlier.id, None)


def _not_found(article_id: int) -> NotFoundError:
    return NotFoundError(f"Article {article_id} does not exist.")


async def get_status(session: AsyncSession, article_id: int, tenant: str | None) -> ArticleStatus:
    row = await repository.get_status(session, article_id, tenant)
    if row is None:
        raise _not_found(article_id)
    return ArticleStatus.model_validate(row._mapping)


async def find_status(
    session: AsyncSession, article_id: int, tenant: str | None
) -> ArticleStatus | None:
    """The status, or None when there is no such article (for callers that re-read often)."""
    row = await repository.get_status(session, article_id, tenant)
    return None if row is None else ArticleStatus.model_validate(row._mapping)


async def get_statuses(
    session: AsyncSession, article_ids: list[int], tenant: str | None
) -> StatusBatch:
    rows = await repository.get_statuses(session, article_ids, tenant)
    items = [ArticleStatus.model_validate(row._mapping) for row in rows]
    found = {item.id for item in items}
    return StatusBatch(items=items, missing=[i for i in article_ids if i not in found])


async def get_article(session: AsyncSession, article_id: int, tenant: str | None) -> Article:
    return await _full_article(session, article_id, tenant)


async def _full_article(session: AsyncSession, article_id: int, tenant: str | None) -> Article:
    article = await repository.get_article(session, article_id, tenant)
    if article is None:
        raise _not_found(article_id)
    files = await repository.get_file_meta(session, article_id)
    cost_models = await get_cost_models(session, article_id, None, check_exists=False)
    return _as_article(
        article, [StoredFile.model_validate(row._mapping) for row in files], cost_models
    )


def _as_article(
    article: Any, files: list[StoredFile], cost_models: list[CostModelEntry]
) -> Article:
    """The response shape from an ORM article or a row mapping of the same columns."""
    values = overlay(article if isinstance(article, Mapping) else vars(article))
    return Article.model_validate(
        {
            **values,
            "files": files,
            "cost_models": cost_models,
            "links": ArticleLinks(
                self=f"articles/{values['id']}",
                status=f"articles/{values['id']}/status",
                cost_models=f"articles/{values['id']}/cost-models",
            ),
        }
    )


async def get_cost_models(
    session: AsyncSession, article_id: int, tenant: str | None, *, check_exists: bool = True
) -> list[CostModelEntry]:
    if check_exists and not await repository.article_exists(session, article_id, tenant):
        raise _not_found(article_id)
    rows = await repository.get_cost_models(session, article_id)
    return [
        CostModelEntry(
            index_id=index_id,
            index_code=code,
            index_name=name,
            category=category,
            part=part,
            quantity_g=quantity_g,
            source=source,
            basis=basis,
        )
        for index_id, code, name, category, part, quantity_g, source, basis in rows
    ]


async def list_articles(
    session: AsyncSession,
    *,
    tenant: str | None,
    status: ProcessingStatus | None,
    limit: int,
    offset: int,
    needs_review: bool | None = None,
) -> ArticlePage:
    items, total = await repository.list_articles(
        session,
        tenant=tenant,
        status=status,
        limit=limit,
        offset=offset,
        needs_review=needs_review,
    )
    return ArticlePage(
        items=[ArticleSummary.model_validate(item) for item in items],
        total=total,
        limit=limit,
        offset=offset,
    )


async def delete_article(jobs: JobStore, article_id: int, tenant: str | None) -> None:
    """Delete the article with its files and cost model; a run on it stops."""
    if not await jobs.delete(article_id, tenant):
        raise _not_found(article_id)


async def reprocess_article(
    jobs: JobStore, session: AsyncSession, article_id: int, tenant: str | None
) -> Article:
    if not await jobs.requeue(article_id, tenant):
        status = await repository.get_status(session, article_id, tenant)
        if status is None:
            raise _not_found(article_id)
        raise ConflictError(
            f"Article {article_id} is {status.processing_status}; only completed or failed "
            "articles can be reprocessed."
        )
    return await _full_article(session, article_id, None)


async def cancel_article(
    jobs: JobStore, session: AsyncSession, article_id: int, tenant: str | None
) -> Article:
    """Stop a pending or processing article: it ends `failed` with the reason "cancelled", and
    a run on it stops (its parse is killed, its model call aborted)."""
    if not await jobs.cancel(article_id, tenant):
        status = await repository.get_status(session, article_id, tenant)
        if status is None:
            raise _not_found(article_id)
        raise ConflictError(
            f"Article {article_id} is already {status.processing_status}; nothing to cancel."
        )
    return await _full_article(session, article_id, None)
