"""The check routes call before doing limited work."""

from __future__ import annotations

from app.limits.service import Action
from app.services import Services


async def check_rate(services: Services, tenant: str, action: Action) -> None:
    """429 with Retry-After when the tenant's limit for `action` is reached."""
    await services.rate_limiter.check(tenant, action)
