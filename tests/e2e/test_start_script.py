"""The README's start command on its own: embedded PostgreSQL, migrations, offline analyzer,
the curl walkthrough, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from tests.support import PROJECT_ROOT, TERMINAL, ServerProcess

pytestmark = pytest.mark.e2e


def _postgres_running_for(data_dir: Path) -> bool:
    pid_file = data_dir / "postgres" / "pgdata" / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """Outside pytest's temporary root: a second pytest session resets that root to 0700, and
    under root the server runs as a system user that must still reach its data directory."""
    path = Path(tempfile.mkdtemp(prefix="cms-start-script-"))
    yield path / "data"
    shutil.rmtree(path, ignore_errors=True)


def test_start_script_serves_with_embedded_database_and_stops_it(data_dir: Path):
    env = {
        "CMS_DATA_DIR": str(data_dir),
        "CMS_DATABASE_URL": "",
        "CMS_OPENAI_API_KEY": "",
        "CMS_POLL_INTERVAL_S": "0.2",
    }
    server = ServerProcess(env, command=[str(PROJECT_ROOT / "start.sh")])
    with server:
        assert _postgres_running_for(data_dir)
        with httpx2.Client(base_url=server.base_url, timeout=10) as http:
            ready = http.get("/ready").json()
            assert ready["checks"]["analysis_method"] == "offline"
            created = http.post(
                "/api/analyze",
                data={"articleName": "Bracket", "description": "zinc plated"},
                files={
                    "productSpecification": (
                        "spec.txt",
                        "Bracket datasheet\nMaterial: steel S235JR\nNet weight: 0,35 kg\n",
                    )
                },
            )
            assert created.status_code == 201
            location = created.headers["location"]
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                status = http.get(f"{location}/status").json()
                if status["processing_status"] in TERMINAL:
                    break
                time.sleep(0.2)
            article = http.get(location).json()
        assert article["processing_status"] == "completed", article
        assert article["unit_weight"] == pytest.approx(0.35)
        assert article["analysis_method"] == "offline"
        assert abs(sum(c["part"] for c in article["cost_models"]) - 1) < 1e-9
        exit_code = server.terminate()
        log = server.log(tail=None)
        assert exit_code == 0, log[-5000:]
    # written once at start-up: a busy machine's later lines must not push it out of view
    assert "offline analyzer" in log
    assert not _postgres_running_for(data_dir), "embedded PostgreSQL left running"
