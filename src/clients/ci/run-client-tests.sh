#!/usr/bin/env bash
# Tests the Python and MATLAB/Octave clients and runs the examples against a service
# started from the built jar, on a free port with a temporary H2 database.
#
# Usage: src/clients/ci/run-client-tests.sh [path/to/neuromod-agents.jar]
#   (default: the newest target/neuromod-agents-*.jar; build it with ./mvnw -B package)
# Installs GNU Octave (Debian package) and pytest if they are missing.
set -euo pipefail

repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$repository"

jar=${1:-}
if [[ -z "$jar" ]]; then
  jar=$(ls -t target/neuromod-agents-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '-sources\.jar$' | head -n 1 || true)
fi
if [[ -z "$jar" || ! -f "$jar" ]]; then
  echo "run-client-tests: no service jar; build it first with ./mvnw -B -DskipTests package" >&2
  exit 1
fi

# The JDK the build selected (any JDK >= 21 installed in a standard place).
java=$(src/clients/ci/build-java.sh)

# Octave's Java interface (the MATLAB client's 'java' transport) needs a Java runtime.
if ! command -v octave-cli >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1 \
    || ! dpkg -s default-jre-headless >/dev/null 2>&1; then
  echo "run-client-tests: installing GNU Octave, a Java runtime for it, and curl"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq octave default-jre-headless curl >/dev/null
fi
if ! python3 -m pytest --version >/dev/null 2>&1; then
  echo "run-client-tests: installing pytest"
  python3 -m pip install --quiet pytest
fi
# The fit test's independent check (scipy.optimize.minimize on a numpy likelihood) needs both.
if ! python3 -c 'import numpy, scipy' >/dev/null 2>&1; then
  echo "run-client-tests: installing numpy and scipy"
  python3 -m pip install --quiet numpy scipy
fi

workdir=$(mktemp -d -t neuromod-client-ci-XXXXXX)
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
  rm -rf "$workdir"
  exit "$status"
}
trap stop_service EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
echo "run-client-tests: starting $jar on $url"
"$java" -jar "$jar" --server.port="$port" --neuromod.data-dir="$workdir/data" >"$workdir/service.log" 2>&1 &
service_pid=$!

ready=false
for _ in $(seq 1 360); do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    echo "run-client-tests: the service exited before it was ready:" >&2
    tail -n 80 "$workdir/service.log" >&2
    exit 1
  fi
  if curl -fsS "$url/actuator/health/readiness" >/dev/null 2>&1; then
    ready=true
    break
  fi
  sleep 0.5
done
if [[ "$ready" != true ]]; then
  echo "run-client-tests: the service was not ready within 180 s:" >&2
  tail -n 80 "$workdir/service.log" >&2
  exit 1
fi
export NEUROMOD_URL="$url"

echo "== Python client tests (pytest)"
# Exit code 5 (no tests collected) is a failure like any other non-zero code.
python3 -m pytest -q -p no:cacheprovider src/clients/python/tests

echo "== MATLAB client tests (GNU Octave $(octave-cli --version | head -n 1 | awk '{print $NF}'))"
octave-cli --norc --eval "addpath('src/clients/matlab/tests'); exit(run_tests('$url', {'java', 'curl'}) > 0)"

echo "== Example: reversal task with stimulation windows (short)"
python3 src/clients/examples/reversal_task.py --block-trials 40 --blocks 4

echo "== Example: shadow-mode replay of a recorded choice sequence"
python3 src/clients/examples/shadow_replay.py

echo "== Example: fitting the recorded choice sequence (plot with matplotlib, else CSV)"
python3 src/clients/examples/fit_recorded_choices.py --starts 2 --out "$workdir/fit_traces.png"

echo "== Example: Bpod-style MATLAB trial loop (Octave, short)"
TMPDIR="$workdir" octave-cli --norc --eval "addpath('src/clients/examples'); s = bpod_style_trial_loop('$url', 40); exit(s.trials ~= 40)"

echo "run-client-tests: all client tests and examples passed"
