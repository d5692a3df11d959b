#!/usr/bin/env python3
"""The paper's proposed experiment, run through the service: a two-armed reversal task
with noradrenaline (NA) stimulation windows straddling each reversal
(src/docs/algorithms.md#reversal).

Two Bernoulli arms pay with p = (0.6, 0.4); the probabilities swap every block (500
trials). Stimulation of level ``s`` is ON from 75% of block n to 25% of block n+1, so it
straddles each reversal. The task runs twice on the same seed: once with stimulation,
once without (the control), and prints the choice entropy inside and outside the
stimulation windows for both. Stimulation adds ``s`` to the softmax temperature, so the
model should choose more randomly inside the windows than its control does.

Usage (against a local service)::

    python3 reversal_task.py                          # 8 blocks of 500 trials
    python3 reversal_task.py --block-trials 40 --blocks 4   # a short run (CI)
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from neuromod_client import NeuromodClient  # noqa: E402

REWARD_PROBABILITIES = (0.6, 0.4)


def stimulation_on(trial_index: int, block_trials: int, blocks: int) -> bool:
    """Whether trial ``trial_index`` (0-based) lies in a window from 75% of block n to
    25% of block n+1, for every reversal between block n and n+1."""
    block, position = divmod(trial_index, block_trials)
    late_in_block = position >= 0.75 * block_trials and block < blocks - 1
    early_in_block = position < 0.25 * block_trials and block > 0
    return late_in_block or early_in_block


def entropy_bits(probabilities: Sequence[float]) -> float:
    """Shannon entropy in bits."""
    return -sum(p * math.log2(p) for p in probabilities if p > 0)


@dataclass
class Condition:
    """What happened on the trials of one kind (inside or outside the windows)."""

    policy_entropies: List[float] = field(default_factory=list)
    choices: Counter = field(default_factory=Counter)
    rewards: List[float] = field(default_factory=list)

    def policy_entropy(self) -> float:
        return sum(self.policy_entropies) / len(self.policy_entropies)

    def choice_entropy(self) -> float:
        total = sum(self.choices.values())
        return entropy_bits([count / total for count in self.choices.values()])

    def reward_rate(self) -> float:
        return sum(self.rewards) / len(self.rewards)


def run(client: NeuromodClient, agent: str, seed: int, level: float, block_trials: int, blocks: int):
    """Run the task once; return the inside and outside conditions."""
    session = client.create_session(
        agent, 2, seed=seed, labels={"task": "reversal", "stimulation": str(level)}
    )
    outcomes = random.Random(seed)
    inside, outside = Condition(), Condition()
    for trial_index in range(block_trials * blocks):
        block = trial_index // block_trials
        paying = REWARD_PROBABILITIES if block % 2 == 0 else REWARD_PROBABILITIES[::-1]
        stimulated = stimulation_on(trial_index, block_trials, blocks)
        decision = client.act(session, stimulation=level if stimulated else 0.0)
        reward = 1.0 if outcomes.random() < paying[decision.action] else 0.0
        client.feedback(session, decision.trial, reward)
        condition = inside if stimulated else outside
        condition.policy_entropies.append(entropy_bits(decision.probabilities))
        condition.choices[decision.action] += 1
        condition.rewards.append(reward)
    client.delete_session(session)
    return inside, outside


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("NEUROMOD_URL", "http://localhost:8080"))
    parser.add_argument("--agent", default="neuromodulated")
    parser.add_argument("--stimulation", type=float, default=0.5, help="stimulation level s")
    parser.add_argument("--block-trials", type=int, default=500)
    parser.add_argument("--blocks", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.block_trials < 4 or args.blocks < 2:
        parser.error("need at least 2 blocks of at least 4 trials")

    print(
        f"reversal task: {args.blocks} blocks x {args.block_trials} trials, agent {args.agent}, "
        f"stimulation {args.stimulation} from 75% of block n to 25% of block n+1, seed {args.seed}"
    )
    print(f"{'session':<12}{'trials':>14}{'policy H (bits)':>17}{'choice H (bits)':>17}{'reward rate':>13}")
    with NeuromodClient(args.url) as client:
        for name, level in (("stimulated", args.stimulation), ("control", 0.0)):
            inside, outside = run(client, args.agent, args.seed, level, args.block_trials, args.blocks)
            for where, condition in (("inside", inside), ("outside", outside)):
                print(
                    f"{name:<12}{where + ' windows':>14}{condition.policy_entropy():>17.3f}"
                    f"{condition.choice_entropy():>17.3f}{condition.reward_rate():>13.3f}"
                )
    print("policy H: mean entropy of the model's choice probabilities on each trial;")
    print("choice H: entropy of the choices made (windows straddle reversals, so both arms pay there).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
