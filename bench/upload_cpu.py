"""CPU of one upload: the service's CPU per small multipart POST, nothing else running.

    .venv/bin/python bench/upload_cpu.py [--uploads 2000] [--connections 16] [--code DIR ...]

An API-only service (`CMS_RUN_PROCESSOR=false`: no job competes for the loop) gets `--uploads`
distinct small text files from 16 client connections, after 200 warm-up uploads. Printed: the
service's CPU per upload (all threads, and the main thread that runs the event loop), and the
uploads per second. With several `--code` directories (checkouts of the service) each one
serves in turn, alternating `--rounds` times, against the same database: an A/B in one sitting
on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Service, cpu_seconds, log, machine, postgres
from pipeline import loop_cpu_seconds, post_burst


class ServiceFrom(Service):
    """The service started from another checkout (its own `app` package)."""

    def __init__(self, code: Path, database_url: str, settings: dict[str, str]) -> None:
        super().__init__(database_url, settings)
        self.code = code

    def spawn(self) -> None:
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=self.code
            )


def measure(code: Path, url: str, uploads: int, connections: int, offset: int) -> str:
    settings = {"CMS_RUN_PROCESSOR": "false", "CMS_RATE_LIMIT_UPLOADS": "1000000/minute"}
    with ServiceFrom(code, url, settings) as service:
        service.start()
        asyncio.run(post_burst(service.base_url, 200, offset, connections))
        cpu0, loop0 = cpu_seconds(service.pid), loop_cpu_seconds(service.pid)
        t0 = time.perf_counter()
        ids, _, _, _ = asyncio.run(post_burst(service.base_url, uploads, offset + 200, connections))
        elapsed = time.perf_counter() - t0
        cpu_ms = (cpu_seconds(service.pid) - cpu0) * 1000 / len(ids)
        loop_ms = (loop_cpu_seconds(service.pid) - loop0) * 1000 / len(ids)
    return (
        f"{code.name}: {cpu_ms:.2f} ms CPU per upload ({loop_ms:.2f} on the event loop), "
        f"{len(ids) / elapsed:.0f} uploads/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--code", type=Path, action="append", help="a checkout (default: this)")
    args = parser.parse_args()
    codes = [c.resolve() for c in args.code or [Path(__file__).resolve().parents[1]]]
    log(f"machine: {machine()}")
    offset = 0
    with postgres() as url:
        for _ in range(args.rounds):
            for code in codes:
                print(
                    "upload cpu: " + measure(code, url, args.uploads, args.connections, offset),
                    flush=True,
                )
                offset += args.uploads + 200
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
