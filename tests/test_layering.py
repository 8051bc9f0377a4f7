"""The layering holds: the import-linter contracts in pyproject.toml, checked on every run.

They fail on an upward import (the kernel or the parsers importing the service around them,
the index catalogue importing articles, articles importing pricing,
anything but an entry point importing the composition root) and on an import cycle inside
the analyzers or inside extraction.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
