"""Charters' use cases that span the database and Slack."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.services import charters as service
from bot.slack.messaging import update
from bot.views import charters as views
from bot.views.message import Message
from models import Charter


def refresh_proposal(client: WebClient, charter: Charter) -> None:
    """Keep the proposal message in the community channel in step with the charter."""
    update(client, charter.proposal_channel_id, charter.proposal_ts, Message(**views.proposal_message(charter)))


def refresh_proposal_of(deps: Deps, client: WebClient, team_id: str, charter_id: int) -> None:
    """`refresh_proposal` for the charter with this id, as it is now."""
    with deps.sessions() as session:
        charter = service.get_charter(session, team_id, charter_id)
    refresh_proposal(client, charter)
