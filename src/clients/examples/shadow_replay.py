#!/usr/bin/env python3
"""Shadow mode: replay a recorded choice sequence through a model and score it.

The subject chose; the model learns from the subject's choices and reports how likely
each choice was. The model's log-likelihood of the whole sequence (and per trial, next
to chance) tells how well it describes the subject; fitting parameters means running
this for several parameter settings and keeping the best.

The CSV needs the columns ``choice`` (0-based arm, empty for a missed trial) and
``reward`` (empty for a missed trial); any other column (``trial``, ``rig_time_s``...)
is attached to the trial as metadata, so it comes back in the trial log. The shipped
``data/recorded_choices.csv`` is a synthetic subject (a softmax Q-learner) on a
two-armed reversal task (p = 0.8 / 0.2, swapped every 60 trials), 240 trials, 5 missed.

Usage::

    python3 shadow_replay.py                                  # the shipped example
    python3 shadow_replay.py my_session.csv --agent boltzmann --parameter temperature=0.3
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from neuromod_client import NeuromodClient  # noqa: E402

HERE = Path(__file__).resolve().parent


def read_choices(path: Path) -> List[Dict[str, str]]:
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or "choice" not in rows[0] or "reward" not in rows[0]:
        raise SystemExit(f"{path}: a CSV with the columns 'choice' and 'reward' is needed")
    return rows


def metadata_of(row: Dict[str, str]) -> Dict[str, Any]:
    """The row's other columns, numbers as numbers, as trial metadata."""
    metadata: Dict[str, Any] = {}
    for name, text in row.items():
        if name in ("choice", "reward") or text in ("", None):
            continue
        try:
            metadata[name] = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            metadata[name] = text
    return metadata


def replay(
    client: NeuromodClient, rows: List[Dict[str, str]], agent: str, arms: int, parameters: Dict[str, float], seed: int
) -> Dict[str, Any]:
    """Feed every recorded trial to a fresh session; return the model's scores."""
    session = client.create_session(agent, arms, parameters=parameters, seed=seed, labels={"mode": "shadow"})
    log_likelihood: Optional[float] = 0.0
    probabilities: List[float] = []
    for number, row in enumerate(rows, start=1):
        metadata = metadata_of(row)
        if row["choice"] == "":
            # A missed trial: open it and close it as a no-response, so nothing is learned.
            decision = client.act(session, metadata=metadata)
            client.feedback(session, decision.trial, None)
            continue
        action, reward = int(row["choice"]), float(row["reward"])
        # No act: the subject chose on its own; the model scores and learns from its choice.
        feedback = client.feedback(session, number, reward, action=action, metadata=metadata)
        log_likelihood = feedback.log_likelihood
        probabilities.append(feedback.action_probability or 0.0)
    client.delete_session(session)
    possible = [p for p in probabilities if p > 0]
    return {
        "logLikelihood": log_likelihood,
        "scored": len(probabilities),
        "impossible": len(probabilities) - len(possible),
        "logLikelihoodOfPossible": sum(math.log(p) for p in possible),
    }


def parse_parameters(pairs: Sequence[str]) -> Dict[str, float]:
    parameters: Dict[str, float] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if not value:
            raise SystemExit(f"--parameter expects name=value, got {pair!r}")
        parameters[name] = float(value)
    return parameters


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", default=str(HERE / "data" / "recorded_choices.csv"))
    parser.add_argument("--url", default=os.environ.get("NEUROMOD_URL", "http://localhost:8080"))
    parser.add_argument(
        "--agent", action="append", help="agent type (repeatable); default: neuromodulated and boltzmann"
    )
    parser.add_argument("--parameter", action="append", default=[], help="name=value for the agent(s)")
    parser.add_argument("--arms", type=int, help="number of arms (default: largest choice + 1, at least 2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rows = read_choices(Path(args.csv))
    choices = [int(row["choice"]) for row in rows if row["choice"] != ""]
    arms = args.arms or max(2, max(choices) + 1)
    agents = args.agent or ["neuromodulated", "boltzmann"]
    chance = len(choices) * math.log(1.0 / arms)
    print(f"{args.csv}: {len(rows)} trials, {len(rows) - len(choices)} missed, {arms} arms")
    print(f"{'model':<18}{'log-likelihood':>16}{'per trial':>11}{'chance':>10}{'p = 0':>8}{'LL where p > 0':>16}")
    with NeuromodClient(args.url) as client:
        for agent in agents:
            score = replay(client, rows, agent, arms, parse_parameters(args.parameter), args.seed)
            total = score["logLikelihood"]
            print(
                f"{agent:<18}{total:>16.2f}{total / score['scored']:>11.3f}{chance / len(choices):>10.3f}"
                f"{score['impossible']:>8d}{score['logLikelihoodOfPossible']:>16.2f}"
            )
    print("p = 0: choices the model gave no chance at all; the service counts each as ln(1e-300) = -690.8.")
    print("An agent that tries every arm once first (as neuromodulated does) gives the subject's other")
    print("choices probability 0 until the subject has tried every arm.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
