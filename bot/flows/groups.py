"""Practice groups' use cases that span the database and Slack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows.community import dm_coordinators, postable_community_channel, update_coordinator_copies
from bot.flows.home import publish_home
from bot.flows.topics import post_related
from bot.services.groups import ProposalInput, get_group, propose_group, set_proposal_message, withdraw_group
from bot.services.topics import TopicAnswers, tag
from bot.slack.channels import cannot_post_reason
from bot.slack.messaging import post, update
from bot.views.groups import proposal_message
from models.group import GroupStatus, PracticeGroup
from models.topic import Tagged


def refresh_proposal(client: WebClient, group: PracticeGroup) -> None:
    """Bring the proposal message in the community channel up to date (members, endorsements, status)."""
    update(client, group.proposal_channel_id, group.proposal_ts, proposal_message(group))


def refresh_proposal_of(deps: Deps, client: WebClient, team_id: str, group_id: int) -> None:
    """`refresh_proposal` for the group with this id, as it is now."""
    with deps.sessions() as session:
        group = get_group(session, team_id, group_id)
    refresh_proposal(client, group)


def refresh_clicked(deps: Deps, client: WebClient, body: dict[str, Any], group: PracticeGroup) -> None:
    """After a coordinator's endorsement, every coordinator's DM copy says what became of the proposal; a click
    from App Home brings that up to date too."""
    if (body.get("container") or {}).get("type") == "view":
        publish_home(deps, client, body["team"]["id"], body["user"]["id"])
    if group.status != GroupStatus.PROPOSED:
        update_coordinator_copies(deps, client, group, proposal_message(group, for_coordinator=True))


def withdraw(deps: Deps, client: WebClient, team_id: str, user_id: str, group_id: int, *,
             is_coordinator: bool) -> PracticeGroup:
    """The proposer (or a coordinator) withdraws a proposal: the proposal message and every coordinator's copy
    say so, with no buttons left."""
    with deps.sessions.begin() as session:
        group = withdraw_group(session, team_id, group_id, user_id, is_coordinator=is_coordinator, now=deps.clock())
    refresh_proposal(client, group)
    update_coordinator_copies(deps, client, group, proposal_message(group, for_coordinator=True))
    return group


def propose(deps: Deps, client: WebClient, team_id: str, user_id: str, proposal: ProposalInput, *,
            view_id: str | None, accepted: Callable[[], object], topics: TopicAnswers | None = None) -> None:
    """Store the proposed group and its topics (a UserError names every bad field), call `accepted`, then post
    the proposal in the community channel, with what is related in its thread, and DM it to the coordinators.
    A form submitted again is not posted twice."""
    channel = postable_community_channel(deps, client, team_id)
    problem = cannot_post_reason(client, proposal.channel_id) if proposal.channel_id else None
    with deps.sessions.begin() as session:
        group, new = propose_group(session, team_id, user_id, proposal, now=deps.clock(), view_id=view_id,
                                   channel_problem=problem)
        if new:
            tag(session, team_id, Tagged.GROUP, group.id, topics or TopicAnswers(), now=deps.clock())
    accepted()
    if not new:
        return
    ts = post(client, channel, proposal_message(group))
    with deps.sessions.begin() as session:
        set_proposal_message(session, get_group(session, team_id, group.id), channel, ts)
    post_related(deps, client, team_id, Tagged.GROUP, group.id, channel=channel, ts=ts)
    dm_coordinators(deps, client, team_id, proposal_message(group, for_coordinator=True), but=user_id, about=group)
