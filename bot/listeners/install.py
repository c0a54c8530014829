"""The app's own lifecycle in a workspace: uninstalled, its bot token revoked, installed again.

While the app is out of a workspace its scheduled work waits and its data stays; an OAuth reinstall
(bot/flows/installs.py) or, with SLACK_BOT_TOKEN, a restart with a working token resumes it.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners

from bot.deps import Deps
from bot.listeners.common import with_deps
from bot.services.community import mark_uninstalled

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.event("app_uninstalled")(with_deps(deps, uninstalled))
    app.event("tokens_revoked")(with_deps(deps, tokens_revoked))


def uninstalled(deps: Deps, context: BoltContext) -> None:
    if deps.installation_store is not None:
        TokenRevocationListeners(deps.installation_store).handle_app_uninstalled_events(context)
    _pause(deps, context)


def tokens_revoked(deps: Deps, event: dict[str, Any], context: BoltContext) -> None:
    if deps.installation_store is not None:
        TokenRevocationListeners(deps.installation_store).handle_tokens_revoked_events(event, context)
    if event.get("tokens", {}).get("bot"):  # members' own tokens are none of the bot's work
        _pause(deps, context)


def _pause(deps: Deps, context: BoltContext) -> None:
    logger.warning("the app left this workspace: its scheduled work waits until it is installed again")
    with deps.sessions.begin() as session:
        mark_uninstalled(session, context.team_id or "", deps.clock())
