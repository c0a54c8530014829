"""The coordinators' view of community health on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from bot.services.health import FirstKind, community_health, first_steps
from bot.services.health_chart import health_chart_png, record_chart, todays_chart
from models import Challenge, Charter, JournalEntry, Participant, Report, ReportReminder
from models.charter import CharterStatus, Origin
from models.report import Cadence, ReminderKind
from tests.support.charters import NOW, TEAM, a_group, an_active_group, service_session

__all__ = ["service_session"]

PNG = b"\x89PNG\r\n\x1a\n"


def a_charter(session: Session, title: str, *, status: CharterStatus = CharterStatus.ACTIVE, proposer: str = "U1",
              at: datetime = NOW) -> Charter:
    charter = Charter(team_id=TEAM, status=status, proposer_id=proposer, title=title, goal="g", scope_in="i",
                      scope_out="o", deliverable="d", origin=Origin.TEAM, hours_per_week=2, weeks=6,
                      learning_sponsor_id="UC", cadence=Cadence.WEEKLY, created_at=at)
    session.add(charter)
    session.flush()
    return charter


def a_challenge(session: Session, title: str, *, start: date, days: int = 30, creator: str = "U1",
                at: datetime = NOW) -> Challenge:
    challenge = Challenge(team_id=TEAM, title=title, channel_id="CCOMMUNITY", creator_id=creator, start_date=start,
                          end_date=start + timedelta(days=days - 1), days=days, post_time=time(10), timezone="UTC",
                          activities=[], created_at=at)
    session.add(challenge)
    session.flush()
    return challenge


def joins(session: Session, challenge: Challenge, user_id: str, at: datetime) -> None:
    session.add(Participant(team_id=TEAM, challenge_id=challenge.id, user_id=user_id, joined_at=at))
    session.flush()


def journals(session: Session, challenge: Challenge, user_id: str, at: datetime) -> None:
    session.add(JournalEntry(team_id=TEAM, challenge_id=challenge.id, user_id=user_id, day_number=1, text="t",
                             source="thread", created_at=at))
    session.flush()


def report(session: Session, kind: str, subject_id: int, at: datetime) -> None:
    session.add(Report(team_id=TEAM, subject_kind=kind, subject_id=subject_id, subject_name="s", author_id="U2",
                       progress="p", learnings="l", asks="a", created_at=at))
    session.flush()


def reminder_sent(session: Session, kind: str, subject_id: int, due: date) -> None:
    session.add(ReportReminder(team_id=TEAM, subject_kind=kind, subject_id=subject_id, kind=ReminderKind.PROMPT,
                               report_due=due, due_at=datetime.combine(due, time(9), tzinfo=NOW.tzinfo), attempts=1,
                               done_at=datetime.combine(due, time(9), tzinfo=NOW.tzinfo)))
    session.flush()


def test_active_groups_and_charters_are_counted_and_named(service_session: Session) -> None:
    an_active_group(service_session, "Data Viz")
    an_active_group(service_session, "accessibility")
    a_group(service_session, "Only proposed")
    a_charter(service_session, "Survey the tools")
    a_charter(service_session, "A draft", status=CharterStatus.DRAFT)
    health = community_health(service_session, TEAM, now=NOW)
    assert health.active_groups == ["accessibility", "Data Viz"]
    assert [name.split(" ", 1)[1] for name in health.active_charters] == ["Survey the tools"]


def test_reports_are_on_time_or_late_over_90_days_and_overdue_ones_are_named(service_session: Session) -> None:
    group = an_active_group(service_session, "Data Viz")  # due one week from NOW, 30 Nov
    other = an_active_group(service_session, "Rust")
    # Data Viz: due 2 Nov, reported 1 Nov (on time); due 9 Nov, reported 12 Nov (late: the prompt went out).
    reminder_sent(service_session, "group", group.id, date(2026, 11, 9))
    report(service_session, "group", group.id, datetime(2026, 11, 1, 12, tzinfo=NOW.tzinfo))
    report(service_session, "group", group.id, datetime(2026, 11, 12, 12, tzinfo=NOW.tzinfo))
    report(service_session, "group", group.id, datetime(2026, 11, 16, 12, tzinfo=NOW.tzinfo))  # on time again
    report(service_session, "group", group.id, NOW - timedelta(days=120))  # before the window
    # Rust: its due date passed a week ago and no report came.
    other.next_report_due = date(2026, 11, 16)
    service_session.flush()
    health = community_health(service_session, TEAM, now=NOW)
    assert (health.reports_on_time, health.reports_late) == (2, 1)
    assert [(s.name, s.next_report_due) for s in health.overdue] == [("Rust", date(2026, 11, 16))]


def test_challenge_participation_is_counted_by_week_over_90_days(service_session: Session) -> None:
    running = a_challenge(service_session, "Running", start=date(2026, 11, 2))
    old = a_challenge(service_session, "Long ago", start=date(2026, 1, 5))
    for user in ("U1", "U2", "U3"):
        joins(service_session, running, user, datetime(2026, 11, 1, tzinfo=NOW.tzinfo))
    joins(service_session, old, "U9", datetime(2026, 1, 1, tzinfo=NOW.tzinfo))
    journals(service_session, running, "U1", NOW - timedelta(days=1))
    journals(service_session, running, "U1", NOW - timedelta(hours=1))
    journals(service_session, running, "U2", NOW - timedelta(days=10))
    journals(service_session, old, "U9", datetime(2026, 1, 6, tzinfo=NOW.tzinfo))
    health = community_health(service_session, TEAM, now=NOW)
    assert (health.challenges, health.participants, health.journaling, health.entries) == (1, 3, 2, 3)
    assert len(health.weeks) == 13 and health.weeks[-1].starts == date(2026, 11, 17)
    assert (health.weeks[-1].journaling, health.weeks[-1].entries) == (1, 2)
    assert (health.weeks[-2].journaling, health.weeks[-2].entries) == (1, 1)
    assert health_chart_png(health).startswith(PNG)


def test_first_steps_are_each_members_first_of_a_kind_in_the_last_30_days(service_session: Session) -> None:
    long_ago = NOW - timedelta(days=60)
    a_group(service_session, "Old group", proposer="U1", at=long_ago)
    a_group(service_session, "Second group", proposer="U1", at=NOW - timedelta(days=2))  # not U1's first
    a_group(service_session, "New group", proposer="U2", at=NOW - timedelta(days=3))
    a_charter(service_session, "First charter", proposer="U1", at=NOW - timedelta(days=1),
              status=CharterStatus.PROPOSED)
    a_charter(service_session, "Only a draft", proposer="U5", status=CharterStatus.DRAFT)
    challenge = a_challenge(service_session, "Speaking", start=date(2026, 11, 16), creator="U3",
                            at=NOW - timedelta(days=8))
    joins(service_session, challenge, "U4", NOW - timedelta(days=5))
    joins(service_session, a_challenge(service_session, "Older", start=date(2026, 9, 1), at=long_ago), "U6", long_ago)
    joins(service_session, challenge, "U6", NOW - timedelta(days=5))  # U6 joined one before
    found = [(f.user_id, f.kind, f.name) for f in first_steps(service_session, TEAM, since=NOW - timedelta(days=30))]
    assert found == [
        ("U1", FirstKind.CHARTER, "First charter"),
        ("U2", FirstKind.GROUP, "New group"),
        ("U4", FirstKind.CHALLENGE_JOINED, "Speaking"),
        ("U3", FirstKind.CHALLENGE_CREATED, "Speaking"),
    ]
    assert community_health(service_session, TEAM, now=NOW).firsts[0].user_id == "U1"


def test_the_chart_is_todays_until_the_communitys_date_changes(service_session: Session) -> None:
    assert todays_chart(service_session, TEAM, now=NOW) is None
    record_chart(service_session, TEAM, "F1", now=NOW)
    record_chart(service_session, TEAM, "F2", now=NOW + timedelta(hours=1))  # drawn twice at once: the first stays
    assert todays_chart(service_session, TEAM, now=NOW + timedelta(hours=14)) == "F1"
    tomorrow = NOW + timedelta(days=1)
    assert todays_chart(service_session, TEAM, now=tomorrow) is None
    record_chart(service_session, TEAM, "F3", now=tomorrow)
    assert todays_chart(service_session, TEAM, now=tomorrow) == "F3"
