"""`/practice data`: a member's export (and App Home's *Export my data*), a member's and a workspace's deletion."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import memberdata as flows
from bot.ids import Command, DataAction, DataField, DataView
from bot.listeners.commands import CommandRequest
from bot.listeners.common import form_values, split_command, with_deps
from bot.slack.clicks import answer_click
from bot.views import memberdata as views
from bot.views.usage import usage_blocks, usage_text


def register(app: App, deps: Deps) -> None:
    app.action(DataAction.EXPORT)(with_deps(deps, export_clicked))
    app.view(DataView.DELETE_MEMBER)(with_deps(deps, delete_member_confirmed))
    app.view(DataView.DELETE_WORKSPACE)(with_deps(deps, delete_workspace_confirmed))


def data(req: CommandRequest) -> None:
    """`/practice data export | delete @MEMBER | delete-workspace`."""
    sub, args = split_command(req.args)
    handler = {"export": export, "delete": delete_member, "delete-workspace": delete_workspace}.get(sub)
    if handler is None:
        problem = "Which one? `/practice data export`, `data delete @MEMBER` or `data delete-workspace`."
        req.ack(text=usage_text(Command.PRACTICE), blocks=usage_blocks(Command.PRACTICE, problem))
        return
    req.ack()
    try:
        handler(req, args)
    except UserError as error:
        req.respond(text=error.message, response_type="ephemeral")


def export(req: CommandRequest, args: str) -> None:
    req.respond(text=views.export_started_text(), response_type="ephemeral")
    flows.send_export(req.deps, req.client, req.team_id, req.user_id)


def delete_member(req: CommandRequest, args: str) -> None:
    flows.open_delete_member(req.deps, req.client, req.team_id, req.user_id, args, req.trigger_id)


def delete_workspace(req: CommandRequest, args: str) -> None:
    flows.open_delete_workspace(req.deps, req.client, req.team_id, req.user_id, req.trigger_id)


def export_clicked(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
    ack()
    flows.send_export(deps, client, body["team"]["id"], body["user"]["id"])
    answer_click(client, body, respond, views.export_sent_text())


def delete_member_confirmed(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any],
                            client: WebClient) -> None:
    member_id = str(view.get("private_metadata") or "")
    try:
        deleted = flows.delete_member(deps, client, body["team"]["id"], body["user"]["id"], member_id)
    except UserError as error:
        ack(response_action="update", view=views.refused_modal(error.message))
        return
    ack(response_action="update", view=views.member_deleted_modal(member_id, deleted))


def delete_workspace_confirmed(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any],
                               client: WebClient) -> None:
    typed = form_values(view).get(DataField.CONFIRM) or ""
    try:
        deleted = flows.delete_workspace(deps, client, body["team"]["id"], body["user"]["id"], typed)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(DataField.CONFIRM))
        return
    ack(response_action="update", view=views.workspace_deleted_modal(deleted))
