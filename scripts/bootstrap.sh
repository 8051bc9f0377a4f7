#!/usr/bin/env bash
# Create .venv and install the project into it when the lock files changed (or on first run).
# Usage: scripts/bootstrap.sh [test]   "test" installs the test tools too.
# Dependencies come from the lock files (exact versions with hashes: requirements.lock, or
# requirements-test.lock for tests; scripts/lock.sh re-resolves them); the project itself is
# installed editable on top, without resolving anything again.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "creating virtual environment in .venv" >&2
    "$python" -m venv .venv
fi
lock="requirements.lock"
[ "$extra" = "test" ] && lock="requirements-test.lock"
hash="$(cat pyproject.toml requirements.lock requirements-test.lock | sha256sum | cut -c1-16)"
stamp=".venv/.installed-$hash-${extra:-base}"
# The test lock is resolved within the runtime lock: its install also satisfies the plain one.
if [ -z "$extra" ] && [ -f ".venv/.installed-$hash-test" ]; then
    exit 0
fi
if [ ! -f "$stamp" ]; then
    echo "installing cost-model-service${extra:+ with [$extra]} into .venv from $lock" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        -r "$lock" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e . >&2
    rm -f .venv/.installed-*-"${extra:-base}"
    touch "$stamp"
fi
