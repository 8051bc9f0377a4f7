"""Status polling throughput: ours vs a bare ASGI + asyncpg app doing the same lookup.

    .venv/bin/python bench/status_throughput.py [--duration 3] [--connections 32] [--rounds 8]
                                                [--pool-size 10] [--paced-runs 1]

1,000 finished articles are seeded into a fresh embedded PostgreSQL. The service
(`python -m app serve`, one uvicorn worker, status pool CMS_STATUS_POOL_SIZE=10) and a bare
raw-ASGI app with an asyncpg pool of the same size (`--pool-size`), served by uvicorn with the same
options, are loaded by wrk over loopback: a Lua script spreads `GET /api/articles/{id}/status`
over all 1,000 ids. Then a paced client sends requests at a constant half of our best rate,
to ours and then to the bare app, and reports latency percentiles measured from each
request's scheduled send time (so queueing counts, wrk2-style).

How the ratio is estimated. wrk, PostgreSQL and the server share two cores with whatever
else the machine runs, and a server's rate moves by a third between runs. The ratio is
therefore taken per *paired round*: ours and the bare app loaded back to back (which one
goes first alternates), their rates divided, and the ratio reported as the median of the
rounds with its spread. Many short rounds average the machine's moods out; a pair shares
them. The earlier estimator, the best round of ours over the best round of the bare app, is
printed beside it: one lucky round of either app moved it by 0.3. Each server's CPU per
request (user + system time of its process over its requests) is the steadiest figure and is
shown per round and as the median.

wrk comes from Debian (`apt-get install wrk`; installed here when missing and running as root);
without it an asyncio client on uvloop with keep-alive connections is used.

Targets: median ratio >= 0.85; p99 <= 20 ms at half our best rate (the bare app's p99 at the
same rate is shown beside it: a tail both have comes from the machine, not the service).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    LOOPBACK,
    PYTHON,
    Process,
    RawHttp,
    Service,
    asyncpg_dsn,
    clean_env,
    cpu_seconds,
    free_port,
    log,
    machine,
    percentile,
    postgres,
    seed_articles,
    summary_ms,
    use_uvloop,
    which,
)

ARTICLES = 1_000
# The service answers status polls from its own asyncpg pool (CMS_STATUS_POOL_SIZE, default
# 10, min 1); the bare app gets a pool of the same size.
POOL_SIZE = 10
TARGET_RATIO = 0.85
TARGET_P99_MS = 20.0

# --------------------------------------------------------------------------- the bare app

STATUS_SQL = (
    "SELECT id, processing_status, processing_stage, progress, processing_error, "
    "processing_error_code, processing_started_at, processing_completed_at, updated_at "
    "FROM articles WHERE id = $1"
)


def bare_app(dsn: str, pool_size: int, *, pool: Any = None) -> Any:
    """Raw ASGI: parse the id, one primary-key query on an asyncpg pool, orjson response.
    `pool` replaces the one the lifespan opens (bench/status_cpu.py)."""
    import asyncpg
    import orjson

    async def no_reset(_connection: Any) -> None:
        """Like the service's status pool: read-only queries leave nothing to reset."""

    state: dict[str, Any] = {} if pool is None else {"pool": pool}
    prefix, suffix = "/api/articles/", "/status"
    json_headers = [(b"content-type", b"application/json")]

    async def send_json(send: Any, status: int, payload: Any) -> None:
        body = orjson.dumps(payload)
        # A length, as the service sends, so the paced client can load both apps.
        headers = [*json_headers, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    state["pool"] = await asyncpg.create_pool(
                        dsn, min_size=1, max_size=pool_size, reset=no_reset
                    )
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await state["pool"].close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        path: str = scope["path"]
        if path == "/ready":
            await send_json(send, 200, {"status": "ready"})
            return
        if not (path.startswith(prefix) and path.endswith(suffix)):
            await send_json(send, 404, {"detail": "not found"})
            return
        try:
            article_id = int(path[len(prefix) : -len(suffix)])
        except ValueError:
            await send_json(send, 422, {"detail": "bad id"})
            return
        async with state["pool"].acquire() as conn:
            row = await conn.fetchrow(STATUS_SQL, article_id)
        if row is None:
            await send_json(send, 404, {"detail": "not found"})
            return
        await send_json(send, 200, dict(row))

    return app


def serve_bare(port: int, dsn: str, pool_size: int) -> None:
    import uvicorn

    # The same options as app/cli.py gives the service (loop/http "auto": uvloop + httptools).
    uvicorn.run(
        bare_app(dsn, pool_size),
        host=LOOPBACK,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        lifespan="on",
    )


class BareServer(Process):
    def __init__(self, database_url: str, pool_size: int) -> None:
        self.port = free_port()
        super().__init__(
            [
                PYTHON,
                str(Path(__file__).resolve()),
                "--serve-bare",
                str(self.port),
                "--dsn",
                asyncpg_dsn(database_url),
                "--pool-size",
                str(pool_size),
            ],
            clean_env({}),
            "bare",
        )

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> BareServer:
        self.spawn()
        self.wait_http(f"{self.base_url}/ready", timeout=60)
        return self


# --------------------------------------------------------------------------- load generators

WRK_SCRIPT = """
local lo, hi = {lo}, {hi}
request = function()
  return wrk.format("GET", "/api/articles/" .. math.random(lo, hi) .. "/status")
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {{\\"requests\\": %d, \\"duration_us\\": %d, \\"errors\\": %d, "
    .. "\\"non2xx\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d}}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(99)))
end
"""


def ensure_wrk() -> str | None:
    path = which("wrk")
    if path or os.geteuid() != 0 or not which("apt-get"):
        return path
    log("wrk not found: installing it from Debian (apt-get install -y wrk)")
    with contextlib.suppress(subprocess.SubprocessError, OSError):
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=180)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True, timeout=180
        )
    return which("wrk")


def run_wrk(
    wrk: str, base_url: str, ids: list[int], duration: float, connections: int
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.format(lo=min(ids), hi=max(ids)))
    try:
        out = subprocess.run(
            [
                wrk,
                "-t1",
                f"-c{connections}",
                f"-d{duration:g}s",
                "--timeout",
                "5s",
                "-s",
                script.name,
                base_url,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=duration + 60,
        ).stdout
    finally:
        Path(script.name).unlink()
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    seconds = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds,
        "requests": data["requests"],
        "errors": data["errors"],
        "non2xx": data["non2xx"],
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
    }


async def python_load(
    base_url: str, ids: list[int], duration: float, connections: int
) -> dict[str, float]:
    """Closed-loop fallback when wrk is missing: `connections` keep-alive clients, no pause."""
    port = int(base_url.rsplit(":", 1)[1])
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration

    async def worker(n: int) -> None:
        nonlocal errors
        client = RawHttp(LOOPBACK, port)
        i = n
        try:
            while time.perf_counter() < deadline:
                article_id = ids[(i * 7919) % len(ids)]
                i += connections
                started = time.perf_counter()
                status, _ = await client.get(f"/api/articles/{article_id}/status")
                latencies.append(time.perf_counter() - started)
                errors += status != 200
        finally:
            await client.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(connections)))
    elapsed = time.perf_counter() - started
    return {
        "rps": len(latencies) / elapsed,
        "requests": len(latencies),
        "errors": 0,
        "non2xx": errors,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
    }


async def paced_load(
    base_url: str, ids: list[int], rate: float, duration: float, connections: int = 16
) -> tuple[list[float], int, float]:
    """Open loop at a constant `rate`: latency counts from each request's scheduled time."""
    port = int(base_url.rsplit(":", 1)[1])
    idle: asyncio.Queue[RawHttp] = asyncio.Queue()
    for _ in range(connections):
        idle.put_nowait(RawHttp(LOOPBACK, port))
    latencies: list[float] = []
    bad = 0
    total = int(rate * duration)
    tasks: set[asyncio.Task[None]] = set()

    async def one(path: str, scheduled: float) -> None:
        nonlocal bad
        client = await idle.get()
        try:
            status, _ = await client.get(path)
            bad += status != 200
        except (OSError, asyncio.IncompleteReadError):
            bad += 1
            await client.close()
        finally:
            idle.put_nowait(client)
        latencies.append(time.perf_counter() - scheduled)

    start = time.perf_counter() + 0.05
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(
            one(f"/api/articles/{ids[(i * 7919) % len(ids)]}/status", scheduled)
        )
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    while not idle.empty():
        await idle.get_nowait().close()
    return latencies, bad, len(latencies) / elapsed


# --------------------------------------------------------------------------- main


def load(
    wrk: str | None, base_url: str, ids: list[int], duration: float, connections: int
) -> dict[str, float]:
    if wrk:
        return run_wrk(wrk, base_url, ids, duration, connections)
    return asyncio.run(python_load(base_url, ids, duration, connections))


def describe(name: str, r: dict[str, float]) -> str:
    return (
        f"{name}: {r['rps']:.0f} req/s ({r['requests']:.0f} requests, errors {r['errors']:.0f}, "
        f"non-2xx {r['non2xx']:.0f}), p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
        f"server CPU {r['cpu_us']:.0f} µs/request"
    )


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """(lower quartile, median, upper quartile); for fewer than two values all three alike."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def spread(values: list[float], digits: int = 2) -> str:
    """'median (IQR low–high, range min–max, n)' of `values`."""
    low, mid, high = quartiles(values)
    return (
        f"{mid:.{digits}f} (IQR {low:.{digits}f}–{high:.{digits}f}, "
        f"range {min(values):.{digits}f}–{max(values):.{digits}f}, n={len(values)})"
    )


def estimates(results: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    """The paired-round ratio (median of ours/bare per round) and, for comparison, the earlier
    best-of-rounds ratio; CPU per request per server and per pair."""
    ours, bare = results["ours"], results["bare"]
    ratios = [o["rps"] / b["rps"] for o, b in zip(ours, bare, strict=True)]
    cpu_ratios = [o["cpu_us"] / b["cpu_us"] for o, b in zip(ours, bare, strict=True)]
    best_ours, best_bare = max(r["rps"] for r in ours), max(r["rps"] for r in bare)
    return {
        "ratios": ratios,
        "ratio": quartiles(ratios)[1],
        "best_ratio": best_ours / best_bare,
        "best_ours": best_ours,
        "best_bare": best_bare,
        "median_ours": statistics.median(r["rps"] for r in ours),
        "median_bare": statistics.median(r["rps"] for r in bare),
        "cpu_ours": statistics.median(r["cpu_us"] for r in ours),
        "cpu_bare": statistics.median(r["cpu_us"] for r in bare),
        "cpu_ratios": cpu_ratios,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=3, help="whole seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=8, help="paired rounds (ours and bare)")
    parser.add_argument("--paced-s", type=float, default=12.0, help="seconds at half peak")
    parser.add_argument("--paced-runs", type=int, default=1, help="paced runs per app")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--dsn", help=argparse.SUPPRESS)
    parser.add_argument("--pool-size", type=int, default=POOL_SIZE, help="status pool of both apps")
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.serve_bare, args.dsn, args.pool_size)
        return 0

    log(f"machine: {machine()}")
    with contextlib.suppress(OSError):
        load_avg = os.getloadavg()
        log(f"load average at the start: {' '.join(f'{x:.2f}' for x in load_avg)}")
        if load_avg[0] > (os.cpu_count() or 1) / 2:
            log("WARNING: the machine is busy: every figure below is partly its neighbours'")
    wrk = ensure_wrk()
    log(f"load generator: {'wrk ' + wrk if wrk else 'asyncio client on uvloop (no wrk)'}")
    use_uvloop()
    with postgres() as url:
        ids = asyncio.run(seed_articles(url, ARTICLES))
        log(f"seeded {len(ids)} finished articles (ids {min(ids)}..{max(ids)})")
        with (
            Service(url, {"CMS_STATUS_POOL_SIZE": str(args.pool_size)}) as ours,
            BareServer(url, args.pool_size) as bare,
        ):
            ours.start()
            bare.start()
            log(f"ours pid {ours.pid} at {ours.base_url}; bare pid {bare.pid} at {bare.base_url}")
            # Warm both (connections in the pool, code paths, PostgreSQL buffers).
            for warming in (ours, bare):
                load(wrk, warming.base_url, ids, 2, args.connections)
            servers: dict[str, Service | BareServer] = {"ours": ours, "bare": bare}
            results: dict[str, list[dict[str, float]]] = {"ours": [], "bare": []}
            for round_no in range(1, args.rounds + 1):
                # A pair back to back; which goes first alternates, so neither always follows
                # the other's load (or always meets the machine's next neighbour first).
                order = ("ours", "bare") if round_no % 2 else ("bare", "ours")
                for name in order:
                    server = servers[name]
                    cpu_before = cpu_seconds(server.pid)
                    r = load(wrk, server.base_url, ids, args.duration, args.connections)
                    r["cpu_us"] = (cpu_seconds(server.pid) - cpu_before) / r["requests"] * 1e6
                    results[name].append(r)
                    log(f"round {round_no} {describe(name, r)}")
                o, b = results["ours"][-1], results["bare"][-1]
                log(
                    f"round {round_no} ratio {o['rps'] / b['rps']:.2f}, "
                    f"CPU per request {o['cpu_us'] / b['cpu_us']:.2f} x bare"
                )
            est = estimates(results)
            log(
                f"ratio, median of {args.rounds} paired rounds: {spread(est['ratios'])}; "
                f"earlier estimator (best round / best round): {est['best_ratio']:.2f} "
                f"({est['best_ours']:.0f} / {est['best_bare']:.0f} req/s)"
            )
            log(
                f"server CPU per request, median: ours {est['cpu_ours']:.0f} µs, "
                f"bare {est['cpu_bare']:.0f} µs; per pair ours/bare {spread(est['cpu_ratios'])}"
            )
            half = est["best_ours"] / 2
            p99s: list[float] = []
            bare_p99s: list[float] = []
            bad = 0
            for run in range(1, args.paced_runs + 1):
                log(f"paced run {run}: {half:.0f} req/s (half our best) for {args.paced_s:g} s")
                for name in ("ours", "bare"):
                    # The same rate on the bare app right after: a tail both share is the
                    # machine's. Each request arrives alone here (no batching as under wrk), so
                    # a request costs both servers more CPU than under wrk: shown, with the
                    # client's own, as the share of one core each takes at this rate.
                    server = servers[name]
                    server_before, client_before = cpu_seconds(server.pid), time.process_time()
                    latencies, failed, achieved = asyncio.run(
                        paced_load(server.base_url, ids, half, args.paced_s)
                    )
                    server_us = (cpu_seconds(server.pid) - server_before) / len(latencies) * 1e6
                    client_us = (time.process_time() - client_before) / len(latencies) * 1e6
                    log(
                        f"{name} at {'half peak' if name == 'ours' else 'the same rate'}: "
                        f"achieved {achieved:.0f} req/s, {summary_ms(latencies)}, "
                        f"non-200 {failed}; server CPU {server_us:.0f} µs/request "
                        f"({server_us * half / 1e4:.0f} % of a core), client "
                        f"{client_us:.0f} µs/request ({client_us * half / 1e4:.0f} %)"
                    )
                    if name == "ours":
                        bad += failed
                        p99s.append(percentile(latencies, 99) * 1000)
                    else:
                        bare_p99s.append(percentile(latencies, 99) * 1000)
            if bad or any(r["non2xx"] or r["errors"] for runs in results.values() for r in runs):
                log("WARNING: some requests failed")
    p99 = max(p99s)
    ok = est["ratio"] >= TARGET_RATIO and p99 <= TARGET_P99_MS and bad == 0
    print(
        f"status_throughput: ours {est['median_ours']:.0f} req/s, bare {est['median_bare']:.0f} "
        f"req/s (medians), ratio {spread(est['ratios'])} (target >= {TARGET_RATIO}; "
        f"best/best {est['best_ratio']:.2f}), server CPU per request {est['cpu_ours']:.0f} vs "
        f"{est['cpu_bare']:.0f} µs, p99 at half peak ({half:.0f} req/s) "
        f"{' / '.join(f'{v:.1f}' for v in p99s)} ms (target <= {TARGET_P99_MS:g} ms; bare "
        f"{' / '.join(f'{v:.1f}' for v in bare_p99s)} ms) {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
