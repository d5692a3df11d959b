"""Fitting on the service (POST /fits), checked against an independent fit.

The independent check: the boltzmann likelihood of the shipped recorded sequence is written
here again with numpy (softmax of Q / temperature, delta rule) and maximised with
scipy.optimize.minimize; the service's estimates must agree within 1e-3 relative and its
log-likelihood within 1e-6. Only the agent's random initial values Q0 (Normal(0, 0.01²) from
the fit's seeded stream) are read from the service's trace of trial 1; everything else is this
file's own code. numpy and scipy are required: the test fails, never skips, without them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
import pytest
from scipy.optimize import minimize

from neuromod_client import BadRequest, NeuromodClient

DATA = Path(__file__).resolve().parents[2] / "examples" / "data" / "recorded_choices.csv"


def recorded_trials() -> List[Dict[str, Any]]:
    """The shipped subject's responded trials (missed ones neither learn nor score)."""
    with open(DATA, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [{"action": int(r["choice"]), "reward": float(r["reward"])} for r in rows if r["choice"] != ""]


def numpy_log_likelihood(params: np.ndarray, actions: np.ndarray, rewards: np.ndarray, q0: np.ndarray) -> float:
    learning_rate, temperature = params
    q = q0.astype(float).copy()
    total = 0.0
    for action, reward in zip(actions, rewards):
        z = q / temperature
        z = z - z.max()
        total += z[action] - np.log(np.exp(z).sum())
        q[action] += learning_rate * (reward - q[action])
    return float(total)


def test_boltzmann_fit_agrees_with_scipy_on_an_independent_likelihood(client: NeuromodClient) -> None:
    trials = recorded_trials()
    bounds = {"learningRate": (0.01, 0.99), "temperature": (0.01, 5.0)}
    seen: List[int] = []
    fit = client.fit(
        "boltzmann",
        [{"label": "recorded", "arms": 2, "trials": trials}],
        free={name: {"minimum": lo, "maximum": hi} for name, (lo, hi) in bounds.items()},
        starts=5,
        seed=3,
        progress=lambda done, total: seen.append(done),
    )
    assert fit["status"] == "done"
    result = fit["results"][0]
    trace = fit["traces"]["recorded"]["trials"]
    q0 = np.array(trace[0]["signals"]["values"])
    actions = np.array([t["action"] for t in trials])
    rewards = np.array([t["reward"] for t in trials])

    best = None
    for start in ([0.3, 0.3], [0.7, 0.1], [0.1, 1.0]):
        candidate = minimize(
            lambda p: -numpy_log_likelihood(p, actions, rewards, q0),
            np.array(start),
            method="L-BFGS-B",
            bounds=[bounds["learningRate"], bounds["temperature"]],
            options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10000},
        )
        if best is None or candidate.fun < best.fun:
            best = candidate
    assert best is not None and best.success

    service = np.array([result["estimates"]["learningRate"]["value"], result["estimates"]["temperature"]["value"]])
    assert np.all(np.abs(service - best.x) <= 1e-3 * np.abs(best.x)), (service, best.x)
    assert abs(result["logLikelihood"] - (-best.fun)) <= 1e-6, (result["logLikelihood"], -best.fun)
    # The service's own likelihood at scipy's optimum, by the numpy code: the same function.
    assert abs(numpy_log_likelihood(service, actions, rewards, q0) - result["logLikelihood"]) <= 1e-9
    assert result["estimates"]["temperature"]["standardError"] > 0
    assert len(trace) == len(trials)
    assert seen, "progress was reported"


def test_fit_returns_per_trial_learning_rate_and_temperature_of_the_neuromodulated_agent(
    client: NeuromodClient,
) -> None:
    trials = recorded_trials()[:120]
    fit = client.fit(
        "neuromodulated",
        [{"label": "m", "arms": 2, "trials": trials}],
        free={"surpriseScale": {"minimum": 0.001, "maximum": 2}, "lapse": {"minimum": 0, "maximum": 0.5}},
        starts=2,
        seed=1,
    )
    trace = fit["traces"]["m"]
    assert set(trace["parameters"]) == {"surpriseScale", "lapse"}
    signals = [t["signals"] for t in trace["trials"]]
    assert all(s["learningRate"] is not None and 0 <= s["learningRate"] <= 1 for s in signals)
    assert all(s["temperature"] > 0 for s in signals)
    csv_text = client.fit_traces_csv(fit["id"], "m")
    assert csv_text.splitlines()[0].startswith("trial,action,reward")
    assert len(csv_text.splitlines()) == 121


def test_bad_fit_requests_are_refused_with_a_problem(client: NeuromodClient) -> None:
    with pytest.raises(BadRequest):
        client.start_fit("boltzmann", [{"label": "a", "arms": 2, "trials": [{"action": 5, "reward": 1}]}])
    with pytest.raises(BadRequest):
        client.start_fit("boltzmann", [], free={"temperature": {}})
