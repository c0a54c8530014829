"""Message events (thread replies, edits, deletes) for every domain, through one Bolt listener.

Bolt runs only the first listener that matches a request, so a second `app.event("message")` would
never be called. A domain that reads messages defines `on_message(deps, event, team_id, client)`
instead; this listener calls each in turn, and one's failure does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.deps import Deps

logger = logging.getLogger(__name__)

MessageHandler = Callable[[Deps, dict[str, Any], str, WebClient], None]


def register(app: App, deps: Deps, handlers: Sequence[MessageHandler]) -> None:
    @app.event("message")
    def on_message(event: dict[str, Any], context: Any, client: WebClient) -> None:
        for handler in handlers:
            try:
                handler(deps, event, context.team_id, client)
            except Exception:
                logger.exception("%s failed on a %s message event", handler.__module__, event.get("subtype") or "new")
