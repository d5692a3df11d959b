#!/usr/bin/env bash
# The README's first command as a newcomer runs it: `./mvnw spring-boot:run` with whatever `java`
# is first on PATH (17 on these machines) and no JAVA_HOME must serve /agents; and with every JDK
# >= 21 hidden, the build must stop with the one line that says what to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
unset JAVA_HOME

workdir=$(mktemp -d -t neuromod-newcomer-XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "newcomer-check: ./mvnw spring-boot:run on port $port with $(java -version 2>&1 | head -n 1)"
SERVER_PORT=$port NEUROMOD_DATA_DIR="$workdir/data" setsid ./mvnw -B -q spring-boot:run >"$workdir/run.log" 2>&1 &
runner=$!
stop() {
  kill -- -"$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  rm -rf "$workdir"
}
trap stop EXIT
served=false
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/agents" | grep -q '"neuromodulated"'; then
    served=true
    break
  fi
  kill -0 "$runner" 2>/dev/null || break
  sleep 1
done
if [[ $served != true ]]; then
  echo "newcomer-check: spring-boot:run did not serve /agents" >&2
  tail -n 40 "$workdir/run.log" >&2
  exit 1
fi
echo "newcomer-check: /agents served"

# Hide every installed JDK of version 21 or later (a private mount namespace; needs root).
maven_java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [[ $maven_java_major -ge 21 ]]; then
  echo "newcomer-check: the default java is $maven_java_major, nothing older to try the missing-JDK message with"
  exit 0
fi
hide=()
for home in /usr/lib/jvm/*; do
  [[ -f "$home/release" && ! -L "$home" ]] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [[ -n "$major" && "$major" -ge 21 ]] && hide+=("$home")
done
output=$(unshare -m bash -c 'for d in "$@"; do mount -t tmpfs none "$d"; done; ./mvnw -B -q validate' _ "${hide[@]}" 2>&1) && {
  echo "newcomer-check: validate passed with every JDK >= 21 hidden (${hide[*]})" >&2
  exit 1
}
if ! grep -q "No JDK 21 or later is installed: install one" <<<"$output"; then
  echo "newcomer-check: the missing-JDK failure does not say what to install:" >&2
  echo "$output" >&2
  exit 1
fi
echo "newcomer-check: with no JDK >= 21: $(grep -o 'No JDK 21 or later.*' <<<"$output")"
