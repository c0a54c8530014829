"""`/practice`: practice groups — propose, list, join, leave, report, close; Join and Endorse buttons."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.errors import UserError
from bot.ids import Command, GroupAction, GroupField, GroupView
from bot.listeners.commands import CommandRequest, SubcommandHandler, command_listener
from bot.flows.community import dm_coordinators, is_coordinator, postable_community_channel
from bot.flows.home import publish_home
from bot.listeners.common import form_values
from bot.flows.groups import refresh_proposal
from bot.listeners.reports import open_report_modal
from bot.slack.channels import cannot_post_reason
from bot.slack.clicks import answer_click as tell
from bot.slack.clicks import clicked_copy
from bot.services.groups import (
    Endorsed,
    ProposalInput,
    endorse_group,
    find_group,
    get_group,
    join_group,
    leave_group,
    list_groups,
    propose_group,
    require_can_close,
    set_proposal_message,
)
from bot.services.reports import subject_value
from bot.views.groups import build_propose_modal, group_list, proposal_message
from models.group import PracticeGroup

logger = logging.getLogger(__name__)


def _clicked_elsewhere(deps: Deps, client: WebClient, body: dict[str, Any], group: PracticeGroup) -> None:
    """Keep the message that was clicked current too: a coordinator's DM, or App Home."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    if (body.get("container") or {}).get("type") == "view":
        publish_home(deps, client, team_id, user_id)
    elif where := clicked_copy(body, group.proposal_ts):
        channel, ts = where
        try:
            client.chat_update(channel=channel, ts=ts, **proposal_message(group, for_coordinator=True).as_kwargs())
        except SlackApiError as error:
            logger.warning("could not update a copy of the proposal of group %s: %s", group.id,
                           error.response.get("error"))


def register(app: App, deps: Deps) -> None:
    def group_by_name(req: CommandRequest) -> PracticeGroup:
        with deps.sessions() as session:
            return find_group(session, req.team_id, req.args)

    def propose(req: CommandRequest) -> None:
        req.ack()
        try:
            postable_community_channel(deps, req.client, req.team_id)
        except UserError as error:
            req.respond(text=error.message, response_type="ephemeral")
            return
        req.client.views_open(trigger_id=req.trigger_id, view=build_propose_modal(req.user_id))

    def list_(req: CommandRequest) -> None:
        with deps.sessions() as session:
            groups = list_groups(session, req.team_id)
        req.ack(**group_list(groups, req.user_id).as_kwargs())

    def join(req: CommandRequest) -> None:
        try:
            with deps.sessions.begin() as session:
                group = find_group(session, req.team_id, req.args)
                join_group(session, group, req.user_id, now=deps.clock())
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack(text=f"You joined *{group.name}*. Its leads: " + ", ".join(f"<@{u}>" for u in group.lead_ids) + ".")
        refresh_proposal(req.client, group)

    def leave(req: CommandRequest) -> None:
        try:
            with deps.sessions.begin() as session:
                group = find_group(session, req.team_id, req.args)
                new_lead = leave_group(session, group, req.user_id)
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack(text=f"You left *{group.name}*." + (f" <@{new_lead}> now leads it." if new_lead else ""))
        refresh_proposal(req.client, group)

    def report(req: CommandRequest) -> None:
        req.ack()
        try:
            group = group_by_name(req)
            open_report_modal(deps, req.client, team_id=req.team_id, user_id=req.user_id,
                              trigger_id=req.trigger_id, subject_value=subject_value(group))
        except UserError as error:
            req.respond(text=error.message, response_type="ephemeral")

    def close(req: CommandRequest) -> None:
        req.ack()
        try:
            group = group_by_name(req)
            require_can_close(group, req.user_id, is_coordinator=is_coordinator(deps, req.client, req.team_id,
                                                                                req.user_id))
            open_report_modal(deps, req.client, team_id=req.team_id, user_id=req.user_id,
                              trigger_id=req.trigger_id, subject_value=subject_value(group), final=True)
        except UserError as error:
            req.respond(text=error.message, response_type="ephemeral")

    handlers: dict[str, SubcommandHandler] = {
        "propose": propose, "list": list_, "join": join, "leave": leave, "report": report, "close": close,
    }
    app.command(Command.PRACTICE)(command_listener(Command.PRACTICE, deps, handlers))

    @app.view(GroupView.PROPOSE)
    def submit_proposal(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        values = form_values(view)
        proposal = ProposalInput(
            name=values.get(GroupField.NAME) or "", reason=values.get(GroupField.REASON),
            focus=values.get(GroupField.FOCUS) or "", activities=values.get(GroupField.ACTIVITIES) or "",
            cadence=values.get(GroupField.CADENCE), member_ids=values.get(GroupField.MEMBERS) or [],
            channel_id=values.get(GroupField.CHANNEL),
        )
        try:
            channel = postable_community_channel(deps, client, team_id)
            problem = cannot_post_reason(client, proposal.channel_id) if proposal.channel_id else None
            with deps.sessions.begin() as session:
                group, new = propose_group(session, team_id, user_id, proposal, now=deps.clock(),
                                           view_id=view.get("id"), channel_problem=problem)
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(GroupField.NAME))
            return
        ack()
        if not new:
            return
        posted = client.chat_postMessage(channel=channel, **proposal_message(group).as_kwargs())
        with deps.sessions.begin() as session:
            set_proposal_message(session, get_group(session, team_id, group.id), channel, posted["ts"])
        dm_coordinators(deps, client, team_id, proposal_message(group, for_coordinator=True), but=user_id)

    @app.action(GroupAction.JOIN)
    def join_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        try:
            with deps.sessions.begin() as session:
                group = get_group(session, team_id, int(action.get("value") or 0))
                join_group(session, group, user_id, now=deps.clock())
        except UserError as error:
            tell(client, body, respond, error.message)
            return
        tell(client, body, respond, f"You joined *{group.name}*.")
        refresh_proposal(client, group)

    def endorse(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        coordinator = is_coordinator(deps, client, team_id, user_id)
        try:
            with deps.sessions.begin() as session:
                group = get_group(session, team_id, int(action.get("value") or 0))
                result = endorse_group(session, group, user_id, is_coordinator=coordinator, now=deps.clock(),
                                       as_coordinator=action["action_id"] == GroupAction.ENDORSE_AS_COORDINATOR)
        except UserError as error:
            tell(client, body, respond, error.message)
            return
        refresh_proposal(client, group)
        _clicked_elsewhere(deps, client, body, group)
        if result is Endorsed.ACTIVATED:
            tell(client, body, respond, f"You endorsed *{group.name}* for the community: it is now active, and "
                 f"its first report is due on {group.next_report_due:%a %d %b}.")
        else:
            tell(client, body, respond, f"Thanks: you endorsed *{group.name}*.")

    app.action(GroupAction.ENDORSE)(endorse)
    app.action(GroupAction.ENDORSE_AS_COORDINATOR)(endorse)
