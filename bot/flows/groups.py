"""Practice groups' use cases that span the database and Slack."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.services.groups import get_group
from bot.slack.messaging import update
from bot.views.groups import proposal_message
from models.group import PracticeGroup


def refresh_proposal(client: WebClient, group: PracticeGroup) -> None:
    """Bring the proposal message in the community channel up to date (members, endorsements, status)."""
    update(client, group.proposal_channel_id, group.proposal_ts, proposal_message(group))


def refresh_proposal_of(deps: Deps, client: WebClient, team_id: str, group_id: int) -> None:
    """`refresh_proposal` for the group with this id, as it is now."""
    with deps.sessions() as session:
        group = get_group(session, team_id, group_id)
    refresh_proposal(client, group)
