"""Report-back for any subject: the Report button, the report form, and feedback on a posted report.

Domains open the report form through bot/flows/reports.py (e.g. `/practice report NAME`).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.reports import FeedbackSubmission, ReportSubmission, give_feedback, open_report_modal, post_report
from bot.ids import ReportAction, ReportField, ReportView
from bot.listeners.common import form_values, with_deps
from bot.services.reports.hours import hours_answers
from bot.services.reports.reports import ReportInput, get_report
from bot.slack.clicks import answer_click
from bot.views.reports import FEEDBACK_ACTIONS, build_feedback_modal, read_feedback_metadata, read_report_metadata
from bot.views.topics import topic_answers


def register(app: App, deps: Deps) -> None:
    app.action(ReportAction.OPEN)(with_deps(deps, open_report))
    app.view(ReportView.REPORT)(with_deps(deps, submit_report))
    for action_id in FEEDBACK_ACTIONS:
        app.action(action_id)(with_deps(deps, open_feedback))
    app.view(ReportView.FEEDBACK)(with_deps(deps, submit_feedback))


def open_report(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                respond: Respond) -> None:
    ack()
    try:
        open_report_modal(deps, client, team_id=body["team"]["id"], user_id=body["user"]["id"],
                          trigger_id=body["trigger_id"], subject_value=action.get("value", ""))
    except UserError as error:
        answer_click(client, body, respond, error.message)


def submit_report(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    try:
        post_report(deps, client, report_submission(body, view), accepted=ack)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(ReportField.PROGRESS))


def report_submission(body: dict[str, Any], view: dict[str, Any]) -> ReportSubmission:
    """The report form as submitted."""
    value, final = read_report_metadata(view)
    values = form_values(view)
    answers = ReportInput(values.get(ReportField.PROGRESS) or "", values.get(ReportField.LEARNINGS) or "",
                          values.get(ReportField.ASKS) or "", hours_answers(values))
    return ReportSubmission(team_id=body["team"]["id"], user_id=body["user"]["id"], subject_value=value,
                            final=final, answers=answers, view_id=view.get("id"), topics=topic_answers(values))


def open_feedback(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                  respond: Respond) -> None:
    ack()
    try:
        with deps.sessions() as session:
            report = get_report(session, body["team"]["id"], int(action.get("value") or 0))
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    kind = FEEDBACK_ACTIONS[ReportAction(action["action_id"])]
    client.views_open(trigger_id=body["trigger_id"], view=build_feedback_modal(report, kind))


def submit_feedback(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    report_id, kind = read_feedback_metadata(view)
    form = FeedbackSubmission(team_id=body["team"]["id"], user_id=body["user"]["id"], report_id=report_id,
                              kind=kind, text=form_values(view).get(ReportField.FEEDBACK) or "",
                              view_id=view.get("id"))
    try:
        give_feedback(deps, client, form, accepted=ack)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(ReportField.FEEDBACK))
