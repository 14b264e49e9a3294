#!/usr/bin/env bash
# One entry point for a newcomer on a fresh machine:
#   bash scripts/dev.sh sandbox   try it: code-server (a real VS Code) with Impact Log and an empty log
#   bash scripts/dev.sh test      unit tests, then integration suites and browser journeys in a real VS Code
#   bash scripts/dev.sh <npm script> [args]   any other npm script (lint, typecheck, bench, package, ...)
# It provisions Node 24, chromium and code-server when missing (scripts/provision.sh), installs the
# npm dependencies when package-lock.json changed, then runs `npm run <script>`.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/provision.sh
source scripts/provision.sh
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[dev] installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
script="${1:-test}"
shift || true
exec npm run --silent "$script" -- "$@"
