"""The job side of the articles table through the ORM session: lease renewal, failure, retry,
hand back, recovery, queue depth and retention. (The per-job hot path — claim, stages,
completion — is plain SQL in app.processing.job_queries.)

Every write that a worker makes is guarded by `lease_owner = :owner AND processing_status =
'processing'`, so a worker that lost its lease (it was presumed dead, the article was deleted,
reprocessed or cancelled) can never overwrite what another worker or a person did since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Table, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.articles.models import Article, ArticleFile, ProcessingStatus

# Core statements on the table: the ORM's bulk-update machinery costs CPU on every job write.
ARTICLES = cast(Table, Article.__table__)
A = ARTICLES.c
FILES = cast(Table, ArticleFile.__table__)
F = FILES.c
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
        A.id == article_id,
        A.lease_owner == owner,
        A.processing_status == PROCESSING,
    )


async def renew_leases(
    session: AsyncSession, *, owner: str, article_ids: Sequence[int], lease_s: float
) -> set[int]:
    """Extend the leases this worker holds; returns the ids it still holds."""
    if not article_ids:
        return set()
    result = await session.execute(
        update(ARTICLES)
        .where(
            A.id.in_(article_ids),
            A.lease_owner == owner,
            A.processing_status == PROCESSING,
        )
        .values(lease_expires_at=func.now() + timedelta(seconds=lease_s))
        .returning(A.id)
    )
    return set(result.scalars().all())


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
        update(ARTICLES).where(*_held_by(article_id, owner)).values(**values).returning(A.id)
    )
    return result.first() is not None


async def back_to_pending(
    session: AsyncSession,
    *,
    article_id: int,
    owner: str,
    code: str,
    message: str,
    delay_s: float,
    refund_attempt: bool,
) -> bool:
    """Back to pending for another try after `delay_s`; the reason stays visible meanwhile.

    A transient failure uses up its attempt; a deferral (`refund_attempt`: the breaker is open
    or the budget is spent, not the article's fault) does not, and shows the stage `waiting`.
    """
    result = await session.execute(
        update(ARTICLES)
        .where(*_held_by(article_id, owner))
        .values(
            processing_status=PENDING,
            processing_stage="waiting" if refund_attempt else None,
            progress=0,
            processing_error=message,
            processing_error_code=code,
            attempts=func.greatest(A.attempts - 1, 0) if refund_attempt else A.attempts,
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now() + timedelta(seconds=delay_s),
            updated_at=func.now(),
        )
        .returning(A.id)
    )
    return result.first() is not None


async def hand_back(session: AsyncSession, *, owner: str, article_ids: Sequence[int]) -> list[int]:
    """On shutdown: unfinished work goes back to pending at once, without using up an attempt."""
    if not article_ids:
        return []
    result = await session.execute(
        update(ARTICLES)
        .where(
            A.id.in_(article_ids),
            A.lease_owner == owner,
            A.processing_status == PROCESSING,
        )
        .values(
            processing_status=PENDING,
            processing_stage=None,
            progress=0,
            attempts=func.greatest(A.attempts - 1, 0),
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now(),
            updated_at=func.now(),
        )
        .returning(A.id)
    )
    return list(result.scalars().all())


async def recover_expired(session: AsyncSession, *, max_attempts: int) -> list[tuple[int, str]]:
    """Take back articles whose worker died: retry them, or fail them once attempts are spent."""
    exhausted = A.attempts >= max_attempts
    result = await session.execute(
        update(ARTICLES)
        .where(
            A.processing_status == PROCESSING,
            A.lease_expires_at < func.now(),
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
            processing_stage=case((exhausted, A.processing_stage), else_=None),
            progress=case((exhausted, A.progress), else_=0),
            lease_owner=None,
            lease_expires_at=None,
            available_at=func.now(),
            updated_at=func.now(),
        )
        .returning(A.id, A.processing_status)
    )
    return [(row.id, row.processing_status) for row in result]


async def queue_depth(session: AsyncSession) -> tuple[int, float]:
    """(pending articles, age in seconds of the oldest one)."""
    row = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.extract("epoch", func.now() - func.min(A.created_at)), 0),
            ).where(A.processing_status == PENDING)
        )
    ).one()
    return int(row[0]), float(row[1])


async def purge_old_files(session: AsyncSession, *, older_than_days: float) -> int:
    """Drop the bytes of files whose article finished long enough ago; keep the metadata."""
    finished = (
        select(A.id)
        .where(
            A.processing_status.in_([COMPLETED, FAILED]),
            A.processing_completed_at < func.now() - timedelta(days=older_than_days),
        )
        .scalar_subquery()
    )
    result = await session.execute(
        update(FILES)
        .where(F.article_id.in_(finished), F.content.is_not(None))
        .values(content=None, purged_at=func.now())
        .returning(F.id)
    )
    return len(result.all())
