"""The HTTP surface: Slack's requests at /slack/*, /healthz and /metrics, served by waitress."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.db import Sessions, ping
from bot.deps import Deps
from bot.jobs.runner import DueRowJob
from bot.jobs.scheduler import all_jobs
from bot.metrics import DueRowsCollector, exposition
from bot.socket_mode import SocketModeServer

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def make_wsgi_app(app: App, deps: Deps, socket_mode: SocketModeServer | None = None) -> WSGIApp:
    """Slack's requests, /healthz and /metrics; in Socket Mode (`socket_mode`), health includes its connection.

    In Socket Mode Slack's requests come over the websocket; HTTP then takes them (the OAuth
    install pages, say) only when a signing secret can verify them.
    """
    slack = SlackRequestHandler(app)
    serves_slack = socket_mode is None or bool(deps.settings.signing_secret)
    tables = [(job.name, job.model) for job in all_jobs() if isinstance(job, DueRowJob)]
    due_rows = DueRowsCollector(deps.sessions, tables, deps.clock)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            return _healthz(deps.sessions, socket_mode, start_response)
        if path == "/metrics" and environ.get("REQUEST_METHOD") == "GET":
            return _metrics(due_rows, start_response)
        if not serves_slack:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"this bot takes Slack's requests over Socket Mode\n"]
        return slack(environ, start_response)

    return wsgi


def _metrics(due_rows: DueRowsCollector, start_response: Callable[..., Any]) -> Iterable[bytes]:
    try:
        page = exposition(due_rows)
    except Exception:
        logger.exception("metrics: could not count the due rows")
        start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
        return [b"the database does not answer\n"]
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
    return [page]


def _healthz(sessions: Sessions, socket_mode: SocketModeServer | None,
             start_response: Callable[..., Any]) -> Iterable[bytes]:
    body: dict[str, Any] = {"ok": True, "database": "ok"}
    try:
        ping(sessions)
    except Exception as error:
        logger.error("health check: the database does not answer: %s", error)
        body |= {"ok": False, "database": "unreachable"}
    if socket_mode is not None:
        connected = socket_mode.connected
        body["socket_mode"] = "connected" if connected else "disconnected"
        body["ok"] = body["ok"] and connected
    status = "200 OK" if body["ok"] else "503 Service Unavailable"
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def make_server(wsgi: WSGIApp, host: str, port: int, **options: Any) -> BaseWSGIServer | MultiSocketServer:
    """A production WSGI server; port 0 picks a free one (see `server.effective_port`)."""
    return create_server(wsgi, host=host, port=port, threads=8, ident="cop-bot", **options)
