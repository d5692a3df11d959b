"""Following a session live with ``NeuromodClient.follow`` (Server-Sent Events)."""

from __future__ import annotations

import socket
import threading
from typing import Iterator, List

import pytest

from neuromod_client import NeuromodClient, NotFound, TrialEvent


def _until(events: Iterator[TrialEvent], event_id: str, into: List[TrialEvent]) -> None:
    for event in events:
        into.append(event)
        if event.id == event_id:
            return
    raise AssertionError(f"the stream ended before {event_id}; got {[e.id for e in into]}")


def _step(client: NeuromodClient, session: str, reward: float = 1.0) -> None:
    decision = client.act(session)
    client.feedback(session, decision.trial, reward=reward)


def _assert_every_trial_once_in_order(events: List[TrialEvent], trials: int) -> None:
    ids = [event.id for event in events]
    assert len(ids) == len(set(ids)), ids
    assert [event.trial for event in events if event.closed] == list(range(1, trials + 1)), ids
    for before, after in zip(events, events[1:]):
        assert after.trial > before.trial or (after.trial == before.trial and after.closed), ids
    for event in events:
        assert event.record["trial"] == event.trial
        assert event.record["open"] is (not event.closed)


class _DroppingProxy:
    """A loopback TCP proxy to the service that can cut every open connection, as a network would."""

    def __init__(self, host: str, port: int) -> None:
        self._upstream = (host, port)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._sockets: List[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._upstream)
            with self._lock:
                self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def drop_all(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        self.drop_all()
        self._server.close()


def test_following_yields_every_trial_once_in_order_and_resumes_from_a_saved_event(
    client: NeuromodClient,
) -> None:
    session = client.create_session("neuromodulated", arms=3, seed=5).id
    for _ in range(3):
        _step(client, session)
    received: List[TrialEvent] = []
    events = client.follow(session)
    _until(events, "3:closed", received)
    client.act(session)
    _until(events, "4:open", received)
    events.close()

    client.feedback(session, 4, reward=0.0)
    _step(client, session)
    client.batch(session, first_trial=6, steps=[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    resumed = client.follow(session, after=received[-1].id)
    _until(resumed, "7:closed", received)
    resumed.close()

    _assert_every_trial_once_in_order(received, 7)
    assert "4:open" in [event.id for event in received]
    assert "6:open" not in [event.id for event in received]
    assert received[-1].record == client.trials(session, offset=6, limit=1).items[0]


def test_a_dropped_connection_is_resumed_with_nothing_missed_or_repeated(client: NeuromodClient) -> None:
    session = client.create_session("neuromodulated", arms=2, seed=9).id
    host, port = client._host, client._port
    proxy = _DroppingProxy(host, port)
    try:
        through_proxy = NeuromodClient(f"http://127.0.0.1:{proxy.port}")
        received: List[TrialEvent] = []
        events = through_proxy.follow(session, reconnect_delay=0.2)
        for _ in range(3):
            _step(client, session)
        _until(events, "3:closed", received)
        proxy.drop_all()
        for _ in range(3):
            _step(client, session)
        _until(events, "6:closed", received)
        events.close()
        _assert_every_trial_once_in_order(received, 6)
    finally:
        proxy.close()


def test_following_ends_when_the_session_is_deleted(client: NeuromodClient) -> None:
    session = client.create_session("boltzmann", arms=2, seed=1).id
    _step(client, session)
    events = client.follow(session, reconnect_delay=0.2)
    assert next(events).id == "1:closed"
    client.delete_session(session)
    assert list(events) == []


def test_following_an_unknown_session_is_not_found(client: NeuromodClient) -> None:
    with pytest.raises(NotFound):
        next(client.follow("00000000-0000-4000-8000-000000000000"))
