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

source src/clients/ci/service.sh
start_service run-client-tests "${1:-}"
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
