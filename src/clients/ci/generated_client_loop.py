"""A whole trial loop through a client generated from the served /v3/api-docs, unedited.

Run by api-conformance.sh with the client openapi-generator's ``python`` generator made (default
options, package ``openapi_client``) on PYTHONPATH:

    PYTHONPATH=/path/to/generated python3 generated_client_loop.py http://127.0.0.1:8080

Each step checks what the service answered, as the generated models read it; any failure raises.
"""

from __future__ import annotations

import sys

import openapi_client
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api.experiments_api import ExperimentsApi
from openapi_client.api.sessions_api import SessionsApi
from openapi_client.api.trials_api import TrialsApi
from openapi_client.exceptions import ConflictException, NotFoundException
from openapi_client.models.act import Act
from openapi_client.models.batch import Batch
from openapi_client.models.batch_step import BatchStep
from openapi_client.models.create_session import CreateSession
from openapi_client.models.experiment_agent import ExperimentAgent
from openapi_client.models.feedback import Feedback
from openapi_client.models.run_experiment import RunExperiment

TRIALS = 30


def step(name: str) -> None:
    print(f"  ok  {name}", flush=True)


def main(url: str) -> None:
    configuration = openapi_client.Configuration(host=url)
    with openapi_client.ApiClient(configuration) as client:
        agents = AgentsApi(client).agents()
        assert any(agent.name == "neuromodulated" for agent in agents), [a.name for a in agents]
        step(f"agents: {len(agents)} types")

        sessions = SessionsApi(client)
        trials = TrialsApi(client)
        session = sessions.create(
            CreateSession(agent="neuromodulated", arms=2, seed=7, labels={"subject": "generated"})
        )
        assert session.arms == 2 and session.trials == 0 and session.open_trial is None, session
        step(f"create: session {session.id}")

        rewarded = 0
        for trial in range(1, TRIALS + 1):
            decision = trials.act(str(session.id), Act(stimulation=0.0, metadata={"n": trial}))
            assert decision.trial == trial, decision
            assert len(decision.probabilities) == 2 and 0 < decision.probabilities[decision.action] <= 1, decision
            reward = 1.0 if decision.action == trial % 2 else 0.0
            rewarded += int(reward)
            outcome = trials.feedback(str(session.id), Feedback(trial=trial, reward=reward))
            assert outcome.trial == trial and outcome.reward == reward, outcome
        step(f"act and feedback: {TRIALS} trials, {rewarded} rewarded")

        decision = trials.act(str(session.id))
        other = 1 - decision.action
        shadow = trials.feedback(
            str(session.id), Feedback(trial=decision.trial, reward=1.0, action=other)
        )
        assert shadow.action == other, shadow
        step(f"shadow feedback: trial {shadow.trial} learned from arm {other}")

        decision = trials.act(str(session.id))
        no_response = trials.feedback(str(session.id), Feedback(trial=decision.trial, reward=None))
        assert no_response.reward is None, no_response
        step(f"no-response feedback: trial {no_response.trial}")

        open_trial = trials.act(str(session.id))
        page = trials.trials(str(session.id), offset=0, limit=1000)
        assert page.total == TRIALS + 3 and len(page.items) == TRIALS + 3, page.total
        assert page.items[-1].signals_after_feedback is None and page.items[-1].trial == open_trial.trial
        assert page.items[0].signals_after_feedback is not None
        step(f"trials page: {page.total} trials, the last one open")

        try:
            trials.feedback(str(session.id), Feedback(trial=open_trial.trial + 5, reward=1.0))
            raise AssertionError("feedback for a trial far ahead was accepted")
        except ConflictException as conflict:
            assert conflict.status == 409, conflict
            assert conflict.data.type == "/problems/unexpected-trial", conflict.data
            step(f"409 as ConflictException: {conflict.data.type}, {conflict.data.detail}")
        trials.feedback(str(session.id), Feedback(trial=open_trial.trial, reward=0.0))

        sessions_page = sessions.list(label=["subject:generated"])
        assert [s.id for s in sessions_page.items] == [session.id], sessions_page
        step(f"sessions list: {sessions_page.total} with label subject:generated")

        simulated = sessions.create(CreateSession(agent="boltzmann", arms=3, seed=11))
        steps = [BatchStep(rewards=[1.0 if arm == i % 3 else 0.0 for arm in range(3)]) for i in range(50)]
        steps.append(BatchStep(action=2, reward=1.0))
        batch = trials.batch(str(simulated.id), Batch(first_trial=1, steps=steps))
        assert batch.first_trial == 1 and len(batch.trials) == 51, batch.first_trial
        again = trials.batch(str(simulated.id), Batch(first_trial=1, steps=steps))
        assert [t.trial for t in again.trials] == [t.trial for t in batch.trials]
        step(f"batch: {len(batch.trials)} trials, resent and answered from the store")

        report = ExperimentsApi(client).run(
            RunExperiment(
                environment="paper-bandit",
                environment_parameters={"blocks": 2, "blockLength": 50},
                seeds=3,
                seed=5,
                agents=[ExperimentAgent(agent="boltzmann"), ExperimentAgent(label="nm", agent="neuromodulated")],
            )
        )
        assert [result.label for result in report.results] == ["boltzmann", "nm"], report.results
        step(f"experiment: {len(report.results)} agents over {report.seeds} seeds")

        sessions.delete(str(simulated.id))
        try:
            sessions.get(str(simulated.id))
            raise AssertionError("a deleted session was found")
        except NotFoundException as missing:
            assert missing.data.type == "/problems/session-not-found", missing.data
        step("delete: the session is gone (NotFoundException)")
    print("generated client: the whole trial loop passed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generated_client_loop.py SERVICE_URL")
    main(sys.argv[1])
