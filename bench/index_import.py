"""Index import: 1,000,000 monthly values in one CSV file through `POST /api/indices/import`.

    .venv/bin/python bench/index_import.py [--indices 1000] [--months 1000]

1,000 indices of the open tenant's catalogue × 1,000 months each, as a generic
`code,date,value` file (about 20 MB). Timed end to end from the client: the upload, parsing
(codes to ids, months given twice) in the service's parser process, COPY into a scratch table
and the one MERGE, committed. Then the same file again (every row matches a stored value, none
changed: nothing is written), and, for the record, a third file with every value changed
(1,000,000 updates in place; not part of the target).

Target: <= 10 s for 1,000,000 values, first import and re-import.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import asyncpg
import httpx2
from common import Service, asyncpg_dsn, log, machine, postgres

TARGET_S = 10.0


def csv_file(indices: int, months: int, shift: float = 0.0) -> bytes:
    lines = ["code,date,value\n"]
    for n in range(indices):
        code = f"i{n:04d}"
        for m in range(months):
            lines.append(
                f"{code},{1900 + m // 12:04d}-{m % 12 + 1:02d},{100 + shift + (n + m) % 997 / 10}\n"
            )
    return "".join(lines).encode()


async def create_indices(url: str, indices: int) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(
            "INSERT INTO indices (tenant, code, name, unit, category) "
            "SELECT 'public', 'i' || lpad(n::text, 4, '0'), 'Bench index ' || n, 'EUR/t', 'metal' "
            "FROM generate_series(0, $1 - 1) AS n",
            indices,
        )
    finally:
        await connection.close()


async def count_values(url: str) -> int:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return int(await connection.fetchval("SELECT count(*) FROM index_values"))
    finally:
        await connection.close()


async def post(base_url: str, data: bytes) -> tuple[int, float, str, int | None]:
    async with httpx2.AsyncClient(base_url=base_url, timeout=300) as http:
        started = time.perf_counter()
        response = await http.post(
            "/api/indices/import", files={"file": ("values.csv", data, "text/csv")}
        )
        seconds = time.perf_counter() - started
        changed = response.json().get("changed") if response.status_code == 200 else None
        return response.status_code, seconds, response.text[:300], changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indices", type=int, default=1000)
    parser.add_argument("--months", type=int, default=1000)
    args = parser.parse_args()
    total = args.indices * args.months
    log(f"machine: {machine()}")
    data = csv_file(args.indices, args.months)
    log(f"file: {total:,} values, {len(data) / 1e6:.1f} MB")
    with (
        postgres() as url,
        Service(url, {"CMS_MAX_UPLOAD_BYTES": str(len(data) + 1024)}) as service,
    ):
        service.start()
        asyncio.run(create_indices(url, args.indices))
        first = asyncio.run(post(service.base_url, data))
        again = asyncio.run(post(service.base_url, data))
        changed = asyncio.run(post(service.base_url, csv_file(args.indices, args.months, 0.5)))
        stored = asyncio.run(count_values(url))
    runs = (("insert", first), ("re-import", again), ("changed values", changed))
    for label, (code, seconds, text, written) in runs:
        if code != 200:
            log(f"{label}: HTTP {code}: {text}")
            return 1
        log(
            f"{label}: {total:,} values in {seconds:.2f} s = {total / seconds:,.0f} values/s, "
            f"{written:,} written"
        )
    worst = max(first[1], again[1])
    ok = stored == total and worst <= TARGET_S and first[3] == total and again[3] == 0
    log(
        f"index import: {total:,} values, insert {first[1]:.2f} s, re-import {again[1]:.2f} s "
        f"(changed values {changed[1]:.2f} s), stored {stored:,}; "
        f"target <= {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
