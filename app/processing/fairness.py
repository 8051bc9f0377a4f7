"""Parser slots shared fairly between tenants: one tenant's slow files never hold every parser.

The claim statement already caps a tenant's running jobs (CMS_MAX_JOBS_PER_TENANT, over every
replica), but a replica's parser processes are fewer than its job slots: two pathological
files of one tenant used to occupy both parsers while another tenant's one-line upload waited
for minutes. `TenantGate` lets each tenant use at most `per_tenant` of this process's parsers
at a time; the tenant of the running job travels in a context variable, so the extractor and
the analyzer's CPU work (which share the pool) are gated without knowing about tenants.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from app.extraction.document import ExtractedDocument
from app.processing.pipeline import ProgressCallback

T = TypeVar("T")

tenant_var: ContextVar[str | None] = ContextVar("job_tenant", default=None)


class TenantGate:
    """At most `per_tenant` concurrent holders per tenant; work outside a job is not gated."""

    def __init__(self, per_tenant: int) -> None:
        if per_tenant < 1:
            raise ValueError("per_tenant must be >= 1")
        self.per_tenant = per_tenant
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._holders: dict[str, int] = {}

    def in_use(self, tenant: str) -> int:
        return self._holders.get(tenant, 0)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        tenant = tenant_var.get()
        if tenant is None:
            yield
            return
        semaphore = self._slots.get(tenant)
        if semaphore is None:
            semaphore = self._slots[tenant] = asyncio.Semaphore(self.per_tenant)
        self._holders[tenant] = self._holders.get(tenant, 0) + 1
        try:
            async with semaphore:
                yield
        finally:
            self._holders[tenant] -= 1
            if not self._holders[tenant]:  # forget idle tenants: the map stays small
                del self._holders[tenant]
                del self._slots[tenant]


class FairExtractor:
    """An extractor whose parses and CPU-bound side work take a tenant's parser slot first."""

    def __init__(self, inner: Any, gate: TenantGate) -> None:
        self._inner = inner
        self._gate = gate

    async def extract(
        self,
        data: bytes,
        *,
        role: str,
        filename: str | None,
        on_progress: ProgressCallback | None = None,
    ) -> ExtractedDocument:
        async with self._gate.slot():
            document: ExtractedDocument = await self._inner.extract(
                data, role=role, filename=filename, on_progress=on_progress
            )
            return document

    async def run_blocking(self, fn: Callable[..., T], *args: Any) -> T:
        async with self._gate.slot():
            result: T = await self._inner.run_blocking(fn, *args)
            return result
