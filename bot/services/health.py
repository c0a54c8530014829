"""The coordinators' view of community health: what is active, reports kept, challenge participation, first steps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.reports.reminders import community_zone
from bot.services.reports.subjects import SubjectInfo, overdue_subjects
from models import Challenge, Charter, JournalEntry, Participant, PracticeGroup, Report, ReportReminder
from models.charter import CharterStatus
from models.group import GroupStatus

WINDOW = timedelta(days=90)  # reports and participation
FIRSTS_WINDOW = timedelta(days=30)  # members' first steps
WEEKS = 13  # the chart's bars: the 13 weeks (91 days) up to today

DateOf = Callable[[datetime], date]


class FirstKind(StrEnum):
    GROUP = "group"  # proposed their first practice group
    CHARTER = "charter"  # proposed their first charter
    CHALLENGE_CREATED = "challenge_created"
    CHALLENGE_JOINED = "challenge_joined"


@dataclass(frozen=True)
class FirstStep:
    """A member started something for the first time: what, its name, when."""

    user_id: str
    kind: FirstKind
    name: str
    at: datetime


@dataclass(frozen=True)
class WeekOfPractice:
    starts: date
    journaling: int  # members with at least one journal entry that week
    entries: int


@dataclass(frozen=True)
class Health:
    """The numbers of a community's health on `today` (its local date)."""

    today: date
    active_groups: list[str] = field(default_factory=list)
    active_charters: list[str] = field(default_factory=list)
    reports_on_time: int = 0
    reports_late: int = 0
    overdue: list[SubjectInfo] = field(default_factory=list)  # reports past due now
    challenges: int = 0  # challenges running at some point in the window
    participants: int = 0
    journaling: int = 0  # participants who wrote at least one entry in the window
    weeks: list[WeekOfPractice] = field(default_factory=list)
    firsts: list[FirstStep] = field(default_factory=list)  # newest first
    chart_file_id: str | None = None  # the participation chart uploaded to Slack, once it is

    @property
    def entries(self) -> int:
        return sum(w.entries for w in self.weeks)


def community_health(session: Session, team_id: str, *, now: datetime) -> Health:
    """The community's health at `now`: reports and participation over 90 days, first steps over 30."""
    zone = community_zone(session, team_id)
    today = now.astimezone(zone).date()
    on_time, late = _reports_kept(session, team_id, now - WINDOW, zone_of=lambda t: t.astimezone(zone).date())
    challenges, participants = _challenges(session, team_id, today - WINDOW, today)
    weeks, journaling = _weeks(session, team_id, now, today, zone_of=lambda t: t.astimezone(zone).date())
    return Health(
        today=today,
        active_groups=list(session.scalars(select(PracticeGroup.name).where(
            PracticeGroup.team_id == team_id, PracticeGroup.status == GroupStatus.ACTIVE)
            .order_by(PracticeGroup.name_key))),
        active_charters=[c.name for c in session.scalars(select(Charter).where(
            Charter.team_id == team_id, Charter.status == CharterStatus.ACTIVE).order_by(Charter.id))],
        reports_on_time=on_time, reports_late=late, overdue=overdue_subjects(session, team_id, today),
        challenges=challenges, participants=participants, journaling=journaling, weeks=weeks,
        firsts=first_steps(session, team_id, since=now - FIRSTS_WINDOW),
    )


def _reports_kept(session: Session, team_id: str, since: datetime, *, zone_of: DateOf) -> tuple[int, int]:
    """(on time, late) among the reports posted since `since`.

    A report is late when a due date of its subject passed before it, after the subject's previous
    report: that date's reminder rows are kept once sent (the prompt goes out on the day), and a
    report posted on or before its due date drops the ones not sent yet.
    """
    reports = session.execute(select(Report.subject_kind, Report.subject_id, Report.created_at).where(
        Report.team_id == team_id).order_by(Report.created_at, Report.id)).all()
    due: dict[tuple[str, int], set[date]] = defaultdict(set)
    for kind, subject_id, report_due in session.execute(select(
            ReportReminder.subject_kind, ReportReminder.subject_id, ReportReminder.report_due).where(
            ReportReminder.team_id == team_id)):
        due[(kind, subject_id)].add(report_due)
    previous: dict[tuple[str, int], date] = {}
    on_time = late = 0
    for kind, subject_id, created_at in reports:
        key, posted = (kind, subject_id), zone_of(created_at)
        after = previous.get(key, date.min)
        previous[key] = posted
        if created_at < since:
            continue
        if any(after < d < posted for d in due[key]):
            late += 1
        else:
            on_time += 1
    return on_time, late


def _challenges(session: Session, team_id: str, first: date, last: date) -> tuple[int, int]:
    """Challenges that ran some day between `first` and `last`, and how many members took part in them."""
    ids = list(session.scalars(select(Challenge.id).where(
        Challenge.team_id == team_id, Challenge.start_date <= last, Challenge.end_date >= first)))
    if not ids:
        return 0, 0
    people = set(session.scalars(select(Participant.user_id).where(Participant.challenge_id.in_(ids))))
    return len(ids), len(people)


def _weeks(session: Session, team_id: str, now: datetime, today: date, *,
           zone_of: DateOf) -> tuple[list[WeekOfPractice], int]:
    """Journal entries and journaling members in each of the last 13 weeks (the last one ends today)."""
    starts = [today - timedelta(days=7 * (WEEKS - n)) + timedelta(days=1) for n in range(WEEKS)]
    members: list[set[str]] = [set() for _ in starts]
    entries = [0] * WEEKS
    rows = session.execute(select(JournalEntry.user_id, JournalEntry.created_at).where(
        JournalEntry.team_id == team_id, JournalEntry.created_at >= now - timedelta(days=7 * WEEKS + 1)))
    for user_id, created_at in rows:
        index = (zone_of(created_at) - starts[0]).days // 7
        if 0 <= index < WEEKS:
            members[index].add(user_id)
            entries[index] += 1
    weeks = [WeekOfPractice(s, len(m), e) for s, m, e in zip(starts, members, entries, strict=True)]
    return weeks, len(set().union(*members))


def first_steps(session: Session, team_id: str, *, since: datetime) -> list[FirstStep]:
    """Each member's first practice group, charter, challenge created and challenge joined, when it was since
    `since`; newest first."""
    found: list[FirstStep] = []
    sources = [
        (FirstKind.GROUP, select(PracticeGroup.proposer_id, PracticeGroup.name, PracticeGroup.created_at)
         .where(PracticeGroup.team_id == team_id)),
        (FirstKind.CHARTER, select(Charter.proposer_id, Charter.title, Charter.created_at)
         .where(Charter.team_id == team_id, Charter.status != CharterStatus.DRAFT)),
        (FirstKind.CHALLENGE_CREATED, select(Challenge.creator_id, Challenge.title, Challenge.created_at)
         .where(Challenge.team_id == team_id)),
        (FirstKind.CHALLENGE_JOINED, select(Participant.user_id, Challenge.title, Participant.joined_at)
         .join(Challenge, Challenge.id == Participant.challenge_id).where(Participant.team_id == team_id)),
    ]
    for kind, query in sources:
        first: dict[str, tuple[str, datetime]] = {}
        for user_id, name, at in session.execute(query):
            if user_id not in first or at < first[user_id][1]:
                first[user_id] = (name, at)
        found += [FirstStep(user_id, kind, name, at) for user_id, (name, at) in first.items() if at >= since]
    return sorted(found, key=lambda f: (f.at, f.user_id, f.kind), reverse=True)

