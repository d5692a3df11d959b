"""Python client for the neuromod-agents service.

Standard library only. Start with :class:`NeuromodClient`::

    from neuromod_client import NeuromodClient

    client = NeuromodClient("http://localhost:8080")
    session = client.create_session("neuromodulated", arms=2)
    decision = client.act(session)
    client.feedback(session, decision.trial, reward=1.0)
"""

from .client import NeuromodClient, SessionRef
from .errors import (
    BadRequest,
    Conflict,
    ExperimentFailed,
    NeuromodError,
    NotFound,
    ProblemError,
    ServiceUnreachable,
    problem_from_response,
)
from .models import (
    AgentParameter,
    AgentType,
    BatchResult,
    Decision,
    Feedback,
    Session,
    SessionPage,
    Signals,
    TrialPage,
)
from .events import TrialEvent

__version__ = "0.1.0"

__all__ = [
    "NeuromodClient",
    "SessionRef",
    "NeuromodError",
    "ServiceUnreachable",
    "ProblemError",
    "BadRequest",
    "NotFound",
    "Conflict",
    "ExperimentFailed",
    "problem_from_response",
    "Signals",
    "Decision",
    "Feedback",
    "Session",
    "SessionPage",
    "TrialPage",
    "BatchResult",
    "AgentType",
    "AgentParameter",
    "TrialEvent",
]
