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
REFUSED_TOKEN_ERRORS = frozenset({
    "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "missing_scope",
    "not_allowed_token_type",
})

# The pause before trying again to open a connection, doubling after each failure up to the longest.
FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 30.0
# How long the reader of a connection Slack has asked us to leave waits for the client to close it.
# Past that it reads on: Slack may still deliver there while a new URL is slow to come.
HANDOVER_SECONDS = 3.0


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
        timeout, and the client's close waits for that reader.
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
        client.close()

    def _on_message(self, ws: WebSocketApp, raw: str) -> None:
        message = _parse(raw)
        kind = message.get("type")
        if kind == "hello":
            self._greeted.add(ws)
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
        """Hold this connection's reader until the client has started closing it.

        The client answers `disconnect` on another thread: it opens the new connection, then closes
        this one. A reader still waiting on the closed socket would notice only at its 10 s poll
        timeout, and the new connection is read only after this one's reader returns.
        """
        _wait_until(lambda: not ws.keep_running or self._stopping.is_set(), HANDOVER_SECONDS)


def _wait_until(condition: Callable[[], bool], seconds: float) -> None:
    """Wait (checking every 10 ms) until `condition()` holds, at most `seconds`: the library offers no event."""
    pause = threading.Event()
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        pause.wait(0.01)


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

