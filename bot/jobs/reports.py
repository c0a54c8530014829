"""Report-back reminders and the weekly digest: due rows claimed and sent once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.deps import Deps
from bot.flows.problems import CHANNEL_ERRORS, coordinators, tell_channel_problem
from bot.jobs.runner import DueRowJob
from bot.services.community import get_community
from bot.services.digest import digest_sections, schedule_digests, window_of
from bot.services.problems import reached_channel
from bot.services.reports.reminders import reminder_plan
from bot.services.reports.subjects import describe, load_subject
from bot.slack.messaging import dm_each_once, post_once
from bot.views import problems as views
from bot.views.digest import digest_message
from bot.views.reports import reminder_message
from models.report import Digest, ReminderKind, ReportReminder

logger = logging.getLogger(__name__)


class ReportReminderJob(DueRowJob):
    """Heads-up to the leads, the prompt on the day, the overdue reminder (see bot/services/reports/)."""

    name = "report_reminders"
    model = ReportReminder
    what = "send the report-back reminders"

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions() as session:
            plan = reminder_plan(session, row, now)
        if plan is None:
            return None
        client = deps.clients.for_team(row.team_id)
        message = reminder_message(plan)
        key = f"report_reminder:{row.id}"
        if plan.kind is ReminderKind.PROMPT and plan.subject.channel_id:
            post_once(client, key=key, attempt=row.attempts, since=row.due_at, channel=plan.subject.channel_id,
                      message=message)
            return reached_channel(plan.subject.channel_id)
        users = plan.subject.member_ids if plan.kind is ReminderKind.PROMPT else plan.subject.lead_ids
        # A lead or member Slack will not reach is skipped: the others still get theirs, then the row records it.
        refused = dm_each_once(client, users, message, key=key, attempt=row.attempts, since=row.due_at)
        if refused:
            raise refused[0]
        return None

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """The prompt could not reach the subject's channel: tell its leads, who can mend that, once."""
        if row.kind != ReminderKind.PROMPT or error not in CHANNEL_ERRORS:
            return
        with deps.sessions() as session:
            subject = load_subject(session, row.team_id, row.subject_kind, row.subject_id)
            info = describe(subject) if subject is not None else None
        if info is None or not info.channel_id:
            return
        message = views.channel_problem(views.report_prompt_what(info.name), info.channel_id, error,
                                        views.report_instead(info.report_command))
        tell_channel_problem(deps, row.team_id, channel_id=info.channel_id, error=error,
                             to=lambda: info.lead_ids, message=message, now=now)


class ScheduleDigestsJob:
    """Make sure each community has its next weekly digest due."""

    name = "schedule_digests"

    def run(self, deps: Deps, now: datetime) -> None:
        with deps.sessions.begin() as session:
            schedule_digests(session, now)


class DigestJob(DueRowJob):
    """Post the weekly digest in the community channel; a quiet week posts nothing."""

    name = "digest"
    model = Digest
    what = "post the weekly digest"

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions() as session:
            channel = get_community(session, row.team_id).community_channel_id
            window = window_of(session, row)
            sections = digest_sections(session, window)
        if not channel or not sections:
            return None
        client = deps.clients.for_team(row.team_id)
        post_once(client, key=f"digest:{row.id}", attempt=row.attempts, since=row.due_at, channel=channel,
                  message=digest_message(window, sections))
        return reached_channel(channel)

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """The community channel is lost: the coordinators, who choose it, are told once."""
        if error not in CHANNEL_ERRORS:
            return
        with deps.sessions() as session:
            channel = get_community(session, row.team_id).community_channel_id
        if not channel:
            return
        message = views.channel_problem(views.the_digest(), channel, error, views.digest_instead())
        tell_channel_problem(deps, row.team_id, channel_id=channel, error=error,
                             to=lambda: coordinators(deps, row.team_id), message=message, now=now)
