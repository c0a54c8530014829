"""The Bolt app: authorization, listeners and the one error handler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.deps import Deps
from bot.flows.installs import resume_with_bot_token
from bot.listeners import register_all
from bot.log import ContextCopyingExecutor, source_var, team_var
from bot.metrics import ACK_SECONDS, SLACK_REQUESTS
from bot.slack.clients import make_web_client

logger = logging.getLogger(__name__)

# Must match oauth_config.scopes.bot in manifest.yml (a test checks).
BOT_SCOPES = [
    "channels:history",
    "channels:join",
    "channels:read",
    "chat:write",
    "commands",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:write",
    "mpim:history",
    "mpim:write",
    "reactions:write",
    "users:read",
]
SORRY = ":warning: Something went wrong on my side and nothing was changed. Please try again in a moment."


def create_app(deps: Deps) -> App:
    settings = deps.settings
    options: dict[str, Any] = {
        "signing_secret": settings.signing_secret or "",
        # Bolt copies this client's base URL and retry handlers into every per-request client.
        "client": make_web_client(settings, None if settings.oauth else settings.bot_token),
        "logger": logging.getLogger("slack_bolt"),
        "listener_executor": ContextCopyingExecutor(max_workers=16, thread_name_prefix="listener"),
    }
    if settings.oauth:
        assert deps.installation_store is not None
        options["oauth_settings"] = OAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=BOT_SCOPES,
            installation_store=deps.installation_store,
            state_store=SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=deps.sessions.kw["bind"]),
            install_path="/slack/install",
            redirect_uri_path="/slack/oauth_redirect",
        )
    app = App(**options)
    if not settings.oauth:
        resume_with_bot_token(deps.sessions, app.client)
    app.use(_tag_logs)
    app.use(_measure)
    register_all(app, deps)
    app.error(_on_error)
    return app


def _tag_logs(body: dict[str, Any], context: Any, next: Callable[[], BoltResponse]) -> BoltResponse:
    """Tag log lines with the workspace and what Slack sent (command, action, modal or event)."""
    team_var.set(context.team_id or "-")
    source_var.set(_source(body))
    return next()


def _measure(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
    """Count the request and time it to its acknowledgement: Bolt returns from next() once it is acked."""
    kind, _, name = _source(body).partition(":")
    SLACK_REQUESTS.labels(kind=kind, name=name).inc()
    with ACK_SECONDS.labels(kind=kind).time():
        return next()


def _source(body: dict[str, Any]) -> str:
    if "command" in body:
        return f"command:{body['command']}"
    kind = body.get("type", "")
    if kind == "block_actions" and body.get("actions"):
        return f"action:{body['actions'][0].get('action_id')}"
    if kind in ("view_submission", "view_closed"):
        return f"view:{body.get('view', {}).get('callback_id')}"
    if kind == "event_callback":
        return f"event:{body.get('event', {}).get('type')}"
    return kind or "-"


def _on_error(error: Exception, body: dict[str, Any], respond: Any) -> None:
    """Log any listener failure with its traceback, and tell the member when we can reach them."""
    logger.error("listener failed", exc_info=error)
    if body.get("response_url") or body.get("response_urls"):
        try:
            respond(text=SORRY, response_type="ephemeral", replace_original=False)
        except Exception:
            logger.exception("could not tell the member about the failure")
