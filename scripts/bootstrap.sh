#!/usr/bin/env bash
# Create .venv and install the project into it when pyproject.toml changed (or on first run).
# Usage: scripts/bootstrap.sh [extra]   e.g. "test" installs the test tools too.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "creating virtual environment in .venv" >&2
    "$python" -m venv .venv
fi
target="."
[ -n "$extra" ] && target=".[$extra]"
hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp=".venv/.installed-$hash-${extra:-base}"
# An install with extras also satisfies the plain one.
if [ -z "$extra" ] && compgen -G ".venv/.installed-$hash-*" >/dev/null; then
    exit 0
fi
if [ ! -f "$stamp" ]; then
    echo "installing cost-model-service${extra:+ with [$extra]} into .venv" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target" >&2
    rm -f .venv/.installed-*-"${extra:-base}"
    touch "$stamp"
fi
