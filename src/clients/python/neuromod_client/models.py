"""Typed views of the service's JSON answers.

Each dataclass keeps the fields the HTTP contract pins, converted to Python names, and
the complete answer in ``raw`` so that fields added by newer service versions are never
lost. Latent signals an agent does not define (for example the uncertainties of a
Boltzmann agent) are ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

__all__ = [
    "Signals",
    "Decision",
    "Feedback",
    "Session",
    "SessionPage",
    "TrialPage",
    "BatchResult",
    "AgentType",
    "AgentParameter",
]


def _number(value: Any) -> Optional[float]:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Signals:
    """An agent's latent quantities (src/docs/algorithms.md#framework).

    Attributes:
        learning_rate: acetylcholine, the learning rate α.
        temperature: noradrenaline, the softmax temperature T = 1/β, stimulation included.
        expected_uncertainty: the aleatoric uncertainty A.
        unexpected_uncertainty: the epistemic uncertainty E.
        values: the agent's value estimate per arm.
    """

    learning_rate: Optional[float]
    temperature: Optional[float]
    expected_uncertainty: Optional[float]
    unexpected_uncertainty: Optional[float]
    values: List[Optional[float]]

    @classmethod
    def from_json(cls, document: Optional[Mapping[str, Any]]) -> "Signals":
        document = document or {}
        return cls(
            learning_rate=_number(document.get("learningRate")),
            temperature=_number(document.get("temperature")),
            expected_uncertainty=_number(document.get("expectedUncertainty")),
            unexpected_uncertainty=_number(document.get("unexpectedUncertainty")),
            values=[_number(v) for v in document.get("values") or []],
        )


@dataclass(frozen=True)
class Decision:
    """The answer to ``act``: the trial the agent opened and the arm it chose.

    Attributes:
        trial: the trial number (1, 2, 3... per session); send it back with ``feedback``.
        action: the chosen arm, a 0-based index.
        probabilities: the policy π over the arms the action was drawn from.
        signals: the agent's signals at the start of this trial.
        raw: the complete JSON answer.
    """

    trial: int
    action: int
    probabilities: List[float]
    signals: Signals
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @property
    def probability(self) -> float:
        """The probability of the chosen action under the policy."""
        return self.probabilities[self.action]

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "Decision":
        return cls(
            trial=int(document["trial"]),
            action=int(document["action"]),
            probabilities=[float(p) for p in document.get("probabilities") or []],
            signals=Signals.from_json(document.get("signals")),
            raw=document,
        )


@dataclass(frozen=True)
class Feedback:
    """The answer to ``feedback``: what the agent learned from the trial's outcome.

    Attributes:
        trial: the trial this feedback closed.
        action: the action learned from (the subject's own action in shadow mode).
        reward: the reward, or ``None`` for a no-response trial (nothing learned).
        prediction_error: δ = r − Q of the learned action (``None`` without learning).
        action_probability: the model's probability of ``action`` before learning; the
            basis of the log-likelihood in shadow mode.
        log_likelihood: the running sum of log action probabilities over the session.
        signals: the agent's signals after learning.
        raw: the complete JSON answer.
    """

    trial: int
    action: int
    reward: Optional[float]
    prediction_error: Optional[float]
    action_probability: Optional[float]
    log_likelihood: Optional[float]
    signals: Signals
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "Feedback":
        return cls(
            trial=int(document["trial"]),
            action=int(document["action"]),
            reward=_number(document.get("reward")),
            prediction_error=_number(document.get("predictionError")),
            action_probability=_number(document.get("actionProbability")),
            log_likelihood=_number(document.get("logLikelihood")),
            signals=Signals.from_json(document.get("signals")),
            raw=document,
        )


@dataclass(frozen=True)
class Session:
    """A session: one agent, its settings and how many trials it has seen.

    Attributes:
        id: the session id, used in every other call.
        agent: the agent type's name (see ``NeuromodClient.agents()``).
        arms: the number of arms.
        parameters: every parameter, defaults filled in by the service.
        seed: the random seed (chosen by the service if none was given).
        labels: free-form labels such as ``{"subject": "m17", "rig": "box3"}``.
        trials: the number of trials so far.
        created_at: the creation time as the service wrote it (ISO 8601).
        raw: the complete JSON answer.
    """

    id: str
    agent: str
    arms: int
    parameters: Dict[str, Any]
    seed: Optional[int]
    labels: Dict[str, str]
    trials: int
    created_at: Optional[str]
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "Session":
        seed = document.get("seed")
        return cls(
            id=str(document["id"]),
            agent=str(document["agent"]),
            arms=int(document["arms"]),
            parameters=dict(document.get("parameters") or {}),
            seed=None if seed is None else int(seed),
            labels=dict(document.get("labels") or {}),
            trials=int(document.get("trials") or 0),
            created_at=document.get("createdAt"),
            raw=document,
        )


@dataclass(frozen=True)
class SessionPage:
    """One page of ``GET /sessions``: ``items`` and the ``total`` number matching."""

    items: List[Session]
    total: int
    raw: Dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class TrialPage:
    """One page of a session's trial log.

    ``items`` are the rows as the service sends them (dicts with camelCase keys: trial,
    action, proposedAction, reward, predictionError, actionProbability, the signals,
    stimulation, the client's metadata and the server's timestamps); ``total`` is the
    number of trials in the session.
    """

    items: List[Dict[str, Any]]
    total: int
    raw: Dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class BatchResult:
    """The answer to ``batch``: the batch's trials, applied now or (for a repeated batch)
    before.

    Attributes:
        first_trial: the number of the batch's first trial.
        trials: the batch's trials as rows of the trial log (dicts with camelCase keys, as
            in :class:`TrialPage`), in order.
        log_likelihood: the session's running log-likelihood right after the batch.
        trial_count: the session's number of trials right after the batch (its last trial).
        raw: the complete JSON answer.
    """

    first_trial: int
    trials: List[Dict[str, Any]]
    log_likelihood: float
    trial_count: int
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @property
    def next_trial(self) -> int:
        """The ``first_trial`` of the batch that follows this one."""
        return self.trial_count + 1

    @property
    def actions(self) -> List[int]:
        """The arm taken on each trial of the batch."""
        return [int(row["action"]) for row in self.trials]

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "BatchResult":
        return cls(
            first_trial=int(document["firstTrial"]),
            trials=list(document["trials"]),
            log_likelihood=float(document["logLikelihood"]),
            trial_count=int(document["trialCount"]),
            raw=document,
        )


@dataclass(frozen=True)
class AgentParameter:
    """One parameter of an agent type, with its default and valid range."""

    name: str
    default: Any
    minimum: Optional[float]
    maximum: Optional[float]
    description: str
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "AgentParameter":
        return cls(
            name=str(document["name"]),
            default=document.get("default"),
            minimum=_number(document.get("minimum")),
            maximum=_number(document.get("maximum")),
            description=str(document.get("description") or ""),
            raw=document,
        )


@dataclass(frozen=True)
class AgentType:
    """An agent type the service offers (``GET /agents``)."""

    name: str
    description: str
    parameters: List[AgentParameter]
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, document: Dict[str, Any]) -> "AgentType":
        return cls(
            name=str(document["name"]),
            description=str(document.get("description") or ""),
            parameters=[AgentParameter.from_json(p) for p in document.get("parameters") or []],
            raw=document,
        )
