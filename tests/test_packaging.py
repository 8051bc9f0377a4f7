"""The built wheel is a complete service: it migrates and serves from any directory."""

from __future__ import annotations

import asyncio
import os
import site
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest

from tests.support import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and installed into a directory of its own."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr[-3000:]}")
    (wheel,) = out.glob("cost_model_service-*.whl")
    target = out / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return target


def _env(site_dir: Path, **settings: str) -> dict[str, str]:
    # The wheel's own `app` first; its dependencies from this environment.
    dependencies = os.pathsep.join(site.getsitepackages())
    return {
        **os.environ,
        "PYTHONPATH": f"{site_dir}{os.pathsep}{dependencies}",
        "CMS_LOG_LEVEL": "WARNING",
        **settings,
    }


def test_the_wheel_ships_migrations_and_the_tokenizer(installed_wheel: Path) -> None:
    versions_dir = installed_wheel / "app" / "migrations" / "versions"
    versions = sorted(p.name for p in versions_dir.glob("*.py"))
    assert versions and versions[0].startswith("0001")
    assert (installed_wheel / "app" / "migrations" / "env.py").is_file()
    assert (installed_wheel / "app" / "migrations" / "script.py.mako").is_file()
    assert (installed_wheel / "app" / "analyzers" / "data" / "o200k_base.tiktoken.gz").is_file()
    assert (installed_wheel / "app" / "ui" / "static" / "index.html").is_file()


def test_the_wheel_has_a_console_script(installed_wheel: Path) -> None:
    (entry_points,) = installed_wheel.glob("cost_model_service-*.dist-info/entry_points.txt")
    assert "cost-model-service = app.cli:main" in entry_points.read_text()


async def test_installed_wheel_migrates_and_serves_from_another_directory(
    installed_wheel: Path, fresh_database_url: str, tmp_path: Path
) -> None:
    env = _env(installed_wheel, CMS_DATABASE_URL=fresh_database_url)
    # Nothing of the checkout is reachable from here: no alembic.ini, no source tree.
    migrate = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-c",
            "import app, sys; from app.cli import main; "
            "assert app.__file__.startswith(sys.argv[1]), app.__file__; "
            "sys.exit(main(['migrate']))",
            str(installed_wheel),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]

    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    server = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-m", "app", "serve"],
        cwd=tmp_path,
        env={**env, "CMS_PORT": str(port), "CMS_HOST": "127.0.0.1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        async with httpx2.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            deadline = time.monotonic() + 90
            ready = None
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    ready = await http.get("/ready")
                    if ready.status_code == 200:
                        break
                except httpx2.HTTPError:
                    pass
                await asyncio.sleep(0.3)
            assert ready is not None and ready.status_code == 200, (
                tmp_path / "server.log"
            ).read_text()[-3000:]
            response = await http.post(
                "/api/analyze",
                data={"articleName": "Bracket"},
                files={
                    "productSpecification": ("spec.txt", b"Net weight: 120 g\nMaterial: S235JR")
                },
            )
            assert response.status_code == 201, response.text
            status_url = f"/api/articles/{response.json()['id']}/status"
            status = {}
            while time.monotonic() < deadline:
                status = (await http.get(status_url)).json()
                if status["processing_status"] in ("completed", "failed"):
                    break
                await asyncio.sleep(0.3)
            # Parsed in the wheel's process pool, analysed with its packaged tokenizer.
            assert status["processing_status"] == "completed", status
    finally:
        server.terminate()
        await asyncio.to_thread(server.wait, 60)
