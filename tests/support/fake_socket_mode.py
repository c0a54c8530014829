"""A fake Slack Socket Mode server: real websockets on loopback, speaking Slack's protocol.

Point a `FakeSlack` at it (`fake_slack.socket_mode_url = socket_mode.new_url`) and each
`apps.connections.open` answers with a fresh `ws://127.0.0.1:PORT/link/?ticket=…` URL. On every
connection the server sends `hello`; it delivers every kind of envelope Slack sends
(`slash_commands`, `interactive`, `events_api` with its retry fields) on the connection a test
names or on the current one, records each ack with its payload and the time it arrived, sends
`disconnect` (refresh_requested), closes connections from its side, and can refuse the opening
handshake with an HTTP status.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from tests.support.fake_slack import TEAM_ID, FakeSlack

APP_ID = "A0001"

# The kinds of envelope Slack sends an app's requests in.
SLASH_COMMANDS = "slash_commands"
INTERACTIVE = "interactive"  # block_actions, block_suggestion, view_submission, view_closed, shortcuts
EVENTS_API = "events_api"

# The interactions whose ack can carry a response: options, a modal's response_action.
_ANSWERABLE_INTERACTIONS = frozenset({"block_suggestion", "view_submission", "shortcut", "message_action"})


def accepts_response_payload(kind: str, payload: dict[str, Any]) -> bool:
    """What Slack says in an envelope's `accepts_response_payload`: whether the ack's payload is used."""
    if kind == SLASH_COMMANDS:
        return True
    return kind == INTERACTIVE and payload.get("type") in _ANSWERABLE_INTERACTIONS


@dataclass
class Connection:
    """One accepted websocket; `number` counts from 1 in the order the bot opened them."""

    number: int
    path: str
    socket: ServerConnection
    hello_at: float | None = None  # time.monotonic() when `hello` was sent
    closed_at: float | None = None


@dataclass
class Ack:
    envelope_id: str
    payload: dict[str, Any] | None
    connection: int  # the Connection.number it came on
    at: float  # time.monotonic() when it arrived


@dataclass
class Envelope:
    envelope_id: str
    connection: int
    sent_at: float


@dataclass
class FakeSocketMode:
    """Start with `start()`; stop with `stop()`."""

    connections: list[Connection] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    envelopes: dict[str, Envelope] = field(default_factory=dict)
    refused: list[int] = field(default_factory=list)  # the HTTP status of each refused handshake

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._refuse_with: int | None = None
        self._after_hello: list[tuple[str, dict[str, Any]]] = []  # (envelope_id, envelope) for the next connection
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # -- set-up ---------------------------------------------------------------------------------

    def start(self) -> FakeSocketMode:
        # No compression and no server pings: frames as plain as Slack's, nothing on a timer.
        self._server = serve(self._serve_connection, "127.0.0.1", 0, process_request=self._process_request,
                             compression=None, ping_interval=None, close_timeout=2)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def attach(self, fake: FakeSlack) -> FakeSocketMode:
        """Make `fake`'s apps.connections.open hand out this server's URLs."""
        fake.socket_mode_url = self.new_url
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.socket.getsockname()[1])

    def new_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=t{next(self._ids)}&app_id={APP_ID}"

    def refuse_handshakes(self, status: int | None) -> None:
        """Answer every opening handshake with HTTP `status` from now on (None: accept again)."""
        with self._lock:
            self._refuse_with = status

    # -- talking to the bot ----------------------------------------------------------------------

    def send_command(self, connection: Connection, command: str, text: str = "", *, user: str = "U1",
                     channel: str = "CCOMMUNITY") -> str:
        """Deliver a slash command on `connection` as Slack does; return its envelope_id."""
        envelope_id, envelope = self._command(command, text, user, channel)
        self._deliver(connection, envelope_id, envelope)
        return envelope_id

    def send(self, kind: str, payload: dict[str, Any], *, retry_attempt: int | None = None,
             retry_reason: str | None = None, connection: Connection | None = None) -> str:
        """Deliver `payload` in an envelope of `kind` (a `SLASH_COMMANDS`, `INTERACTIVE` or `EVENTS_API`).

        Without a `connection`, on the current one: the newest the bot was greeted on that is still
        open. A connection that turns out to be closing is skipped for the next, as Slack does.
        """
        envelope_id = f"env-{next(self._ids)}"
        envelope: dict[str, Any] = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                                    "accepts_response_payload": accepts_response_payload(kind, payload)}
        if kind == EVENTS_API:  # Slack sends both on every delivery: 0 and "" the first time
            envelope |= {"retry_attempt": retry_attempt or 0, "retry_reason": retry_reason or ""}
        if connection is not None:
            self._deliver(connection, envelope_id, envelope)
            return envelope_id
        skipped: set[int] = set()
        while True:
            current = self.current_connection(skipping=skipped)
            try:
                self._deliver(current, envelope_id, envelope)
                return envelope_id
            except ConnectionClosed:
                skipped.add(current.number)

    def current_connection(self, *, skipping: Collection[int] = (), timeout: float = 10.0) -> Connection:
        """The newest open connection the bot was greeted on (waiting for one if there is none)."""
        def current() -> Connection | None:
            return next((c for c in reversed(self.connections)
                         if c.hello_at is not None and c.closed_at is None and c.number not in skipping), None)

        with self._lock:
            found = self._lock.wait_for(current, timeout)
        if found is None:
            raise AssertionError(f"no open Socket Mode connection within {timeout}s")
        return found

    def send_command_after_next_hello(self, command: str, text: str = "", *, user: str = "U1",
                                      channel: str = "CCOMMUNITY") -> str:
        """Deliver a slash command on the next connection the bot opens, right after its `hello`."""
        envelope_id, envelope = self._command(command, text, user, channel)
        with self._lock:
            self._after_hello.append((envelope_id, envelope))
        return envelope_id

    def _command(self, command: str, text: str, user: str, channel: str) -> tuple[str, dict[str, Any]]:
        envelope_id = f"env-{next(self._ids)}"
        payload = {
            "token": "legacy", "team_id": TEAM_ID, "team_domain": "test", "channel_id": channel,
            "channel_name": channel.lower(), "user_id": user, "user_name": user.lower(), "command": command,
            "text": text, "api_app_id": APP_ID, "is_enterprise_install": "false",
            "response_url": f"https://hooks.slack.test/commands/{envelope_id}", "trigger_id": f"trigger-{envelope_id}",
        }
        return envelope_id, {"envelope_id": envelope_id, "type": SLASH_COMMANDS, "payload": payload,
                             "accepts_response_payload": True}

    def _deliver(self, connection: Connection, envelope_id: str, envelope: dict[str, Any]) -> None:
        with self._lock:
            self.envelopes[envelope_id] = Envelope(envelope_id, connection.number, time.monotonic())
        connection.socket.send(json.dumps(envelope))

    def send_disconnect(self, connection: Connection, reason: str = "refresh_requested") -> None:
        """Ask the bot to move to a new connection, as Slack does every few hours."""
        connection.socket.send(json.dumps({"type": "disconnect", "reason": reason,
                                           "debug_info": {"host": "applink-fake"}}))

    def close(self, connection: Connection, code: int = 1001, reason: str = "going away") -> None:
        """Close `connection` from the server's side (without waiting for the closing handshake)."""
        threading.Thread(target=connection.socket.close, args=(code, reason), daemon=True).start()

    # -- waiting on what the bot does ------------------------------------------------------------

    def wait_for_connection(self, number: int, *, timeout: float = 10.0) -> Connection:
        """The `number`-th accepted connection (from 1), once its `hello` is sent."""
        def greeted() -> bool:
            return len(self.connections) >= number and self.connections[number - 1].hello_at is not None

        with self._lock:
            if not self._lock.wait_for(greeted, timeout):
                raise AssertionError(f"no connection #{number} within {timeout}s (had {len(self.connections)})")
            return self.connections[number - 1]

    def wait_for_ack(self, envelope_id: str, *, timeout: float = 10.0) -> Ack:
        with self._lock:
            found = self._lock.wait_for(lambda: self._ack(envelope_id), timeout)
        if not found:
            raise AssertionError(f"no ack of {envelope_id} within {timeout}s; acks: {self.acks}")
        return found

    def wait_for_refusals(self, count: int, *, timeout: float = 10.0) -> None:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.refused) >= count, timeout):
                raise AssertionError(f"not {count} refused handshakes within {timeout}s (had {len(self.refused)})")

    def wait_until(self, condition: Callable[[], bool], *, timeout: float = 10.0) -> None:
        with self._lock:
            if not self._lock.wait_for(condition, timeout):
                raise AssertionError(f"not reached within {timeout}s")

    def _ack(self, envelope_id: str) -> Ack | None:
        return next((a for a in self.acks if a.envelope_id == envelope_id), None)

    # -- the server side -------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        with self._lock:
            status = self._refuse_with
            if status is not None:
                self.refused.append(status)
                self._lock.notify_all()
        if status is None:
            return None
        body = f"{status} {HTTPStatus(status).phrase}\n".encode()
        return Response(status, HTTPStatus(status).phrase, Headers({"Content-Length": str(len(body))}), body)

    def _serve_connection(self, socket: ServerConnection) -> None:
        assert socket.request is not None
        with self._lock:
            number = len(self.connections) + 1
            connection = Connection(number, socket.request.path, socket)
            self.connections.append(connection)
        open_now = sum(1 for c in self.connections if c.closed_at is None)
        hello = {"type": "hello", "num_connections": open_now, "connection_info": {"app_id": APP_ID},
                 "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060}}
        socket.send(json.dumps(hello))
        with self._lock:
            connection.hello_at = time.monotonic()
            after_hello, self._after_hello = self._after_hello, []
            self._lock.notify_all()
        for envelope_id, envelope in after_hello:
            self._deliver(connection, envelope_id, envelope)
        try:
            for raw in socket:
                message = json.loads(raw)
                if "envelope_id" in message:
                    with self._lock:
                        self.acks.append(Ack(message["envelope_id"], message.get("payload"), number, time.monotonic()))
                        self._lock.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                connection.closed_at = time.monotonic()
                self._lock.notify_all()
