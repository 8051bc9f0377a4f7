"""Request-scoped dependencies: the lifespan's services (`ServicesDep`), the settings and one
database session per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import request_session
from app.services import Services


def get_services(request: Request) -> Services:
    """What the lifespan built (typed lifespan state, copied into every request's scope)."""
    services: Services = request.state.services
    return services


# The dependencies below are coroutines although they never wait: FastAPI runs a plain
# function dependency in a worker thread, two thread hand-offs per dependency per request.
async def _services_dependency(request: Request) -> Services:
    return get_services(request)


ServicesDep = Annotated[Services, Depends(_services_dependency)]


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(services: ServicesDep) -> AsyncIterator[AsyncSession]:
    """A session for this request only; services commit before the response is sent."""
    async with request_session(services.database.sessions) as session:
        yield session


def wake_processor(request: Request) -> None:
    """Tell the local processor there is new work; the pending row is the real guarantee."""
    get_services(request).processor.wake()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
