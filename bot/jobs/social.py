"""The social side of challenges: pairing partners, DMs to them, nudges, the wrap-up and the meetup."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Hashable, Sequence
from datetime import date, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.flows import calendar
from bot.flows.problems import CHANNEL_ERRORS, tell_channel_problem
from bot.jobs.runner import DueRowJob
from bot.services.challenges import members, nudges, partners, wrapup
from bot.services.challenges.participation_chart import MAX_ROWS, chart_png
from bot.services.challenges.wrapup_stats import Summary
from bot.services.problems import reached_channel
from bot.slack.errors import GONE_ERRORS, UNREACHABLE_ERRORS
from bot.slack.messaging import open_dm, permalink, post_once, upload_to_thread
from bot.slack.people import people
from bot.views import problems as problem_views
from bot.views.challenges import partners as partner_views
from bot.views.challenges import wrapup as wrapup_views
from bot.views.challenges.nudges import build_nudge
from bot.views.message import Message
from models import Challenge, ChallengeDay
from models.challenge import ChallengeStatus
from models.social import ChallengeMilestone, MilestoneKind, Nudge, SocialMessage, SocialMessageKind

logger = logging.getLogger(__name__)


def refresh_people(deps: Deps, team_id: str, user_ids: Collection[str], now: datetime) -> None:
    """Ask Slack for the timezones not known (or old), and note who left the workspace."""
    with deps.sessions() as session:
        stale = members.stale_timezones(session, team_id, user_ids, now)
    if not stale:
        return
    found = people(deps.clients.for_team(team_id), stale)
    with deps.sessions.begin() as session:
        members.remember_people(session, team_id, ((p.id, p.timezone, p.gone) for p in found.values()), now)


def note_gone(deps: Deps, team_id: str, user_ids: Collection[str], now: datetime) -> None:
    """After a DM failed for a member who left: find out which of `user_ids` are gone, and note them."""
    found = people(deps.clients.for_team(team_id), user_ids)
    gone = [p.id for p in found.values() if p.gone]
    if gone:
        with deps.sessions.begin() as session:
            members.mark_gone(session, team_id, gone, now)


def _per_challenge(deps: Deps, now: datetime, find: Callable[[Session, datetime], Sequence[Any]],
                   apply: Callable[[Session, int, datetime], object]) -> None:
    """For each challenge `find` returns: learn its members' timezones, then `apply` in one transaction."""
    with deps.sessions() as session:
        todo = find(session, now)
    for item in todo:
        refresh_people(deps, item.team_id, item.user_ids, now)
        with deps.sessions.begin() as session:
            apply(session, item.challenge_id, now)


class PairPartnersJob:
    """Pairs participants when a challenge starts, then late joiners and whoever a leaver left alone."""

    name = "challenge_partners"

    def run(self, deps: Deps, now: datetime) -> None:
        _per_challenge(deps, now, partners.pending, partners.regroup)


class SocialMessageJob(DueRowJob):
    """Sends the queued DMs: introductions, being alone, partners away or back, the day's note about who is behind."""

    name = "challenge_social_messages"
    model = SocialMessage
    what = "send messages to accountability partners"
    scope = "mpim:write"

    def in_order(self, row: Any) -> Hashable:
        return int(row.challenge_id), tuple(sorted(row.user_ids))  # the same people hear in order

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions() as session:
            challenge = session.get_one(Challenge, row.challenge_id)
            note = None
            if row.kind == SocialMessageKind.PARTNERS_NUDGED:
                note = nudges.partners_note(session, challenge, row.payload["group_id"], row.payload["day"], now)
                if note is None:
                    return None  # the day is past, they journaled, or nobody is left to encourage them
        client = deps.clients.for_team(row.team_id)
        users = note.members if note else row.user_ids
        post_once(client, key=f"social:{row.id}", attempt=row.attempts, since=row.due_at,
                  channel=open_dm(client, users), message=_message(challenge, row, note))
        return None

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """Nobody to tell: a member Slack will not reach is recorded on the row, and one who left is taken out."""
        if error in GONE_ERRORS:
            # Someone in the conversation left the workspace: pairing takes them out and re-pairs the rest.
            note_gone(deps, row.team_id, row.user_ids, now)


def _message(challenge: Challenge, row: SocialMessage,
             note: nudges.PartnersNote | None = None) -> Message:
    payload = row.payload or {}
    if row.kind == SocialMessageKind.INTRO:
        intro = partner_views.Intro(challenge.title, challenge.channel_id, challenge.days, row.user_ids,
                                    payload.get("newcomers") or [], payload.get("zones") or [],
                                    payload.get("departed") or [])
        return partner_views.build_intro(intro)
    if row.kind == SocialMessageKind.ALONE:
        return partner_views.build_alone(challenge.title)
    if row.kind == SocialMessageKind.PARTNER_AWAY:
        until = date.fromisoformat(payload["until"])
        return partner_views.build_partner_away(payload["user_id"], challenge.title, until)
    if row.kind == SocialMessageKind.PARTNER_BACK:
        return partner_views.build_partner_back(payload["user_id"], challenge.title)
    if note is not None:
        return partner_views.build_partners_note(note.behind, note.helpers, challenge.title, note.day_number,
                                                 challenge.days)
    raise ValueError(f"unknown social message kind {row.kind}")


class PlanNudgesJob:
    """Adds the day's nudge row for each participant, once the day is posted."""

    name = "challenge_plan_nudges"

    def run(self, deps: Deps, now: datetime) -> None:
        _per_challenge(deps, now, nudges.to_plan, nudges.plan)


class NudgeJob(DueRowJob):
    """Sends a due nudge in a DM, unless the participant journaled, is away, turned nudges off or ignored three."""

    name = "challenge_nudges"
    model = Nudge
    what = "send the reminders to journal"
    scope = "im:write"

    def in_order(self, row: Any) -> Hashable:
        return int(row.challenge_id), str(row.user_id)

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions.begin() as session:
            to_send = nudges.decide(session, row.id, now)
            day = session.scalars(select(ChallengeDay).where(
                ChallengeDay.challenge_id == row.challenge_id, ChallengeDay.number == row.day_number)).one()
        if to_send is None:
            return None
        client = deps.clients.for_team(row.team_id)
        link = permalink(client, to_send.challenge.channel_id, day.post_ts)  # None: the nudge still says where
        post_once(client, key=f"nudge:{row.id}", attempt=row.attempts, since=row.due_at,
                  channel=open_dm(client, [row.user_id]),
                  message=build_nudge(to_send.challenge, row.day_number, last=to_send.last, thread_link=link))
        with deps.sessions.begin() as session:
            nudges.record_sent(session, row.id, now)
        return None

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """A member Slack will not reach is nudged no more in this challenge; one who left is taken out."""
        if error in UNREACHABLE_ERRORS:
            with deps.sessions.begin() as session:
                nudges.record_unreachable(session, row.id)
        if error in GONE_ERRORS:
            note_gone(deps, row.team_id, [row.user_id], now)


class PlanMilestonesJob:
    """Gives each challenge its wrap-up and meetup reminder rows."""

    name = "challenge_plan_milestones"

    def run(self, deps: Deps, now: datetime) -> None:
        with deps.sessions.begin() as session:
            wrapup.plan(session)


class MilestoneJob(DueRowJob):
    """Posts the wrap-up (figures, chart, call for highlights, meetup date), or the meetup reminder."""

    name = "challenge_milestones"
    model = ChallengeMilestone
    what = "post the challenges' wrap-ups and meetup reminders"

    def in_order(self, row: Any) -> Hashable:
        return int(row.challenge_id)  # the wrap-up before the meetup reminder

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions() as session:
            challenge = session.get_one(Challenge, row.challenge_id)
            data = wrapup.wrapup_input(session, challenge) if row.kind == MilestoneKind.WRAPUP else None
            posted = wrapup.wrapup_of(session, challenge.id)
        if challenge.status == ChallengeStatus.STOPPED:
            return None  # the channel is gone; the creator was told when it stopped
        if data is None and wrapup.meetup_is_past(challenge, now):
            return None  # the bot was down on the day: a "today is the meetup" would name a day gone by
        client = deps.clients.for_team(row.team_id)
        if data is None:
            link = permalink(client, challenge.channel_id, posted.message_ts if posted else None)
            reminder = wrapup_views.build_meetup_reminder(challenge.title, link, partners=challenge.partners)
            ts = post_once(client, key=f"meetup:{row.id}", attempt=row.attempts, since=row.due_at,
                           channel=challenge.channel_id, message=reminder)
            calendar.attach_meetup(deps, client, challenge, ts)
        else:
            self._wrap_up(deps, client, row, challenge, data)
        return reached_channel(challenge.channel_id)

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """The challenge's channel is lost: its creator is told once, with what to do."""
        if error not in CHANNEL_ERRORS:
            return
        with deps.sessions() as session:
            challenge = session.get_one(Challenge, row.challenge_id)
        part = "the wrap-up" if row.kind == MilestoneKind.WRAPUP else "the meetup reminder"
        message = problem_views.channel_problem(problem_views.challenge_what(challenge.title, part),
                                                challenge.channel_id, error, problem_views.wrapup_instead())
        tell_channel_problem(deps, row.team_id, channel_id=challenge.channel_id, error=error,
                             to=lambda: [challenge.creator_id],
                             message=message, now=now)

    def _wrap_up(self, deps: Deps, client: WebClient, row: Any, challenge: Challenge, data: wrapup.WrapUpInput) -> None:
        names = {}
        if len(data.members) <= MAX_ROWS:
            names = {p.id: p.name for p in people(client, [m.id for m in data.members]).values()}
        stats = wrapup.stats_for(data, names)
        summary = Summary.of(stats)
        wrapped = wrapup_views.build_wrapup(challenge.title, summary, challenge.meetup_date,
                                            partners=challenge.partners)
        ts = post_once(client, key=f"wrapup:{row.id}", attempt=row.attempts, since=row.due_at,
                       channel=challenge.channel_id, message=wrapped)
        with deps.sessions.begin() as session:
            wrapup.record_wrapup(session, row.id, ts, summary)
        if row.chart_file_id is None:
            file_id = upload_to_thread(
                client, challenge.channel_id, ts, file=chart_png(stats), filename="participation.png",
                title=wrapup_views.chart_title(challenge.title),
                comment=wrapup_views.chart_comment(challenge.partners, meetup=challenge.meetup_date),
                alt_text=wrapup_views.chart_alt_text(challenge.title),
                also=calendar.meetup_attachment(deps, client, challenge, ts),
            )
            with deps.sessions.begin() as session:
                wrapup.record_chart(session, row.id, file_id)
