"""The community's coordinators and channel, where Settings (the database) and Slack both have a say."""

from __future__ import annotations

from typing import ClassVar, Protocol

from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.services.community import (
    copies_of,
    get_community,
    is_listed_coordinator,
    record_copies,
    require_community_channel,
)
from bot.slack.channels import cannot_post_reason
from bot.slack.messaging import dm_copies, update_every
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


class Subject(Protocol):
    """A practice group or a charter: what a coordinator's copy of its proposal is about."""

    subject_kind: ClassVar[str]

    @property
    def id(self) -> int: ...


def dm_coordinators(deps: Deps, client: WebClient, team_id: str, message: Message, *, but: str,
                    about: Subject) -> None:
    """DM `message` to every coordinator (listed, admins and owners) except `but`, who acted; each copy is kept
    so that `update_coordinator_copies` can bring them all up to date."""
    with deps.sessions() as session:
        listed = get_community(session, team_id).coordinator_ids
    sent = dm_copies(client, all_coordinators(client, listed), message, but=but)
    with deps.sessions.begin() as session:
        record_copies(session, team_id, about.subject_kind, about.id, sent, now=deps.clock())


def update_coordinator_copies(deps: Deps, client: WebClient, about: Subject, message: Message) -> int:
    """Every coordinator's DM copy of the proposal shows `message` (the outcome, no buttons); how many did."""
    with deps.sessions() as session:
        copies = copies_of(session, about.subject_kind, about.id)
    return update_every(client, copies, message)
