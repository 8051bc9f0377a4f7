"""The rules of the webhooks API: who sees which endpoint, valid targets, secrets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import InvalidInputError, NotFoundError
from app.webhooks import repository
from app.webhooks.models import WebhookEndpoint
from app.webhooks.schemas import (
    Webhook,
    WebhookCreate,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookList,
    WebhookSecret,
    WebhookUpdate,
    WebhookWithSecret,
)
from app.webhooks.signing import new_secret
from app.webhooks.ssrf import TargetRefusedError, check_url

# After a rotation the old secret signs too (a second `v1,` signature) for this long, so
# receivers can switch without missing a delivery.
ROTATION_GRACE = timedelta(hours=24)


def message_id(event_id: int) -> str:
    """The `webhook-id` of an event: the same on every retry, so receivers can deduplicate."""
    return f"msg_{event_id}"


def _not_found(endpoint_id: int) -> NotFoundError:
    return NotFoundError(f"Webhook {endpoint_id} does not exist.")


def _valid_url(url: str, allow_private: bool) -> str:
    try:
        check_url(url, allow_private=allow_private)
    except TargetRefusedError as exc:
        raise InvalidInputError(
            "Invalid request: url",
            errors=[
                {"field": "url", "location": "body", "message": str(exc), "type": "value_error"}
            ],
        ) from exc
    return url


def _events(events: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(str(e) for e in events))


async def create(
    session: AsyncSession, *, tenant: str, body: WebhookCreate, allow_private: bool
) -> WebhookWithSecret:
    endpoint = await repository.insert_endpoint(
        session,
        tenant=tenant,
        url=_valid_url(body.url, allow_private),
        events=_events(body.events),
        enabled=body.enabled,
        description=body.description,
        secret=new_secret(),
    )
    await session.commit()
    return WebhookWithSecret(
        **Webhook.model_validate(endpoint).model_dump(), secret=endpoint.secret
    )


async def _get(session: AsyncSession, endpoint_id: int, tenant: str | None) -> WebhookEndpoint:
    endpoint = await repository.get_endpoint(session, endpoint_id, tenant)
    if endpoint is None:
        raise _not_found(endpoint_id)
    return endpoint


async def get(session: AsyncSession, endpoint_id: int, tenant: str | None) -> Webhook:
    return Webhook.model_validate(await _get(session, endpoint_id, tenant))


async def list_all(session: AsyncSession, tenant: str | None) -> WebhookList:
    endpoints = await repository.list_endpoints(session, tenant)
    return WebhookList(items=[Webhook.model_validate(e) for e in endpoints])


async def update(
    session: AsyncSession,
    endpoint_id: int,
    tenant: str | None,
    body: WebhookUpdate,
    *,
    allow_private: bool,
) -> Webhook:
    values = body.model_dump(exclude_unset=True)
    for field in ("url", "events", "enabled"):
        if field in values and values[field] is None:
            raise InvalidInputError(
                f"Invalid request: {field}",
                errors=[
                    {
                        "field": field,
                        "location": "body",
                        "message": "may not be null",
                        "type": "value_error",
                    }
                ],
            )
    if "url" in values:
        values["url"] = _valid_url(values["url"], allow_private)
    if "events" in values:
        values["events"] = _events(values["events"])
    if not values:
        return await get(session, endpoint_id, tenant)
    endpoint = await repository.update_endpoint(session, endpoint_id, tenant, values)
    if endpoint is None:
        raise _not_found(endpoint_id)
    await session.commit()
    return Webhook.model_validate(endpoint)


async def delete(session: AsyncSession, endpoint_id: int, tenant: str | None) -> None:
    """Its undelivered events and its delivery log go with it."""
    if not await repository.delete_endpoint(session, endpoint_id, tenant):
        raise _not_found(endpoint_id)
    await session.commit()


async def rotate_secret(
    session: AsyncSession, endpoint_id: int, tenant: str | None
) -> WebhookSecret:
    current = await _get(session, endpoint_id, tenant)
    grace_until = datetime.now(UTC) + ROTATION_GRACE
    secret = new_secret()
    await repository.update_endpoint(
        session,
        endpoint_id,
        tenant,
        {
            "secret": secret,
            "previous_secret": current.secret,
            "previous_secret_expires_at": grace_until,
        },
    )
    await session.commit()
    return WebhookSecret(secret=secret, previous_secret_expires_at=grace_until)


async def deliveries(
    session: AsyncSession, endpoint_id: int, tenant: str | None, *, limit: int, offset: int
) -> WebhookDeliveryPage:
    await _get(session, endpoint_id, tenant)  # 404 unless yours
    rows = await repository.list_attempts(session, endpoint_id, limit=limit, offset=offset)
    return WebhookDeliveryPage(
        items=[
            WebhookDelivery(
                id=row.id,
                event_id=row.event_id,
                webhook_id=message_id(row.event_id),
                type=row.event_type,
                article_id=row.article_id,
                attempted_at=row.attempted_at,
                status_code=row.status_code,
                duration_ms=row.duration_ms,
                error=row.error,
                next_attempt_at=row.next_attempt_at,
                delivery_status=row.status,
            )
            for row in rows
        ]
    )
