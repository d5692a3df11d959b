"""Fixtures: a live neuromod-agents service for the tests.

If ``NEUROMOD_URL`` is set, the tests use that service. Otherwise they start the jar
built in the repository's ``target/`` on a free port with a temporary H2 database, and
stop it afterwards. If neither works the tests fail: they never skip silently.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neuromod_client import NeuromodClient  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[4]
READY_TIMEOUT_SECONDS = 180.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _java() -> str:
    for candidate in (
        os.environ.get("NEUROMOD_JAVA"),
        os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None,
        "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
    ):
        if candidate and os.path.isfile(candidate):
            return candidate
    found = shutil.which("java")
    if found is None:
        pytest.fail("no Java runtime found: set JAVA_HOME or NEUROMOD_JAVA, or set NEUROMOD_URL")
    return found


def _jar() -> Path:
    jars = [
        Path(path)
        for path in glob.glob(str(REPOSITORY / "target" / "neuromod-agents-*.jar"))
        if not path.endswith(("-plain.jar", "-sources.jar", "-javadoc.jar"))
    ]
    if not jars:
        pytest.fail(
            f"NEUROMOD_URL is not set and no jar was found in {REPOSITORY / 'target'}: "
            "build it with ./mvnw -B -DskipTests package, or point NEUROMOD_URL at a service"
        )
    return max(jars, key=lambda path: path.stat().st_mtime)


def _wait_until_ready(url: str, process: "subprocess.Popen[bytes] | None", log: Path | None) -> None:
    client = NeuromodClient(url, timeout=5.0, retries=0)
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    try:
        while not client.is_ready():
            if process is not None and process.poll() is not None:
                tail = log.read_text(errors="replace")[-4000:] if log else ""
                pytest.fail(f"the service exited with {process.returncode} before it was ready:\n{tail}")
            if time.monotonic() >= deadline:
                pytest.fail(f"no ready service at {url} within {READY_TIMEOUT_SECONDS:.0f} s")
            time.sleep(0.5)
    finally:
        client.close()


@pytest.fixture(scope="session")
def service_url() -> Iterator[str]:
    """The base URL of a ready service (NEUROMOD_URL, or a jar started for this run)."""
    configured = os.environ.get("NEUROMOD_URL")
    if configured:
        _wait_until_ready(configured, None, None)
        yield configured.rstrip("/")
        return
    jar = _jar()
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="neuromod-client-tests-"))
    log = workdir / "service.log"
    command = [
        _java(),
        "-jar",
        str(jar),
        f"--server.port={port}",
        f"--neuromod.data-dir={workdir / 'data'}",
    ]
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def client(service_url: str) -> Iterator[NeuromodClient]:
    """A client connected to the live service, closed after the test."""
    with NeuromodClient(service_url) as connected:
        yield connected
