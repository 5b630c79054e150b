#!/usr/bin/env bash
# README command (b): install, then run the checks and the whole test suite.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/unit -x`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh
ruff check include dags tests benchmarks
ruff check --select AIR dags
mypy
python -m pytest "$@"
