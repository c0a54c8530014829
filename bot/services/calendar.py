"""What a member can add to their calendar: their challenges' meetups, their groups' and charters' report due dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.reports.reminders import local_today
from bot.services.reports.subjects import load_subject
from models import Challenge, CharterMember, GroupMember, Participant, PracticeGroup
from models.challenge import ChallengeStatus
from models.charter import Charter, CharterStatus
from models.group import GroupStatus

MEETUP = "challenge"
GONE = "That date is no longer ahead (or no longer yours): open App Home again to see what you can add."


@dataclass(frozen=True)
class CalendarItem:
    """A date a member can add to their calendar: a challenge's meetup, or a group's or charter's next report."""

    kind: str  # "challenge" (its meetup), or a report subject's kind ("group", "charter")
    id: int
    team_id: str
    name: str
    day: date
    noun: str  # "challenge", "practice group", "charter"
    timezone: str | None = None  # a meetup's: the challenge's zone and post time
    at: time | None = None
    partners: bool = False
    report_command: str = ""
    channel_id: str | None = None  # the Slack message the event links to, when known
    ts: str | None = None

    @property
    def value(self) -> str:
        """The button value that names it: "kind:id"."""
        return f"{self.kind}:{self.id}"

    @property
    def is_meetup(self) -> bool:
        return self.kind == MEETUP


def meetup_item(challenge: Challenge, *, ts: str | None = None) -> CalendarItem | None:
    """The challenge's meetup (linking to the message `ts` in its channel, or its announcement); None without one."""
    if challenge.meetup_date is None:
        return None
    return CalendarItem(kind=MEETUP, id=challenge.id, team_id=challenge.team_id, name=challenge.title,
                        day=challenge.meetup_date, noun="challenge", timezone=challenge.timezone,
                        at=challenge.post_time, partners=challenge.partners, channel_id=challenge.channel_id,
                        ts=ts or challenge.announcement_ts)


def report_item(subject: PracticeGroup | Charter) -> CalendarItem | None:
    """The group's or charter's next report due date; None when it reports no more."""
    if subject.next_report_due is None or not subject.accepts_reports:
        return None
    return CalendarItem(kind=subject.subject_kind, id=subject.id, team_id=subject.team_id, name=subject.name,
                        day=subject.next_report_due, noun=subject.noun, report_command=subject.report_command,
                        channel_id=subject.proposal_channel_id, ts=subject.proposal_ts)


def calendar_items(session: Session, team_id: str, user_id: str, *, now: datetime) -> list[CalendarItem]:
    """The member's dates still ahead, soonest first: meetups of challenges they take part in or created,
    and the next report of their active groups and charters."""
    challenges = session.scalars(
        select(Challenge).where(
            Challenge.team_id == team_id, Challenge.status != ChallengeStatus.STOPPED,
            Challenge.meetup_date.is_not(None),
            or_(Challenge.creator_id == user_id,
                Challenge.id.in_(select(Participant.challenge_id).where(
                    Participant.user_id == user_id, Participant.left_at.is_(None)))),
        ).order_by(Challenge.meetup_date, Challenge.id)
    )
    items = [item for c in challenges if not _meetup_over(c, now) and (item := meetup_item(c)) is not None]
    groups = session.scalars(select(PracticeGroup).where(
        PracticeGroup.team_id == team_id, PracticeGroup.status == GroupStatus.ACTIVE,
        PracticeGroup.id.in_(select(GroupMember.group_id).where(GroupMember.user_id == user_id))))
    charters = session.scalars(select(Charter).where(
        Charter.team_id == team_id, Charter.status == CharterStatus.ACTIVE,
        Charter.id.in_(select(CharterMember.charter_id).where(CharterMember.user_id == user_id))))
    today = local_today(session, team_id, now)
    for subject in [*groups, *charters]:
        if (item := report_item(subject)) is not None and item.day >= today:
            items.append(item)
    return sorted(items, key=lambda i: (i.day, i.name.lower()))


def calendar_item(session: Session, team_id: str, user_id: str, value: str, *, now: datetime) -> CalendarItem:
    """The date a button's "kind:id" names, if it is still one of the member's; else a UserError saying so."""
    found = [item for item in calendar_items(session, team_id, user_id, now=now) if item.value == value]
    if not found:
        kind, _, raw_id = value.partition(":")
        subject = load_subject(session, team_id, kind, int(raw_id)) if raw_id.isdigit() and kind != MEETUP else None
        if subject is not None and subject.accepts_reports and user_id in subject.member_ids:
            raise UserError("The report due date of “{}” has passed: it is overdue, so write it now with `{}`.",
                            names=[subject.name, subject.report_command])
        raise UserError(GONE)
    return found[0]


def _meetup_over(challenge: Challenge, now: datetime) -> bool:
    meetup = challenge.meetup_date
    return meetup is not None and now.astimezone(ZoneInfo(challenge.timezone)).date() > meetup
