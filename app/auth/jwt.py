"""OpenID Connect bearer tokens: signature, issuer, audience and expiry checked by PyJWT.

Keys come from the identity provider's JWKS URL, cached. A refresh is single-flight: one
fetch at a time, shared by every token check that needs it, while checks with a cached key
carry on with the cached set. A token signed with a key id we do not know makes us fetch the
set again (at most every few seconds), so rotated keys work without a restart; an unknown key
id and a failed fetch are remembered briefly, so a flood of such tokens costs no fetch each.

A verified token is remembered (by its digest, never the token itself) until it expires or
the key that signed it leaves the key set, whichever is first: a browser polls with the same
token every few seconds, and checking its signature again each time cost more than the poll.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx2
import jwt
from jwt import PyJWK, PyJWKSet

from app.auth.tenants import tenant_problem

logger = logging.getLogger(__name__)

REFETCH_MIN_INTERVAL_S = 5.0
# How long a key id the provider does not publish, or a failed fetch, is remembered.
NEGATIVE_CACHE_S = 30.0
FAILED_FETCH_BACKOFF_S = 5.0
MAX_UNKNOWN_KIDS = 1024
FETCH_TIMEOUT_S = 5.0
# Seconds past `exp` a token is still accepted (clock skew between us and the provider).
LEEWAY_S = 30
MAX_VERIFIED_TOKENS = 4096


class TokenError(Exception):
    """The token is not acceptable; the message is safe to show to the caller."""


class JwtVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str,
        tenant_claim: str,
        algorithms: list[str],
        cache_s: float,
        http: httpx2.AsyncClient,
        tenant_prefix: str = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._jwks_url = jwks_url
        self._tenant_claim = tenant_claim
        self._tenant_prefix = tenant_prefix
        self._algorithms = algorithms
        self._cache_s = cache_s
        self._http = http
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = 0.0
        self._failed_until = 0.0
        self._unknown_kids: dict[str, float] = {}
        self._inflight: asyncio.Task[None] | None = None
        self.fetches = 0  # JWKS requests made (for tests and logs)
        self._clock = clock  # wall time, as `exp` is
        # digest of the token -> (tenant, subject, accepted until, the key that verified it)
        self._verified: dict[bytes, tuple[str, str, float, PyJWK]] = {}
        self.verifications = 0  # signatures checked (for tests)

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            response = await self._http.get(self._jwks_url, timeout=FETCH_TIMEOUT_S)
            response.raise_for_status()
            key_set = PyJWKSet.from_dict(response.json())
        except (httpx2.HTTPError, ValueError, jwt.PyJWTError) as exc:
            logger.warning("fetching JWKS failed: %s", exc.__class__.__name__)
            self._failed_until = time.monotonic() + FAILED_FETCH_BACKOFF_S
            return
        self._keys = {key.key_id: key for key in key_set.keys if key.key_id}
        self._fetched_at = time.monotonic()
        self._unknown_kids.clear()

    def _refresh(self) -> asyncio.Task[None]:
        """The running refresh, or a new one: never two fetches at once."""
        if self._inflight is None or self._inflight.done():
            self._inflight = asyncio.create_task(self._fetch(), name="jwks-refresh")
        return self._inflight

    async def _await_refresh(self) -> None:
        # Shielded: a caller that gives up (client gone) does not cancel everyone's fetch.
        await asyncio.shield(self._refresh())

    async def _key_for(self, kid: str | None) -> PyJWK:
        now = time.monotonic()
        if not self._keys:
            if now < self._failed_until:
                raise TokenError("the identity provider's keys are unavailable")
            await self._await_refresh()
            if not self._keys:
                raise TokenError("the identity provider's keys are unavailable")
        elif now - self._fetched_at > self._cache_s and now >= self._failed_until:
            self._refresh()  # stale: refreshed in the background, the cached set serves now
        if kid is None:
            if len(self._keys) == 1:
                return next(iter(self._keys.values()))
            raise TokenError("the token is signed with an unknown key")
        if kid in self._keys:
            return self._keys[kid]
        now = time.monotonic()
        if (
            self._unknown_kids.get(kid, 0.0) <= now
            and now - self._fetched_at >= REFETCH_MIN_INTERVAL_S
            and now >= self._failed_until
        ):
            await self._await_refresh()  # the provider may have rotated its keys
        if kid in self._keys:
            return self._keys[kid]
        if len(self._unknown_kids) >= MAX_UNKNOWN_KIDS:
            self._unknown_kids.clear()
        self._unknown_kids[kid] = time.monotonic() + NEGATIVE_CACHE_S
        raise TokenError("the token is signed with an unknown key")

    async def tenant_of(self, token: str) -> tuple[str, str]:
        """Verify the token (or recall its verification); returns (tenant, subject)."""
        digest = hashlib.sha256(token.encode()).digest()
        known = self._verified.get(digest)
        if known is not None:
            tenant, subject, until, key = known
            now = time.monotonic()
            if now - self._fetched_at > self._cache_s and now >= self._failed_until:
                self._refresh()  # as for any token: a stale set is refreshed in the background
            if self._clock() < until and any(k is key for k in self._keys.values()):
                return tenant, subject
            del self._verified[digest]
        tenant, subject, until, key = await self._verify(token)
        if len(self._verified) >= MAX_VERIFIED_TOKENS:
            self._verified.clear()
        self._verified[digest] = (tenant, subject, until, key)
        return tenant, subject

    async def _verify(self, token: str) -> tuple[str, str, float, PyJWK]:
        self.verifications += 1
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("the bearer token is not a valid JWT") from exc
        key = await self._key_for(header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key.key,
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iss", "aud"]},
                leeway=LEEWAY_S,
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("the token has expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenError("the token is for another audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenError("the token is from another issuer") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("the token's signature or claims are invalid") from exc
        tenant = claims.get(self._tenant_claim)
        if tenant is None:
            raise TokenError(f"the token has no '{self._tenant_claim}' claim naming a tenant")
        # Refused, never cut or trimmed: the claim is the tenant's identity.
        problem = tenant_problem(tenant, prefix=self._tenant_prefix)
        if problem is not None:
            raise TokenError(f"the token's '{self._tenant_claim}' claim {problem}")
        until = float(claims["exp"]) + LEEWAY_S  # PyJWT checked that it is a number
        return f"{self._tenant_prefix}{tenant}", str(claims.get("sub", "")), until, key
