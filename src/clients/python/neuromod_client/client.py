"""The HTTP client of the neuromod-agents service.

One :class:`NeuromodClient` holds one persistent HTTP/1.1 (keep-alive) connection, so a
trial loop of thousands of ``act``/``feedback`` pairs pays the TCP handshake once.
Standard library only.
"""

from __future__ import annotations

import collections.abc
import http.client
import json
import numbers
import threading
import time
import urllib.parse
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import ServiceUnreachable, problem_from_response
from .events import TrialEvent, follow_events
from .models import AgentType, BatchResult, Decision, Feedback, Session, SessionPage, TrialPage

__all__ = ["NeuromodClient", "SessionRef"]

SessionRef = Union[str, Session]
"""A session given by its id or by a :class:`Session` returned earlier."""

_JSON = "application/json"
_ACCEPT_JSON = "application/json, application/problem+json"
_RETRYABLE_STATUSES = frozenset({502, 503, 504})
# A server closes an idle keep-alive connection without telling the client; the next
# request on it then fails in one of these ways before the server has read it.
_STALE_CONNECTION_ERRORS = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
)
_USER_AGENT = "neuromod-client-python/0.1"
# Another service instance changed the session at the same moment; nothing was applied.
_CONCURRENT_UPDATE = b"/problems/concurrent-update"


class _Answer:
    __slots__ = ("status", "reason", "content_type", "body")

    def __init__(self, status: int, reason: str, content_type: str, body: bytes) -> None:
        self.status = status
        self.reason = reason
        self.content_type = content_type
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class NeuromodClient:
    """A client for one neuromod-agents service.

    Example::

        from neuromod_client import NeuromodClient

        with NeuromodClient("http://localhost:8080") as client:
            session = client.create_session("neuromodulated", arms=2, labels={"subject": "m17"})
            for _ in range(100):
                decision = client.act(session)
                reward = run_trial(decision.action)          # your task
                client.feedback(session, decision.trial, reward)

    Retries. ``act`` and ``feedback`` are safe to repeat by design of the service: while
    a trial is open, ``act`` answers that same open trial (a retry never draws a second
    action), and a repeated ``feedback`` for a trial is applied once and answers the
    stored result; a batch is exactly-once by its ``first_trial`` in the same way. So
    these three, and the read-only calls and ``delete_session``, are retried on
    connection errors, timeouts, 502/503/504 answers and 409
    ``concurrent-update`` answers (another service instance changed the session at the
    same moment; nothing was applied), up to ``retries`` times with exponential backoff.
    ``create_session`` and ``run_experiment`` are not retried after a timeout (a retry
    could create a second session or run the experiment twice). Every call is resent
    once, at once, when the keep-alive connection turns out to have been closed by the
    server while idle (the request never reached it).

    A client is safe to share between threads (requests are serialised on its single
    connection); for parallel requests, use one client per thread.

    Args:
        base_url: the service's root, e.g. ``"http://localhost:8080"`` (a path prefix
            such as ``"http://host/neuromod"`` is kept).
        timeout: seconds to wait for connecting and for each answer.
        retries: extra attempts for a retryable call after a failure.
        backoff: seconds before the first retry; doubled for each further retry.
        headers: extra headers sent with every request (e.g. an ``Authorization`` header
            added by a reverse proxy's scheme).
    """

    def __init__(
        self,
        base_url: str = "http://localhost:8080",
        *,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.05,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"base_url must be an http(s) URL with a host, got {base_url!r}")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if retries < 0:
            raise ValueError("retries must not be negative")
        self.base_url = base_url.rstrip("/")
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self._scheme = parsed.scheme
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path.rstrip("/")
        self._headers = {"User-Agent": _USER_AGENT, **dict(headers or {})}
        self._connection: Optional[http.client.HTTPConnection] = None
        self._connection_used = False
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the keep-alive connection. The client reconnects if used again."""
        with self._lock:
            self._drop_connection()

    def __enter__(self) -> "NeuromodClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"NeuromodClient({self.base_url!r})"

    # ------------------------------------------------------------------ service

    def is_ready(self) -> bool:
        """Whether the service answers its readiness probe (database included)."""
        try:
            answer = self._send("GET", "/actuator/health/readiness", retryable=False)
        except ServiceUnreachable:
            return False
        return answer.status == 200

    def wait_until_ready(self, timeout: float = 60.0, interval: float = 0.25) -> None:
        """Block until :meth:`is_ready`; raise ``TimeoutError`` after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not self.is_ready():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{self.base_url} was not ready within {timeout} s")
            time.sleep(interval)

    def agents(self) -> List[AgentType]:
        """Every agent type the service offers, with its parameters, defaults and ranges."""
        return [AgentType.from_json(item) for item in self._call("GET", "/agents")]

    # ------------------------------------------------------------------ sessions

    def create_session(
        self,
        agent: str,
        arms: int,
        *,
        parameters: Optional[Mapping[str, Any]] = None,
        seed: Optional[int] = None,
        labels: Optional[Mapping[str, str]] = None,
    ) -> Session:
        """Create a session: a fresh agent of type ``agent`` for a task with ``arms`` arms.

        Args:
            agent: an agent type name, e.g. ``"neuromodulated"`` or ``"boltzmann"``.
            arms: the number of arms (actions are 0-based indices).
            parameters: parameter values; omitted ones take their defaults.
            seed: the random seed; the service chooses and reports one if omitted.
            labels: free-form string labels (subject, rig, ...) to find the session by.

        Raises:
            BadRequest: unknown agent, bad arm count, a parameter out of range.
        """
        body: Dict[str, Any] = {"agent": agent, "arms": arms}
        if parameters is not None:
            body["parameters"] = dict(parameters)
        if seed is not None:
            body["seed"] = seed
        if labels is not None:
            body["labels"] = dict(labels)
        return Session.from_json(self._call("POST", "/sessions", body, retryable=False))

    def list_sessions(
        self,
        *,
        labels: Optional[Mapping[str, str]] = None,
        offset: int = 0,
        limit: int = 100,
    ) -> SessionPage:
        """One page of sessions, newest first, optionally only those carrying every label
        in ``labels`` (e.g. ``{"subject": "m17"}``)."""
        query: List[Tuple[str, str]] = [("offset", str(offset)), ("limit", str(limit))]
        for name, value in (labels or {}).items():
            query.append(("label", f"{name}:{value}"))
        document = self._call("GET", "/sessions?" + urllib.parse.urlencode(query))
        return SessionPage(
            items=[Session.from_json(item) for item in document["items"]],
            total=int(document["total"]),
            raw=document,
        )

    def get_session(self, session: SessionRef) -> Session:
        """The session as it is now (its ``trials`` count included).

        Raises:
            NotFound: no such session.
        """
        return Session.from_json(self._call("GET", self._session_path(session)))

    def delete_session(self, session: SessionRef) -> None:
        """Delete a session and its trials.

        Raises:
            NotFound: no such session (also when a retried delete had already succeeded).
        """
        self._call("DELETE", self._session_path(session))

    # ------------------------------------------------------------------ trial loop

    def act(
        self,
        session: SessionRef,
        *,
        stimulation: Optional[float] = None,
        metadata: Optional[Mapping[str, Any]] = None,
    ) -> Decision:
        """Open the next trial and get the agent's action.

        If a trial is already open (acted on, no feedback yet), the service answers that
        same trial unchanged, so calling ``act`` again (or retrying it) never draws twice.

        Args:
            session: the session (id or :class:`Session`).
            stimulation: an additive offset on the softmax temperature for this trial
                (simulated optogenetic NA stimulation); stored with the trial.
            metadata: your own JSON object for this trial (rig timestamps, trial ids...);
                it comes back in the trial log and CSV.

        Raises:
            NotFound: no such session.
            BadRequest: a non-finite or out-of-range stimulation, malformed metadata.
        """
        body: Dict[str, Any] = {}
        if stimulation is not None:
            body["stimulation"] = stimulation
        if metadata is not None:
            body["metadata"] = dict(metadata)
        return Decision.from_json(self._call("POST", self._session_path(session, "/act"), body))

    def feedback(
        self,
        session: SessionRef,
        trial: int,
        reward: Optional[float],
        *,
        action: Optional[int] = None,
        metadata: Optional[Mapping[str, Any]] = None,
    ) -> Feedback:
        """Close a trial with its outcome; the agent learns from it.

        Args:
            session: the session (id or :class:`Session`).
            trial: the trial number from :meth:`act` (or, in shadow mode without ``act``,
                the session's next trial number).
            reward: the reward, or ``None`` for a no-response trial: the trial is closed
                and nothing is learned.
            action: shadow mode: the arm the subject actually took. The agent learns from
                it instead of its own proposal, and ``action_probability`` is the model's
                probability of that arm before learning.
            metadata: your own JSON object for this outcome (rig timestamps, ids...);
                it comes back in the trial log and CSV.

        Sending the same feedback again is harmless: it is applied once and answers the
        stored result.

        Raises:
            Conflict: ``trial`` is not the open (or, in shadow mode, the next) trial, or
                the trial was already closed with a different payload.
            NotFound: no such session.
            BadRequest: a non-finite reward, an arm out of range, malformed metadata.
        """
        body: Dict[str, Any] = {"trial": trial, "reward": reward}
        if action is not None:
            body["action"] = action
        if metadata is not None:
            body["metadata"] = dict(metadata)
        return Feedback.from_json(
            self._call("POST", self._session_path(session, "/feedback"), body)
        )

    def batch(
        self,
        session: SessionRef,
        steps: Sequence[Union[Mapping[str, Any], Sequence[float]]],
        first_trial: int,
        *,
        timeout: Optional[float] = None,
    ) -> BatchResult:
        """Run many trials in one request, for simulations (``POST /sessions/{id}/batch``).

        Each step is applied in order, exactly as ``act`` and ``feedback`` would apply it:

        - ``{"rewards": [r0, r1, ...]}`` (or just the list ``[r0, r1, ...]``): what every
          arm pays on this step, one reward per arm. The agent chooses an arm and learns
          its reward. Valid for environments whose outcomes do not depend on the agent's
          choices, such as a bandit whose rewards are drawn in advance.
        - ``{"action": a, "reward": r}``: a trial the subject chose on its own (shadow
          mode); the agent learns from arm ``a`` and reward ``r``.

        Either kind may carry ``"stimulation"`` and ``"metadata"`` as ``act`` does. Numbers
        of other numeric types (NumPy's, ``Fraction``) are converted to plain floats and
        ints.

        ``first_trial`` must be the session's next trial number (its trial count + 1; see
        ``BatchResult.next_trial``) and no trial may be open. It makes the batch
        exactly-once: sent again (as the client does after a lost answer), the same batch
        answers the stored trials and applies nothing. The batch is one transaction: all
        of it is applied or none.

        Args:
            session: the session (id or :class:`Session`).
            steps: the steps, at most the service's ``neuromod.limits.max-batch-steps``
                (10000 by default).
            first_trial: the number of the batch's first trial.
            timeout: seconds to wait for the answer; defaults to the client's timeout.

        Raises:
            Conflict: a trial is open, ``first_trial`` is not the next trial, or the
                session holds other trials there (``error["expectedTrial"]`` is the next
                trial number).
            BadRequest: an invalid step (the problem's ``errors`` name it, ``steps[i]``),
                too many steps, an arm outside the task.
            ProblemError: 413, the body is over ``neuromod.limits.max-batch-body-bytes``
                (4 MiB by default; a body megabytes over it may instead have its
                connection dropped, a ``ServiceUnreachable``): send fewer steps at a time.
        """
        body = {"firstTrial": first_trial, "steps": [_batch_step(step) for step in steps]}
        return BatchResult.from_json(
            self._call("POST", self._session_path(session, "/batch"), body, timeout=timeout)
        )

    # ------------------------------------------------------------------ trial log

    def trials(self, session: SessionRef, *, offset: int = 0, limit: int = 100) -> TrialPage:
        """One page of the session's trial log, oldest first, as dict rows."""
        query = urllib.parse.urlencode({"offset": offset, "limit": limit})
        document = self._call("GET", self._session_path(session, "/trials") + "?" + query)
        return TrialPage(
            items=list(document["items"]), total=int(document["total"]), raw=document
        )

    def iter_trials(self, session: SessionRef, *, page_size: int = 500) -> Iterator[Dict[str, Any]]:
        """Every trial of the session, oldest first, fetched page by page."""
        offset = 0
        while True:
            page = self.trials(session, offset=offset, limit=page_size)
            yield from page.items
            offset += len(page.items)
            if not page.items or offset >= page.total:
                return

    def follow(
        self,
        session: SessionRef,
        *,
        after: Optional[str] = None,
        read_timeout: float = 60.0,
        reconnect_delay: float = 1.0,
        max_reconnects: Optional[int] = 30,
    ) -> Iterator[TrialEvent]:
        """Follow the session live: a generator of its trial events as they happen.

        Every trial comes in order, once acted on (``closed`` false) and once closed, or
        only closed if it closed before it could be sent (a batch, or a reconnection).
        A dropped connection is resumed with ``Last-Event-ID`` after ``reconnect_delay``
        seconds, so nothing is missed or repeated; ``after`` resumes from a saved event
        id. The generator ends when the session is deleted; close it (or ``break``) to
        stop following. ``read_timeout`` must exceed the service's heartbeat (15 s)::

            for event in client.follow(session):
                print(event.trial, event.record["action"], event.record["reward"])
        """
        return follow_events(
            self._scheme,
            self._host,
            self._port,
            self._prefix + self._session_path(session, "/events"),
            self._headers,
            after=after,
            read_timeout=read_timeout,
            reconnect_delay=reconnect_delay,
            max_reconnects=max_reconnects,
        )

    def trials_csv(self, session: SessionRef) -> str:
        """The session's whole trial log as CSV text with a header row (for pandas,
        MATLAB ``readtable`` or a spreadsheet)."""
        answer = self._checked(
            self._send("GET", self._session_path(session, "/trials"), accept="text/csv")
        )
        return answer.body.decode("utf-8")

    # ------------------------------------------------------------------ experiments

    def run_experiment(
        self,
        environment: str,
        agents: Sequence[Mapping[str, Any]],
        *,
        seeds: int,
        seed: Optional[int] = None,
        timeout: Optional[float] = None,
        **settings: Any,
    ) -> Dict[str, Any]:
        """Run the paper's simulation experiment (SPEC 2.9) on the service.

        Args:
            environment: ``"paper-bandit"`` or ``"reversal"``.
            agents: entries like ``{"label": "nm", "agent": "neuromodulated",
                "parameters": {}}``.
            seeds: how many independent runs per agent.
            seed: the first seed, for a reproducible experiment.
            timeout: seconds to wait for the answer (experiments can take a while);
                defaults to the client's timeout.
            settings: further request fields the service accepts, passed through, such as
                ``environmentParameters={"stimulation": 0.5}``.

        Returns:
            The answer as a dict: ``{"results": [{"label", "agent", "cumulativeRegret":
            {"mean", "standardError"}, "finalBlockRegret": {...}, "bestArmFraction":
            {...}, "switchAligned": {...}}, ...]}``.
        """
        body: Dict[str, Any] = {
            "environment": environment,
            "seeds": seeds,
            "agents": [dict(agent) for agent in agents],
            **settings,
        }
        if seed is not None:
            body["seed"] = seed
        result: Dict[str, Any] = self._call(
            "POST", "/experiments", body, retryable=False, timeout=timeout
        )
        return result

    # ------------------------------------------------------------------ transport

    def _session_path(self, session: SessionRef, suffix: str = "") -> str:
        session_id = session.id if isinstance(session, Session) else str(session)
        if not session_id:
            raise ValueError("session id must not be empty")
        return "/sessions/" + urllib.parse.quote(session_id, safe="") + suffix

    def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        retryable: bool = True,
        timeout: Optional[float] = None,
    ) -> Any:
        answer = self._checked(
            self._send(method, path, body, retryable=retryable, timeout=timeout)
        )
        return answer.json()

    @staticmethod
    def _checked(answer: _Answer) -> _Answer:
        if answer.status >= 400:
            raise problem_from_response(
                answer.status, answer.reason, answer.content_type, answer.body
            )
        return answer

    def _send(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        accept: str = _ACCEPT_JSON,
        retryable: bool = True,
        timeout: Optional[float] = None,
    ) -> _Answer:
        headers = dict(self._headers)
        headers["Accept"] = accept
        payload: Optional[bytes] = None
        if body is not None:
            # allow_nan=False: the service accepts only finite numbers; fail here, clearly.
            payload = json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = _JSON
        elif method in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = "0"
        target = self._prefix + path
        wait = self.timeout if timeout is None else float(timeout)
        attempts = 0
        resent_stale = False
        with self._lock:
            while True:
                attempts += 1
                reused = self._connection_used
                try:
                    answer = self._exchange(method, target, payload, headers, wait)
                except (OSError, http.client.HTTPException) as error:
                    self._drop_connection()
                    if reused and not resent_stale and isinstance(error, _STALE_CONNECTION_ERRORS):
                        resent_stale = True
                        attempts -= 1
                        continue
                    if retryable and attempts <= self.retries:
                        time.sleep(self.backoff * 2 ** (attempts - 1))
                        continue
                    raise ServiceUnreachable(method, self.base_url + path, attempts, error) from error
                if retryable and _is_transient(answer) and attempts <= self.retries:
                    time.sleep(self.backoff * 2 ** (attempts - 1))
                    continue
                return answer

    def _exchange(
        self, method: str, target: str, payload: Optional[bytes], headers: Dict[str, str], wait: float
    ) -> _Answer:
        connection = self._connection
        if connection is None:
            connection_class = (
                http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
            )
            connection = connection_class(self._host, self._port, timeout=wait)
            self._connection = connection
            self._connection_used = False
        elif connection.sock is not None and connection.timeout != wait:
            connection.sock.settimeout(wait)
        connection.timeout = wait
        connection.request(method, target, body=payload, headers=headers)
        response = connection.getresponse()
        # Read the whole body: the connection can carry the next request only then.
        data = response.read()
        self._connection_used = True
        if response.will_close:
            self._drop_connection()
        return _Answer(
            status=response.status,
            reason=response.reason,
            content_type=response.getheader("Content-Type", ""),
            body=data,
        )

    def _drop_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._connection_used = False


def _batch_step(step: Union[Mapping[str, Any], Sequence[float]]) -> Dict[str, Any]:
    """One step of a batch as JSON: a mapping as given, a sequence as the rewards of every
    arm; numbers of any numeric type become plain floats and ints."""
    if isinstance(step, collections.abc.Mapping):
        body = dict(step)
    else:
        body = {"rewards": step}
    rewards = body.get("rewards")
    if isinstance(rewards, collections.abc.Iterable) and not isinstance(rewards, (str, bytes, dict)):
        body["rewards"] = [_real(reward) for reward in rewards]
    for name in ("reward", "stimulation"):
        if name in body:
            body[name] = _real(body[name])
    if "action" in body:
        body["action"] = _integer(body["action"])
    return body


def _real(value: Any) -> Any:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return value


def _integer(value: Any) -> Any:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return value


def _is_transient(answer: _Answer) -> bool:
    """An answer that says "not applied, try again": a gateway or availability error, or
    a concurrent update of the session by another service instance (409)."""
    if answer.status in _RETRYABLE_STATUSES:
        return True
    return answer.status == 409 and _CONCURRENT_UPDATE in answer.body
