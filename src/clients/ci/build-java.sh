#!/usr/bin/env bash
# Prints the java executable of the JDK the Maven build selects (maven-toolchains-plugin), so that
# scripts start the built jar on the same JDK whatever `java` is first on PATH.
# Usage: java=$(src/clients/ci/build-java.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
home=$(./mvnw -q validate exec:exec@java-home 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
if [[ -z "$home" || ! -x "$home/bin/java" ]]; then
  echo "build-java: the build selected no JDK (run ./mvnw validate to see why)" >&2
  exit 1
fi
echo "$home/bin/java"
