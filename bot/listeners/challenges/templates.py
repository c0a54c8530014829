"""Activity sets: `/challenge templates [import|export NAME]`, their buttons and the import modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import challenges as flows
from bot.ids import TemplateField
from bot.listeners.commands import CommandRequest, SubcommandHandler
from bot.listeners.common import split_command
from bot.services.challenges.templates import find_set, import_set, list_sets
from bot.slack.clicks import answer_click
from bot.views.challenges import templates as views


def templates(req: CommandRequest) -> None:
    action, name = split_command(req.args)
    if action == "import":
        req.ack()
        req.client.views_open(trigger_id=req.trigger_id, view=views.build_import_modal())
    elif action == "export":
        export(req, name)
    elif action not in ("", "list"):
        req.ack(**views.build_templates_usage().as_kwargs())
    else:
        with req.deps.sessions() as session:
            sets = list_sets(session, req.team_id)
        req.ack(**views.build_sets_list(sets).as_kwargs())


def export(req: CommandRequest, name: str) -> None:
    try:
        with req.deps.sessions() as session:
            chosen = find_set(session, req.team_id, name)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**views.build_sending_set(chosen).as_kwargs())
    flows.send_set(req.client, req.user_id, chosen)


SUBCOMMANDS: dict[str, SubcommandHandler] = {"templates": templates}


def import_clicked(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=views.build_import_modal())


def export_clicked(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
    ack()
    try:
        with deps.sessions() as session:
            chosen = find_set(session, body["team"]["id"], body["actions"][0]["value"])
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    flows.send_set(client, body["user"]["id"], chosen)


def save_set(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
    try:
        with deps.sessions.begin() as session:
            imported = import_set(session, body["team"]["id"], views.read_import_boxes(view), by=body["user"]["id"],
                                  now=deps.clock())
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(TemplateField.YAML))
        return
    ack(response_action="update", view=views.build_import_done(imported))
