"""The push routes: the event stream and the short-lived token that lets a browser open it.

They live on their own router because the stream authenticates differently from every other
API route: with an events token in the query string (all `EventSource` can send) or, like
the rest, with an API key or bearer token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel
from sse_starlette.sse import EventSourceResponse

from app.articles import service
from app.articles.events import status_events
from app.auth.dependencies import OPEN_TENANT, Principal, PrincipalDep, get_principal
from app.dependencies import ServicesDep, SessionDep, SettingsDep, get_services
from app.errors import problem_responses

router = APIRouter(tags=["articles"], responses=problem_responses(401, 422, 503))

ArticleId = Annotated[int, Path(description="The article's id.", ge=1, le=2_147_483_647)]
EVENTS_TOKEN_KIND = "events_token"


class EventsToken(BaseModel):
    """A token for `GET …/events?token=`: bound to the caller's tenant and this article."""

    token: str
    expires_at: datetime
    url: str


async def events_principal(
    request: Request,
    article_id: ArticleId,
    token: Annotated[
        str | None,
        Query(
            max_length=512,
            description="An events token from `POST …/events-token`, instead of a key.",
        ),
    ] = None,
) -> Principal:
    """The events token when one is sent, else the usual API key or bearer token."""
    if token is None:
        return await get_principal(request)
    services = get_services(request)
    tenant = services.event_tokens.verify(token, article_id=article_id)
    authenticator = services.authenticator
    request.state.tenant = tenant
    if not authenticator.enabled and tenant == OPEN_TENANT:
        return Principal(tenant=tenant, kind="open")
    return Principal(tenant=tenant, kind=EVENTS_TOKEN_KIND)


@router.post(
    "/articles/{article_id}/events-token",
    response_model=EventsToken,
    summary="A short-lived token to open the event stream from a browser",
    responses=problem_responses(404),
)
async def events_token(
    services: ServicesDep,
    article_id: ArticleId,
    session: SessionDep,
    settings: SettingsDep,
    principal: PrincipalDep,
) -> EventsToken:
    """`EventSource` cannot send a key: give it `url` (valid for `CMS_EVENTS_TOKEN_TTL_S`)."""
    await service.get_status(session, article_id, principal.scope)  # 404 unless yours
    token, expires_at = services.event_tokens.issue(tenant=principal.tenant, article_id=article_id)
    return EventsToken(
        token=token,
        expires_at=expires_at,
        url=f"{settings.api_prefix}/articles/{article_id}/events?token={token}",
    )


@router.get(
    "/articles/{article_id}/events",
    summary="Server-Sent Events: the status on every change, until completed or failed",
    response_class=EventSourceResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "An event stream"},
        **problem_responses(404),
    },
)
async def article_events(
    services: ServicesDep,
    article_id: ArticleId,
    session: SessionDep,
    principal: Annotated[Principal, Depends(events_principal)],
) -> EventSourceResponse:
    """`event: status` with the status JSON per change; heartbeat comments every 15 s.

    Authenticated by an API key or bearer token, or by `?token=` from `POST …/events-token`.
    """
    first = await service.get_status(session, article_id, principal.scope)
    await session.close()  # the stream reads with its own short sessions, not this one
    stream = status_events(
        article_id=article_id,
        tenant=principal.scope,
        first=first,
        broadcaster=services.broadcaster,
        sessions=services.database.sessions,
    )
    return EventSourceResponse(
        stream, ping=15, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )
