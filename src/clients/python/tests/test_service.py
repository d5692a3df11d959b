"""The client against a live service: the trial loop, shadow mode, no-response trials,
trial metadata in the log and CSV, and every error path of the contract."""

from __future__ import annotations

import csv
import io
import json
import math
import uuid
from typing import Dict

import pytest

from neuromod_client import (
    BadRequest,
    Conflict,
    ExperimentFailed,
    NeuromodClient,
    NotFound,
    ProblemError,
    Session,
)


def new_session(client: NeuromodClient, agent: str = "boltzmann", arms: int = 3, **kwargs) -> Session:
    labels: Dict[str, str] = {"suite": "python-client", "run": uuid.uuid4().hex[:12]}
    labels.update(kwargs.pop("labels", {}))
    return client.create_session(agent, arms, seed=kwargs.pop("seed", 11), labels=labels, **kwargs)


# ---------------------------------------------------------------------------- happy path


def test_agents_describe_their_parameters(client: NeuromodClient) -> None:
    agents = {agent.name: agent for agent in client.agents()}
    assert "boltzmann" in agents
    boltzmann = agents["boltzmann"]
    assert boltzmann.description
    parameters = {parameter.name: parameter for parameter in boltzmann.parameters}
    assert parameters["temperature"].default == 0.25
    assert parameters["learningRate"].minimum == 0 and parameters["learningRate"].maximum == 1


def test_a_session_is_created_read_listed_and_deleted(client: NeuromodClient) -> None:
    session = new_session(client, parameters={"temperature": 0.5}, labels={"subject": "m17"})
    assert session.agent == "boltzmann" and session.arms == 3 and session.seed == 11
    assert session.parameters == {"temperature": 0.5, "learningRate": 0.25, "stimulationGain": 1.0}
    assert session.labels["subject"] == "m17"
    assert session.trials == 0

    assert client.get_session(session.id) == session

    page = client.list_sessions(labels={"run": session.labels["run"]})
    assert page.total == 1
    assert [item.id for item in page.items] == [session.id]

    client.delete_session(session)
    with pytest.raises(NotFound):
        client.get_session(session)


def test_the_service_chooses_and_reports_a_seed_when_none_is_given(client: NeuromodClient) -> None:
    session = client.create_session("boltzmann", 2)
    assert isinstance(session.seed, int)
    client.delete_session(session)


def test_a_trial_loop_runs_and_the_log_likelihood_is_the_running_sum(client: NeuromodClient) -> None:
    session = new_session(client, arms=3)
    log_likelihood = 0.0
    for expected_trial in range(1, 31):
        decision = client.act(session)
        assert decision.trial == expected_trial
        assert 0 <= decision.action < 3
        assert math.isclose(sum(decision.probabilities), 1.0, rel_tol=1e-9)
        reward = 1.0 if decision.action == 2 else 0.0
        feedback = client.feedback(session, decision.trial, reward)
        assert feedback.trial == decision.trial and feedback.action == decision.action
        assert feedback.reward == reward
        assert math.isclose(feedback.action_probability, decision.probability, rel_tol=1e-12)
        log_likelihood += math.log(decision.probability)
        assert math.isclose(feedback.log_likelihood, log_likelihood, rel_tol=1e-9)
        assert feedback.prediction_error is not None
    assert client.get_session(session).trials == 30


def test_the_same_seed_gives_the_same_actions(client: NeuromodClient) -> None:
    def actions(session: Session) -> list:
        chosen = []
        for _ in range(15):
            decision = client.act(session)
            chosen.append(decision.action)
            client.feedback(session, decision.trial, float(decision.action == 0))
        return chosen

    assert actions(new_session(client, seed=99)) == actions(new_session(client, seed=99))


def test_acting_again_on_an_open_trial_answers_the_same_trial(client: NeuromodClient) -> None:
    session = new_session(client)
    first = client.act(session)
    again = client.act(session)
    assert again == first
    assert client.get_session(session).trials == 1


def test_repeated_feedback_answers_the_stored_result_and_is_applied_once(client: NeuromodClient) -> None:
    session = new_session(client)
    decision = client.act(session)
    first = client.feedback(session, decision.trial, 1.0)
    repeated = client.feedback(session, decision.trial, 1.0)
    assert repeated == first
    assert client.act(session).trial == 2


def test_stimulation_raises_the_temperature_and_is_stored(client: NeuromodClient) -> None:
    session = new_session(client, parameters={"temperature": 0.25})
    decision = client.act(session, stimulation=0.5)
    assert math.isclose(decision.signals.temperature, 0.75, rel_tol=1e-12)
    client.feedback(session, decision.trial, 0.0)
    row = client.trials(session).items[0]
    assert row["stimulation"] == 0.5


def test_a_no_response_trial_closes_without_learning(client: NeuromodClient) -> None:
    session = new_session(client)
    decision = client.act(session)
    before = decision.signals.values
    feedback = client.feedback(session, decision.trial, None)
    assert feedback.trial == decision.trial
    assert feedback.reward is None
    assert feedback.prediction_error is None
    assert feedback.signals.values == before
    assert client.act(session).trial == decision.trial + 1
    assert client.trials(session).items[0]["reward"] is None


# ---------------------------------------------------------------------------- shadow mode


def test_shadow_feedback_learns_from_the_subjects_action(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    decision = client.act(session)
    subject = 1 - decision.action
    feedback = client.feedback(session, decision.trial, 1.0, action=subject)
    assert feedback.action == subject
    assert math.isclose(feedback.action_probability, decision.probabilities[subject], rel_tol=1e-12)
    assert math.isclose(feedback.log_likelihood, math.log(decision.probabilities[subject]), rel_tol=1e-9)
    assert feedback.signals.values[subject] > decision.signals.values[subject]
    row = client.trials(session).items[0]
    assert row["action"] == subject and row["proposedAction"] == decision.action


def test_shadow_feedback_without_act_records_the_subjects_own_trials(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    choices = [(0, 1.0), (0, 0.0), (1, 1.0), (1, 1.0)]
    total = 0.0
    for trial, (action, reward) in enumerate(choices, start=1):
        feedback = client.feedback(session, trial, reward, action=action)
        assert feedback.trial == trial and feedback.action == action
        total += math.log(feedback.action_probability)
        assert math.isclose(feedback.log_likelihood, total, rel_tol=1e-9)
    page = client.trials(session)
    assert page.total == 4
    assert [row["action"] for row in page.items] == [0, 0, 1, 1]
    assert all(row["proposedAction"] is None for row in page.items)


# ---------------------------------------------------------------------------- batches


def _without_times(row: Dict) -> Dict:
    return {key: value for key, value in row.items() if key not in ("actedAt", "closedAt")}


def test_a_batch_runs_its_steps_and_the_log_has_them(client: NeuromodClient) -> None:
    session = new_session(client, arms=3)
    steps = [
        {"rewards": [0.0, 1.0, 0.5]},
        {"rewards": [1.0, 0.0, 0.0], "stimulation": 0.05, "metadata": {"block": 2}},
        {"action": 2, "reward": 1.0},
        [0.25, 0.5, 0.75],
    ]
    result = client.batch(session, steps, first_trial=1)
    assert result.first_trial == 1 and result.trial_count == 4 and result.next_trial == 5
    assert [row["trial"] for row in result.trials] == [1, 2, 3, 4]
    table = [steps[0]["rewards"], steps[1]["rewards"], None, steps[3]]
    for row, rewards in zip(result.trials, table):
        if rewards is not None:
            assert row["reward"] == rewards[row["action"]]
            assert row["proposedAction"] == row["action"]
    assert result.trials[1]["stimulation"] == 0.05
    assert result.trials[1]["actMetadata"] == {"block": 2}
    assert result.trials[2]["action"] == 2 and result.trials[2]["proposedAction"] is None
    assert math.isclose(
        result.log_likelihood, sum(math.log(row["actionProbability"]) for row in result.trials), rel_tol=1e-9
    )
    assert client.trials(session).items == result.trials
    assert client.get_session(session).trials == 4
    assert len(list(csv.DictReader(io.StringIO(client.trials_csv(session))))) == 4


def test_a_batch_gives_the_trials_of_the_same_steps_sent_one_by_one(client: NeuromodClient) -> None:
    batched = new_session(client, agent="neuromodulated", arms=3, seed=5)
    twin = new_session(client, agent="neuromodulated", arms=3, seed=5)
    steps = []
    for i in range(30):
        if i % 4 == 3:
            steps.append({"action": i % 3, "reward": 0.5 * (i % 2)})
        else:
            steps.append({"rewards": [(i * 7 % 5) / 5, (i * 3 % 4) / 4, 0.5]})

    result = client.batch(batched, steps, first_trial=1)
    for number, step in enumerate(steps, start=1):
        if "rewards" in step:
            decision = client.act(twin)
            client.feedback(twin, decision.trial, step["rewards"][decision.action])
        else:
            client.feedback(twin, number, step["reward"], action=step["action"])

    one_by_one = list(client.iter_trials(twin))
    assert [_without_times(row) for row in result.trials] == [_without_times(row) for row in one_by_one]
    assert client.get_session(batched).raw["logLikelihood"] == client.get_session(twin).raw["logLikelihood"]


def test_a_repeated_batch_answers_the_same_and_applies_nothing(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    steps = [[1.0, 0.0], {"action": 1, "reward": 0.5}]
    first = client.batch(session, steps, first_trial=1)
    again = client.batch(session, steps, first_trial=1)
    assert again.raw == first.raw
    assert client.get_session(session).trials == 2
    assert client.batch(session, steps, first_trial=first.next_trial).first_trial == 3


def test_a_different_batch_at_the_same_first_trial_is_a_conflict(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    client.batch(session, [{"action": 0, "reward": 1.0}], first_trial=1)
    with pytest.raises(Conflict) as raised:
        client.batch(session, [{"action": 1, "reward": 1.0}], first_trial=1)
    assert raised.value.type == "/problems/batch-conflict"
    assert raised.value["expectedTrial"] == 2
    with pytest.raises(Conflict):
        client.batch(session, [{"action": 1, "reward": 1.0}], first_trial=5)
    client.act(session)
    with pytest.raises(Conflict) as open_trial:
        client.batch(session, [{"action": 1, "reward": 1.0}], first_trial=3)
    assert open_trial.value["openTrial"] == 2
    assert client.get_session(session).trials == 2


def test_an_invalid_batch_is_a_bad_request_naming_the_step(client: NeuromodClient) -> None:
    session = new_session(client, arms=3)
    with pytest.raises(BadRequest) as raised:
        client.batch(session, [[0.0, 1.0, 0.5], [0.0, 1.0], {"action": 3, "reward": 1.0}], first_trial=1)
    errors = raised.value["errors"]
    assert any(error.startswith("steps[1]: ") for error in errors)
    assert any(error.startswith("steps[2]: ") for error in errors)
    assert client.get_session(session).trials == 0


# ---------------------------------------------------------------------------- trial log


def test_rig_metadata_comes_back_in_the_trial_log_and_csv(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    act_metadata = {"rigTrialId": "box3-000017", "itiStart": 12.5, "ttl": 4096}
    feedback_metadata = {"outcomeTime": 13.25, "lickCount": 4, "rewarded": True}
    decision = client.act(session, metadata=act_metadata)
    client.feedback(session, decision.trial, 1.0, metadata=feedback_metadata)
    row = client.trials(session).items[0]
    assert row["actMetadata"] == act_metadata
    assert row["feedbackMetadata"] == feedback_metadata
    assert row["actedAt"] and row["closedAt"], "the service's own timestamps are missing"

    rows = list(csv.DictReader(io.StringIO(client.trials_csv(session))))
    assert len(rows) == 1
    assert json.loads(rows[0]["actMetadata"]) == act_metadata
    assert json.loads(rows[0]["feedbackMetadata"]) == feedback_metadata
    assert rows[0]["actedAt"] == row["actedAt"] and rows[0]["closedAt"] == row["closedAt"]


def test_trials_are_paged_and_iterated_in_order(client: NeuromodClient) -> None:
    session = new_session(client)
    for _ in range(7):
        decision = client.act(session)
        client.feedback(session, decision.trial, 0.5)
    page = client.trials(session, offset=2, limit=3)
    assert page.total == 7
    assert [row["trial"] for row in page.items] == [3, 4, 5]
    assert [row["trial"] for row in client.iter_trials(session, page_size=2)] == list(range(1, 8))


def test_the_csv_has_a_header_and_one_row_per_trial(client: NeuromodClient) -> None:
    session = new_session(client)
    for _ in range(3):
        decision = client.act(session, stimulation=0.1)
        client.feedback(session, decision.trial, 1.0)
    rows = list(csv.DictReader(io.StringIO(client.trials_csv(session))))
    assert [int(row["trial"]) for row in rows] == [1, 2, 3]
    header = set(rows[0])
    for column in ("action", "reward", "stimulation"):
        assert column in header, f"{column} missing from the CSV header {sorted(header)}"


# ---------------------------------------------------------------------------- errors


def test_an_unknown_session_is_not_found_everywhere(client: NeuromodClient) -> None:
    missing = "no-such-session-" + uuid.uuid4().hex
    calls = [
        lambda: client.get_session(missing),
        lambda: client.act(missing),
        lambda: client.feedback(missing, 1, 1.0),
        lambda: client.trials(missing),
        lambda: client.delete_session(missing),
    ]
    types = set()
    for call in calls:
        with pytest.raises(NotFound) as raised:
            call()
        assert raised.value.status == 404
        assert raised.value.title
        types.add(raised.value.type)
    assert len(types) == 1, f"one stable problem type expected, got {types}"


def test_feedback_for_a_trial_that_is_not_open_is_a_conflict(client: NeuromodClient) -> None:
    session = new_session(client)
    decision = client.act(session)
    with pytest.raises(Conflict) as raised:
        client.feedback(session, decision.trial + 5, 1.0)
    error = raised.value
    assert error.status == 409
    assert error.type != "about:blank"
    assert str(decision.trial) in (error.detail or "")
    assert error["expectedTrial"] == decision.trial


def test_a_different_payload_for_a_closed_trial_is_a_conflict(client: NeuromodClient) -> None:
    session = new_session(client)
    decision = client.act(session)
    client.feedback(session, decision.trial, 1.0)
    with pytest.raises(Conflict) as raised:
        client.feedback(session, decision.trial, 0.0)
    assert raised.value.status == 409


@pytest.mark.parametrize(
    ("agent", "arms", "parameters"),
    [
        ("no-such-agent", 2, None),
        ("boltzmann", 0, None),
        ("boltzmann", 2, {"temperature": -1.0}),
        ("boltzmann", 2, {"noSuchParameter": 1.0}),
    ],
)
def test_invalid_sessions_are_rejected(client: NeuromodClient, agent, arms, parameters) -> None:
    with pytest.raises(BadRequest) as raised:
        client.create_session(agent, arms, parameters=parameters)
    assert raised.value.status == 400
    assert raised.value.type != "about:blank"
    assert raised.value.detail


def test_an_action_outside_the_arms_is_rejected(client: NeuromodClient) -> None:
    session = new_session(client, arms=2)
    decision = client.act(session)
    with pytest.raises(BadRequest):
        client.feedback(session, decision.trial, 1.0, action=2)
    assert client.feedback(session, decision.trial, 1.0).trial == decision.trial


def test_problems_are_problem_errors_with_stable_types(client: NeuromodClient) -> None:
    session = new_session(client)
    with pytest.raises(ProblemError) as first:
        client.create_session("boltzmann", -3)
    with pytest.raises(ProblemError) as second:
        client.create_session("boltzmann", 2, parameters={"learningRate": 7})
    assert first.value.type == second.value.type
    with pytest.raises(ProblemError) as conflict:
        client.feedback(session, 3, 1.0)
    assert conflict.value.type != first.value.type


# ---------------------------------------------------------------------------- experiments


def test_an_experiment_reports_each_agent(client: NeuromodClient) -> None:
    result = client.run_experiment(
        "reversal",
        [{"label": "bz", "agent": "boltzmann", "parameters": {}}],
        seeds=2,
        seed=1,
        timeout=300,
        environmentParameters={"blocks": 2, "blockLength": 100},
    )
    [entry] = result["results"]
    assert entry["label"] == "bz" and entry["agent"] == "boltzmann"
    assert entry["cumulativeRegret"]["mean"] >= 0
    assert 0 <= entry["bestArmFraction"]["mean"] <= 1


EXPERIMENT_AGENTS = [{"label": "bz", "agent": "boltzmann"}, {"label": "ucb", "agent": "discounted-ucb"}]
SMALL_REVERSAL = {"blocks": 2, "blockLength": 100}


def test_an_experiment_waited_for_as_a_job_reports_the_synchronous_results(client: NeuromodClient) -> None:
    documents = []
    run = client.run_experiment(
        "reversal",
        EXPERIMENT_AGENTS,
        seeds=3,
        seed=5,
        wait=True,
        progress=documents.append,
        poll_interval=0.1,
        environmentParameters=SMALL_REVERSAL,
    )
    synchronous = client.run_experiment(
        "reversal", EXPERIMENT_AGENTS, seeds=3, seed=5, timeout=300, environmentParameters=SMALL_REVERSAL
    )
    assert run["status"] == "done"
    assert run["progress"] == {"done": 3, "total": 3}
    assert run["results"] == synchronous["results"]
    assert documents[0]["status"] in ("queued", "running", "done")
    assert documents[-1]["status"] == "done"
    summary = client.experiment_file(run["id"], "summary.csv").decode("utf-8")
    assert summary.splitlines()[0].startswith("label,")
    assert client.experiment_file(run["id"], "regret.png")[:4] == b"\x89PNG"


def test_waiting_shows_a_progress_line(client: NeuromodClient, capsys: pytest.CaptureFixture[str]) -> None:
    client.run_experiment(
        "reversal", EXPERIMENT_AGENTS, seeds=2, seed=1, wait=True, poll_interval=0.1,
        environmentParameters=SMALL_REVERSAL,
    )
    line = capsys.readouterr().err.split("\r")[-1]
    assert "2/2 seeds" in line and "done" in line and line.endswith("\n")


def test_ctrl_c_while_waiting_cancels_the_run(client: NeuromodClient) -> None:
    seen = []

    def interrupt_once_running(run: dict) -> None:
        seen.append(run)
        if run["status"] == "running":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        client.run_experiment(
            "paper-bandit",
            EXPERIMENT_AGENTS,
            seeds=1000,
            seed=2,
            wait=True,
            progress=interrupt_once_running,
            poll_interval=0.05,
        )
    assert client.experiment_run(seen[-1]["id"])["status"] == "cancelled"


def test_a_run_cancelled_elsewhere_raises_experiment_failed(client: NeuromodClient) -> None:
    def cancel_behind_the_clients_back(run: dict) -> None:
        if run["status"] in ("queued", "running"):
            client.cancel_experiment(run["id"])

    with pytest.raises(ExperimentFailed) as failure:
        client.run_experiment(
            "paper-bandit", EXPERIMENT_AGENTS, seeds=1000, seed=3, wait=True,
            progress=cancel_behind_the_clients_back, poll_interval=0.05,
        )
    assert failure.value.run["status"] == "cancelled"


def test_unknown_and_malformed_run_ids_are_problems(client: NeuromodClient) -> None:
    with pytest.raises(NotFound):
        client.experiment_run(str(uuid.uuid4()))
    with pytest.raises(BadRequest):
        client.experiment_run("not-a-run")


def test_an_experiment_over_the_synchronous_budget_says_to_go_asynchronous(client: NeuromodClient) -> None:
    with pytest.raises(BadRequest) as refused:
        client.run_experiment(
            "paper-bandit",
            [{"agent": "discounted-thompson"}],
            seeds=200,
            seed=1,
            environmentParameters={"arms": 1000},
        )
    assert refused.value.type.endswith("/over-budget")
    assert "respond-async" in refused.value.detail
