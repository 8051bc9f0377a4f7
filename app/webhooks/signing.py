"""Standard Webhooks signatures, made by the `standardwebhooks` reference implementation."""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    """`whsec_` + base64 of 32 random bytes (the format receivers' libraries expect)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def signature_header(secrets_in_use: list[str], *, msg_id: str, timestamp: int, body: str) -> str:
    """`v1,<sig>` per secret, space-separated: during a rotation both old and new verify."""
    when = datetime.fromtimestamp(timestamp, UTC)
    return " ".join(
        Webhook(s).sign(msg_id=msg_id, timestamp=when, data=body) for s in secrets_in_use
    )
