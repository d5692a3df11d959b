#!/usr/bin/env bash
# The dashboard in a real headless browser: starts the built jar on a free port with a temporary
# H2 database and runs src/clients/browser/dashboard-test.mjs (Playwright driving Debian's
# Chromium). Screenshots and timings are kept in target/browser/.
#
# Usage: src/clients/ci/browser-test.sh [path/to/neuromod-agents.jar]
#   (default: the newest target/neuromod-agents-*.jar; build it with ./mvnw -B package)
# Installs Debian's chromium, Node.js and npm, and the pinned npm packages (npm ci) if missing.
set -euo pipefail

repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$repository"


missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} > 0 )); then
  echo "browser-test: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [[ ! -d src/clients/browser/node_modules/playwright-core ]]; then
  echo "browser-test: installing the pinned npm packages"
  (cd src/clients/browser && npm ci --no-audit --no-fund)
fi

source src/clients/ci/service.sh
start_service browser-test "${1:-}"

mkdir -p target/browser
echo "== Dashboard in headless Chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
NEUROMOD_URL="$url" BROWSER_ARTIFACTS="$repository/target/browser" node src/clients/browser/dashboard-test.mjs
