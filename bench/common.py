"""Shared helpers of the benchmark scripts (bench/*.py).

Each benchmark starts everything it needs and removes it afterwards:

- `postgres()`: an embedded PostgreSQL in a temporary directory, migrated to head;
- `Service`: the real service as a subprocess (`python -m app serve`), configured by env;
- `FakeLLM`: the fake OpenAI server (tests/fakes/fake_openai.py) as a subprocess;
- a tiny keep-alive HTTP/1.1 client on asyncio streams (`RawHttp`), light enough to share two
  cores with the server, plus percentiles, RSS sampling and a machine description.

Only loopback addresses are used.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402

PYTHON = sys.executable
LOOPBACK = "127.0.0.1"


# --------------------------------------------------------------------------- small utilities


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(values_s: Sequence[float]) -> str:
    """'n=…, p50 … ms, p90 …, p99 …, max …' for latencies given in seconds."""
    if not values_s:
        return "n=0"
    ms = [v * 1000 for v in values_s]
    return (
        f"n={len(ms)}, p50 {percentile(ms, 50):.1f} ms, p90 {percentile(ms, 90):.1f} ms, "
        f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms"
    )


def log(message: str) -> None:
    print(message, flush=True)


def use_uvloop() -> None:
    """Run the benchmark client's event loop on uvloop when available (a lighter client)."""
    with contextlib.suppress(ImportError):
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def machine() -> str:
    """nproc, RAM, CPU model and Python version, for the report."""
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The current environment without any CMS_* setting, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CMS_")}
    env.update(extra)
    return env


# --------------------------------------------------------------------------- PostgreSQL


@contextlib.contextmanager
def postgres(*, migrate: bool = True) -> Iterator[str]:
    """An embedded PostgreSQL in a temporary directory (removed afterwards); yields its URL."""
    from app.core.embedded_postgres import EmbeddedPostgres
    from app.ops.migrations import upgrade_to_head

    data_dir = Path(tempfile.mkdtemp(prefix="cms-bench-pg-"))
    server = EmbeddedPostgres(data_dir)
    try:
        url = server.start()
        if migrate:
            upgrade_to_head(url)
        yield url
    finally:
        server.remove()


def asyncpg_dsn(url: str) -> str:
    """postgresql+asyncpg://… → a DSN asyncpg itself accepts (as the service converts it)."""
    from app.db import asyncpg_dsn as convert

    return convert(url)


async def seed_articles(url: str, count: int) -> list[int]:
    """Insert `count` finished articles (no files) straight into the table; returns their ids.

    Every fourth one is `failed` (with an error text), the rest `completed`: finished rows, so
    the service's processor leaves them alone.
    """
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await conn.fetch(
            """
            INSERT INTO articles (article_name, processing_status, processing_stage, progress,
                                  processing_error, processing_error_code,
                                  processing_started_at, processing_completed_at, attempts)
            SELECT 'bench article ' || g,
                   CASE WHEN g % 4 = 0 THEN 'failed' ELSE 'completed' END,
                   NULL, 100,
                   CASE WHEN g % 4 = 0 THEN 'The file cannot be read.' END,
                   CASE WHEN g % 4 = 0 THEN 'corrupt_file' END,
                   now() - interval '1 minute', now(), 1
            FROM generate_series(1, $1) AS g
            RETURNING id
            """,
            count,
        )
    finally:
        await conn.close()
    return [int(r["id"]) for r in rows]


async def fetch_all(url: str, query: str, *args: Any) -> list[dict[str, Any]]:
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return [dict(r) for r in await conn.fetch(query, *args)]
    finally:
        await conn.close()


# --------------------------------------------------------------------------- subprocesses


@dataclass
class Process:
    """A child process with its output in a temporary log file."""

    command: list[str]
    env: dict[str, str]
    name: str
    process: subprocess.Popen[bytes] | None = None
    log_path: Path = field(default_factory=lambda: Path(tempfile.mkstemp(suffix=".log")[1]))

    def spawn(self) -> None:
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self, timeout: float = 40.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        with contextlib.suppress(OSError):
            self.log_path.unlink()

    def wait_http(self, url: str, *, timeout: float = 90.0, expect: int = 200) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"{self.name} exited early:\n{self.log_tail()}")
            with contextlib.suppress(httpx2.HTTPError):
                if httpx2.get(url, timeout=2).status_code == expect:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Service(Process):
    """`python -m app serve` against `database_url`, with extra CMS_* settings."""

    def __init__(self, database_url: str, settings: dict[str, str] | None = None) -> None:
        self.port = free_port()
        env = clean_env(
            {
                "CMS_DATABASE_URL": database_url,
                "CMS_HOST": LOOPBACK,
                "CMS_PORT": str(self.port),
                "CMS_LOG_LEVEL": "WARNING",
                **(settings or {}),
            }
        )
        super().__init__([PYTHON, "-m", "app", "serve"], env, "service")

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout: float = 120.0) -> Service:
        self.spawn()
        self.wait_http(f"{self.base_url}/ready", timeout=timeout)
        return self


class FakeLLM(Process):
    """The fake OpenAI server (`python -m tests.fakes.fake_openai`) as its own process."""

    def __init__(self, latency: float) -> None:
        self.port = free_port()
        super().__init__(
            [
                PYTHON,
                "-m",
                "tests.fakes.fake_openai",
                "--port",
                str(self.port),
                "--latency",
                str(latency),
            ],
            clean_env({}),
            "fake-openai",
        )

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/v1"

    def start(self) -> FakeLLM:
        self.spawn()
        self.wait_http(f"http://{LOOPBACK}:{self.port}/_stats?bodies=0", timeout=30)
        return self

    def stats(self) -> dict[str, Any]:
        response = httpx2.get(f"http://{LOOPBACK}:{self.port}/_stats?bodies=0", timeout=10)
        data: dict[str, Any] = response.json()
        return data


# --------------------------------------------------------------------------- HTTP client


class RawHttp:
    """One keep-alive HTTP/1.1 connection on asyncio streams: GET only, minimal parsing.

    Much lighter per request than httpx2, which matters when client and server share 2 cores.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path: str) -> tuple[int, bytes]:
        if self._writer is None:
            await self._connect()
        assert self._reader is not None and self._writer is not None
        self._writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("latin-1")
        )
        head = await self._reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            lowered = name.strip().lower()
            if lowered == b"content-length":
                length = int(value)
            elif lowered == b"connection" and value.strip().lower() == b"close":
                close = True
        body = await self._reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, body

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        self._reader = self._writer = None


# --------------------------------------------------------------------------- memory


class RssSampler:
    """Samples a process's RSS (and its children's) in a thread every `interval_s`."""

    def __init__(self, pid: int, interval_s: float = 0.005) -> None:
        import psutil  # type: ignore[import-untyped]

        self._process = psutil.Process(pid)
        self.interval_s = interval_s
        self.peak = 0
        self.peak_children = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="rss-sampler")

    def rss(self) -> int:
        return int(self._process.memory_info().rss)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.rss())
                children = sum(c.memory_info().rss for c in self._process.children(recursive=True))
                self.peak_children = max(self.peak_children, children)
                self.samples += 1
            except psutil.Error:
                pass
            self._stop.wait(self.interval_s)

    def __enter__(self) -> RssSampler:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads, not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vm_hwm(pid: int) -> int:
    """The kernel's peak RSS of a process (VmHWM, bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def reset_hwm(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux: write 5 to /proc/PID/clear_refs); False if denied."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


MIB = 1024 * 1024


def mib(n: float) -> str:
    return f"{n / MIB:.1f} MiB"


def dump_json(data: Any) -> str:
    return json.dumps(data, default=str, sort_keys=True)


def which(program: str) -> str | None:
    return shutil.which(program)
