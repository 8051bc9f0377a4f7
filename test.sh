#!/usr/bin/env bash
# Run the whole test suite: installs what is missing into .venv, then pytest. An embedded
# PostgreSQL is started for the run unless CMS_TEST_DATABASE_URL is set. Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh test
exec .venv/bin/python -m pytest "$@"
