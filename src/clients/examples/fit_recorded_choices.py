#!/usr/bin/env python3
"""Fit the neuromodulated agent to a recorded choice sequence and plot its latent signals.

The shipped ``data/recorded_choices.csv`` (see ``shadow_replay.py``) is a synthetic subject on a
two-armed reversal task. This example asks the service (``POST /fits``, run as a job) for the
neuromodulated agent's surprise scale and surprise rate that best explain the subject's choices
(maximum likelihood from several seeded starts, with standard errors), and for the boltzmann
baseline for comparison; then it reads the per-trial trace at the estimates and plots the
ACh-like learning rate and the NA-like temperature trial by trial, with the subject's choices.

The neuromodulated agent tries every arm once before it compares them (src/docs/algorithms.md#choice): a subject
that repeats an arm before trying the other gets probability 0 for that choice, so the fit
includes a lapse (a uniformly random choice with probability ε), which is what such repeats are
under this model.

Missed trials (empty choice) are sent as no-response trials only if the rig recorded an arm;
here they have none, so they are left out: a no-response trial neither teaches the model nor adds
to the likelihood.

The plot needs matplotlib; without it the traces are written as CSV next to the output path and
the example says so. Usage::

    python3 fit_recorded_choices.py                      # service at $NEUROMOD_URL or localhost:8080
    python3 fit_recorded_choices.py --out traces.png --starts 5
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))

from neuromod_client import NeuromodClient  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(HERE / "data" / "recorded_choices.csv"))
    parser.add_argument("--url", default=os.environ.get("NEUROMOD_URL", "http://localhost:8080"))
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="fit_traces.png")
    args = parser.parse_args()

    with open(args.csv, newline="") as handle:
        rows = list(csv.DictReader(handle))
    trials = [{"action": int(r["choice"]), "reward": float(r["reward"])} for r in rows if r["choice"] != ""]
    subject = {"label": "recorded", "arms": 2, "trials": trials}

    with NeuromodClient(args.url, timeout=60) as client:
        client.wait_until_ready(60)

        def report(done: int, total: int) -> None:
            if total > 0:
                print(f"\r  progress {done}/{total}", end="", flush=True)

        print(f"fitting neuromodulated to {len(trials)} trials ({len(rows) - len(trials)} missed left out)")
        neuromodulated = client.fit(
            "neuromodulated",
            [subject],
            free={
                "surpriseScale": {"minimum": 0.001, "maximum": 2},
                "surpriseRate": {"minimum": 0.01, "maximum": 1},
                "lapse": {"minimum": 0, "maximum": 0.5},
            },
            starts=args.starts,
            seed=args.seed,
            progress=report,
        )
        print()
        baseline = client.fit(
            "boltzmann",
            [subject],
            free={"learningRate": {"minimum": 0.01, "maximum": 0.99}, "temperature": {"minimum": 0.01, "maximum": 5}},
            starts=args.starts,
            seed=args.seed,
        )

    for fit in (neuromodulated, baseline):
        result = fit["results"][0]
        estimates = ", ".join(
            f"{name} = {e['value']:.4g} ± {e['standardError']:.2g}" if e["standardError"] is not None
            else f"{name} = {e['value']:.4g}"
            for name, e in result["estimates"].items()
        )
        print(f"{result['agent']:>15}: {estimates}; ln L = {result['logLikelihood']:.2f}, "
              f"BIC = {result['bic']:.2f}, ln evidence = {result['logEvidence']}")

    trace = neuromodulated["traces"]["recorded"]["trials"]
    number = [t["trial"] for t in trace]
    learning_rate = [t["signals"]["learningRate"] for t in trace]
    temperature = [t["signals"]["temperature"] for t in trace]
    choice = [t["action"] for t in trace]
    probability = [t["actionProbability"] for t in trace]
    out = Path(args.out)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        table = out.with_suffix(".csv")
        with open(table, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["trial", "action", "actionProbability", "learningRate", "temperature"])
            writer.writerows(zip(number, choice, probability, learning_rate, temperature))
        print(f"matplotlib is not installed: wrote the per-trial traces to {table} instead of a plot")
        return 0
    figure, axes = plt.subplots(3, 1, sharex=True, figsize=(9, 7))
    axes[0].plot(number, learning_rate, color="tab:green")
    axes[0].set_ylabel("learning rate α (ACh)")
    axes[1].plot(number, temperature, color="tab:red")
    axes[1].set_ylabel("temperature T (NA)")
    axes[2].scatter(number, choice, s=6, c=probability, cmap="viridis", vmin=0, vmax=1)
    axes[2].set_ylabel("choice (colour: model p)")
    axes[2].set_xlabel("trial")
    figure.suptitle("neuromodulated agent fitted to the recorded subject")
    figure.tight_layout()
    figure.savefig(out, dpi=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
