"""Following a session live: its trial events, from ``GET /sessions/{id}/events``.

Standard library only. The stream is Server-Sent Events; a dropped connection is resumed
with ``Last-Event-ID``, so every trial arrives once in its final state, in order.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterator, Mapping, Optional

from .errors import ServiceUnreachable, problem_from_response


@dataclass(frozen=True)
class TrialEvent:
    """One event of a session's stream: a trial as it was acted on or closed.

    Attributes:
        id: the event id, ``"17:open"`` or ``"17:closed"``; give it as ``after`` to resume.
        trial: the trial number.
        closed: whether the trial is closed (its outcome is in ``record``).
        record: the trial record, exactly as ``GET /sessions/{id}/trials`` lists it.
    """

    id: str
    trial: int
    closed: bool
    record: Dict[str, Any]


def follow_events(
    scheme: str,
    host: str,
    port: Optional[int],
    path: str,
    headers: Mapping[str, str],
    *,
    after: Optional[str],
    read_timeout: float,
    reconnect_delay: float,
    max_reconnects: Optional[int],
) -> Iterator[TrialEvent]:
    """Yield the events of the stream at ``path``, reconnecting after a dropped connection.

    Ends when the session is deleted (its stream ends and it is no longer found). Raises
    the client's problem errors if the first request is refused (for example NotFound),
    and ServiceUnreachable after ``max_reconnects`` failed reconnections in a row.
    """
    last_id = after
    failures = 0
    followed = False
    while True:
        connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = connection_class(host, port, timeout=read_timeout)
        delay = reconnect_delay
        try:
            request_headers = dict(headers)
            request_headers["Accept"] = "text/event-stream"
            request_headers["Cache-Control"] = "no-cache"
            if last_id is not None:
                request_headers["Last-Event-ID"] = last_id
            connection.request("GET", path, headers=request_headers)
            response = connection.getresponse()
            if response.status == 503:
                retry_after = response.getheader("Retry-After")
                response.read()
                delay = float(retry_after) if retry_after and retry_after.isdigit() else reconnect_delay
                raise ConnectionError("the service serves as many streams as it may (503)")
            if response.status >= 400:
                error = problem_from_response(
                    response.status, response.reason, response.getheader("Content-Type", ""), response.read()
                )
                if followed and response.status == 404:
                    return  # the session was deleted while followed
                raise error
            followed = True
            for event_id, data, retry in _events(response):
                if retry is not None:
                    reconnect_delay = retry
                    continue
                failures = 0
                last_id = event_id
                trial, _, state = event_id.partition(":")
                yield TrialEvent(event_id, int(trial), state == "closed", json.loads(data))
            # the server ended the stream (session deleted or service stopping): reconnect to see
        except (OSError, http.client.HTTPException) as dropped:
            failures += 1
            if max_reconnects is not None and failures > max_reconnects:
                raise ServiceUnreachable("GET", path, failures, dropped) from dropped
        finally:
            connection.close()
        time.sleep(delay)


def _events(response: http.client.HTTPResponse) -> Iterator[tuple]:
    """Parse Server-Sent Events: yields (id, data, None) per event, (None, None, seconds) per retry."""
    event_id: Optional[str] = None
    data: Optional[list] = None
    while True:
        raw = response.readline()
        if not raw:
            return
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data is not None and event_id is not None:
                yield event_id, "\n".join(data), None
            event_id, data = None, None
        elif line.startswith(":"):
            continue  # a comment: the heartbeat that keeps the connection alive
        else:
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "id":
                event_id = value
            elif field == "data":
                data = (data or []) + [value]
            elif field == "retry" and value.isdigit():
                yield None, None, int(value) / 1000.0

