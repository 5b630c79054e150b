#!/usr/bin/env bash
# README command (a): install, then run the daily DAG end to end on the bundled sample site.
# Usage: bash scripts/demo.sh [YYYY-MM-DD]   (default 2025-01-16, the day of the sample articles)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
mkdir -p "$AIRFLOW_HOME"
airflow db migrate >"$AIRFLOW_HOME/db-migrate.log" 2>&1 || { cat "$AIRFLOW_HOME/db-migrate.log" >&2; exit 1; }
python -m newsmon demo --date "${1:-2025-01-16}" ${NEWSMON_DEMO_PORT:+--port "$NEWSMON_DEMO_PORT"}
