"""Short-lived signed tokens for the event stream: a browser's `EventSource` sends no headers.

An authenticated call gets a token bound to its tenant and one article; `GET …/events?token=`
accepts it instead of an API key or bearer token. The token is
`v1.<tenant, base64url>.<article id>.<expiry, unix s>.<HMAC-SHA256, base64url>`, so
verifying it needs no database and no state: every replica with the same `CMS_SIGNING_KEY`
accepts every replica's tokens. Without a configured key each process makes a random one, and
a token only works on the replica that issued it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime

from app.config import Settings
from app.errors import UnauthorizedError

VERSION = "v1"
# Keeps a signature made for another purpose with the same key from passing as an event token.
CONTEXT = b"cms-events-token"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class EventTokenSigner:
    def __init__(self, key: bytes, *, ttl_s: int, clock: Callable[[], float] = time.time) -> None:
        if len(key) < 16:
            raise ValueError("the signing key needs at least 16 bytes")
        self._key = key
        self.ttl_s = ttl_s
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: Settings) -> EventTokenSigner:
        key = (
            settings.signing_key.get_secret_value().encode()
            if settings.signing_key is not None
            else secrets.token_bytes(32)
        )
        return cls(key, ttl_s=settings.events_token_ttl_s)

    def _signature(self, message: str) -> str:
        return _b64(hmac.new(self._key, CONTEXT + b"." + message.encode(), hashlib.sha256).digest())

    def issue(self, *, tenant: str, article_id: int) -> tuple[str, datetime]:
        """The token and when it expires."""
        expires = int(self._clock()) + self.ttl_s
        message = f"{VERSION}.{_b64(tenant.encode())}.{article_id}.{expires}"
        return f"{message}.{self._signature(message)}", datetime.fromtimestamp(expires, UTC)

    def verify(self, token: str, *, article_id: int) -> str:
        """The tenant the token was issued to; 401 if it is forged, expired or for another
        article (the same answer whether or not that article exists)."""
        parts = token.split(".")
        if len(parts) != 5 or parts[0] != VERSION:
            raise UnauthorizedError("The events token is not valid.")
        message, signature = ".".join(parts[:4]), parts[4]
        if not hmac.compare_digest(signature, self._signature(message)):
            raise UnauthorizedError("The events token is not valid.")
        try:
            tenant = _unb64(parts[1]).decode()
            token_article, expires = int(parts[2]), int(parts[3])
        except (ValueError, binascii.Error) as exc:
            raise UnauthorizedError("The events token is not valid.") from exc
        if token_article != article_id:
            raise UnauthorizedError("The events token is for another article.")
        if expires <= self._clock():
            raise UnauthorizedError("The events token has expired; ask for a new one.")
        return tenant
