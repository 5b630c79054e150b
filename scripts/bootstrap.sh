#!/usr/bin/env bash
# Create .venv if it is missing and make it match requirements.txt exactly. Idempotent: a second
# run only checks the environment (about a second). Needs python3.11 and the package registry.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${NEWSMON_PYTHON:-$(command -v python3.11 || command -v python3)}
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "newsmon needs Python 3.11; $python is $("$python" --version 2>&1)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
  "$python" -m venv --clear .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip --default-pip >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==0.13.8"
fi
# uv is itself in the lock, so sync keeps it. --compile-bytecode: imports take half as long.
.venv/bin/uv pip sync --quiet --compile-bytecode --python .venv/bin/python requirements.txt
