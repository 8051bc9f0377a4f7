"""Static API keys from CMS_API_KEYS; only their hashes are kept in memory."""

from __future__ import annotations

import hashlib
import hmac

from app.auth.tenants import tenant_problem


class ApiKeyError(ValueError):
    pass


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


class ApiKeyRegistry:
    """Maps a presented key to its tenant in constant time per stored key."""

    def __init__(self, spec: str) -> None:
        self._keys: list[tuple[bytes, str]] = []
        for entry in spec.split(","):
            entry = entry.strip()
            if not entry:
                continue
            tenant, sep, key = entry.partition(":")
            if not sep or not tenant.strip() or not key.strip():
                raise ApiKeyError("CMS_API_KEYS entries look like 'tenant:key', comma-separated")
            problem = tenant_problem(tenant.strip())
            if problem is not None:
                raise ApiKeyError(f"CMS_API_KEYS: the tenant {tenant.strip()!r} {problem}")
            self._keys.append((_digest(key.strip()), tenant.strip()))
        if not self._keys:
            raise ApiKeyError("CMS_API_KEYS is set but names no key")

    def tenant_for(self, presented: str) -> str | None:
        found = self.lookup(presented)
        return None if found is None else found[0]

    def lookup(self, presented: str) -> tuple[str, bytes] | None:
        """(tenant, the key's SHA-256) for a valid key, else None."""
        digest = _digest(presented)
        found = None
        for stored, tenant in self._keys:
            if hmac.compare_digest(stored, digest):
                found = tenant
        return None if found is None else (found, digest)
