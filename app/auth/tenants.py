"""What a tenant name may be, for API keys and token claims alike.

A tenant is stored in `articles.tenant` (64 characters) and compared exactly, so a name that
does not fit is refused, never cut: two claims sharing their first 64 characters must not
become one tenant.
"""

from __future__ import annotations

import re

MAX_TENANT_LENGTH = 64
# Letters, digits and a few separators seen in organisation ids (`acme`, `org_12`, `a.b@c`,
# `urn:acme`); no spaces, no control characters, nothing that needs escaping anywhere.
_TENANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]*")
# With CMS_TENANT_NAMESPACES=separate token tenants carry this prefix; API-key tenants cannot
# contain ':' (CMS_API_KEYS splits on it), so the two can never collide.
TOKEN_TENANT_PREFIX = "oidc:"


def tenant_problem(name: object, *, prefix: str = "") -> str | None:
    """Why `name` cannot be a tenant (with `prefix` in front), or None when it can."""
    if not isinstance(name, str):
        return "is not a string"
    if not name:
        return "is empty"
    if len(prefix) + len(name) > MAX_TENANT_LENGTH:
        return f"is longer than {MAX_TENANT_LENGTH - len(prefix)} characters"
    if _TENANT.fullmatch(name) is None:
        return "may only contain letters, digits and . _ : @ - (starting with a letter or digit)"
    return None
