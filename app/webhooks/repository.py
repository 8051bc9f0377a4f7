"""Every SQL statement of the webhooks: endpoints, the outbox claim, the delivery log.

The outbox rows are written by the `articles_enqueue_webhooks` trigger (migration 0004),
never from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.webhooks.models import WebhookAttempt, WebhookEndpoint, WebhookEvent


def _scoped(statement: Any, tenant: str | None) -> Any:
    return statement if tenant is None else statement.where(WebhookEndpoint.tenant == tenant)


async def insert_endpoint(session: AsyncSession, **values: Any) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(**values)
    session.add(endpoint)
    await session.flush()
    await session.refresh(endpoint)
    return endpoint


async def get_endpoint(
    session: AsyncSession, endpoint_id: int, tenant: str | None
) -> WebhookEndpoint | None:
    statement = _scoped(select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id), tenant)
    result: WebhookEndpoint | None = (await session.execute(statement)).scalar_one_or_none()
    return result


async def list_endpoints(session: AsyncSession, tenant: str | None) -> list[WebhookEndpoint]:
    statement = _scoped(select(WebhookEndpoint).order_by(WebhookEndpoint.id), tenant)
    return list((await session.execute(statement)).scalars())


async def update_endpoint(
    session: AsyncSession, endpoint_id: int, tenant: str | None, values: dict[str, Any]
) -> WebhookEndpoint | None:
    statement = _scoped(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id)
        .values(**values, updated_at=text("now()"))
        .returning(WebhookEndpoint),
        tenant,
    )
    result: WebhookEndpoint | None = (await session.execute(statement)).scalar_one_or_none()
    return result


async def delete_endpoint(session: AsyncSession, endpoint_id: int, tenant: str | None) -> bool:
    statement = _scoped(
        delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id), tenant
    ).returning(WebhookEndpoint.id)
    return (await session.execute(statement)).first() is not None


async def list_attempts(
    session: AsyncSession, endpoint_id: int, *, limit: int, offset: int
) -> list[Any]:
    """Rows of the attempt joined with its event, newest first."""
    statement = (
        select(
            WebhookAttempt.id,
            WebhookAttempt.event_id,
            WebhookEvent.event_type,
            WebhookEvent.article_id,
            WebhookAttempt.attempted_at,
            WebhookAttempt.status_code,
            WebhookAttempt.duration_ms,
            WebhookAttempt.error,
            WebhookAttempt.next_attempt_at,
            WebhookEvent.status,
        )
        .join(WebhookEvent, WebhookEvent.id == WebhookAttempt.event_id)
        .where(WebhookAttempt.endpoint_id == endpoint_id)
        .order_by(WebhookAttempt.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list((await session.execute(statement)).all())


# --- the dispatcher's statements ---------------------------------------------------------

# Due events whose endpoint is enabled, each the oldest undelivered one of its (endpoint,
# article) chain: a later event of an article waits until the earlier one is delivered or has
# finally failed. Locking the chain's head with SKIP LOCKED is what keeps two replicas from
# delivering an article's events out of order: a replica that skips a locked head does not
# see the next event as a head either.
CLAIM_SQL = text(
    """
    UPDATE webhook_events AS ev
    SET status = 'delivering',
        lease_owner = :owner,
        lease_expires_at = now() + make_interval(secs => :lease_s),
        attempts = ev.attempts + 1
    FROM (
        SELECT c.id FROM webhook_events AS c
        JOIN webhook_endpoints AS ep ON ep.id = c.endpoint_id AND ep.enabled
        WHERE ((c.status = 'pending' AND c.next_attempt_at <= now())
               OR (c.status = 'delivering' AND c.lease_expires_at < now()))
          AND c.id = (
              SELECT min(h.id) FROM webhook_events AS h
              WHERE h.endpoint_id = c.endpoint_id AND h.article_id = c.article_id
                AND h.status IN ('pending', 'delivering'))
        ORDER BY c.next_attempt_at, c.id
        LIMIT :batch
        FOR UPDATE OF c SKIP LOCKED
    ) AS due, webhook_endpoints AS ep
    WHERE ev.id = due.id AND ep.id = ev.endpoint_id
    RETURNING ev.id, ev.endpoint_id, ev.article_id, ev.event_type, ev.data, ev.occurred_at,
              ev.attempts, ep.url, ep.secret, ep.previous_secret, ep.previous_secret_expires_at
    """
)

DELIVERED_SQL = text(
    """
    WITH ev AS (
        UPDATE webhook_events
        SET status = 'delivered', delivered_at = now(), lease_owner = NULL,
            lease_expires_at = NULL
        WHERE id = :id AND lease_owner = :owner AND status = 'delivering'
        RETURNING id, endpoint_id
    )
    INSERT INTO webhook_attempts
        (event_id, endpoint_id, attempted_at, status_code, duration_ms, error, next_attempt_at)
    SELECT id, endpoint_id, :attempted_at, :status_code, :duration_ms, NULL, NULL FROM ev
    """
)

# A failed attempt: retry after `delay_s`, unless that would be past the retry period.
RETRY_SQL = text(
    """
    WITH ev AS (
        UPDATE webhook_events
        SET status = CASE
                WHEN occurred_at + make_interval(secs => :retry_s)
                     < now() + make_interval(secs => :delay_s) THEN 'failed'
                ELSE 'pending' END,
            next_attempt_at = now() + make_interval(secs => :delay_s),
            lease_owner = NULL, lease_expires_at = NULL
        WHERE id = :id AND lease_owner = :owner AND status = 'delivering'
        RETURNING id, endpoint_id, status, next_attempt_at
    )
    INSERT INTO webhook_attempts
        (event_id, endpoint_id, attempted_at, status_code, duration_ms, error, next_attempt_at)
    SELECT id, endpoint_id, :attempted_at, :status_code, :duration_ms, :error,
           CASE WHEN status = 'pending' THEN next_attempt_at END
    FROM ev
    RETURNING (SELECT status FROM ev)
    """
)

HAND_BACK_SQL = text(
    """
    UPDATE webhook_events
    SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL,
        attempts = greatest(attempts - 1, 0)
    WHERE lease_owner = :owner AND status = 'delivering'
    """
)


PURGE_SQL = text(
    """
    DELETE FROM webhook_events
    WHERE status IN ('delivered', 'failed') AND occurred_at < now() - make_interval(secs => :age_s)
    """
)


@dataclass(frozen=True, slots=True)
class ClaimedEvent:
    id: int
    endpoint_id: int
    article_id: int
    event_type: str
    data: dict[str, Any]
    occurred_at: datetime
    attempts: int
    url: str
    secret: str
    previous_secret: str | None
    previous_secret_expires_at: datetime | None


async def claim(
    session: AsyncSession, *, owner: str, lease_s: float, batch: int
) -> list[ClaimedEvent]:
    rows = await session.execute(CLAIM_SQL, {"owner": owner, "lease_s": lease_s, "batch": batch})
    claimed = [ClaimedEvent(**row._mapping) for row in rows]
    await session.commit()
    return sorted(claimed, key=lambda event: event.id)


async def record_delivered(
    session: AsyncSession,
    *,
    event_id: int,
    owner: str,
    attempted_at: datetime,
    status_code: int,
    duration_ms: int,
) -> None:
    await session.execute(
        DELIVERED_SQL,
        {
            "id": event_id,
            "owner": owner,
            "attempted_at": attempted_at,
            "status_code": status_code,
            "duration_ms": duration_ms,
        },
    )
    await session.commit()


async def record_failed_attempt(
    session: AsyncSession,
    *,
    event_id: int,
    owner: str,
    attempted_at: datetime,
    status_code: int | None,
    duration_ms: int,
    error: str,
    delay_s: float,
    retry_s: float,
) -> str | None:
    """The event's status now: `pending` (tried again later), `failed`, or None if this
    process no longer held it."""
    result = await session.execute(
        RETRY_SQL,
        {
            "id": event_id,
            "owner": owner,
            "attempted_at": attempted_at,
            "status_code": status_code,
            "duration_ms": duration_ms,
            "error": error,
            "delay_s": delay_s,
            "retry_s": retry_s,
        },
    )
    status = result.scalar_one_or_none()
    await session.commit()
    return status


async def hand_back(session: AsyncSession, *, owner: str) -> None:
    """At shutdown: the events this process holds go back to `pending` for any replica."""
    await session.execute(HAND_BACK_SQL, {"owner": owner})
    await session.commit()


async def purge_finished(session: AsyncSession, *, older_than_s: float) -> int:
    """Delivered and failed events older than that go, with their attempts (the log's span)."""
    result = await session.execute(PURGE_SQL, {"age_s": older_than_s})
    await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
