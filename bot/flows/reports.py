"""Report-back use cases for any subject (practice group, charter): the report form, posting a report, feedback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import charters, groups
from bot.flows.community import is_coordinator, postable_community_channel
from bot.ids import ReportField
from bot.services.reports.feedback import FeedbackCounts, add_feedback, feedback_counts
from bot.services.reports.hours import hours_ask
from bot.services.reports.reports import ReportInput, create_report, get_report, require_reporter, set_report_message
from bot.services.reports.subjects import SubjectInfo, describe, subject_from_value, subject_noun
from bot.services.topics import TopicAnswers, offered_topics, tag
from bot.slack.messaging import post, update
from bot.slack.people import people
from bot.views.reports import FORM_OUT_OF_DATE, build_report_modal, feedback_reply, report_message
from models import Charter
from models.group import PracticeGroup
from models.report import FeedbackKind
from models.topic import Tagged

# Each kind of subject keeps its proposal message current; a report moves its next due date on.
REFRESH_PROPOSAL: dict[str, Callable[[Deps, WebClient, str, int], None]] = {
    PracticeGroup.subject_kind: groups.refresh_proposal_of,
    Charter.subject_kind: charters.refresh_proposal_of,
}


@dataclass(frozen=True)
class ReportSubmission:
    """A submitted report form: who, about which subject ("kind:id"), and the answers."""

    team_id: str
    user_id: str
    subject_value: str
    final: bool
    answers: ReportInput
    view_id: str | None
    topics: TopicAnswers = field(default_factory=TopicAnswers)


@dataclass(frozen=True)
class FeedbackSubmission:
    """A submitted feedback form; `report_id` and `kind` are None when the form is out of date."""

    team_id: str
    user_id: str
    report_id: int | None
    kind: FeedbackKind | None
    text: str
    view_id: str | None


def refresh_subject(deps: Deps, client: WebClient, subject: SubjectInfo) -> None:
    """After a report: the subject's proposal (if its kind has one) shows its new status and next due date."""
    if refresh := REFRESH_PROPOSAL.get(subject.kind):
        refresh(deps, client, subject.team_id, subject.id)


def open_report_modal(deps: Deps, client: WebClient, *, team_id: str, user_id: str, trigger_id: str,
                      subject_value: str, final: bool = False) -> None:
    """Open the report (or closing report) form for a subject; UserError when the member may not."""
    postable_community_channel(deps, client, team_id)
    coordinator = final and is_coordinator(deps, client, team_id, user_id)
    with deps.sessions() as session:
        subject = subject_from_value(session, team_id, subject_value)
        require_reporter(subject, user_id, final=final, is_coordinator=coordinator)
        info = describe(subject)
        ask = None if final else hours_ask(session, subject, deps.clock())
        offered = offered_topics(session, team_id)
    names = {p.id: p.name for p in people(client, ask.member_ids).values()} if ask else {}
    client.views_open(trigger_id=trigger_id, view=build_report_modal(info, final=final, hours=ask, names=names,
                                                                     offered=offered))


def post_report(deps: Deps, client: WebClient, form: ReportSubmission, *, accepted: Callable[[], object]) -> None:
    """Store the report (a UserError names a bad field), call `accepted`, then post it and refresh its subject.

    A form submitted again is accepted without posting its report twice.
    """
    channel = postable_community_channel(deps, client, form.team_id)
    coordinator = form.final and is_coordinator(deps, client, form.team_id, form.user_id)
    with deps.sessions.begin() as session:
        subject = subject_from_value(session, form.team_id, form.subject_value)
        report, new = create_report(session, subject, form.user_id, form.answers, final=form.final,
                                    now=deps.clock(), view_id=form.view_id, is_coordinator=coordinator)
        if new:
            tag(session, form.team_id, Tagged.REPORT, report.id, form.topics, now=deps.clock())
        info = describe(subject)
    accepted()
    if not new:
        return
    message = report_message(report, info.noun, FeedbackCounts())  # a new report has no feedback yet
    ts = post(client, channel, message)
    with deps.sessions.begin() as session:
        set_report_message(session, report.id, channel, ts)
    refresh_subject(deps, client, info)


def give_feedback(deps: Deps, client: WebClient, form: FeedbackSubmission, *, accepted: Callable[[], object]) -> None:
    """Store the feedback (a UserError names the bad field), call `accepted`, then reply it in the report's
    thread and bring the report's counts up to date."""
    if form.report_id is None or form.kind is None:
        raise UserError(FORM_OUT_OF_DATE, field=ReportField.FEEDBACK)
    with deps.sessions.begin() as session:
        report = get_report(session, form.team_id, form.report_id)
        feedback, new = add_feedback(session, report, form.user_id, form.kind, form.text, now=deps.clock(),
                                     view_id=form.view_id)
    accepted()
    if not new or not report.channel_id or not report.message_ts:
        return
    post(client, report.channel_id, feedback_reply(feedback), thread_ts=report.message_ts)
    with deps.sessions() as session:
        counts = feedback_counts(session, [report.id])[report.id]
    message = report_message(report, subject_noun(report.subject_kind), counts)
    update(client, report.channel_id, report.message_ts, message)
