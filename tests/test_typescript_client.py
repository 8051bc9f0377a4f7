"""The TypeScript types are generated from openapi.json and a sample using them type-checks.

Needs Node and npm (Debian's `nodejs` and `npm`) and the npm registry for `npm ci`; skipped
with the reason when either is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "clients" / "typescript"
SOURCES = ("package.json", "package-lock.json", "tsconfig.json", "client.ts", "example.ts")

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the client next to a copy of openapi.json, with its packages installed."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed (apt-get install -y nodejs npm)")
    root = tmp_path_factory.mktemp("ts")
    shutil.copy(ROOT / "openapi.json", root / "openapi.json")
    project = root / "clients" / "typescript"
    project.mkdir(parents=True)
    for name in SOURCES:
        shutil.copy(CLIENT / name, project / name)
    installed = _run(["npm", "ci", "--no-audit", "--no-fund"], project)
    if installed.returncode != 0:
        pytest.skip(f"npm ci failed (no registry?): {installed.stderr[-500:]}")
    yield project


def test_the_committed_types_are_generated_from_the_committed_schema(project: Path):
    generated = _run(["npm", "run", "--silent", "generate"], project)
    assert generated.returncode == 0, generated.stderr
    assert (project / "schema.d.ts").read_text() == (CLIENT / "schema.d.ts").read_text(), (
        "clients/typescript/schema.d.ts is out of date: run `npm run generate` there"
    )


def test_the_client_and_a_sample_type_check(project: Path):
    shutil.copy(CLIENT / "schema.d.ts", project / "schema.d.ts")
    checked = _run(["npx", "tsc", "--noEmit", "-p", "."], project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_sample_that_misuses_the_types_does_not_type_check(project: Path):
    shutil.copy(CLIENT / "schema.d.ts", project / "schema.d.ts")
    (project / "example.ts").write_text(
        'import type { ErrorCode } from "./client";\n'
        'export const code: ErrorCode = "no_such_code";\n'
    )
    try:
        checked = _run(["npx", "tsc", "--noEmit", "-p", "."], project)
    finally:
        shutil.copy(CLIENT / "example.ts", project / "example.ts")
    assert checked.returncode != 0
    assert "no_such_code" in checked.stdout
