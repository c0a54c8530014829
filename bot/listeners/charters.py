"""`/charter`: charters of practice development projects, from draft to findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import charters as flows
from bot.flows.community import is_coordinator
from bot.flows.home import publish_home
from bot.flows.reports import open_report_modal
from bot.ids import CharterAction, CharterView, Command
from bot.ids import CharterField as F
from bot.listeners.commands import CommandRequest, command_listener
from bot.listeners.common import form_values, with_deps
from bot.services.charters import drafts, lifecycle
from bot.services.charters.form import CharterInput
from bot.services.charters.ledger import charter_ledger
from bot.services.charters.lookup import get_charter, group_named, list_charters, visible_charter
from bot.services.community import require_community_channel
from bot.services.reports.reports import require_reporter
from bot.services.reports.subjects import subject_value
from bot.slack.clicks import answer_click, clicked_copy, clicked_from_home
from bot.views.charters import lists, messages, modals
from bot.views.topics import topic_answers
from models import Charter


def register(app: App, deps: Deps) -> None:
    app.command(Command.CHARTER)(command_listener(Command.CHARTER, deps, SUBCOMMANDS))
    app.view(CharterView.FORM)(with_deps(deps, save_form))
    app.action(CharterAction.SUBMIT)(with_deps(deps, submit_clicked))
    app.action(CharterAction.EDIT)(with_deps(deps, edit_clicked))
    app.action(CharterAction.ENDORSE)(with_deps(deps, endorse_clicked))
    app.action(CharterAction.VOLUNTEER)(with_deps(deps, volunteer_clicked))
    app.action(CharterAction.APPROVE)(with_deps(deps, approve_clicked))
    app.action(CharterAction.REQUEST_CHANGES)(with_deps(deps, request_changes_clicked))
    app.view(CharterView.CHANGES)(with_deps(deps, send_changes))
    app.action(CharterAction.START)(with_deps(deps, start_clicked))
    app.view(CharterView.FINDINGS)(with_deps(deps, post_findings))


# -- /charter ------------------------------------------------------------------------------------


def new(req: CommandRequest) -> None:
    try:
        with req.deps.sessions() as session:
            require_community_channel(session, req.team_id)
            group = group_named(session, req.team_id, req.args)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack()
    req.client.views_open(trigger_id=req.trigger_id, view=flows.charter_form(req.deps, req.team_id,
                                                                          group=group.name if group else ""))


def _checked_charter(req: CommandRequest, check: Callable[[Charter, str], None]) -> Charter | None:
    """The charter the command names, acked, when `check` lets this member act on it; else None, after
    answering why."""
    try:
        with req.deps.sessions() as session:
            charter = get_charter(session, req.team_id, req.args)
            check(charter, req.user_id)
    except UserError as error:
        req.ack(text=error.message)
        return None
    req.ack()
    return charter


def edit(req: CommandRequest) -> None:
    if charter := _checked_charter(req, drafts.check_editable):
        req.client.views_open(trigger_id=req.trigger_id, view=flows.charter_form(req.deps, req.team_id, charter))


def list_command(req: CommandRequest) -> None:
    with req.deps.sessions() as session:
        charters = list_charters(session, req.team_id)
    req.ack(**lists.charter_list(charters).as_kwargs())


def show(req: CommandRequest) -> None:
    try:
        with req.deps.sessions() as session:
            charter = visible_charter(session, req.team_id, req.args, req.user_id)
            ledger = charter_ledger(session, charter)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**lists.charter_detail(charter, ledger).as_kwargs())


def volunteer(req: CommandRequest) -> None:
    try:
        with req.deps.sessions.begin() as session:
            charter = lifecycle.volunteer(session, req.team_id, req.args, req.user_id, now=req.deps.clock())
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=messages.joined_text(charter))
    flows.after_volunteer(req.client, charter, req.user_id)


def complete(req: CommandRequest) -> None:
    if charter := _checked_charter(req, lifecycle.check_can_complete):
        req.client.views_open(trigger_id=req.trigger_id, view=flows.findings_form(req.deps, req.team_id, charter))


def report(req: CommandRequest) -> None:
    """The report-back form shared with practice groups (bot/flows/reports.py)."""
    if not (charter := _checked_charter(req, require_reporter)):
        return
    try:
        open_report_modal(req.deps, req.client, team_id=req.team_id, user_id=req.user_id,
                          trigger_id=req.trigger_id, subject_value=subject_value(charter))
    except UserError as error:
        req.respond(text=error.message, response_type="ephemeral")


def cancel(req: CommandRequest) -> None:
    coordinator = is_coordinator(req.deps, req.client, req.team_id, req.user_id)
    try:
        with req.deps.sessions.begin() as session:
            charter = lifecycle.cancel(session, req.team_id, req.args, req.user_id, is_coordinator=coordinator,
                                       now=req.deps.clock())
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=messages.cancelled_text(charter))
    flows.cancelled(req.deps, req.client, charter)


SUBCOMMANDS = {
    "new": new, "edit": edit, "list": list_command, "show": show, "volunteer": volunteer, "report": report,
    "complete": complete, "cancel": cancel,
}


# -- the forms -----------------------------------------------------------------------------------


def save_form(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    try:
        flows.save(deps, client, body["team"]["id"], body["user"]["id"], charter_input(view),
                   charter_id=modals.read_charter_form_metadata(view), view_id=view.get("id"), accepted=ack)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(F.TITLE))


def charter_input(view: dict[str, Any]) -> CharterInput:
    """The charter form's values as submitted."""
    v = form_values(view)
    text = {name: v.get(block) or "" for name, block in (
        ("title", F.TITLE), ("goal", F.GOAL), ("scope_in", F.SCOPE_IN), ("scope_out", F.SCOPE_OUT),
        ("deliverable", F.DELIVERABLE), ("seats_needed", F.SEATS), ("hours_per_week", F.HOURS), ("weeks", F.WEEKS),
        ("budget_amount", F.BUDGET), ("budget_currency", F.CURRENCY), ("case_study_name", F.CASE_STUDY_NAME),
        ("case_study_link", F.CASE_STUDY_LINK), ("pro_bono_for", F.PRO_BONO_FOR), ("group_name", F.GROUP))}
    return CharterInput(
        **text, origin=v.get(F.ORIGIN), member_ids=v.get(F.MEMBERS) or [],
        learning_sponsor_id=v.get(F.LEARNING_SPONSOR), funding_sponsor_id=v.get(F.FUNDING_SPONSOR),
        cadence=v.get(F.CADENCE), report_channel_id=v.get(F.CHANNEL), variation=v.get(F.VARIATION),
        topics=topic_answers(v),
    )


def send_changes(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    charter_id, _ = modals.read_changes_metadata(view)  # every coordinator's copy is updated, the clicked one too
    try:
        flows.request_changes(deps, client, body["team"]["id"], body["user"]["id"], charter_id,
                              form_values(view).get(F.REASON), accepted=ack)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(F.REASON))


def post_findings(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    try:
        flows.post_findings(deps, client, body["team"]["id"], body["user"]["id"],
                            modals.read_findings_metadata(view), form_values(view), accepted=ack)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(F.FINDINGS))


# -- buttons -------------------------------------------------------------------------------------


def _click(body: dict[str, Any], action: dict[str, Any]) -> flows.Click:
    """The workspace, the member and the charter (the button's value) of a click."""
    return flows.Click(team_id=body["team"]["id"], user_id=body["user"]["id"], charter_id=int(action["value"]),
                       body=body)


def _refused(client: WebClient, body: dict[str, Any], respond: Respond, act: Callable[[], Any]) -> Any:
    """`act()`, or None after telling the clicking member why it was refused."""
    try:
        return act()
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return None


def submit_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                   respond: Respond) -> None:
    ack()
    click = _click(body, action)
    if not (submitted := _refused(client, body, respond, lambda: flows.submit(deps, client, click))):
        return
    if clicked_from_home(body):
        publish_home(deps, client, click.team_id, click.user_id)
    else:
        respond(text=messages.submitted_text(*submitted), replace_original=True)


def edit_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                 respond: Respond) -> None:
    ack()
    click = _click(body, action)

    def editable() -> Charter:
        with deps.sessions() as session:
            charter = get_charter(session, click.team_id, click.charter_id)
        drafts.check_editable(charter, click.user_id)
        return charter

    if charter := _refused(client, body, respond, editable):
        client.views_open(trigger_id=body["trigger_id"], view=flows.charter_form(deps, click.team_id, charter))


def endorse_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
    ack()
    click = _click(body, action)

    def endorse() -> Charter:
        with deps.sessions.begin() as session:
            return lifecycle.endorse(session, click.team_id, click.charter_id, click.user_id, now=deps.clock())

    if charter := _refused(client, body, respond, endorse):
        flows.refresh_proposal(client, charter)


def volunteer_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                      respond: Respond) -> None:
    ack()
    click = _click(body, action)

    def join() -> Charter:
        with deps.sessions.begin() as session:
            return lifecycle.volunteer(session, click.team_id, click.charter_id, click.user_id, now=deps.clock())

    if charter := _refused(client, body, respond, join):
        answer_click(client, body, respond, messages.joined_text(charter))
        flows.after_volunteer(client, charter, click.user_id)


def approve_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
    ack()
    click = _click(body, action)
    _refused(client, body, respond, lambda: flows.approve(deps, client, click))


def request_changes_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                            respond: Respond) -> None:
    ack()
    click = _click(body, action)
    coordinator = is_coordinator(deps, client, click.team_id, click.user_id)

    def changeable() -> Charter:
        with deps.sessions() as session:
            charter = get_charter(session, click.team_id, click.charter_id)
        lifecycle.check_can_request_changes(charter, is_coordinator=coordinator)
        return charter

    if charter := _refused(client, body, respond, changeable):
        clicked_in = clicked_copy(body, charter.proposal_ts)
        client.views_open(trigger_id=body["trigger_id"], view=modals.changes_modal(charter, clicked_in=clicked_in))


def start_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                  respond: Respond) -> None:
    ack()
    click = _click(body, action)
    _refused(client, body, respond, lambda: flows.start(deps, client, click))
