"""OpenID Connect bearer tokens: signature, issuer, audience and expiry checked by PyJWT.

Keys come from the identity provider's JWKS URL, cached; a token signed with a key id we do
not know makes us fetch the set again (at most every few seconds), so rotated keys work
without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
import jwt
from jwt import PyJWK, PyJWKSet

logger = logging.getLogger(__name__)

REFETCH_MIN_INTERVAL_S = 5.0


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
        http: httpx.AsyncClient,
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._jwks_url = jwks_url
        self._tenant_claim = tenant_claim
        self._algorithms = algorithms
        self._cache_s = cache_s
        self._http = http
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def _refresh(self, *, force: bool) -> None:
        async with self._lock:
            age = time.monotonic() - self._fetched_at
            if self._keys and (age < REFETCH_MIN_INTERVAL_S or (not force and age < self._cache_s)):
                return
            try:
                response = await self._http.get(self._jwks_url, timeout=5.0)
                response.raise_for_status()
                key_set = PyJWKSet.from_dict(response.json())
            except (httpx.HTTPError, ValueError, jwt.PyJWTError) as exc:
                logger.warning("fetching JWKS failed: %s", exc.__class__.__name__)
                if not self._keys:
                    raise TokenError("the identity provider's keys are unavailable") from exc
                return
            self._keys = {key.key_id: key for key in key_set.keys if key.key_id}
            self._fetched_at = time.monotonic()

    async def _key_for(self, kid: str | None) -> PyJWK:
        await self._refresh(force=False)
        if kid is None and len(self._keys) == 1:
            return next(iter(self._keys.values()))
        if kid is not None and kid not in self._keys:
            await self._refresh(force=True)  # the provider may have rotated its keys
        if kid is None or kid not in self._keys:
            raise TokenError("the token is signed with an unknown key")
        return self._keys[kid]

    async def tenant_of(self, token: str) -> tuple[str, str]:
        """Verify the token; returns (tenant, subject)."""
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
                leeway=30,
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
        if not isinstance(tenant, str) or not tenant.strip():
            raise TokenError(f"the token has no '{self._tenant_claim}' claim naming a tenant")
        return tenant.strip()[:64], str(claims.get("sub", ""))
