"""Serving Slack over Socket Mode: one websocket to Slack, replaced whenever Slack asks.

Bolt's adapter over the `websocket-client` library reads a new connection as soon as it is open,
so a command Slack delivers right after a reconnect is acked at once. The client's listeners
tell the operator what happens: "connected" only once Slack's `hello` has arrived, and a clear
warning, with a growing pause between attempts, while a connection cannot be opened.
"""

from __future__ import annotations

import json
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk.errors import SlackApiError
from websocket import (
    ABNF,
    WebSocketApp,
    WebSocketBadStatusException,
    WebSocketConnectionClosedException,
    WebSocketException,
    WebSocketTimeoutException,
)

from bot.config import ConfigError, Settings
from bot.slack.clients import make_web_client

logger = logging.getLogger("cop-bot")

# What apps.connections.open answers when the app-level token itself is the problem.
REFUSED_TOKEN_ERRORS = frozenset({"invalid_auth", "not_authed", "token_revoked", "token_expired",
                                  "account_inactive", "missing_scope", "not_allowed_token_type"})

# The pause before trying again to open a connection, doubling after each failure up to the longest.
FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 30.0
# How long the reader of a connection Slack has asked us to leave waits for the client to close it.
# Past that it reads on: Slack may still deliver there while a new URL is slow to come.
HANDOVER_SECONDS = 3.0
# How long an ack whose connection has closed waits for the new one to be greeted. Slack wants
# acks within 3 s, but a late one still spares a retry; on a busy host the new one can take longer.
ACK_WAIT_SECONDS = 10.0


class AppTokenRefused(ConfigError):
    """Slack refused SLACK_APP_TOKEN: the bot cannot connect until it is replaced."""


def check_app_token(settings: Settings) -> None:
    """Ask Slack for a Socket Mode URL once, so a refused app token stops the bot before it starts."""
    assert settings.app_token is not None
    try:
        make_web_client(settings).apps_connections_open(app_token=settings.app_token)
    except SlackApiError as error:
        code = error.response.get("error")
        if code not in REFUSED_TOKEN_ERRORS:
            raise
        raise AppTokenRefused(
            f"SLACK_APP_TOKEN was refused by Slack ({code}): create an app-level token with connections:write"
            " under Basic Information → App-Level Tokens"
        ) from None


class SocketModeServer:
    """The app served over Socket Mode: `serve(stopping)` connects and returns once `stopping` is set."""

    def __init__(self, app: App, app_token: str) -> None:
        self._stopping = threading.Event()
        self._greeted: weakref.WeakSet[WebSocketApp] = weakref.WeakSet()  # connections Slack said hello on
        self._greeted_lock = threading.Lock()  # /healthz reads them from the web server's threads
        # The connection each envelope came on, until it is acked: its ack goes back there.
        self._arrived_on: dict[str, WebSocketApp] = {}
        self._connected_before = False
        self._retry_in = FIRST_RETRY_SECONDS
        # The library's own lines about sessions are debugging detail ("Connected to a new endpoint"
        # even when the handshake then fails); what happens is logged here, once, from its listeners.
        sdk_logger = logging.getLogger("slack_sdk.socket_mode")
        if not logging.getLogger().isEnabledFor(logging.DEBUG):
            sdk_logger.setLevel(logging.WARNING)
        sdk_logger.addFilter(_RESTATED_BY_US)
        logging.getLogger("websocket").addFilter(_RESTATED_BY_US)
        self.handler = SocketModeHandler(app, app_token, logger=sdk_logger)
        self._client = self.handler.client
        self._client.on_message_listeners.append(self._on_message)
        self._client.on_error_listeners.append(self._on_error)
        self._client.send_message = self._send_message  # type: ignore[method-assign]
        self._leaving: set[WebSocketApp] = set()  # connections Slack asked us to leave, for _hand_over to close
        # Connections whose close we have said: nothing may be sent on them any more (RFC 6455 §5.5.1),
        # so the acks of what they still deliver go out on the new connection.
        self._closing: weakref.WeakSet[WebSocketApp] = weakref.WeakSet()
        # Held while an ack is sent and while a close is said, so that no ack follows a close on the wire.
        self._send_lock = threading.Lock()
        self._reconnect = self._client.connect_to_new_endpoint
        self._client.connect_to_new_endpoint = self._connect_to_new_endpoint  # type: ignore[method-assign]

    @property
    def connected(self) -> bool:
        """Whether a connection Slack has said hello on is open (during a handover, the old or the new)."""
        with self._greeted_lock:
            greeted = list(self._greeted)
        return not self._stopping.is_set() and any(ws.sock is not None for ws in greeted)

    def serve(self, stopping: threading.Event) -> None:
        self._client.connect()
        try:
            stopping.wait()
        finally:
            self._stopping.set()
            self._close()

    def _close(self) -> None:
        """Have the connection's own reader close it, then close the client.

        Closed from this thread, the socket would leave its reader waiting for its 10 s poll
        timeout, and the client's close waits for that reader. The client's message processor waits
        up to a second on its queue: an empty message, once the client is marked closed, ends it.
        """
        client = self._client
        client.auto_reconnect_enabled = False
        session = client.current_session
        if session is not None and session.sock is not None:
            session.keep_running = False  # the reader closes the connection the next time it wakes up,
            try:
                session.send("", ABNF.OPCODE_PING)  # which Slack's pong makes at once
            except (WebSocketException, OSError):
                pass
            else:
                _wait_until(lambda: session.sock is None, HANDOVER_SECONDS)
        client.closed = True
        client.message_queue.put(None)
        client.close()

    def _send_message(self, message: str) -> None:
        """Send an ack on the connection its envelope came on, or, if that one is gone, on the new one.

        The client's own sending uses its current connection, which during a handover is one not
        yet open: the acks of requests that came just before it would be lost.
        """
        envelope_id = _parse(message).get("envelope_id")
        with self._greeted_lock:
            came_on = self._arrived_on.pop(envelope_id, None) if isinstance(envelope_id, str) else None
        if came_on is not None and self._send_unless_closing(came_on, message):
            return

        def sent_on_current() -> bool:
            current = self._client.current_session
            return (current is not None and self._is_greeted_and_open(current)
                    and self._send_unless_closing(current, message))

        if not _wait_until(sent_on_current, ACK_WAIT_SECONDS):
            raise WebSocketConnectionClosedException("no Socket Mode connection is open to send the ack on")

    def _send_unless_closing(self, ws: WebSocketApp, message: str) -> bool:
        with self._send_lock:
            return ws not in self._closing and _send_on(ws, message)

    def _is_greeted_and_open(self, ws: WebSocketApp) -> bool:
        with self._greeted_lock:
            return ws in self._greeted and ws.sock is not None

    def _on_message(self, ws: WebSocketApp, raw: str) -> None:
        message = _parse(raw)
        kind = message.get("type")
        if isinstance(message.get("envelope_id"), str):
            with self._greeted_lock:
                self._arrived_on[message["envelope_id"]] = ws
        if kind == "hello":
            with self._greeted_lock:
                self._greeted.add(ws)
                # Forget the envelopes Bolt never acked (no listener) that came on connections now closed.
                self._arrived_on = {e: c for e, c in self._arrived_on.items() if c.sock is not None}
            self._retry_in = FIRST_RETRY_SECONDS
            logger.info("%s to Slack in Socket Mode", "reconnected" if self._connected_before else "connected")
            self._connected_before = True
        elif kind == "disconnect":
            logger.info("Slack asked for a new Socket Mode connection (%s)", message.get("reason", "no reason given"))
            self._hand_over(ws)

    def _on_error(self, ws: WebSocketApp, error: Exception) -> None:
        """Say what failed; before trying a connection that never opened again, pause (longer each time)."""
        if self._stopping.is_set():
            return
        if ws in self._greeted:
            if isinstance(error, WebSocketConnectionClosedException) and getattr(error, "status_code", None):
                logger.info("the Socket Mode connection was %s; reconnecting", _describe(error))
            else:
                logger.warning("lost the Socket Mode connection: %s; reconnecting", _describe(error))
            return
        delay, self._retry_in = self._retry_in, min(self._retry_in * 2, LONGEST_RETRY_SECONDS)
        logger.warning("could not open the Socket Mode connection: %s; retrying in %g s", _describe(error), delay)
        # This runs on the connection's own thread before the client reconnects, so the pause
        # delays the next attempt (and its apps.connections.open) and nothing else.
        self._stopping.wait(delay)

    def _hand_over(self, ws: WebSocketApp) -> None:
        """Once the client has moved to a new connection, close this one from its own reader, reading it to the end.

        The client answers `disconnect` on another thread: it makes the new connection current, and
        its own close of this one would drop whatever Slack sent after `disconnect` (requests that
        then go unanswered). Here the close is said first and what still arrives is read and handled
        until Slack's close comes back; only then can the new connection be read, on this thread.
        """
        _wait_until(lambda: self._left(ws) or self._stopping.is_set(), HANDOVER_SECONDS)
        with self._greeted_lock:
            self._leaving.discard(ws)
        sock = ws.sock
        if sock is None or not ws.keep_running:
            return
        try:
            with self._send_lock:
                self._closing.add(ws)
                sock.send_close()
            sock.settimeout(HANDOVER_SECONDS)
            while True:
                opcode, data = sock.recv_data(control_frame=True)
                if opcode == ABNF.OPCODE_CLOSE:
                    break
                if opcode == ABNF.OPCODE_TEXT and ws.on_message is not None:
                    ws.on_message(ws, data.decode())
        except (WebSocketException, OSError):
            pass  # closed or silent: nothing more can arrive on it
        finally:
            ws.keep_running = False  # its reader tears it down on return
            sock.connected = False  # the close is said already
            sock.shutdown()  # type: ignore[no-untyped-call]

    def _left(self, ws: WebSocketApp) -> bool:
        with self._greeted_lock:
            return ws in self._leaving

    def _connect_to_new_endpoint(self, force: bool = False) -> None:
        """The client's reconnect; forced (Slack's `disconnect`), the connection left is closed by `_hand_over`."""
        leaving = self._client.current_session
        if force and leaving is not None and leaving.sock is not None:
            with self._greeted_lock:
                self._leaving.add(leaving)
            self._client.current_session = None  # so that the client does not close it itself
        self._reconnect(force)


def _send_on(ws: WebSocketApp, message: str) -> bool:
    """Send `message` on `ws` unless it is closed or closing; whether it was sent."""
    if not ws.keep_running or ws.sock is None or not ws.sock.connected:
        return False
    try:
        ws.send(message)
    except (WebSocketException, OSError):
        return False
    return True


def _wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Wait (checking every 10 ms) until `condition()` holds, at most `seconds`: the library offers no event."""
    pause = threading.Event()
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        pause.wait(0.01)
    return False


def _describe(error: Exception) -> str:
    if isinstance(error, WebSocketBadStatusException):
        return f"handshake refused (HTTP {error.status_code})"
    status = getattr(error, "status_code", None)  # set when Slack's close frame gave a code
    if isinstance(error, WebSocketConnectionClosedException) and status:
        reason = getattr(error, "reason", None)
        return f"closed by Slack (code {status}: {reason})" if reason else f"closed by Slack (code {status})"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, (TimeoutError, WebSocketTimeoutException)):
        return "timed out"
    return str(error) or type(error).__name__


class _RestatedByUs(logging.Filter):
    """Drops the libraries' lines for a connection failure, which `_on_error` reports itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("on_error invoked") or message.endswith(" - goodbye"))


_RESTATED_BY_US = _RestatedByUs()


def _parse(raw: str) -> dict[str, Any]:
    if not raw.startswith("{"):
        return {}
    try:
        message = json.loads(raw)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}

