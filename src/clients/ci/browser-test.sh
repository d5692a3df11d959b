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

jar=${1:-}
if [[ -z "$jar" ]]; then
  jar=$(ls -t target/neuromod-agents-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '-sources\.jar$' | head -n 1 || true)
fi
if [[ -z "$jar" || ! -f "$jar" ]]; then
  echo "browser-test: no service jar; build it first with ./mvnw -B -DskipTests package" >&2
  exit 1
fi

# The JDK the build selected (any JDK >= 21 installed in a standard place).
java=$(src/clients/ci/build-java.sh)

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

workdir=$(mktemp -d -t neuromod-browser-ci-XXXXXX)
service_pid=
stop_service() {
  local status=$?
  if [[ -n "$service_pid" ]] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid"
    for _ in $(seq 1 60); do
      kill -0 "$service_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  if [[ "$status" -ne 0 && -f "$workdir/service.log" ]]; then
    echo "browser-test: the service's log ends with:" >&2
    tail -n 40 "$workdir/service.log" >&2
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap stop_service EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
echo "browser-test: starting $jar on $url"
"$java" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --neuromod.data-dir="$workdir/data" \
  >"$workdir/service.log" 2>&1 &
service_pid=$!

ready=false
for _ in $(seq 1 360); do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    echo "browser-test: the service exited before it was ready" >&2
    exit 1
  fi
  if curl -fsS "$url/actuator/health/readiness" >/dev/null 2>&1; then
    ready=true
    break
  fi
  sleep 0.5
done
if [[ "$ready" != true ]]; then
  echo "browser-test: the service was not ready within 180 s" >&2
  exit 1
fi

mkdir -p target/browser
echo "== Dashboard in headless Chromium ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
NEUROMOD_URL="$url" BROWSER_ARTIFACTS="$repository/target/browser" node src/clients/browser/dashboard-test.mjs
