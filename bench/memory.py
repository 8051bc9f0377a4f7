"""Memory: the server's peak RSS while it receives a file of CMS_MAX_UPLOAD_BYTES (25 MiB).

    .venv/bin/python bench/memory.py [--parallel 20]

The service runs with `CMS_RUN_PROCESSOR=false` (an API-only replica), so what is measured is
the upload path alone (multipart parsing, reading the file, hashing, storing it in PostgreSQL),
not the later parsing of the file. After a warm-up upload the kernel's high-water mark (VmHWM)
is reset (`/proc/PID/clear_refs`), one upload is sent, and the peak is read from VmHWM and from
a psutil sampler (every 5 ms). Then 20 such uploads are sent in parallel.

Target: one upload raises the peak RSS by <= 2 x the file size; 20 in parallel all succeed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx2
from common import (
    RssSampler,
    Service,
    log,
    machine,
    mib,
    postgres,
    reset_hwm,
    vm_hwm,
)

SIZE = 25 * 1024 * 1024  # the default CMS_MAX_UPLOAD_BYTES
TARGET = 2.0


def payload(size: int, seed: int) -> bytes:
    line = f"Specification {seed}: housing, material PA66 GF30, net weight 42 g.\n".encode()
    return (line * (size // len(line) + 1))[:size]


async def upload_many(base_url: str, files: list[bytes]) -> list[int]:
    async with httpx2.AsyncClient(base_url=base_url, timeout=300) as http:

        async def one(n: int, data: bytes) -> int:
            response = await http.post(
                "/api/analyze",
                data={"articleName": f"Big {n}"},
                files={"productSpecification": (f"big-{n}.txt", data, "text/plain")},
            )
            return response.status_code

        return list(await asyncio.gather(*(one(n, d) for n, d in enumerate(files))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parallel", type=int, default=20)
    args = parser.parse_args()
    log(f"machine: {machine()}")
    with postgres() as url, Service(url, {"CMS_RUN_PROCESSOR": "false"}) as service:
        service.start()
        pid = service.pid
        # Warm-up: code paths, the pool, a first (small) multipart upload.
        assert asyncio.run(upload_many(service.base_url, [payload(64 * 1024, 0)])) == [201]
        time.sleep(0.5)
        baseline = RssSampler(pid).rss()
        hwm_reset = reset_hwm(pid)
        data = payload(SIZE, 1)
        with RssSampler(pid) as sampler:
            started = time.perf_counter()
            codes = asyncio.run(upload_many(service.base_url, [data]))
            single_s = time.perf_counter() - started
            time.sleep(0.2)
        peak = max(sampler.peak, vm_hwm(pid) if hwm_reset else 0)
        after = sampler.rss()
        increase = peak - baseline
        ratio = increase / SIZE
        log(
            f"one upload of {mib(SIZE)}: HTTP {codes}, {single_s:.2f} s; "
            f"RSS before {mib(baseline)}, peak {mib(peak)} (+{mib(increase)} = "
            f"{ratio:.2f} x file; {sampler.samples} samples,"
            f" VmHWM {'reset' if hwm_reset else 'not resettable'}), after {mib(after)}"
        )

        files = [payload(SIZE, 100 + n) for n in range(args.parallel)]
        base_parallel = sampler.rss()
        reset_hwm(pid)
        with RssSampler(pid) as sampler2:
            started = time.perf_counter()
            codes = asyncio.run(upload_many(service.base_url, files))
            parallel_s = time.perf_counter() - started
            time.sleep(0.2)
        peak_parallel = max(sampler2.peak, vm_hwm(pid) if hwm_reset else 0)
        alive = service.alive()
        log(
            f"{args.parallel} parallel uploads: HTTP {sorted(set(codes))} in {parallel_s:.1f} s; "
            f"RSS before {mib(base_parallel)}, peak {mib(peak_parallel)} "
            f"(+{mib(peak_parallel - base_parallel)} = "
            f"{(peak_parallel - base_parallel) / SIZE:.1f} x one file), server alive {alive}"
        )
    ok = ratio <= TARGET and all(c == 201 for c in codes) and alive
    print(
        f"memory: one {mib(SIZE)} upload raises peak RSS by {mib(increase)} = {ratio:.2f} x file "
        f"(target <= {TARGET:g}), {args.parallel} parallel: peak RSS {mib(peak_parallel)}, "
        f"all 201 {all(c == 201 for c in codes)} {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
