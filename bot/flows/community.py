"""The community's coordinators and channel, where Settings (the database) and Slack both have a say."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.services.community import get_community, is_listed_coordinator, require_community_channel
from bot.slack.channels import cannot_post_reason
from bot.slack.messaging import dm_each
from bot.slack.people import all_coordinators, is_admin
from bot.views.channels import community_channel_problem
from bot.views.message import Message


def is_coordinator(deps: Deps, client: WebClient, team_id: str, user_id: str) -> bool:
    """Listed as a coordinator in Settings, or a workspace admin or owner."""
    with deps.sessions() as session:
        if is_listed_coordinator(session, team_id, user_id):
            return True
    return is_admin(client, user_id)


def postable_community_channel(deps: Deps, client: WebClient, team_id: str) -> str:
    """The community channel, after checking the bot can post there; UserError otherwise."""
    with deps.sessions() as session:
        channel = require_community_channel(session, team_id)
    if problem := cannot_post_reason(client, channel):
        raise UserError(community_channel_problem(channel, problem))
    return channel


def dm_coordinators(deps: Deps, client: WebClient, team_id: str, message: Message, *, but: str) -> None:
    """DM `message` to every coordinator (listed, admins and owners) except `but`, who acted."""
    with deps.sessions() as session:
        listed = get_community(session, team_id).coordinator_ids
    dm_each(client, all_coordinators(client, listed), message, but=but)
