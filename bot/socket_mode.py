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
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk.errors import SlackApiError
from websocket import WebSocketApp

from bot.config import ConfigError, Settings
from bot.slack.clients import make_web_client

logger = logging.getLogger("cop-bot")

# What apps.connections.open answers when the app-level token itself is the problem.
REFUSED_TOKEN_ERRORS = frozenset({
    "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "missing_scope",
    "not_allowed_token_type",
})

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
        # The library's own lines about sessions are debugging detail; what matters is logged here.
        sdk_logger = logging.getLogger("slack_sdk.socket_mode")
        if not logging.getLogger().isEnabledFor(logging.DEBUG):
            sdk_logger.setLevel(logging.WARNING)
        self.handler = SocketModeHandler(app, app_token, logger=sdk_logger)
        self._client = self.handler.client
        self._client.on_message_listeners.append(self._on_message)

    def serve(self, stopping: threading.Event) -> None:
        self._client.connect()
        logger.info("connected to Slack in Socket Mode")
        try:
            stopping.wait()
        finally:
            self._stopping.set()
            self._client.close()

    def _on_message(self, ws: WebSocketApp, raw: str) -> None:
        message = _parse(raw)
        if message.get("type") == "disconnect":
            self._hand_over(ws)

    def _hand_over(self, ws: WebSocketApp) -> None:
        """Hold this connection's reader until the client has started closing it.

        The client answers `disconnect` on another thread: it opens the new connection, then closes
        this one. A reader still waiting on the closed socket would notice only at its 10 s poll
        timeout, and the new connection is read only after this one's reader returns.
        """
        waited = threading.Event()
        for _ in range(int(HANDOVER_SECONDS / 0.01)):
            if not ws.keep_running or self._stopping.is_set():
                return
            waited.wait(0.01)


def _parse(raw: str) -> dict[str, Any]:
    if not raw.startswith("{"):
        return {}
    try:
        message = json.loads(raw)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}

