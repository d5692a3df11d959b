"""Exceptions raised by the client.

Every error answer of the service is an RFC 9457 problem details document
(``application/problem+json``). The client turns it into a :class:`ProblemError`
(or one of its subclasses, chosen by HTTP status) that carries every member of the
document, so a script can branch on ``error.type`` and show ``error.detail``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional, Type

__all__ = [
    "NeuromodError",
    "ServiceUnreachable",
    "ProblemError",
    "BadRequest",
    "NotFound",
    "Conflict",
    "ExperimentFailed",
    "problem_from_response",
]

_STANDARD_MEMBERS = ("type", "title", "status", "detail", "instance")


class NeuromodError(Exception):
    """Base class of every exception this client raises on purpose."""


class ServiceUnreachable(NeuromodError):
    """The service could not be reached or did not answer in time, after every allowed retry.

    ``attempts`` is how many times the request was sent; ``__cause__`` is the last
    low-level error (``ConnectionError``, ``TimeoutError``, ``http.client.HTTPException``).
    """

    def __init__(self, method: str, url: str, attempts: int, cause: BaseException) -> None:
        super().__init__(f"{method} {url} failed after {attempts} attempt(s): {cause!r}")
        self.method = method
        self.url = url
        self.attempts = attempts


class ExperimentFailed(NeuromodError):
    """An experiment run waited for ended ``failed`` or ``cancelled`` (cancelled elsewhere).

    Attributes:
        run: the run's last document (``id``, ``status``, ``progress``, and for a failed
            run ``error``, a problem document whose ``detail`` says why).
    """

    def __init__(self, run: Mapping[str, Any]) -> None:
        error = run.get("error") or {}
        detail = error.get("detail") if isinstance(error, Mapping) else None
        super().__init__(
            f"experiment run {run.get('id')} ended {run.get('status')}" + (f": {detail}" if detail else "")
        )
        self.run = dict(run)


class ProblemError(NeuromodError):
    """The service answered with an error status and (usually) an RFC 9457 problem document.

    Attributes:
        status: the HTTP status code of the answer.
        type: the problem type URI; stable per kind of problem, so branch on it.
        title: a short human-readable summary of the kind of problem.
        detail: a human-readable explanation of this occurrence (may be ``None``).
        instance: the URI of this occurrence, when the service gives one.
        properties: every other member of the problem document (for example the
            session id, the trial number the service expected, or per-field errors).
        body: the raw body text, useful when the answer was not a problem document.
    """

    def __init__(
        self,
        status: int,
        type: str = "about:blank",
        title: Optional[str] = None,
        detail: Optional[str] = None,
        instance: Optional[str] = None,
        properties: Optional[Mapping[str, Any]] = None,
        body: str = "",
    ) -> None:
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.instance = instance
        self.properties: Dict[str, Any] = dict(properties or {})
        self.body = body
        summary = f"{status} {title or 'error'}"
        if detail:
            summary += f": {detail}"
        if type and type != "about:blank":
            summary += f" [{type}]"
        super().__init__(summary)

    def __getitem__(self, name: str) -> Any:
        """Any member of the problem document, standard or extra, by name."""
        if name in _STANDARD_MEMBERS:
            return getattr(self, name)
        return self.properties[name]


class BadRequest(ProblemError):
    """400 (or 422): the request was invalid: a validation error, malformed JSON, a bad
    parameter value. Nothing was changed on the service."""


class NotFound(ProblemError):
    """404: the session (or other resource) does not exist, for example after a delete."""


class Conflict(ProblemError):
    """409: the request contradicts the session's state, for example feedback for a trial
    other than the open one, a different payload for a trial already closed, or a batch
    that does not start at the session's next trial. The problem's ``detail`` (and usually
    an extra property, ``expectedTrial``) says which trial is expected."""


_BY_STATUS: Dict[int, Type[ProblemError]] = {
    400: BadRequest,
    422: BadRequest,
    404: NotFound,
    409: Conflict,
}


def problem_from_response(status: int, reason: str, content_type: str, body: bytes) -> ProblemError:
    """Build the exception for an error answer.

    A problem document (or any JSON object) fills the standard members and the extra
    properties; any other body is kept as text, with the HTTP reason phrase as title.
    """
    text = body.decode("utf-8", errors="replace")
    cls = _BY_STATUS.get(status, ProblemError)
    document: Any = None
    if "json" in content_type.lower() and text:
        try:
            document = json.loads(text)
        except ValueError:
            document = None
    if not isinstance(document, dict):
        return cls(status=status, title=reason or None, detail=text.strip() or None, body=text)
    extra = {key: value for key, value in document.items() if key not in _STANDARD_MEMBERS}
    return cls(
        status=status,
        type=str(document.get("type") or "about:blank"),
        title=document.get("title") or reason or None,
        detail=document.get("detail"),
        instance=document.get("instance"),
        properties=extra,
        body=text,
    )
