"""`/charter`: charters of practice development projects, from draft to findings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.errors import UserError
from bot.ids import CharterAction, CharterField as F, CharterView, Command
from bot.listeners.commands import CommandRequest, SubcommandHandler, command_listener
from bot.flows.community import dm_coordinators, is_coordinator, postable_community_channel
from bot.flows.home import publish_home
from bot.listeners.common import form_values
from bot.flows.charters import refresh_proposal
from bot.listeners.reports import open_report_modal
from bot.slack.channels import cannot_post_reason
from bot.slack.clicks import answer_click as tell
from bot.slack.clicks import clicked_copy
from bot.slack.messaging import dm
from bot.views.message import Message
from bot.services import charters as service
from bot.services.community import require_community_channel
from bot.services.reports import require_reporter, subject_value
from bot.views import charters as views
from models import Charter
from models.charter import Role

logger = logging.getLogger(__name__)


def charter_input(view: dict[str, Any]) -> service.CharterInput:
    """The charter form's values as submitted."""
    v = form_values(view)
    text = {name: v.get(block) or "" for name, block in (
        ("title", F.TITLE), ("goal", F.GOAL), ("scope_in", F.SCOPE_IN), ("scope_out", F.SCOPE_OUT),
        ("deliverable", F.DELIVERABLE), ("seats_needed", F.SEATS), ("hours_per_week", F.HOURS), ("weeks", F.WEEKS),
        ("budget_amount", F.BUDGET), ("budget_currency", F.CURRENCY), ("case_study_name", F.CASE_STUDY_NAME),
        ("case_study_link", F.CASE_STUDY_LINK), ("pro_bono_for", F.PRO_BONO_FOR), ("group_name", F.GROUP))}
    return service.CharterInput(
        **text, origin=v.get(F.ORIGIN), member_ids=v.get(F.MEMBERS) or [],
        learning_sponsor_id=v.get(F.LEARNING_SPONSOR), funding_sponsor_id=v.get(F.FUNDING_SPONSOR),
        cadence=v.get(F.CADENCE), report_channel_id=v.get(F.CHANNEL), variation=v.get(F.VARIATION),
    )


def _thread_note(client: WebClient, charter: Charter, text: str) -> None:
    if charter.proposal_ts and charter.proposal_channel_id:
        try:
            client.chat_postMessage(channel=charter.proposal_channel_id, thread_ts=charter.proposal_ts, text=text)
        except SlackApiError as error:
            logger.warning("could not note on charter %s: %s", charter.id, error.response.get("error"))


def _clicked(body: dict[str, Any], action: dict[str, Any]) -> tuple[str, str, int]:
    """The workspace, the member and the charter (the button's value) of a click."""
    return body["team"]["id"], body["user"]["id"], int(action["value"])


def _update_dm(client: WebClient, charter: Charter, where: tuple[str, str]) -> None:
    """Bring a coordinator's DM about the charter up to date, so its buttons go once it is decided."""
    try:
        client.chat_update(channel=where[0], ts=where[1], **views.coordinator_message(charter))
    except SlackApiError as error:
        logger.warning("could not update a coordinator's DM about charter %s: %s", charter.id,
                       error.response.get("error"))


def _from_home(body: dict[str, Any]) -> bool:
    return body.get("container", {}).get("type") == "view" and body.get("view", {}).get("type") == "home"


def register(app: App, deps: Deps) -> None:
    def new(req: CommandRequest) -> None:
        try:
            with deps.sessions() as session:
                require_community_channel(session, req.team_id)
                group = service.group_named(session, req.team_id, req.args)
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack()
        req.client.views_open(trigger_id=req.trigger_id, view=views.charter_modal(group=group.name if group else ""))

    def checked_charter(req: CommandRequest, check: Callable[[Charter, str], None]) -> Charter | None:
        """The charter the command names, acked, when `check` lets this member act on it; else None,
        after answering why."""
        try:
            with deps.sessions() as session:
                charter = service.get_charter(session, req.team_id, req.args)
                check(charter, req.user_id)
        except UserError as error:
            req.ack(text=error.message)
            return None
        req.ack()
        return charter

    def edit(req: CommandRequest) -> None:
        if charter := checked_charter(req, service.check_editable):
            req.client.views_open(trigger_id=req.trigger_id, view=views.charter_modal(charter))

    def list_(req: CommandRequest) -> None:
        with deps.sessions() as session:
            charters = service.list_charters(session, req.team_id)
        req.ack(**views.charter_list(charters))

    def show(req: CommandRequest) -> None:
        try:
            with deps.sessions() as session:
                charter = service.visible_charter(session, req.team_id, req.args, req.user_id)
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack(**views.charter_detail(charter))

    def volunteer(req: CommandRequest) -> None:
        try:
            with deps.sessions.begin() as session:
                charter = service.volunteer(session, req.team_id, req.args, req.user_id, now=deps.clock())
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack(text=views.joined_text(charter))
        _after_volunteer(req.client, charter, req.user_id)

    def complete(req: CommandRequest) -> None:
        if charter := checked_charter(req, service.check_can_complete):
            req.client.views_open(trigger_id=req.trigger_id, view=views.findings_modal(charter))

    def report(req: CommandRequest) -> None:
        """The report-back form shared with practice groups (bot/listeners/reports.py)."""
        if not (charter := checked_charter(req, require_reporter)):
            return
        try:
            open_report_modal(deps, req.client, team_id=req.team_id, user_id=req.user_id, trigger_id=req.trigger_id,
                              subject_value=subject_value(charter))
        except UserError as error:
            req.respond(text=error.message, response_type="ephemeral")

    def cancel(req: CommandRequest) -> None:
        coordinator = is_coordinator(deps, req.client, req.team_id, req.user_id)
        try:
            with deps.sessions.begin() as session:
                charter = service.cancel(session, req.team_id, req.args, req.user_id, is_coordinator=coordinator,
                                         now=deps.clock())
        except UserError as error:
            req.ack(text=error.message)
            return
        req.ack(text=f"Charter #{charter.id} *{charter.title}* is cancelled.")
        refresh_proposal(req.client, charter)

    handlers: dict[str, SubcommandHandler] = {
        "new": new, "edit": edit, "list": list_, "show": show, "volunteer": volunteer, "report": report,
        "complete": complete, "cancel": cancel,
    }
    app.command(Command.CHARTER)(command_listener(Command.CHARTER, deps, handlers))

    def _after_volunteer(client: WebClient, charter: Charter, user_id: str) -> None:
        refresh_proposal(client, charter)
        dm(client, charter.proposer_id, Message(**views.volunteered_message(charter, user_id)))

    # -- the form ---------------------------------------------------------------------------------

    @app.view(CharterView.FORM)
    def save_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        values = charter_input(view)
        problem = cannot_post_reason(client, values.report_channel_id) if values.report_channel_id else None
        try:
            new = True
            with deps.sessions.begin() as session:
                if view.get("private_metadata"):
                    charter = service.update_charter(session, team_id, int(view["private_metadata"]), user_id, values,
                                                     now=deps.clock(), channel_problem=problem)
                else:
                    charter, new = service.create_draft(session, team_id, user_id, values, now=deps.clock(),
                                                        view_id=view.get("id"), channel_problem=problem)
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(F.TITLE))
            return
        ack()
        if not new:  # the same form submitted again: its draft is saved already
            return
        if charter.status == "draft":
            dm(client, user_id, Message(**views.draft_message(charter)))
        else:
            refresh_proposal(client, charter)
            dm(client, user_id, Message(f"Your changes to charter #{charter.id} are saved, and the proposal in "
                                     "the community channel shows them."))

    # -- buttons ----------------------------------------------------------------------------------

    @app.action(CharterAction.SUBMIT)
    def submit(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        try:
            postable_community_channel(deps, client, team_id)
            with deps.sessions.begin() as session:
                charter, channel = service.submit(session, team_id, charter_id, user_id, now=deps.clock())
        except UserError as error:
            tell(client, body, respond, error.message)
            return
        resubmitted = bool(charter.proposal_ts and charter.proposal_channel_id == channel)
        try:
            if resubmitted:
                refresh_proposal(client, charter)
                _thread_note(client, charter, views.resubmitted_text(charter))
            else:
                ts = client.chat_postMessage(channel=channel, **views.proposal_message(charter))["ts"]
                with deps.sessions.begin() as session:
                    service.record_proposal(session, charter.id, channel, ts)
        except SlackApiError as error:
            with deps.sessions.begin() as session:
                service.unsubmit(session, charter.id)
            tell(client, body, respond, f"I couldn't post the charter ({error.response.get('error')}); it is still "
                                         "a draft. Try again in a moment.")
            return
        dm_coordinators(deps, client, team_id, Message(**views.coordinator_message(charter, resubmitted=resubmitted)),
                        but=charter.proposer_id)
        if not resubmitted:
            for member in charter.members:
                if member.role == Role.MEMBER:
                    dm(client, member.user_id, Message(**views.named_member_message(charter, channel)))
        done = (f":white_check_mark: Charter #{charter.id} is submitted: it is proposed in <#{channel}>, and a "
                "coordinator will approve it or ask for changes.")
        if _from_home(body):
            publish_home(deps, client, team_id, user_id)
        else:
            respond(text=done, replace_original=True)

    def acting(body: dict[str, Any], client: WebClient, respond: Respond, act: Callable[[Session], Charter], *,
               write: bool = True) -> Charter | None:
        """`act` in one unit of work; a refusal is told to the clicking member and gives None."""
        try:
            with deps.sessions.begin() if write else deps.sessions() as session:
                return act(session)
        except UserError as error:
            tell(client, body, respond, error.message)
            return None

    @app.action(CharterAction.EDIT)
    def edit_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)

        def check(session: Session) -> Charter:
            charter = service.get_charter(session, team_id, charter_id)
            service.check_editable(charter, user_id)
            return charter

        if charter := acting(body, client, respond, check, write=False):
            client.views_open(trigger_id=body["trigger_id"], view=views.charter_modal(charter))

    @app.action(CharterAction.ENDORSE)
    def endorse(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        if charter := acting(body, client, respond,
                             lambda session: service.endorse(session, team_id, charter_id, user_id, now=deps.clock())):
            refresh_proposal(client, charter)

    @app.action(CharterAction.VOLUNTEER)
    def volunteer_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                         respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        if charter := acting(body, client, respond,
                             lambda session: service.volunteer(session, team_id, charter_id, user_id, now=deps.clock())):
            tell(client, body, respond, views.joined_text(charter))
            _after_volunteer(client, charter, user_id)

    @app.action(CharterAction.APPROVE)
    def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        coordinator = is_coordinator(deps, client, team_id, user_id)
        if charter := acting(body, client, respond, lambda session: service.approve(
                session, team_id, charter_id, user_id, is_coordinator=coordinator, now=deps.clock())):
            refresh_proposal(client, charter)
            dm(client, charter.proposer_id, Message(**views.approved_message(charter)))
            if _from_home(body):
                publish_home(deps, client, team_id, user_id)
            elif clicked_in := clicked_copy(body, charter.proposal_ts):
                _update_dm(client, charter, clicked_in)

    @app.action(CharterAction.REQUEST_CHANGES)
    def open_changes(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                     respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        coordinator = is_coordinator(deps, client, team_id, user_id)

        def check(session: Session) -> Charter:
            charter = service.get_charter(session, team_id, charter_id)
            service.check_can_request_changes(charter, is_coordinator=coordinator)
            return charter

        if charter := acting(body, client, respond, check, write=False):
            client.views_open(trigger_id=body["trigger_id"],
                              view=views.changes_modal(charter, clicked_in=clicked_copy(body, charter.proposal_ts)))

    @app.view(CharterView.CHANGES)
    def send_changes(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        coordinator = is_coordinator(deps, client, team_id, user_id)
        charter_ref, *clicked_in = view["private_metadata"].split()
        try:
            with deps.sessions.begin() as session:
                charter = service.request_changes(session, team_id, int(charter_ref), user_id,
                                                  form_values(view).get(F.REASON), is_coordinator=coordinator,
                                                  now=deps.clock())
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(F.REASON))
            return
        ack()
        refresh_proposal(client, charter)
        dm(client, charter.proposer_id, Message(**views.draft_message(charter)))
        if len(clicked_in) == 2:
            _update_dm(client, charter, (clicked_in[0], clicked_in[1]))
        publish_home(deps, client, team_id, user_id)

    @app.action(CharterAction.START)
    def start(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        team_id, user_id, charter_id = _clicked(body, action)
        if charter := acting(body, client, respond,
                             lambda session: service.start(session, team_id, charter_id, user_id, now=deps.clock())):
            refresh_proposal(client, charter)
            _thread_note(client, charter, views.started_text(charter))
            if _from_home(body):
                publish_home(deps, client, team_id, user_id)

    # -- findings ---------------------------------------------------------------------------------

    @app.view(CharterView.FINDINGS)
    def post_findings(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        values = form_values(view)
        try:
            findings = service.validate_findings(values.get(F.FINDINGS), values.get(F.FINDINGS_LINK),
                                                 values.get(F.NEXT_STEPS))
            with deps.sessions.begin() as session:
                charter, channel = service.complete(session, team_id, int(view["private_metadata"]), user_id,
                                                    findings, now=deps.clock())
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(F.FINDINGS))
            return
        ack()
        try:
            ts = client.chat_postMessage(channel=channel, **views.findings_message(charter))["ts"]
        except SlackApiError as error:
            with deps.sessions.begin() as session:
                service.reopen(session, charter.id, now=deps.clock())
            dm(client, user_id, Message(f"I couldn't post the findings of charter #{charter.id} in <#{channel}> "
                                     f"({error.response.get('error')}); it is still active. Please try "
                                     f"`/charter complete {charter.id}` again."))
            return
        with deps.sessions.begin() as session:
            service.record_findings(session, charter.id, ts)
        refresh_proposal(client, charter)
