#!/usr/bin/env python3
"""The Python client's overhead per act+feedback pair, next to a raw-HTTP baseline.

Both sides run the same trial loop against the same service on one kept-alive
connection each:

* raw: ``http.client`` with hand-written request lines and bodies, ``json.loads`` of
  each answer (a loop needs the trial number and action), nothing else;
* client: ``NeuromodClient.act`` + ``NeuromodClient.feedback`` (JSON encoding, typed
  results, problem checks, retry bookkeeping).

They alternate pair by pair (``--round``) so that drift of a shared machine hits both
alike. Reported per pair: wall-clock latency (median, p90, p99, mean) and the CPU time
the benchmark process itself spent (the client's own work, not the service's), with the
client-minus-raw differences. Last, the code alone: the same pairs answered from memory
with recorded answers (no network, hot caches), which isolates the client's own Python
work from the machine's scheduling noise.

Usage::

    python3 overhead.py --url http://127.0.0.1:8080 --pairs 5000
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neuromod_client import NeuromodClient  # noqa: E402
from neuromod_client.client import _Answer  # noqa: E402


STATISTICS = ("median", "p90", "p99", "mean")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class RawLoop:
    """The baseline: one keep-alive connection, requests written by hand."""

    def __init__(self, url: str, session_id: str) -> None:
        parsed = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parsed.hostname or "127.0.0.1", parsed.port, timeout=10)
        self.act_path = f"/sessions/{session_id}/act"
        self.feedback_path = f"/sessions/{session_id}/feedback"
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}

    def _post(self, path: str, body: bytes) -> Dict:
        self.connection.request("POST", path, body=body, headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status} {data[:200]!r}")
        return json.loads(data)

    def pair(self) -> None:
        decision = self._post(self.act_path, b"{}")
        reward = 1.0 if decision["action"] == 0 else 0.0
        self._post(self.feedback_path, b'{"trial":%d,"reward":%r}' % (decision["trial"], reward))

    def close(self) -> None:
        self.connection.close()


class ClientLoop:
    """The client under test."""

    def __init__(self, client: NeuromodClient, session_id: str) -> None:
        self.client = client
        self.session_id = session_id

    def pair(self) -> None:
        decision = self.client.act(self.session_id)
        reward = 1.0 if decision.action == 0 else 0.0
        self.client.feedback(self.session_id, decision.trial, reward)


class CannedClient(NeuromodClient):
    """The client with its one network exchange replaced by recorded answers."""

    def __init__(self, decision: bytes, feedback: bytes) -> None:
        super().__init__("http://canned.invalid")
        self._answers = {"act": decision, "feedback": feedback}

    def _exchange(self, method, target, payload, headers, wait):  # type: ignore[no-untyped-def]
        return _Answer(200, "OK", "application/json", self._answers[target.rsplit("/", 1)[1]])


def code_alone(decision: bytes, feedback: bytes, count: int) -> Dict[str, float]:
    """CPU µs per pair of the raw loop's and the client's own work on recorded answers."""
    canned = CannedClient(decision, feedback)
    start = time.process_time_ns()
    for _ in range(count):
        answer = json.loads(decision)
        body = b'{"trial":%d,"reward":%r}' % (answer["trial"], 1.0 if answer["action"] == 0 else 0.0)
        json.loads(feedback)
    raw = (time.process_time_ns() - start) / count / 1e3
    start = time.process_time_ns()
    for _ in range(count):
        made = canned.act("s1")
        canned.feedback("s1", made.trial, 1.0 if made.action == 0 else 0.0)
    client = (time.process_time_ns() - start) / count / 1e3
    assert body
    return {"raw": raw, "client": client}


def measure(pair: Callable[[], None], count: int, wall: List[float], cpu: List[float]) -> None:
    for _ in range(count):
        cpu_start = time.process_time_ns()
        wall_start = time.perf_counter_ns()
        pair()
        wall.append((time.perf_counter_ns() - wall_start) / 1e3)
        cpu.append((time.process_time_ns() - cpu_start) / 1e3)


def summary(values: Sequence[float]) -> Dict[str, float]:
    return {
        "median": statistics.median(values),
        "p90": percentile(values, 0.90),
        "p99": percentile(values, 0.99),
        "mean": statistics.fmean(values),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("NEUROMOD_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--pairs", type=int, default=5000, help="measured pairs per side")
    parser.add_argument("--warmup", type=int, default=500, help="unmeasured pairs per side first")
    parser.add_argument("--round", type=int, default=1, help="pairs per side per alternating round")
    parser.add_argument("--code-pairs", type=int, default=20000, help="pairs for the code-alone measurement")
    parser.add_argument("--agent", default="boltzmann")
    parser.add_argument("--arms", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = parser.parse_args(argv)

    client = NeuromodClient(args.url, timeout=10)
    client.wait_until_ready(60)
    raw_session = client.create_session(args.agent, args.arms, seed=1, labels={"bench": "raw"})
    client_session = client.create_session(args.agent, args.arms, seed=1, labels={"bench": "client"})
    raw = RawLoop(args.url, raw_session.id)
    typed = ClientLoop(NeuromodClient(args.url, timeout=10), client_session.id)

    scratch: List[float] = []
    measure(raw.pair, args.warmup, scratch, scratch)
    measure(typed.pair, args.warmup, scratch, scratch)
    results: Dict[str, Tuple[List[float], List[float]]] = {"raw": ([], []), "client": ([], [])}
    done = 0
    while done < args.pairs:
        count = min(args.round, args.pairs - done)
        measure(raw.pair, count, *results["raw"])
        measure(typed.pair, count, *results["client"])
        done += count
    recorded_decision = json.dumps(typed.client.act(client_session.id).raw).encode()
    recorded_feedback = json.dumps(
        typed.client.feedback(client_session.id, json.loads(recorded_decision)["trial"], 1.0).raw
    ).encode()
    alone = code_alone(recorded_decision, recorded_feedback, args.code_pairs)
    raw.close()
    typed.client.close()
    client.delete_session(raw_session)
    client.delete_session(client_session)
    client.close()

    report: Dict[str, Any] = {
        name: {"wall_us": summary(wall), "cpu_us": summary(cpu)} for name, (wall, cpu) in results.items()
    }
    print(
        f"{args.pairs} act+feedback pairs per side after {args.warmup} warm-up, agent {args.agent}, "
        f"{args.url}, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"{'per pair (µs)':<24}{'median':>10}{'p90':>10}{'p99':>10}{'mean':>10}")
    for metric, label in (("wall_us", "latency"), ("cpu_us", "client CPU")):
        for name in ("raw", "client"):
            row = report[name][metric]
            print(f"{label + ' ' + name:<24}" + "".join(f"{row[k]:>10.1f}" for k in STATISTICS))
        difference = {k: report["client"][metric][k] - report["raw"][metric][k] for k in STATISTICS}
        print(f"{label + ' difference':<24}" + "".join(f"{difference[k]:>+10.1f}" for k in STATISTICS))
    print(
        f"{'code alone (CPU)':<24}raw {alone['raw']:.1f}, client {alone['client']:.1f}, "
        f"difference {alone['client'] - alone['raw']:+.1f} (mean over {args.code_pairs} pairs)"
    )
    if args.json:
        report["code_alone_cpu_us"] = alone
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
