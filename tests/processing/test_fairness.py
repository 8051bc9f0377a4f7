"""One tenant's slow files never hold every job slot or parser: another tenant's ordinary upload
still completes while they run."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.extraction.document import ExtractedDocument
from app.extraction.runner import DocumentExtractor
from app.processing.fairness import TenantGate, tenant_var
from tests.conftest import make_settings
from tests.support import running_app, wait_terminal

KEYS = "noisy:key-noisy,quiet:key-quiet"
SPEC = b"Product datasheet\nNet weight: 250 g\nMaterial: steel S235JR\n"
SLOW = b"SLOW " + SPEC


class SlowFilesExtractor(DocumentExtractor):
    """Files starting with SLOW parse for a long time (a stand-in for a pathological file)."""

    def __init__(self) -> None:
        super().__init__(workers=0, timeout_s=600)
        self.parsing: dict[str, int] = {}
        self.most_parsing: dict[str, int] = {}

    async def extract(self, data: bytes, **kwargs: Any) -> ExtractedDocument:
        tenant = tenant_var.get() or "?"
        self.parsing[tenant] = self.parsing.get(tenant, 0) + 1
        self.most_parsing[tenant] = max(self.most_parsing.get(tenant, 0), self.parsing[tenant])
        try:
            if data.startswith(b"SLOW"):
                await asyncio.sleep(600)
            return await super().extract(data, **kwargs)
        finally:
            self.parsing[tenant] -= 1


async def _running_by_tenant(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT tenant, count(*) FROM articles WHERE processing_status = 'processing' "
                "GROUP BY tenant"
            )
        )
        return {row[0]: row[1] for row in rows.all()}


async def test_a_tenant_with_slow_files_leaves_room_for_another_tenant(
    migrated_url: str, db_engine: AsyncEngine
):
    # Four job slots and (with several tenants) two per tenant; one parser per tenant.
    settings = make_settings(migrated_url, api_keys=KEYS, max_concurrent_jobs=4)
    extractor = SlowFilesExtractor()
    async with running_app(settings, extractor=extractor) as (_, client):

        async def post(key: str, content: bytes, name: str) -> int:
            response = await client.post(
                "/api/analyze",
                headers={"X-API-Key": key},
                data={"articleName": name},
                files={"productSpecification": ("spec.txt", content, "text/plain")},
            )
            assert response.status_code == 201, response.text
            return int(response.json()["id"])

        for i in range(6):
            await post("key-noisy", SLOW, f"slow {i}")
        for _ in range(200):  # the noisy tenant takes what it may
            if (await _running_by_tenant(db_engine)).get("noisy") == 2:
                break
            await asyncio.sleep(0.05)

        quiet = await post("key-quiet", SPEC, "ordinary")
        client.headers["X-API-Key"] = "key-quiet"
        # A bound only to catch a hang: the expected time is well under a second.
        status = await wait_terminal(client, quiet, within_s=30)

        running = await _running_by_tenant(db_engine)
    assert status["processing_status"] == "completed", status
    assert running == {"noisy": 2}  # still parsing its slow files, within its share
    assert extractor.most_parsing["noisy"] == 1  # one parser of the tenant's own at a time


async def test_the_gate_holds_each_tenant_to_its_share_and_forgets_idle_tenants():
    gate = TenantGate(per_tenant=1)
    entered: list[str] = []

    async def work(tenant: str, hold: asyncio.Event) -> None:
        tenant_var.set(tenant)
        async with gate.slot():
            entered.append(tenant)
            await hold.wait()

    hold = asyncio.Event()
    tasks = [asyncio.create_task(work(t, hold)) for t in ("a", "a", "b")]
    for _ in range(20):
        await asyncio.sleep(0)
    assert sorted(entered) == ["a", "b"]  # the second "a" waits; "b" does not
    assert gate.in_use("a") == 2  # one inside, one waiting
    hold.set()
    await asyncio.gather(*tasks)
    assert entered == ["a", "b", "a"] and gate.in_use("a") == 0
