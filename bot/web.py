"""The HTTP surface: Slack's requests at /slack/*, and /healthz, served by waitress."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.db import Sessions, ping

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def make_wsgi_app(app: App, sessions: Sessions) -> WSGIApp:
    slack = SlackRequestHandler(app)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            return _healthz(sessions, start_response)
        return slack(environ, start_response)

    return wsgi


def _healthz(sessions: Sessions, start_response: Callable[..., Any]) -> Iterable[bytes]:
    try:
        ping(sessions)
        status, body = "200 OK", {"ok": True, "database": "ok"}
    except Exception as error:
        logger.error("health check: the database does not answer: %s", error)
        status, body = "503 Service Unavailable", {"ok": False, "database": "unreachable"}
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def make_server(wsgi: WSGIApp, host: str, port: int, **options: Any) -> BaseWSGIServer | MultiSocketServer:
    """A production WSGI server; port 0 picks a free one (see `server.effective_port`)."""
    return create_server(wsgi, host=host, port=port, threads=8, ident="cop-bot", **options)
