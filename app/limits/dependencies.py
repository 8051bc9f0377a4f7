"""The check routes call before doing limited work."""

from __future__ import annotations

from fastapi import Request

from app.limits.service import Action, RateLimiter


async def check_rate(request: Request, tenant: str, action: Action) -> None:
    """429 with Retry-After when the tenant's limit for `action` is reached."""
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is not None:
        await limiter.check(tenant, action)
