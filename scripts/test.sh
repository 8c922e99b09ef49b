#!/usr/bin/env bash
# Lint, type-check the core and run every test. Exits non-zero on any failure,
# including a pytest run that collected no test (pytest exit code 5).
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

.venv/bin/ruff check src tests bench || exit 1
.venv/bin/ruff format --check src tests bench || exit 1
.venv/bin/mypy || exit 1
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
code=$?
if [ "$code" = 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$code"
