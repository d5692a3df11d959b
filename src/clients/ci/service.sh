# Sourced (not run) by the CI scripts that test against the built jar. After
#   source src/clients/ci/service.sh
#   start_service NAME [JAR]
# the service runs from JAR (default: the newest target/neuromod-agents-*.jar) on the JDK the build
# selected ($java), on a free loopback port with a temporary H2 database, and is ready; $url names it and
# $workdir is a temporary folder for the caller's files too. When the script exits, the service is
# stopped, its log's end is shown if the script failed, and $workdir is removed. NAME prefixes the
# messages. Needs curl and python3, and the caller's working directory at the repository's root.

service_pid=
workdir=
url=
java=

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
    echo "the service's log ends with:" >&2
    tail -n 60 "$workdir/service.log" >&2
  fi
  [[ -n "$workdir" ]] && rm -rf "$workdir"
  exit "$status"
}

start_service() {
  local name=$1 jar=${2:-} port
  if [[ -z "$jar" ]]; then
    jar=$(ls -t target/neuromod-agents-*.jar 2>/dev/null | grep -v -e '-plain\.jar$' -e '-sources\.jar$' | head -n 1 || true)
  fi
  if [[ -z "$jar" || ! -f "$jar" ]]; then
    echo "$name: no service jar; build it first with ./mvnw -B -DskipTests package" >&2
    exit 1
  fi
  # The JDK the build selected (any JDK >= 21 installed in a standard place).
  java=$(src/clients/ci/build-java.sh)

  workdir=$(mktemp -d -t "neuromod-$name-XXXXXX")
  trap stop_service EXIT
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  echo "$name: starting $jar on $url"
  "$java" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --neuromod.data-dir="$workdir/data" \
    >"$workdir/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 360); do
    if ! kill -0 "$service_pid" 2>/dev/null; then
      echo "$name: the service exited before it was ready" >&2
      exit 1
    fi
    if curl -fsS "$url/actuator/health/readiness" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "$name: the service was not ready within 180 s" >&2
  exit 1
}
