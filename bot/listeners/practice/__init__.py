"""`/practice`: practice groups — propose, list, join, leave, report, close, search; Join and Endorse buttons.

`/practice data` (a member's data, a workspace's data) lives in data.py beside it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.community import is_coordinator, postable_community_channel
from bot.flows.groups import propose, refresh_clicked, refresh_proposal, withdraw
from bot.flows.reports import open_report_modal
from bot.flows.search import find
from bot.ids import Command, GroupAction, GroupField, GroupView
from bot.listeners.commands import CommandRequest, command_listener
from bot.listeners.common import form_values, with_deps
from bot.listeners.practice import data
from bot.services.groups import (
    Endorsed,
    ProposalInput,
    endorse_group,
    find_group,
    get_group,
    join_group,
    leave_group,
    list_groups,
    require_can_close,
)
from bot.services.reports.subjects import subject_value
from bot.services.topics import offered_topics
from bot.slack.clicks import answer_click
from bot.views.groups import build_propose_modal, endorsed_text, group_list, joined_text, left_text, withdrawn_text
from bot.views.search import search_message, search_problem_message
from bot.views.topics import topic_answers
from models.group import GroupStatus


def register(app: App, deps: Deps) -> None:
    app.command(Command.PRACTICE)(command_listener(Command.PRACTICE, deps, SUBCOMMANDS))
    app.view(GroupView.PROPOSE)(with_deps(deps, submit_proposal))
    app.action(GroupAction.JOIN)(with_deps(deps, join_clicked))
    app.action(GroupAction.ENDORSE)(with_deps(deps, endorse_clicked))
    app.action(GroupAction.ENDORSE_AS_COORDINATOR)(with_deps(deps, endorse_clicked))
    data.register(app, deps)


# -- /practice -------------------------------------------------------------------------------------


def propose_command(req: CommandRequest) -> None:
    req.ack()
    try:
        postable_community_channel(req.deps, req.client, req.team_id)
    except UserError as error:
        req.respond(text=error.message, response_type="ephemeral")
        return
    with req.deps.sessions() as session:
        offered = offered_topics(session, req.team_id)
    req.client.views_open(trigger_id=req.trigger_id, view=build_propose_modal(req.user_id, offered))


def list_command(req: CommandRequest) -> None:
    with req.deps.sessions() as session:
        groups = list_groups(session, req.team_id)
    req.ack(**group_list(groups, req.user_id).as_kwargs())


def join(req: CommandRequest) -> None:
    try:
        with req.deps.sessions.begin() as session:
            group = find_group(session, req.team_id, req.args)
            join_group(session, group, req.user_id, now=req.deps.clock())
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=joined_text(group, with_leads=True))
    refresh_proposal(req.client, group)


def leave(req: CommandRequest) -> None:
    try:
        with req.deps.sessions.begin() as session:
            group = find_group(session, req.team_id, req.args)
            new_lead = leave_group(session, group, req.user_id)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=left_text(group, new_lead))
    refresh_proposal(req.client, group)


def report(req: CommandRequest) -> None:
    req.ack()
    try:
        with req.deps.sessions() as session:
            group = find_group(session, req.team_id, req.args)
        open_report_modal(req.deps, req.client, team_id=req.team_id, user_id=req.user_id,
                          trigger_id=req.trigger_id, subject_value=subject_value(group))
    except UserError as error:
        req.respond(text=error.message, response_type="ephemeral")


def close(req: CommandRequest) -> None:
    """Close an active group with a closing report; a proposal is withdrawn (by its proposer or a coordinator)."""
    req.ack()
    try:
        with req.deps.sessions() as session:
            group = find_group(session, req.team_id, req.args)
        coordinator = is_coordinator(req.deps, req.client, req.team_id, req.user_id)
        if group.status == GroupStatus.PROPOSED:
            group = withdraw(req.deps, req.client, req.team_id, req.user_id, group.id, is_coordinator=coordinator)
            req.respond(text=withdrawn_text(group), response_type="ephemeral")
            return
        require_can_close(group, req.user_id, is_coordinator=coordinator)
        open_report_modal(req.deps, req.client, team_id=req.team_id, user_id=req.user_id,
                          trigger_id=req.trigger_id, subject_value=subject_value(group), final=True)
    except UserError as error:
        req.respond(text=error.message, response_type="ephemeral")


def search(req: CommandRequest) -> None:
    try:
        results = find(req.deps, req.team_id, req.user_id, req.args)
    except UserError as error:
        req.ack(**search_problem_message(error.message).as_kwargs())
        return
    req.ack(**search_message(results, req.team_domain).as_kwargs())


SUBCOMMANDS = {
    "propose": propose_command, "list": list_command, "join": join, "leave": leave, "report": report, "close": close,
    "data": data.data,
    "search": search,
}


# -- the proposal form and the buttons -------------------------------------------------------------


def submit_proposal(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    try:
        propose(deps, client, body["team"]["id"], body["user"]["id"], proposal_input(view), view_id=view.get("id"),
                accepted=ack, topics=topic_answers(form_values(view)))
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(GroupField.NAME))


def proposal_input(view: dict[str, Any]) -> ProposalInput:
    """The proposal form's values as submitted."""
    values = form_values(view)
    return ProposalInput(
        name=values.get(GroupField.NAME) or "", reason=values.get(GroupField.REASON),
        focus=values.get(GroupField.FOCUS) or "", activities=values.get(GroupField.ACTIVITIES) or "",
        cadence=values.get(GroupField.CADENCE), member_ids=values.get(GroupField.MEMBERS) or [],
        channel_id=values.get(GroupField.CHANNEL),
    )


def join_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                 respond: Respond) -> None:
    ack()
    try:
        with deps.sessions.begin() as session:
            group = get_group(session, body["team"]["id"], int(action.get("value") or 0))
            join_group(session, group, body["user"]["id"], now=deps.clock())
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    answer_click(client, body, respond, joined_text(group))
    refresh_proposal(client, group)


def endorse_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
    ack()
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    coordinator = is_coordinator(deps, client, team_id, user_id)
    as_coordinator = action["action_id"] == GroupAction.ENDORSE_AS_COORDINATOR
    try:
        with deps.sessions.begin() as session:
            group = get_group(session, team_id, int(action.get("value") or 0))
            result = endorse_group(session, group, user_id, is_coordinator=coordinator, now=deps.clock(),
                                   as_coordinator=as_coordinator)
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    refresh_proposal(client, group)
    refresh_clicked(deps, client, body, group)
    answer_click(client, body, respond, endorsed_text(group, activated=result is Endorsed.ACTIVATED))
