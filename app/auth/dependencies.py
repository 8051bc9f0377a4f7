"""The `Principal` dependency every API route uses: open, API key, or OIDC token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from app.auth.api_keys import ApiKeyRegistry
from app.auth.jwt import JwtVerifier, TokenError
from app.errors import UnauthorizedError

OPEN_TENANT = "public"


@dataclass(frozen=True, slots=True)
class Principal:
    tenant: str
    kind: str  # "open" | "api_key" | "jwt"
    subject: str = ""

    @property
    def scope(self) -> str | None:
        """The tenant to filter by, or None when the service runs open (everything visible)."""
        return None if self.kind == "open" else self.tenant


@dataclass
class Authenticator:
    api_keys: ApiKeyRegistry | None
    jwt: JwtVerifier | None

    @property
    def enabled(self) -> bool:
        return self.api_keys is not None or self.jwt is not None

    async def authenticate(self, request: Request) -> Principal:
        headers = request.headers
        return await self.authenticate_values(
            headers.get("x-api-key"), headers.get("authorization", "")
        )

    async def authenticate_raw(self, headers: list[tuple[bytes, bytes]]) -> Principal:
        """`authenticate` on a scope's raw headers (the status fast path: no request object)."""
        api_key: str | None = None
        authorization: str | None = None
        for name, value in headers:
            if name == b"x-api-key":
                if api_key is None:
                    api_key = value.decode("latin-1")
            elif name == b"authorization" and authorization is None:
                authorization = value.decode("latin-1")
        return await self.authenticate_values(api_key, authorization or "")

    async def authenticate_values(self, api_key: str | None, authorization: str) -> Principal:
        """The principal of an X-API-Key value and an Authorization value (first of each)."""
        if not self.enabled:
            return Principal(tenant=OPEN_TENANT, kind="open")
        credential = api_key
        if credential is not None:
            credential = credential.strip()  # like the bearer value below
        scheme, _, value = authorization.partition(" ")
        if credential is None and scheme.lower() == "bearer":
            credential = value.strip()
        if not credential:
            raise UnauthorizedError("Send an API key (Authorization: Bearer KEY or X-API-Key).")
        if self.api_keys is not None:
            found = self.api_keys.lookup(credential)
            if found is not None:
                tenant, digest = found
                # The key's fingerprint names who made a change, never the key itself.
                return Principal(tenant=tenant, kind="api_key", subject=f"key:{digest.hex()[:8]}")
        if self.jwt is not None and credential.count(".") == 2:
            try:
                tenant, subject = await self.jwt.tenant_of(credential)
            except TokenError as exc:
                raise UnauthorizedError(f"Invalid bearer token: {exc}.") from exc
            return Principal(tenant=tenant, kind="jwt", subject=subject)
        raise UnauthorizedError("The API key or token is not valid.")


# Where `AuthenticateFirst` leaves the principal it established, so it is checked once.
PRINCIPAL_SCOPE_KEY = "cms.principal"


async def get_principal(request: Request) -> Principal:
    """Cached per request by FastAPI, so the router-level check and the handler share it."""
    principal = request.scope.get(PRINCIPAL_SCOPE_KEY)
    if not isinstance(principal, Principal):
        authenticator: Authenticator = request.state.services.authenticator
        principal = await authenticator.authenticate(request)
    request.state.tenant = principal.tenant
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
