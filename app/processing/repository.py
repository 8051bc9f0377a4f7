"""The job side of the articles table: claim, lease, stage, finish, hand back, recover.

Every write that a worker makes is guarded by `lease_owner = :owner AND processing_status =
'processing'`, so a worker that lost its lease (it was presumed dead, the article was deleted,
reprocessed or cancelled) can never overwrite what another worker or a person did since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Table, case, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleFile, CostModel, ProcessingStage, ProcessingStatus

# Core statements on the table: the ORM's bulk-update machinery costs CPU on every job write.
ARTICLES = cast(Table, Article.__table__)
PENDING = ProcessingStatus.PENDING.value
PROCESSING = ProcessingStatus.PROCESSING.value
COMPLETED = ProcessingStatus.COMPLETED.value
FAILED = ProcessingStatus.FAILED.value


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    article_id: int
    attempts: int


@dataclass(frozen=True, slots=True)
class JobFile:
    role: str
    original_filename: str | None
    content_type: str | None
    sha256: str
    content: bytes | None


@dataclass(frozen=True, slots=True)
class JobInput:
    article_name: str
    description: str | None
    files: list[JobFile]


@dataclass(frozen=True, slots=True)
class CostRow:
    index_id: int
    part: float
    quantity_g: float | None


def _held_by(article_id: int, owner: str) -> tuple[Any, ...]:
    return (
        Article.id == article_id,
        Article.lease_owner == owner,
        Article.processing_status == PROCESSING,
    )


async def claim_pending(
    session: AsyncSession, *, owner: str, limit: int, lease_s: float
) -> list[ClaimedJob]:
    """Take up to `limit` available pending articles in one statement; other workers skip them."""
    candidates = (
        select(Article.id)
        .where(Article.processing_status == PENDING, Article.available_at <= func.now())
        .order_by(Article.available_at, Article.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("candidates")
    )
    result = await session.execute(
        update(ARTICLES)
        .where(Article.id == candidates.c.id)
        .values(
            processing_status=PROCESSING,
            processing_stage=ProcessingStage.EXTRACTING_TEXT.value,
            progress=2,
            lease_owner=owner,
            lease_expires_at=func.now() + timedelta(seconds=lease_s),
            attempts=Article.attempts + 1,
            processing_started_at=func.now(),
            processing_completed_at=None,
            updated_at=func.now(),
        )
        .returning(Article.id, Article.attempts)
    )
    return [ClaimedJob(article_id=row.id, attempts=row.attempts) for row in result]


async def renew_leases(
    session: AsyncSession, *, owner: str, article_ids: Sequence[int], lease_s: float
) -> set[int]:
    """Extend the leases this worker holds; returns the ids it still holds."""
    if not article_ids:
        return set()
    result = await session.execute(
        update(ARTICLES)
        .where(
            Article.id.in_(article_ids),
            Article.lease_owner == owner,
            Article.processing_status == PROCESSING,
        )
        .values(lease_expires_at=func.now() + timedelta(seconds=lease_s))
        .returning(Article.id)
    )
    return set(result.scalars().all())


async def set_stage(
    session: AsyncSession, *, article_id: int, owner: str, stage: str, progress: int
) -> bool:
    result = await session.execute(
        update(ARTICLES)
        .where(*_held_by(article_id, owner))
        .values(processing_stage=stage, progress=progress, updated_at=func.now())
        .returning(Article.id)
    )
    return result.first() is not None


async def load_job_input(session: AsyncSession, article_id: int) -> JobInput | None:
    article = (
        await session.execute(
            select(Article.article_name, Article.description).where(Article.id == article_id)
        )
    ).first()
    if article is None:
        return None
    rows = await session.execute(
        select(
            ArticleFile.role,
            ArticleFile.original_filename,
            ArticleFile.content_type,
            ArticleFile.sha256,
            ArticleFile.content,
        ).where(ArticleFile.article_id == article_id)
    )
    return JobInput(
        article_name=article.article_name,
        description=article.description,
        files=[JobFile(*row) for row in rows],
    )


async def complete(
    session: AsyncSession,
    *,
    article_id: int,
    owner: str,
    unit_weight_kg: float | None,
    metadata: dict[str, Any],
    analysis_method: str,
    prompt_tokens: int,
    completion_tokens: int,
    cost_rows: Sequence[CostRow],
) -> bool:
    """Store the result and finish the article, atomically; False if the lease was lost."""
    result = await session.execute(
        update(ARTICLES)
        .where(*_held_by(article_id, owner))
        .values(
            processing_status=COMPLETED,
            processing_stage=ProcessingStage.DONE.value,
            progress=100,
            unit_weight=unit_weight_kg,
            extracted_metadata=metadata,
            analysis_method=analysis_method,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            processing_error=None,
            processing_error_code=None,
            processing_completed_at=func.now(),
            lease_owner=None,
            lease_expires_at=None,
            updated_at=func.now(),
        )
        .returning(Article.id)
    )
    if result.first() is None:
        return False
    # Replace, never append: a re-run must leave exactly one cost model.
    await session.execute(delete(CostModel).where(CostModel.article_id == article_id))
    if cost_rows:
        await session.execute(
            insert(CostModel),
            [
                {
                    "article_id": article_id,
                    "index_id": row.index_id,
                    "part": row.part,
                    "quantity_g": row.quantity_g,
                }
                for row in cost_rows
            ],
        )
    return True


async def fail(
    session: AsyncSession,
    *,
    article_id: int,
    owner: str,
    code: str,
    message: str,
    metadata: dict[str, Any] | None = None,
) -> bool:
    values: dict[str, Any] = {
        "processing_status": FAILED,
        "processing_error": message,
        "processing_error_code": code,
        "processing_completed_at": func.now(),
        "lease_owner": None,
        "lease_expires_at": None,
        "updated_at": func.now(),
    }
    if metadata is not None:
        values["extracted_metadata"] = metadata
    result = await session.execute(
        update(ARTICLES).where(*_held_by(article_id, owner)).values(**values).returning(Article.id)
    )
    return result.first() is not None


async def retry_later(
    session: AsyncSession,
    *,
    article_id: int,
    owner: str,
    code: str,
    message: str,
    delay_s: float,
) -> bool:
    """Back to pending after a transient failure; the error stays visible until the next try."""
    result = await session.execute(
        update(ARTICLES)
        .where(*_held_by(article_id, owner))
        .values(
            processing_status=PENDING,
            processing_stage=None,
            progress=0,
            processing_error=message,
            processing_error_code=code,
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now() + timedelta(seconds=delay_s),
            updated_at=func.now(),
        )
        .returning(Article.id)
    )
    return result.first() is not None


async def defer(
    session: AsyncSession,
    *,
    article_id: int,
    owner: str,
    code: str,
    message: str,
    delay_s: float,
) -> bool:
    """Back to pending without using up an attempt: the wait is not the article's fault."""
    result = await session.execute(
        update(ARTICLES)
        .where(*_held_by(article_id, owner))
        .values(
            processing_status=PENDING,
            processing_stage="waiting",
            progress=0,
            processing_error=message,
            processing_error_code=code,
            attempts=func.greatest(Article.attempts - 1, 0),
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now() + timedelta(seconds=delay_s),
            updated_at=func.now(),
        )
        .returning(Article.id)
    )
    return result.first() is not None


async def hand_back(session: AsyncSession, *, owner: str, article_ids: Sequence[int]) -> list[int]:
    """On shutdown: unfinished work goes back to pending at once, without using up an attempt."""
    if not article_ids:
        return []
    result = await session.execute(
        update(ARTICLES)
        .where(
            Article.id.in_(article_ids),
            Article.lease_owner == owner,
            Article.processing_status == PROCESSING,
        )
        .values(
            processing_status=PENDING,
            processing_stage=None,
            progress=0,
            attempts=func.greatest(Article.attempts - 1, 0),
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now(),
            updated_at=func.now(),
        )
        .returning(Article.id)
    )
    return list(result.scalars().all())


async def recover_expired(session: AsyncSession, *, max_attempts: int) -> list[tuple[int, str]]:
    """Take back articles whose worker died: retry them, or fail them once attempts are spent."""
    exhausted = Article.attempts >= max_attempts
    result = await session.execute(
        update(ARTICLES)
        .where(
            Article.processing_status == PROCESSING,
            Article.lease_expires_at < func.now(),
        )
        .values(
            processing_status=case((exhausted, FAILED), else_=PENDING),
            processing_error=case(
                (
                    exhausted,
                    "Processing was interrupted too many times (the worker stopped responding).",
                ),
                else_=None,
            ),
            processing_error_code=case((exhausted, "worker_lost"), else_=None),
            processing_completed_at=case((exhausted, func.now()), else_=None),
            processing_stage=case((exhausted, Article.processing_stage), else_=None),
            progress=case((exhausted, Article.progress), else_=0),
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now(),
            updated_at=func.now(),
        )
        .returning(Article.id, Article.processing_status)
    )
    return [(row.id, row.processing_status) for row in result]


async def queue_depth(session: AsyncSession) -> tuple[int, float]:
    """(pending articles, age in seconds of the oldest one)."""
    row = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.extract("epoch", func.now() - func.min(Article.created_at)), 0),
            ).where(Article.processing_status == PENDING)
        )
    ).one()
    return int(row[0]), float(row[1])


async def purge_old_files(session: AsyncSession, *, older_than_days: float) -> int:
    """Drop the bytes of files whose article finished long enough ago; keep the metadata."""
    finished = (
        select(Article.id)
        .where(
            Article.processing_status.in_([COMPLETED, FAILED]),
            Article.processing_completed_at < func.now() - timedelta(days=older_than_days),
        )
        .scalar_subquery()
    )
    result = await session.execute(
        update(cast(Table, ArticleFile.__table__))
        .where(ArticleFile.article_id.in_(finished), ArticleFile.content.is_not(None))
        .values(content=None, purged_at=func.now())
        .returning(ArticleFile.id)
    )
    return len(result.all())
