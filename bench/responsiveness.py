"""Responsiveness under CPU load: status polls while 20 PDFs of 200 pages are parsed.

    .venv/bin/python bench/responsiveness.py [--pdfs 20] [--pages 200] [--rate 40]

20 PDFs (fpdf2, text on every page, each different) are uploaded at once to the service
(offline analyzer). From the first upload until all 20 are finished, a paced client polls
`GET /api/articles/{id}/status` of the 20 articles (round robin) and `GET /health` at a
constant rate each; latency counts from each request's scheduled time, so a blocked event loop
shows up in full. Event-loop lag is estimated from the /health series (a route that does no
I/O: its latency above the idle baseline is time spent waiting for the loop).

Run twice: the default `CMS_PARSER_WORKERS` (process pool; the target applies) and
`CMS_PARSER_WORKERS=0` (parsing in a thread of the server process) for comparison.

Target (process pool): status poll p99 <= 50 ms while parsing.
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
    LOOPBACK,
    RawHttp,
    Service,
    fetch_all,
    log,
    machine,
    percentile,
    postgres,
    summary_ms,
    use_uvloop,
)

TARGET_P99_MS = 50.0


def make_pdf(number: int, pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 8, f"Specification {number} - housing H-{number:03d} - page {page}")
        pdf.ln(10)
        for line in range(40):
            pdf.cell(
                0,
                5,
                f"Row {line}: tolerance class m, surface Ra 1.6, batch {number}-{page}-{line}, "
                "material PA66 GF30 black, test per DIN EN ISO 527",
            )
            pdf.ln(5)
        if page == pages // 2:
            pdf.cell(0, 5, f"Net weight: {40 + number},5 g")
            pdf.ln(5)
    return bytes(pdf.output())


async def measure(base_url: str, db_url: str, pdfs: list[bytes], rate: float) -> dict[str, object]:
    port = int(base_url.rsplit(":", 1)[1])
    status_lat: list[float] = []
    health_lat: list[float] = []
    ids: list[int] = []
    stop = asyncio.Event()

    # Idle baseline of /health first.
    client = RawHttp(LOOPBACK, port)
    baseline: list[float] = []
    for _ in range(50):
        started = time.perf_counter()
        await client.get("/health")
        baseline.append(time.perf_counter() - started)
        await asyncio.sleep(0.01)
    await client.close()

    async def paced(kind: str, out: list[float]) -> None:
        idle: asyncio.Queue[RawHttp] = asyncio.Queue()
        for _ in range(8):
            idle.put_nowait(RawHttp(LOOPBACK, port))
        pending: set[asyncio.Task[None]] = set()

        async def one(path: str, scheduled: float) -> None:
            conn = await idle.get()
            try:
                status, _ = await conn.get(path)
                if status not in (200, 304):
                    raise RuntimeError(f"{path}: {status}")
            finally:
                idle.put_nowait(conn)
            out.append(time.perf_counter() - scheduled)

        start = time.perf_counter()
        i = 0
        while not stop.is_set():
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if kind == "status":
                if not ids:
                    i += 1
                    continue
                path = f"/api/articles/{ids[i % len(ids)]}/status"
            else:
                path = "/health"
            task = asyncio.create_task(one(path, scheduled))
            pending.add(task)
            task.add_done_callback(pending.discard)
            i += 1
        await asyncio.gather(*pending)
        while not idle.empty():
            await idle.get_nowait().close()

    pollers = [
        asyncio.create_task(paced("status", status_lat)),
        asyncio.create_task(paced("health", health_lat)),
    ]
    t0 = time.perf_counter()
    async with httpx2.AsyncClient(base_url=base_url, timeout=120) as http:

        async def upload(n: int, data: bytes) -> None:
            response = await http.post(
                "/api/analyze",
                data={"articleName": f"Housing {n}"},
                files={"productSpecification": (f"spec-{n}.pdf", data, "application/pdf")},
            )
            response.raise_for_status()
            ids.append(int(response.json()["id"]))

        await asyncio.gather(*(upload(n, data) for n, data in enumerate(pdfs)))
    t_uploaded = time.perf_counter() - t0
    while True:
        rows = await fetch_all(
            db_url,
            "SELECT processing_status AS s, processing_error_code AS e FROM articles "
            "WHERE id = ANY($1::int[])",
            ids,
        )
        if all(r["s"] in ("completed", "failed") for r in rows):
            break
        await asyncio.sleep(0.5)
    parse_s = time.perf_counter() - t0
    stop.set()
    await asyncio.gather(*pollers)
    failed = [r["e"] for r in rows if r["s"] != "completed"]
    base_p50 = percentile(baseline, 50)
    lag = [max(0.0, h - base_p50) for h in health_lat]
    return {
        "uploaded_s": t_uploaded,
        "parse_s": parse_s,
        "status": status_lat,
        "health": health_lat,
        "lag": lag,
        "failed": failed,
    }


def run(db_url: str, pdfs: list[bytes], rate: float, workers: str | None) -> dict[str, object]:
    settings = {} if workers is None else {"CMS_PARSER_WORKERS": workers}
    label = f"CMS_PARSER_WORKERS={workers if workers is not None else 'default (2)'}"
    with Service(db_url, settings) as service:
        service.start()
        result = asyncio.run(measure(service.base_url, db_url, pdfs, rate))
    status = result["status"]
    health = result["health"]
    lag = result["lag"]
    assert isinstance(status, list) and isinstance(health, list) and isinstance(lag, list)
    log(
        f"{label}: uploads done in {result['uploaded_s']:.1f} s, all parsed and analysed in "
        f"{result['parse_s']:.1f} s, failed {result['failed']}"
    )
    log(f"  status polls: {summary_ms(status)}")
    log(f"  /health:      {summary_ms(health)}")
    log(f"  loop lag est: p99 {percentile(lag, 99) * 1000:.1f} ms, max {max(lag) * 1000:.1f} ms")
    result["label"] = label
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rate", type=float, default=40.0, help="status polls/s (and /health)")
    parser.add_argument(
        "--no-thread", action="store_true", help="skip the CMS_PARSER_WORKERS=0 run"
    )
    args = parser.parse_args()
    log(f"machine: {machine()}")
    started = time.perf_counter()
    pdfs = [make_pdf(n, args.pages) for n in range(args.pdfs)]
    log(
        f"generated {len(pdfs)} PDFs x {args.pages} pages "
        f"({sum(map(len, pdfs)) / len(pdfs) / 1024:.0f} KiB each) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    use_uvloop()
    with postgres() as url:
        pool = run(url, pdfs, args.rate, None)
        thread = pool if args.no_thread else run(url, pdfs, args.rate, "0")
    p99_pool = percentile(pool["status"], 99) * 1000  # type: ignore[arg-type]
    p99_thread = percentile(thread["status"], 99) * 1000  # type: ignore[arg-type]
    lag_pool = percentile(pool["lag"], 99) * 1000  # type: ignore[arg-type]
    lag_thread = percentile(thread["lag"], 99) * 1000  # type: ignore[arg-type]
    ok = p99_pool <= TARGET_P99_MS and not pool["failed"]
    print(
        f"responsiveness: {args.pdfs} PDFs x {args.pages} pages, status p99 {p99_pool:.1f} ms "
        f"with the process pool (target <= {TARGET_P99_MS:g} ms), loop lag p99 {lag_pool:.1f} ms, "
        f"parsed in {pool['parse_s']:.0f} s; thread (CMS_PARSER_WORKERS=0): status p99 "
        f"{p99_thread:.1f} ms, loop lag p99 {lag_thread:.1f} ms, parsed in "
        f"{thread['parse_s']:.0f} s {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
