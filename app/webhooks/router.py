"""HTTP routes of the webhooks API: a tenant's endpoints, their secrets and delivery log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from app.auth.dependencies import PrincipalDep
from app.dependencies import SessionDep, SettingsDep
from app.errors import problem_responses
from app.webhooks import service
from app.webhooks.schemas import (
    Webhook,
    WebhookCreate,
    WebhookDeliveryPage,
    WebhookList,
    WebhookSecret,
    WebhookUpdate,
    WebhookWithSecret,
)

router = APIRouter(
    prefix="/webhooks", tags=["webhooks"], responses=problem_responses(401, 422, 503)
)
NOT_FOUND = problem_responses(404)

WebhookId = Annotated[int, Path(description="The webhook endpoint's id.", ge=1, le=2_147_483_647)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookWithSecret,
    summary="Register an endpoint for article events (the secret is shown only here)",
    responses=problem_responses(400),
)
async def create_webhook(
    body: WebhookCreate,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: PrincipalDep,
) -> WebhookWithSecret:
    """Deliveries are signed per Standard Webhooks with the returned `whsec_` secret."""
    created = await service.create(
        session,
        tenant=principal.tenant,
        body=body,
        allow_private=settings.webhook_allow_private_targets,
    )
    response.headers["Location"] = f"{settings.api_prefix}/webhooks/{created.id}"
    return created


@router.get("", response_model=WebhookList, summary="The tenant's webhook endpoints")
async def list_webhooks(session: SessionDep, principal: PrincipalDep) -> WebhookList:
    """Without their secrets."""
    return await service.list_all(session, principal.scope)


@router.get(
    "/{webhook_id}", response_model=Webhook, summary="One webhook endpoint", responses=NOT_FOUND
)
async def get_webhook(
    webhook_id: WebhookId, session: SessionDep, principal: PrincipalDep
) -> Webhook:
    """Without its secret."""
    return await service.get(session, webhook_id, principal.scope)


@router.patch(
    "/{webhook_id}",
    response_model=Webhook,
    summary="Change an endpoint's url, events, description or enabled flag",
    responses=problem_responses(400, 404),
)
async def update_webhook(
    webhook_id: WebhookId,
    body: WebhookUpdate,
    session: SessionDep,
    settings: SettingsDep,
    principal: PrincipalDep,
) -> Webhook:
    """A disabled endpoint is sent nothing; its undelivered events wait until it is enabled."""
    return await service.update(
        session,
        webhook_id,
        principal.scope,
        body,
        allow_private=settings.webhook_allow_private_targets,
    )


@router.delete(
    "/{webhook_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an endpoint with its undelivered events and delivery log",
    responses=NOT_FOUND,
)
async def delete_webhook(
    webhook_id: WebhookId, session: SessionDep, principal: PrincipalDep
) -> Response:
    """Nothing more is sent to it."""
    await service.delete(session, webhook_id, principal.scope)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{webhook_id}/rotate-secret",
    response_model=WebhookSecret,
    summary="A new signing secret; the old one also signs for 24 hours",
    responses=NOT_FOUND,
)
async def rotate_webhook_secret(
    webhook_id: WebhookId, session: SessionDep, principal: PrincipalDep
) -> WebhookSecret:
    """Deliveries carry both signatures until `previous_secret_expires_at`."""
    return await service.rotate_secret(session, webhook_id, principal.scope)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=WebhookDeliveryPage,
    summary="The delivery log: every attempt, newest first",
    responses=NOT_FOUND,
)
async def list_deliveries(
    webhook_id: WebhookId,
    session: SessionDep,
    principal: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> WebhookDeliveryPage:
    """Attempt time, the receiver's status code, duration, error and the next attempt."""
    return await service.deliveries(
        session, webhook_id, principal.scope, limit=limit, offset=offset
    )
