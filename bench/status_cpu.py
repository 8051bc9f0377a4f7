"""Status polling CPU in process: ours vs the bare app of `status_throughput.py`, no sockets.

    .venv/bin/python bench/status_cpu.py [--polls 20000] [--rounds 7] [--connections 1]
                                         [--profile ours|bare]

Each app is served by its uvicorn protocol (ours: the service's `limited_http_protocol`, the
bare app: uvicorn's httptools protocol), configured as the real servers are (`proxy_headers`,
no access log, logging at WARNING, the heap frozen after setup), on uvloop. Keep-alive
connections with in-memory transports are fed `GET /api/articles/{id}/status` requests, one
per connection per turn, all answered before the next turn (`--connections 1`, the default:
one at a time, wrk's pattern per connection; `--connections 32`: wrk's batches). The database is a
canned row behind a pool that answers on the next loop iteration, as asyncpg answers from
its protocol's `data_received`: both apps pay the same for it, and neither pays PostgreSQL
(`--real-database`: a real asyncpg pool on an embedded PostgreSQL, shared by both apps).

What is measured is the process's CPU time (user + system) per poll, ours and bare in
alternating rounds within one run; the ratio of the medians is the figure (a busy machine
slows both alike, so compare ratios within a run, not absolute µs across runs). The
harness's own cost per poll (feeding a request and waiting for its answer with an app that
answers at once) is measured too and shown; it is in both figures.

`--profile ours` (or `bare`) runs cProfile over the polls and prints the top functions.
Target: ours <= 1.1 x bare.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import logging
import pstats
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine
from status_throughput import bare_app

TARGET = 1.1
NOW = datetime(2026, 12, 1, 12, 0, 0, 123456, tzinfo=UTC)
# A finished article's status row, as STATUS_SQL returns it.
ROW = {
    "id": 17,
    "processing_status": "completed",
    "processing_stage": "completed",
    "progress": 100,
    "processing_error": None,
    "processing_error_code": None,
    "processing_started_at": NOW,
    "processing_completed_at": NOW,
    "updated_at": NOW,
    "needs_review": False,
}


class CannedPool:
    """asyncpg's pool as the status path uses it (`fetchrow`, `acquire`), answering one loop
    iteration later with the canned row."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    async def fetchrow(self, _sql: str, *_args: Any) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[dict[str, Any]] = loop.create_future()
        loop.call_soon(answer.set_result, self.row)
        return await answer

    def acquire(self) -> CannedPool:
        return self

    async def __aenter__(self) -> CannedPool:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None

    async def close(self) -> None:
        return None


class Transport(asyncio.Transport):
    """A socket that keeps what is written while `recording` (the first poll's answer)."""

    def __init__(self) -> None:
        super().__init__()
        self.recording = True
        self.written = b""
        self.wrote: asyncio.Event | None = None  # set on every write, when waited on
        self.closed = False

    def write(self, data: Any) -> None:
        if self.recording:
            self.written += bytes(data)
        if self.wrote is not None:
            self.wrote.set()

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


class Connection:
    """`width` keep-alive connections to an app through a uvicorn protocol class (one server),
    each sent a request in turn, all answered before the next turn: with one, wrk's pattern
    per connection; with more, its batches (several requests per loop iteration)."""

    def __init__(
        self, app: Any, protocol_class: type[Any], app_state: dict[str, Any], width: int = 1
    ) -> None:
        import uvicorn
        from uvicorn.server import ServerState

        # Keep-alive as long as the run: an app waiting for its round must not be closed.
        config = uvicorn.Config(
            app,
            lifespan="off",
            log_config=None,
            access_log=False,
            proxy_headers=True,
            timeout_keep_alive=3600,
        )
        config.load()
        self.state = ServerState()
        self.state.default_headers = [
            (b"date", b"Tue, 01 Dec 2026 12:00:00 GMT"),
            (b"server", b"uvicorn"),
        ]
        self.protocols = []
        for _ in range(width):
            protocol = protocol_class(config=config, server_state=self.state, app_state=app_state)
            protocol.connection_made(Transport())
            self.protocols.append(protocol)
        self.transport: Transport = self.protocols[0].transport
        self.wrote: asyncio.Event | None = None
        self.requests = [
            b"GET /api/articles/%d/status HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n" % n
            for n in range(1, 1001)
        ]

    def wait_for_writes(self) -> None:
        """Wait for answers on an event instead of spinning the loop (a real database's
        answer takes long enough for spinning to be most of the CPU)."""
        self.wrote = asyncio.Event()
        for protocol in self.protocols:
            protocol.transport.wrote = self.wrote

    def stop_recording(self) -> None:
        for protocol in self.protocols:
            protocol.transport.recording = False

    async def poll(self, count: int) -> None:
        """`count` polls (rounded up to whole turns)."""
        state, requests, sleep = self.state, self.requests, asyncio.sleep
        feeds = [protocol.data_received for protocol in self.protocols]
        width = len(feeds)
        for turn in range(-(-count // width)):
            done = state.total_requests + width
            for n, feed in enumerate(feeds):
                feed(requests[(turn * width + n) % 1000])
            wrote = self.wrote
            while state.total_requests < done:
                if wrote is None:
                    await sleep(0)
                else:
                    await wrote.wait()
                    wrote.clear()


def ours(pool: CannedPool) -> tuple[Any, type[Any], dict[str, Any]]:
    """The service's app and protocol; the lifespan's state is built from the canned pool."""
    from app.auth.dependencies import Authenticator
    from app.config import Settings
    from app.http_protocol import limited_http_protocol
    from app.main import create_app

    settings = Settings(database_url="postgresql+asyncpg://bench@localhost/bench")
    services = SimpleNamespace(
        settings=settings,
        database=SimpleNamespace(pools=SimpleNamespace(status=pool)),
        authenticator=Authenticator(api_keys=None, jwt=None),
    )
    return create_app(settings), limited_http_protocol(settings), {"services": services}


def bare(pool: CannedPool) -> tuple[Any, type[Any], dict[str, Any]]:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    return bare_app("", 10, pool=pool), HttpToolsProtocol, {}


async def immediate(_scope: Any, _receive: Any, send: Any) -> None:
    """The harness's floor: an app that answers at once, with nothing looked up."""
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}
    )
    await send({"type": "http.response.body", "body": b"{}"})


def floor(_pool: CannedPool) -> tuple[Any, type[Any], dict[str, Any]]:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    return immediate, HttpToolsProtocol, {}


APPS = {"ours": ours, "bare": bare, "floor": floor}


async def measure(connection: Connection, polls: int) -> float:
    """CPU µs per poll."""
    started = time.process_time()
    await connection.poll(polls)
    return (time.process_time() - started) / polls * 1e6


async def run(args: argparse.Namespace, database_url: str | None = None) -> int:
    logging.getLogger().setLevel(logging.WARNING)  # as the benchmark runs the service
    pool: Any = CannedPool(ROW)
    if database_url is not None:  # --real-database: one asyncpg pool, as the service opens it
        from app.config import Settings
        from app.db import create_raw_pool

        settings = Settings(database_url=database_url)
        pool = await create_raw_pool(settings, database_url, purpose="status", size=10)
    connections = {
        name: Connection(*build(pool), width=args.connections) for name, build in APPS.items()
    }
    for name, connection in connections.items():
        if database_url is not None:
            connection.wait_for_writes()
        await connection.poll(1)
        answer = connection.transport.written
        connection.stop_recording()
        if not answer.startswith(b"HTTP/1.1 200 OK\r\n") or (
            name != "floor" and b'"processing_status":"completed"' not in answer
        ):
            print(f"{name} answered {answer[:300]!r}")
            return 2
        await connection.poll(2000)  # warm
    gc.collect()
    gc.freeze()  # as the service does after startup
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        await connections[args.profile].poll(args.polls)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return 0
    print(f"machine: {machine()}")
    results: dict[str, list[float]] = {name: [] for name in connections}
    for round_no in range(args.rounds):
        order = list(connections) if round_no % 2 == 0 else list(reversed(connections))
        for name in order:
            results[name].append(await measure(connections[name], args.polls))
        print(
            f"round {round_no + 1}: "
            + ", ".join(f"{name} {results[name][-1]:.1f} µs" for name in connections)
            + f", ours/bare {results['ours'][-1] / results['bare'][-1]:.3f}",
            flush=True,
        )
    median = {name: statistics.median(values) for name, values in results.items()}
    ratios = [o / b for o, b in zip(results["ours"], results["bare"], strict=True)]
    ratio = median["ours"] / median["bare"]
    print(
        f"status_cpu: CPU per poll ours {median['ours']:.1f} µs, bare {median['bare']:.1f} µs "
        f"(medians of {args.rounds} rounds of {args.polls}); ours/bare {ratio:.3f} (per round: "
        f"median {statistics.median(ratios):.3f}, range {min(ratios):.3f}–{max(ratios):.3f}; "
        f"target <= {TARGET}); harness floor "
        f"{median['floor']:.1f} µs {'PASS' if ratio <= TARGET else 'FAIL'}"
    )
    return 0 if ratio <= TARGET else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polls", type=int, default=20_000, help="polls per app per round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--connections", type=int, default=1, help="requests per loop turn (wrk: 32)"
    )
    parser.add_argument("--profile", choices=sorted(APPS), help="cProfile one app instead")
    parser.add_argument(
        "--real-database",
        action="store_true",
        help="an embedded PostgreSQL with 1,000 finished articles instead of the canned row, "
        "one pool for both apps (its client work counts, PostgreSQL's does not)",
    )
    args = parser.parse_args()
    import uvloop

    if not args.real_database:
        return uvloop.run(run(args))
    from common import postgres, seed_articles

    with postgres() as url:
        asyncio.run(seed_articles(url, 1000))
        return uvloop.run(run(args, url))


if __name__ == "__main__":
    sys.exit(main())
