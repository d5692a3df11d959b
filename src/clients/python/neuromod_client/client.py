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
import sys
import threading
import time
import urllib.parse
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, TextIO, Tuple, Union

from .errors import ExperimentFailed, ServiceUnreachable, problem_from_response
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
        wait: bool = False,
        progress: Union[bool, Callable[[Dict[str, Any]], None]] = True,
        poll_interval: float = 0.5,
        **settings: Any,
    ) -> Dict[str, Any]:
        """Run the paper's simulation experiment on the service (src/docs/reproduction.md).

        Args:
            environment: ``"paper-bandit"`` or ``"reversal"``.
            agents: entries like ``{"label": "nm", "agent": "neuromodulated",
                "parameters": {}}``.
            seeds: how many independent runs per agent.
            seed: the first seed, for a reproducible experiment.
            timeout: without ``wait``, seconds to wait for the answer (experiments can take
                a while); with ``wait``, seconds to wait for the run to finish (``None``:
                no limit). Defaults to the client's timeout without ``wait``.
            wait: run it as a job of the service (``Prefer: respond-async``): submit, poll
                its progress until it is done, return its result. Larger experiments than a
                synchronous request may run this way. Ctrl-C (``KeyboardInterrupt``) cancels
                the run on the service before it is raised again.
            progress: with ``wait``, ``True`` writes a progress line to standard error,
                ``False`` stays silent, a callable is called with every polled run document.
            poll_interval: with ``wait``, seconds between polls.
            settings: further request fields the service accepts, passed through, such as
                ``environmentParameters={"stimulation": 0.5}``.

        Returns:
            The answer as a dict: ``{"results": [{"label", "agent", "cumulativeRegret":
            {"mean", "standardError"}, "finalBlockRegret": {...}, "bestArmFraction":
            {...}, "switchAligned": {...}}, ...]}``; with ``wait``, the run's document,
            which holds the same fields plus ``id``, ``status``, ``progress`` and ``files``.

        Raises:
            ExperimentFailed: with ``wait``, if the run failed or was cancelled elsewhere.
            TimeoutError: with ``wait``, if it did not finish within ``timeout`` (it is
                cancelled first).
        """
        body: Dict[str, Any] = {
            "environment": environment,
            "seeds": seeds,
            "agents": [dict(agent) for agent in agents],
            **settings,
        }
        if seed is not None:
            body["seed"] = seed
        if not wait:
            result: Dict[str, Any] = self._call(
                "POST", "/experiments", body, retryable=False, timeout=timeout
            )
            return result
        run = self.submit_experiment(body)
        report = _progress_printer(sys.stderr) if progress is True else (progress or None)
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while True:
                if report is not None:
                    report(run)
                if run["status"] not in ("queued", "running"):
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    self.cancel_experiment(run["id"])
                    raise TimeoutError(f"experiment run {run['id']} did not finish within {timeout} s")
                time.sleep(poll_interval)
                run = self.experiment_run(run["id"])
        except KeyboardInterrupt:
            self.cancel_experiment(run["id"])
            raise
        if run["status"] != "done":
            raise ExperimentFailed(run)
        return run

    def submit_experiment(self, body: Mapping[str, Any]) -> Dict[str, Any]:
        """Submit an experiment request body as a job; returns the run's document
        (``id``, ``status`` ``"queued"``, ``progress``)."""
        run: Dict[str, Any] = self._call(
            "POST", "/experiments", dict(body), retryable=False, headers={"Prefer": "respond-async"}
        )
        return run

    def experiment_run(self, run_id: str) -> Dict[str, Any]:
        """An experiment run's document: status, progress and, once done, its results."""
        run: Dict[str, Any] = self._call("GET", self._run_path(run_id))
        return run

    def experiment_file(self, run_id: str, name: str) -> bytes:
        """A file of a done experiment run, such as ``"summary.csv"`` or ``"regret.png"``."""
        answer = self._checked(self._send("GET", self._run_path(run_id) + "/files/" + name, accept="*/*"))
        return answer.body

    def cancel_experiment(self, run_id: str) -> Dict[str, Any]:
        """Cancel an experiment run (a finished one stays as it is); returns its document."""
        run: Dict[str, Any] = self._call("DELETE", self._run_path(run_id))
        return run

    @staticmethod
    def _run_path(run_id: str) -> str:
        if not run_id:
            raise ValueError("run id must not be empty")
        return "/experiments/" + urllib.parse.quote(str(run_id), safe="")

    # ------------------------------------------------------------------ fits

    def start_fit(
        self,
        agent: Optional[str] = None,
        subjects: Sequence[Mapping[str, Any]] = (),
        *,
        free: Optional[Mapping[str, Mapping[str, float]]] = None,
        fixed: Optional[Mapping[str, Any]] = None,
        method: str = "mle",
        priors: Optional[Mapping[str, Mapping[str, Any]]] = None,
        starts: Optional[int] = None,
        seed: Optional[int] = None,
        hierarchical: bool = False,
        models: Optional[Sequence[Mapping[str, Any]]] = None,
        **settings: Any,
    ) -> Dict[str, Any]:
        """Queue a fit (``POST /fits``, src/docs/fitting.md) and return its status document at once.

        See :meth:`fit`, which also waits for the result; the fit's id is ``["id"]``.
        """
        body: Dict[str, Any] = {"subjects": [_fit_subject(subject) for subject in subjects], **settings}
        if models is not None:
            body["models"] = [dict(model) for model in models]
        else:
            body["agent"] = agent
            if free is not None:
                body["free"] = {name: dict(bounds) for name, bounds in free.items()}
            if fixed is not None:
                body["fixed"] = dict(fixed)
            if priors is not None:
                body["priors"] = {name: dict(prior) for name, prior in priors.items()}
        body["method"] = method
        if starts is not None:
            body["starts"] = starts
        if seed is not None:
            body["seed"] = seed
        if hierarchical:
            body["hierarchical"] = True
        result: Dict[str, Any] = self._call("POST", "/fits", body, retryable=False)
        return result

    def get_fit(self, fit_id: str) -> Dict[str, Any]:
        """A fit's status document: ``status``, ``progress`` and, once done, ``results``."""
        result: Dict[str, Any] = self._call("GET", "/fits/" + urllib.parse.quote(fit_id, safe=""))
        return result

    def cancel_fit(self, fit_id: str) -> Dict[str, Any]:
        """Cancel a queued or running fit; answers its status document."""
        result: Dict[str, Any] = self._call("DELETE", "/fits/" + urllib.parse.quote(fit_id, safe=""))
        return result

    def fit_traces(self, fit_id: str, label: str, *, model: Optional[str] = None) -> Dict[str, Any]:
        """A subject's replay at its estimates: ``{"parameters", "trials": [{"trial",
        "action", "actionProbability", "logLikelihood", "signals": {"learningRate",
        "temperature", ...}}, ...]}``. ``model`` names the model of a comparison."""
        path = "/fits/" + urllib.parse.quote(fit_id, safe="") + "/subjects/" + urllib.parse.quote(label, safe="")
        path += "/trials"
        if model is not None:
            path += "?model=" + urllib.parse.quote(model, safe="")
        result: Dict[str, Any] = self._call("GET", path)
        return result

    def fit_traces_csv(self, fit_id: str, label: str, *, model: Optional[str] = None) -> str:
        """The same replay as CSV text with a header row."""
        path = "/fits/" + urllib.parse.quote(fit_id, safe="") + "/subjects/" + urllib.parse.quote(label, safe="")
        path += "/trials"
        if model is not None:
            path += "?model=" + urllib.parse.quote(model, safe="")
        return self._checked(self._send("GET", path, accept="text/csv")).body.decode("utf-8")

    def fit(
        self,
        agent: Optional[str] = None,
        subjects: Sequence[Mapping[str, Any]] = (),
        *,
        free: Optional[Mapping[str, Mapping[str, float]]] = None,
        fixed: Optional[Mapping[str, Any]] = None,
        method: str = "mle",
        priors: Optional[Mapping[str, Mapping[str, Any]]] = None,
        starts: Optional[int] = None,
        seed: Optional[int] = None,
        hierarchical: bool = False,
        models: Optional[Sequence[Mapping[str, Any]]] = None,
        traces: bool = True,
        progress: Optional[Callable[[int, int], None]] = None,
        timeout: float = 3600.0,
        poll_interval: float = 0.25,
        **settings: Any,
    ) -> Dict[str, Any]:
        """Fit an agent to recorded choices on the service and wait for the result.

        Args:
            agent: the agent to fit, e.g. ``"boltzmann"`` (or give ``models``).
            subjects: ``{"label", "arms", "trials": [{"action", "reward",
                "stimulation"?}]}`` (reward ``None`` = no response) or ``{"label",
                "sessions": [ids or Session objects]}``.
            free: the parameters to estimate, ``{name: {"minimum", "maximum"}}`` or
                ``{name: {}}`` for the agent's declared range; ``"lapse"`` for every agent.
            fixed: values of other parameters.
            method: ``"mle"`` or ``"map"`` (with ``priors``, e.g. ``{"temperature":
                {"distribution": "gamma", "shape": 2, "scale": 0.2}}``).
            starts: optimiser starts per subject (service default 10).
            seed: the fit's seed (random starts, replay streams), for a reproducible fit.
            hierarchical: fit by empirical-Bayes EM over the subjects.
            models: several models to compare, ``[{"label", "agent", "free", "fixed"}]``.
            traces: also fetch every subject's per-trial trace at its estimates.
            progress: called as ``progress(done, total)`` while the fit runs.
            timeout: seconds to wait for the fit; on expiry it is cancelled and
                ``TimeoutError`` raised.

        Returns:
            The status document with ``"results"`` (per subject: ``"label"``,
            ``"estimates"`` ``{name: {"value", "standardError"}}``, ``"logLikelihood"``,
            ``"aic"``, ``"bic"``, ``"logEvidence"``, ...), ``"comparison"`` and ``"groups"``
            when present, and ``"traces"``: ``{label: trace}`` (one model) or
            ``{model: {label: trace}}`` (several).

        Raises:
            RuntimeError: if the fit failed or was cancelled.
        """
        started = self.start_fit(
            agent,
            subjects,
            free=free,
            fixed=fixed,
            method=method,
            priors=priors,
            starts=starts,
            seed=seed,
            hierarchical=hierarchical,
            models=models,
            **settings,
        )
        fit_id = started["id"]
        deadline = time.monotonic() + timeout
        status = started
        while status["status"] in ("queued", "running"):
            if time.monotonic() > deadline:
                self.cancel_fit(fit_id)
                raise TimeoutError(f"fit {fit_id} did not finish within {timeout} s; it was cancelled")
            time.sleep(poll_interval)
            status = self.get_fit(fit_id)
            if progress is not None:
                progress(int(status["progress"]["done"]), int(status["progress"]["total"]))
        if status["status"] != "done":
            detail = status.get("error", {}).get("detail", "")
            raise RuntimeError(f"fit {fit_id} {status['status']}" + (f": {detail}" if detail else ""))
        if traces:
            labels = [result["label"] for result in status["results"]]
            if models is None:
                status["traces"] = {label: self.fit_traces(fit_id, label) for label in dict.fromkeys(labels)}
            else:
                status["traces"] = {
                    model["label"] if "label" in model else model["agent"]: {
                        label: self.fit_traces(
                            fit_id, label, model=model["label"] if "label" in model else model["agent"]
                        )
                        for label in dict.fromkeys(labels)
                    }
                    for model in models
                }
        return status

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
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        answer = self._checked(
            self._send(method, path, body, retryable=retryable, timeout=timeout, extra_headers=headers)
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
        extra_headers: Optional[Mapping[str, str]] = None,
    ) -> _Answer:
        headers = {**self._headers, **dict(extra_headers or {})}
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


def _fit_subject(subject: Mapping[str, Any]) -> Dict[str, Any]:
    entry = dict(subject)
    if "sessions" in entry:
        entry["sessions"] = [s.id if isinstance(s, Session) else str(s) for s in entry["sessions"]]
    if "trials" in entry:
        entry["trials"] = [dict(trial) for trial in entry["trials"]]
    return entry
def _progress_printer(stream: TextIO) -> Callable[[Dict[str, Any]], None]:
    """A progress line on ``stream``, rewritten in place: bar, seeds done of total, status."""

    def show(run: Dict[str, Any]) -> None:
        done = int(run.get("progress", {}).get("done", 0))
        total = int(run.get("progress", {}).get("total", 0))
        width = 30
        filled = width * done // total if total else 0
        status = run.get("status", "")
        end = "\n" if status not in ("queued", "running") else ""
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} seeds  {status:<9}{end}")
        stream.flush()

    return show


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
