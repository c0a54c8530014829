"""Report-back for any subject: the report form, posting the report, and feedback on it.

Domains open the form with `open_report_modal` (e.g. `/practice report NAME`) and may register a
follow-up with `on_report_posted(kind, callback)`, e.g. to refresh a proposal once a closing
report archived the group.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.ids import ReportAction, ReportField, ReportView
from bot.flows.reports import refresh_subject
from bot.flows.community import is_coordinator, postable_community_channel
from bot.listeners.common import form_values
from bot.slack.clicks import answer_click as tell
from bot.services.reports import (
    FeedbackCounts,
    ReportInput,
    add_feedback,
    create_report,
    describe,
    feedback_counts,
    get_report,
    require_reporter,
    set_report_message,
    subject_from_value,
    subject_noun,
)
from bot.views.reports import (
    FEEDBACK_ACTIONS,
    build_feedback_modal,
    build_report_modal,
    feedback_metadata,
    feedback_reply,
    report_message,
    report_metadata,
)

logger = logging.getLogger(__name__)

def open_report_modal(deps: Deps, client: WebClient, *, team_id: str, user_id: str, trigger_id: str,
                      subject_value: str, final: bool = False) -> None:
    """Open the report (or closing report) form for a subject; UserError when the member may not."""
    postable_community_channel(deps, client, team_id)
    coordinator = final and is_coordinator(deps, client, team_id, user_id)
    with deps.sessions() as session:
        subject = subject_from_value(session, team_id, subject_value)
        require_reporter(subject, user_id, final=final, is_coordinator=coordinator)
        info = describe(subject)
    client.views_open(trigger_id=trigger_id, view=build_report_modal(info, final=final))


def register(app: App, deps: Deps) -> None:
    @app.action(ReportAction.OPEN)
    def open_report(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    respond: Respond) -> None:
        ack()
        try:
            open_report_modal(deps, client, team_id=body["team"]["id"], user_id=body["user"]["id"],
                              trigger_id=body["trigger_id"], subject_value=action.get("value", ""))
        except UserError as error:
            tell(client, body, respond, error.message)

    @app.view(ReportView.REPORT)
    def submit_report(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        value, final = report_metadata(view)
        values = form_values(view)
        answers = ReportInput(values.get(ReportField.PROGRESS) or "", values.get(ReportField.LEARNINGS) or "",
                              values.get(ReportField.ASKS) or "")
        try:
            channel = postable_community_channel(deps, client, team_id)
            coordinator = final and is_coordinator(deps, client, team_id, user_id)
            with deps.sessions.begin() as session:
                subject = subject_from_value(session, team_id, value)
                report, new = create_report(session, subject, user_id, answers, final=final, now=deps.clock(),
                                            view_id=view.get("id"), is_coordinator=coordinator)
                info = describe(subject)
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(ReportField.PROGRESS))
            return
        ack()
        if not new:
            return
        message = report_message(report, info.noun, FeedbackCounts())  # a new report has no feedback yet
        posted = client.chat_postMessage(channel=channel, **message.as_kwargs())
        with deps.sessions.begin() as session:
            set_report_message(session, report.id, channel, posted["ts"])
        report.channel_id, report.message_ts = channel, posted["ts"]
        refresh_subject(deps, client, info)

    def open_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                      respond: Respond) -> None:
        ack()
        with deps.sessions() as session:
            try:
                report = get_report(session, body["team"]["id"], int(action.get("value") or 0))
            except UserError as error:
                tell(client, body, respond, error.message)
                return
        client.views_open(trigger_id=body["trigger_id"],
                          view=build_feedback_modal(report, FEEDBACK_ACTIONS[ReportAction(action["action_id"])]))

    for action_id in FEEDBACK_ACTIONS:
        app.action(action_id)(open_feedback)

    @app.view(ReportView.FEEDBACK)
    def submit_feedback(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        report_id, kind = feedback_metadata(view)
        text = form_values(view).get(ReportField.FEEDBACK) or ""
        try:
            if report_id is None or kind is None:
                raise UserError("This form is out of date; open it again from the report.", field=ReportField.FEEDBACK)
            with deps.sessions.begin() as session:
                report = get_report(session, team_id, report_id)
                feedback, new = add_feedback(session, report, user_id, kind, text, now=deps.clock(),
                                             view_id=view.get("id"))
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(ReportField.FEEDBACK))
            return
        ack()
        if not new or not report.channel_id or not report.message_ts:
            return
        client.chat_postMessage(channel=report.channel_id, thread_ts=report.message_ts,
                                **feedback_reply(feedback).as_kwargs())
        with deps.sessions() as session:
            counts = feedback_counts(session, [report.id])[report.id]
        message = report_message(report, subject_noun(report.subject_kind), counts)
        client.chat_update(channel=report.channel_id, ts=report.message_ts, **message.as_kwargs())
