"""The app's own lifecycle in a workspace: uninstalled, tokens revoked."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.deps import Deps

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    if deps.installation_store is not None:
        # Bolt's own listeners delete the workspace's installations and bots.
        app.enable_token_revocation_listeners()
        return

    @app.event("app_uninstalled")
    def uninstalled(context: Any) -> None:
        logger.warning("the app was uninstalled from this workspace; SLACK_BOT_TOKEN no longer works")

    @app.event("tokens_revoked")
    def tokens_revoked(event: dict[str, Any]) -> None:
        logger.warning("tokens revoked: %s", event.get("tokens"))
