"""Coming back to a workspace the app was uninstalled from: its scheduled work resumes.

With OAuth, when the new installation is saved; with SLACK_BOT_TOKEN, when the bot starts with a
token Slack accepts (after a reinstall, the operator restarts it with the new token).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.db import Sessions
from bot.services.community import mark_installed
from bot.services.problems import permissions_renewed

logger = logging.getLogger(__name__)


class ResumingInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy store, which also resumes a workspace the app had been uninstalled from."""

    def __init__(self, *, client_id: str, sessions: Sessions) -> None:
        super().__init__(client_id=client_id, engine=sessions.kw["bind"])
        self._sessions = sessions

    def save(self, installation: Installation) -> None:
        super().save(installation)
        with self._sessions.begin() as session:
            if installation.team_id:
                permissions_renewed(session, installation.team_id)
            if installation.team_id and mark_installed(session, installation.team_id):
                logger.info("installed again in %s: its scheduled work resumes", installation.team_id)


def resume_with_bot_token(sessions: Sessions, client: WebClient) -> None:
    """Resume the workspace of SLACK_BOT_TOKEN, which works again (the app was reinstalled)."""
    team_id = client.auth_test()["team_id"]
    with sessions.begin() as session:
        permissions_renewed(session, team_id)  # it may have been reinstalled with the permissions it lacked
        if mark_installed(session, team_id):
            logger.info("installed again in %s: its scheduled work resumes", team_id)
