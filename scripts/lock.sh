#!/usr/bin/env bash
# Re-resolve the lock files from pyproject.toml (run after changing a dependency; needs uv,
# `pip install uv`). requirements.lock pins what ./start.sh installs, requirements-test.lock
# what ./test.sh installs (resolved within requirements.lock, so one install serves both);
# both hold every transitive package with its hashes, for
# Python 3.11 and newer on any platform.
set -euo pipefail
cd "$(dirname "$0")/.."
uv="${UV:-uv}"
common=(--universal --python-version 3.11 --generate-hashes --quiet --no-header)
"$uv" pip compile pyproject.toml "${common[@]}" -o requirements.lock
"$uv" pip compile pyproject.toml --extra test -c requirements.lock "${common[@]}" \
    -o requirements-test.lock
