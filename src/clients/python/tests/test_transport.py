"""The client's transport against a scripted local HTTP server: keep-alive reuse,
reconnection, retries, timeouts and problem details. No service needed."""

from __future__ import annotations

import http.server
import json
import math
import socket
from fractions import Fraction
import threading
import time
from typing import Callable, Dict, Iterator, List, Tuple

import pytest

from neuromod_client import (
    BadRequest,
    Conflict,
    NeuromodClient,
    NotFound,
    ProblemError,
    ServiceUnreachable,
)

Reply = Tuple[int, str, bytes]
Script = Callable[["ScriptedHandler", int], Reply]

DECISION = {
    "trial": 4,
    "action": 1,
    "probabilities": [0.25, 0.75],
    "signals": {
        "learningRate": 0.5,
        "temperature": 0.1,
        "expectedUncertainty": None,
        "unexpectedUncertainty": None,
        "values": [0.0, 0.2],
    },
}


class ScriptedServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), ScriptedHandler)
        self.script = script
        self.requests: List[Dict[str, object]] = []
        self.connections: set[Tuple[str, int]] = set()
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        # A handler writing to a socket the client already gave up on is expected here.
        return None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class ScriptedHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ScriptedServer

    def log_message(self, format: str, *args: object) -> None:
        return None

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.connections.add(self.client_address)
            self.server.requests.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "body": body,
                    "headers": dict(self.headers),
                    "client": self.client_address,
                }
            )
            number = len(self.server.requests)
        status, content_type, payload = self.server.script(self, number)
        if status == 0:
            self.close_connection = True
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = _handle


@pytest.fixture()
def scripted() -> Iterator[Callable[[Script], ScriptedServer]]:
    servers: List[ScriptedServer] = []

    def start(script: Script) -> ScriptedServer:
        server = ScriptedServer(script)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def json_reply(document: object, status: int = 200) -> Reply:
    return status, "application/json", json.dumps(document).encode()


def problem_reply(status: int, document: Dict[str, object]) -> Reply:
    return status, "application/problem+json", json.dumps(document).encode()


def unavailable_once_then(answer: object) -> Script:
    """A script that answers 503 Service Unavailable first, then the answer."""
    def script(handler: ScriptedHandler, number: int) -> Reply:
        if number == 1:
            return problem_reply(503, {"title": "Service Unavailable", "status": 503})
        return json_reply(answer)
    return script


def test_requests_share_one_keep_alive_connection(scripted) -> None:
    server = scripted(lambda handler, number: json_reply(DECISION))
    with NeuromodClient(server.url) as client:
        for _ in range(5):
            client.act("s1")
    assert len(server.requests) == 5
    assert len({request["client"] for request in server.requests}) == 1


def test_act_sends_stimulation_and_metadata_as_json(scripted) -> None:
    server = scripted(lambda handler, number: json_reply(DECISION))
    with NeuromodClient(server.url) as client:
        decision = client.act("s 1", stimulation=0.05, metadata={"ttl": 17, "rig": "box3"})
    request = server.requests[0]
    assert request["method"] == "POST"
    assert request["path"] == "/sessions/s%201/act"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {"stimulation": 0.05, "metadata": {"ttl": 17, "rig": "box3"}}
    assert decision.trial == 4 and decision.action == 1
    assert decision.probability == 0.75
    assert decision.signals.learning_rate == 0.5
    assert decision.signals.expected_uncertainty is None
    assert decision.signals.values == [0.0, 0.2]


def test_no_response_feedback_sends_an_explicit_null_reward(scripted) -> None:
    answer = {"trial": 4, "action": 1, "reward": None, "predictionError": None,
              "actionProbability": 0.75, "logLikelihood": -1.2, "signals": DECISION["signals"]}
    server = scripted(lambda handler, number: json_reply(answer))
    with NeuromodClient(server.url) as client:
        feedback = client.feedback("s1", 4, None)
    assert json.loads(server.requests[0]["body"]) == {"trial": 4, "reward": None}
    assert feedback.reward is None and feedback.prediction_error is None
    assert feedback.log_likelihood == -1.2


def test_reconnects_when_the_server_closed_the_idle_connection(scripted) -> None:
    def script(handler: ScriptedHandler, number: int) -> Reply:
        if number == 1:
            handler.close_connection = True
        return json_reply(DECISION)

    server = scripted(script)
    with NeuromodClient(server.url, retries=0) as client:
        client.act("s1")
        time.sleep(0.1)
        client.act("s1")
    assert len(server.requests) == 2
    assert server.requests[0]["client"] != server.requests[1]["client"]


def test_resends_once_when_a_kept_alive_connection_is_dropped_unanswered(scripted) -> None:
    def script(handler: ScriptedHandler, number: int) -> Reply:
        if number == 2:
            return 0, "", b""
        return json_reply(DECISION)

    server = scripted(script)
    with NeuromodClient(server.url, retries=0) as client:
        client.act("s1")
        client.act("s1")
    assert len(server.requests) == 3


def test_act_is_retried_after_a_timeout(scripted) -> None:
    def script(handler: ScriptedHandler, number: int) -> Reply:
        if number == 1:
            time.sleep(0.6)
        return json_reply(DECISION)

    server = scripted(script)
    with NeuromodClient(server.url, timeout=0.2, retries=2, backoff=0.01) as client:
        decision = client.act("s1")
    assert decision.trial == 4
    assert len(server.requests) == 2


def test_feedback_is_retried_on_service_unavailable(scripted) -> None:
    answer = {"trial": 4, "action": 1, "reward": 1.0, "predictionError": 0.8,
              "actionProbability": 0.75, "logLikelihood": -0.28, "signals": DECISION["signals"]}

    server = scripted(unavailable_once_then(answer))
    with NeuromodClient(server.url, retries=1, backoff=0.01) as client:
        feedback = client.feedback("s1", 4, 1.0)
    assert feedback.prediction_error == 0.8
    assert [json.loads(r["body"]) for r in server.requests] == [{"trial": 4, "reward": 1.0}] * 2


def test_a_batch_sends_its_steps_as_json_and_is_retried_on_service_unavailable(scripted) -> None:
    answer = {"firstTrial": 7, "trials": [{"trial": 7, "action": 1}, {"trial": 8, "action": 0}],
              "logLikelihood": -1.5, "trialCount": 8}

    server = scripted(unavailable_once_then(answer))
    with NeuromodClient(server.url, retries=1, backoff=0.01) as client:
        result = client.batch(
            "s1",
            [(0, Fraction(1, 4)), {"action": 1, "reward": Fraction(1, 2), "stimulation": 0.05,
                                   "metadata": {"block": 2}}],
            first_trial=7,
        )
    sent = [json.loads(request["body"]) for request in server.requests]
    assert sent == [{"firstTrial": 7, "steps": [
        {"rewards": [0.0, 0.25]},
        {"action": 1, "reward": 0.5, "stimulation": 0.05, "metadata": {"block": 2}},
    ]}] * 2
    assert server.requests[0]["path"] == "/sessions/s1/batch"
    assert result.first_trial == 7 and result.trial_count == 8 and result.next_trial == 9
    assert result.actions == [1, 0]
    assert result.log_likelihood == -1.5


def test_act_is_retried_after_a_concurrent_update_but_not_after_other_conflicts(scripted) -> None:
    def script(handler: ScriptedHandler, number: int) -> Reply:
        if number == 1:
            return problem_reply(409, {"type": "/problems/concurrent-update", "status": 409})
        if number == 3:
            return problem_reply(409, {"type": "/problems/unexpected-trial", "status": 409})
        return json_reply(DECISION)

    server = scripted(script)
    with NeuromodClient(server.url, retries=2, backoff=0.01) as client:
        assert client.act("s1").trial == 4
        with pytest.raises(Conflict):
            client.act("s1")
    assert len(server.requests) == 3


def test_create_session_is_not_retried_after_a_timeout(scripted) -> None:
    def script(handler: ScriptedHandler, number: int) -> Reply:
        time.sleep(0.5)
        return json_reply({"id": "s1", "agent": "boltzmann", "arms": 2}, status=201)

    server = scripted(script)
    with NeuromodClient(server.url, timeout=0.2, retries=3, backoff=0.01) as client:
        with pytest.raises(ServiceUnreachable) as raised:
            client.create_session("boltzmann", 2)
    assert raised.value.attempts == 1
    assert isinstance(raised.value.__cause__, (TimeoutError, socket.timeout))
    time.sleep(0.5)
    assert len(server.requests) == 1


def test_gives_up_after_the_allowed_retries_when_nothing_listens() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with NeuromodClient(f"http://127.0.0.1:{port}", retries=2, backoff=0.001) as client:
        with pytest.raises(ServiceUnreachable) as raised:
            client.act("s1")
        assert raised.value.attempts == 3
        assert raised.value.url == f"http://127.0.0.1:{port}/sessions/s1/act"
        assert isinstance(raised.value.__cause__, ConnectionRefusedError)
        assert client.is_ready() is False


@pytest.mark.parametrize(
    ("status", "expected"),
    [(400, BadRequest), (404, NotFound), (409, Conflict), (413, ProblemError)],
)
def test_problem_details_become_typed_exceptions(scripted, status, expected) -> None:
    document = {
        "type": "https://neuromod.example/problems/x",
        "title": "Something specific",
        "status": status,
        "detail": "What went wrong here",
        "instance": "/sessions/s1/feedback",
        "expectedTrial": 5,
    }
    server = scripted(lambda handler, number: problem_reply(status, document))
    with NeuromodClient(server.url, retries=0) as client:
        with pytest.raises(expected) as raised:
            client.feedback("s1", 9, 1.0)
    error = raised.value
    assert type(error) is expected
    assert error.status == status
    assert error.type == "https://neuromod.example/problems/x"
    assert error.title == "Something specific"
    assert error.detail == "What went wrong here"
    assert error.instance == "/sessions/s1/feedback"
    assert error.properties == {"expectedTrial": 5}
    assert error["expectedTrial"] == 5
    assert "What went wrong here" in str(error)


def test_an_error_without_a_problem_document_keeps_its_text(scripted) -> None:
    server = scripted(lambda handler, number: (404, "text/html", b"<h1>nothing here</h1>"))
    with NeuromodClient(server.url, retries=0) as client:
        with pytest.raises(NotFound) as raised:
            client.get_session("s1")
    assert raised.value.type == "about:blank"
    assert raised.value.title == "Not Found"
    assert raised.value.body == "<h1>nothing here</h1>"


def test_non_finite_numbers_are_refused_before_sending(scripted) -> None:
    server = scripted(lambda handler, number: json_reply(DECISION))
    with NeuromodClient(server.url) as client:
        with pytest.raises(ValueError):
            client.feedback("s1", 1, math.nan)
        with pytest.raises(ValueError):
            client.act("s1", stimulation=math.inf)
    assert server.requests == []


def test_a_path_prefix_in_the_base_url_is_kept(scripted) -> None:
    server = scripted(lambda handler, number: json_reply([]))
    with NeuromodClient(server.url + "/neuromod/") as client:
        assert client.agents() == []
    assert server.requests[0]["path"] == "/neuromod/agents"


def test_rejects_a_base_url_that_is_not_http() -> None:
    with pytest.raises(ValueError):
        NeuromodClient("localhost:8080")
