"""Pipeline efficiency: 1,000 articles in a burst against a fake model answering after 1.0 s.

    .venv/bin/python bench/pipeline.py [--articles 1000] [--jobs 50] [--latency 1.0]
                                       [--parser-workers N] [--pool-size N] [--poll-interval S]

The service runs with the OpenAI analyzer pointed at the fake (tests/fakes/fake_openai.py, its
own process), `CMS_MAX_CONCURRENT_JOBS=50`. One warm-up article is processed first (the
tokenizer loads once per process), then 1,000 distinct text files are posted as fast as 16
client connections allow. The time runs from the first POST until the last article's
`processing_completed_at`. Ideal = articles / jobs x model calls per article x latency.

Targets: total <= 1.15 x ideal; the fake's maximum concurrency equals the job limit, never more;
completions during the burst (counted from `--latency` seconds after its start, when the first
can complete) at least 0.9 x the rate after it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx2
from common import (
    FakeLLM,
    Service,
    cpu_seconds,
    fetch_all,
    log,
    machine,
    postgres,
    summary_ms,
)

TARGET = 1.15
RATE_TARGET = 0.9  # completions during the burst against after it


def _rate(rate: float | None) -> str:
    return "n/a (burst too short)" if rate is None else f"{rate:.0f}/s"


def spec_text(i: int) -> bytes:
    """A small, distinct specification (distinct bytes: the analysis cache cannot short-cut)."""
    return (
        f"Bracket datasheet no. {i}\n"
        f"Article: mounting bracket MB-{i:05d}\n"
        "Material: steel S235JR, zinc plated\n"
        f"Net weight: {100 + i % 400},5 g\n"
        "Surface: Fe/Zn 8 transparent passivated\n"
    ).encode()


def loop_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the service's main thread, the one running the event loop
    (the rest is the process's worker and pool threads)."""
    fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


STAGE_LINE = re.compile(r'cms_stage_duration_seconds_(sum|count)\{stage="([^"]+)"\} (\S+)')


def stage_totals(base_url: str) -> dict[str, tuple[float, float]]:
    """(seconds, count) per stage from the service's own histogram (`/metrics`)."""
    totals: dict[str, list[float]] = {}
    for line in httpx2.get(f"{base_url}/metrics", timeout=10).text.splitlines():
        match = STAGE_LINE.match(line)
        if match:
            kind, stage, value = match.groups()
            totals.setdefault(stage, [0.0, 0.0])[kind == "count"] = float(value)
    return {stage: (v[0], v[1]) for stage, v in totals.items()}


def stage_means(
    before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]
) -> str:
    """Mean ms per job of each stage over the burst (the model call is in extracting_metadata,
    with the wait for an analysis slot)."""
    parts = []
    for stage, (seconds, count) in after.items():
        seconds0, count0 = before.get(stage, (0.0, 0.0))
        if count > count0:
            parts.append(f"{stage} {(seconds - seconds0) * 1000 / (count - count0):.0f}")
    return ", ".join(parts)


async def post_burst(
    base_url: str, count: int, offset: int, connections: int
) -> tuple[list[int], list[float], float, float]:
    """POST `count` articles with `connections` concurrent clients; ids, latencies, t0, t1."""
    ids: list[int] = []
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(offset + i)
    limits = httpx2.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx2.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                started = time.perf_counter()
                response = await client.post(
                    "/api/analyze",
                    data={"articleName": f"Bracket {i}"},
                    files={"productSpecification": (f"spec-{i}.txt", spec_text(i), "text/plain")},
                )
                latencies.append(time.perf_counter() - started)
                if response.status_code != 201:
                    raise RuntimeError(f"upload {i}: {response.status_code} {response.text}")
                ids.append(int(response.json()["id"]))

        t0 = time.time()
        await asyncio.gather(*(worker() for _ in range(connections)))
        t1 = time.time()
    return ids, latencies, t0, t1


async def wait_done(
    url: str, ids: list[int], timeout_s: float, t0: float
) -> list[dict[str, object]]:
    """Watch the table (not the API, to keep the client off the CPU) until all are finished."""
    deadline = time.monotonic() + timeout_s
    last_print = 0.0
    while True:
        rows = await fetch_all(
            url,
            "SELECT processing_status AS s, count(*) AS n FROM articles "
            "WHERE id = ANY($1::int[]) GROUP BY 1",
            ids,
        )
        counts = {str(r["s"]): int(r["n"]) for r in rows}
        done = counts.get("completed", 0) + counts.get("failed", 0)
        if time.monotonic() - last_print >= 2:
            last_print = time.monotonic()
            log(f"  t+{time.time() - t0:5.1f} s: {counts}")
        if done >= len(ids):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"not finished after {timeout_s:.0f} s: {counts}")
        await asyncio.sleep(0.25)
    return await fetch_all(
        url,
        "SELECT id, processing_status, processing_error_code, processing_started_at, "
        "processing_completed_at, prompt_tokens, analysis_method "
        "FROM articles WHERE id = ANY($1::int[])",
        ids,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=50, help="CMS_MAX_CONCURRENT_JOBS")
    parser.add_argument("--latency", type=float, default=1.0, help="fake model latency, s")
    parser.add_argument(
        "--parser-workers", default=None, help="CMS_PARSER_WORKERS (default: service's)"
    )
    parser.add_argument("--pool-size", default=None, help="CMS_DB_POOL_SIZE (default: service's)")
    parser.add_argument("--poll-interval", default=None, help="CMS_POLL_INTERVAL_S")
    parser.add_argument("--connections", type=int, default=16, help="uploading clients")
    args = parser.parse_args()

    log(f"machine: {machine()}")
    settings = {
        "CMS_OPENAI_API_KEY": "test",
        "CMS_MAX_CONCURRENT_JOBS": str(args.jobs),
        # The burst comes from one tenant: far above the default 120 uploads per minute.
        "CMS_RATE_LIMIT_UPLOADS": "100000/minute",
    }

    if args.parser_workers:
        settings["CMS_PARSER_WORKERS"] = args.parser_workers
    if args.pool_size:
        settings["CMS_DB_POOL_SIZE"] = args.pool_size
    if args.poll_interval:
        settings["CMS_POLL_INTERVAL_S"] = args.poll_interval
    with postgres() as url, FakeLLM(args.latency) as fake:
        fake.start()
        settings["CMS_OPENAI_BASE_URL"] = fake.base_url
        log(f"settings: {settings}")
        with Service(url, settings) as service:
            service.start()
            # Warm-up: one article end to end (loads the tokenizer, fills the pool).
            warm_ids, _, t_warm, _ = asyncio.run(post_burst(service.base_url, 1, 10**6, 1))
            asyncio.run(wait_done(url, warm_ids, 60, t_warm))
            httpx2.post(
                f"http://127.0.0.1:{fake.port}/_control", json={"reset_stats": True}, timeout=10
            )
            log(f"burst: {args.articles} uploads over {args.connections} connections")
            stages_before = stage_totals(service.base_url)
            cpu_before = cpu_seconds(service.pid)
            loop_before = loop_cpu_seconds(service.pid)
            ids, latencies, t0, t1 = asyncio.run(
                post_burst(service.base_url, args.articles, 0, args.connections)
            )
            upload_s = t1 - t0
            log(
                f"uploads: {len(ids)} in {upload_s:.2f} s = {len(ids) / upload_s:.0f} uploads/s; "
                f"POST latency {summary_ms(latencies)}"
            )
            rows = asyncio.run(wait_done(url, ids, 600, t0))
            cpu_ms = (cpu_seconds(service.pid) - cpu_before) * 1000 / len(ids)
            loop_ms = (loop_cpu_seconds(service.pid) - loop_before) * 1000 / len(ids)
            stages = stage_means(stages_before, stage_totals(service.base_url))
            log(f"stages, mean ms per job: {stages}")
            stats = fake.stats()
            if not service.alive():
                raise RuntimeError(f"service died:\n{service.log_tail()}")
    completed = [r for r in rows if r["processing_status"] == "completed"]
    failed = [r for r in rows if r["processing_status"] != "completed"]
    finished: list[datetime] = [r["processing_completed_at"] for r in rows]  # type: ignore[misc]
    total_s = max(f.timestamp() for f in finished) - t0
    calls = int(stats["total_requests"])
    calls_per_article = calls / len(ids)
    ideal_s = len(ids) / args.jobs * calls_per_article * args.latency
    ratio = total_s / ideal_s
    methods = sorted({str(r["analysis_method"]) for r in rows})
    # Claim to completion: the model call (`--latency`) plus everything else a job waits for,
    # including, when it was read ahead, for an analysis slot.
    job_s = [
        (r["processing_completed_at"] - r["processing_started_at"]).total_seconds()  # type: ignore[operator]
        for r in completed
    ]
    if job_s:
        log(
            f"per job, claim to completion: mean {sum(job_s) / len(job_s):.2f} s, "
            f"{summary_ms(job_s)}"
        )
    # Completions while the burst is still being uploaded (the one event loop parses the
    # multipart bodies too) against after it. No article can complete in the burst's first
    # `--latency` seconds (its model call is still out), so the rate during the burst is
    # counted from then: a fast burst would otherwise read slow by construction. A burst too
    # short to leave a second of that window is not judged.
    window_start = t0 + args.latency
    during = sum(1 for f in finished if f.timestamp() <= t1)
    during_window_s = t1 - window_start
    after_s = max(total_s - upload_s, 1e-9)
    rate_after = (len(finished) - during) / after_s
    rate_during_raw = during / upload_s
    rate_during: float | None = during / during_window_s if during_window_s >= 1.0 else None
    rates_ok = rate_during is None or rate_during >= RATE_TARGET * rate_after
    log(
        f"completed {len(completed)}, failed {len(failed)} "
        f"{sorted({str(r['processing_error_code']) for r in failed}) if failed else ''}; "
        f"methods {methods}"
    )
    log(
        f"fake: {calls} requests ({calls_per_article:.2f} per article), outcomes "
        f"{stats['outcomes']}, max concurrency {stats['max_in_flight']}"
    )
    ok = (
        ratio <= TARGET
        and rates_ok
        and int(stats["max_in_flight"]) == args.jobs
        and not failed
        and calls_per_article >= 1
    )
    print(
        f"pipeline: {len(ids)} articles in {total_s:.1f} s, ideal {ideal_s:.1f} s, "
        f"ratio {ratio:.2f} (target <= {TARGET}), uploads {len(ids) / upload_s:.0f}/s, "
        f"completions {_rate(rate_during)} during the burst (from {args.latency:g} s in; "
        f"{rate_during_raw:.0f}/s from its start), {rate_after:.0f}/s after "
        f"(target during >= {RATE_TARGET} x after{'' if rates_ok else ': missed'}), "
        f"service CPU {cpu_ms:.1f} ms/article ({loop_ms:.1f} on the event loop), "
        f"model calls {calls_per_article:.2f}/article, fake max concurrency "
        f"{stats['max_in_flight']} (must be {args.jobs}), failed {len(failed)} "
        f"{'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
