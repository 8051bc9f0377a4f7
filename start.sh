#!/usr/bin/env bash
# Start the service in the foreground: installs into .venv if needed, starts an embedded
# PostgreSQL under CMS_DATA_DIR when CMS_DATABASE_URL is unset, migrates, serves with uvicorn.
# Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh
exec .venv/bin/python -m app serve
