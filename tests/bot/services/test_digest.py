"""The weekly digest on a real database: its week, its sections in order, and one digest due per community."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.charters.drafts import create_draft, submit
from bot.services.charters.form import CharterInput
from bot.services.community import SettingsInput, save_settings
from bot.services.digest import digest_sections, schedule_digests, window_of
from bot.services.digest_types import DigestWindow
from bot.services.reports.reports import ReportInput, create_report
from bot.views.digest import section_lines, section_title
from models.report import Digest
from tests.support.charters import NOW, TEAM, an_active_group, service_session

__all__ = ["service_session"]
WEEK = DigestWindow(team_id=TEAM, since=NOW - timedelta(days=7), until=NOW, today=NOW.date())
CHARTER = CharterInput(
    title="Survey", goal="Goal", scope_in="In", scope_out="Out", deliverable="A page", origin="volunteers",
    seats_needed="2", hours_per_week="2", weeks="6", learning_sponsor_id="U9", cadence="weekly",
)


def test_a_quiet_week_has_no_sections(service_session: Session) -> None:
    assert digest_sections(service_session, WEEK) == []


def test_the_sections_come_in_order_with_what_happened_this_week(service_session: Session) -> None:
    yesterday = NOW - timedelta(days=1)
    group = an_active_group(service_session)  # proposed at NOW: next week's news, reporting already
    charter, _ = create_draft(service_session, TEAM, "U1", CHARTER, now=yesterday)
    submit(service_session, TEAM, charter.id, "U1", now=yesterday)
    create_report(service_session, group, "U2", ReportInput("P", "L", "A"), final=False, now=yesterday)
    group.next_report_due = date(2026, 11, 20)
    sections = digest_sections(service_session, WEEK)
    assert [section_title(s) for s in sections] == ["Charters", "Reports back to the community", "Reports overdue"]
    charters, reports, overdue = (section_lines(s) for s in sections)
    assert charters == [f"*#{charter.id} Survey* proposed by <@U1> — proposed, 2 h/week × 6 weeks, 2 open seats: "
                        f"`/charter volunteer {charter.id}`"]
    assert reports == ["*Data Viz* by <@U2> — 0 endorsements · 0 critiques · 0 suggested refinements"]
    assert overdue == ["*Data Viz* (practice group) — due Fri 20 Nov: `/practice report Data Viz`"]
    next_week = DigestWindow(team_id=TEAM, since=NOW, until=NOW + timedelta(days=7), today=NOW.date())
    titles = [section_title(s) for s in digest_sections(service_session, next_week)]
    assert titles == ["New practice groups", "Reports overdue"]


def test_each_community_with_a_channel_gets_this_mondays_digest_and_the_next_once(service_session: Session) -> None:
    save_settings(service_session, "T2", SettingsInput("C2", [], "America/New_York"), by="U0", now=NOW)
    save_settings(service_session, "T3", SettingsInput(None, [], "UTC"), by="U0", now=NOW)
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    schedule_digests(service_session, wednesday)
    schedule_digests(service_session, wednesday)
    digests = list(service_session.scalars(select(Digest).order_by(Digest.team_id, Digest.week_of)))
    # This week's Monday too: a bot that was down across it still posts its digest when it is back.
    assert [(d.team_id, d.week_of, d.due_at) for d in digests] == [
        (TEAM, date(2026, 11, 23), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        (TEAM, date(2026, 11, 30), datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),
        ("T2", date(2026, 11, 23), datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
        ("T2", date(2026, 11, 30), datetime(2026, 11, 30, 14, 0, tzinfo=UTC)),
    ]
    window = window_of(service_session, digests[3])
    assert (window.since, window.until, window.today) == (digests[3].due_at - timedelta(days=7), digests[3].due_at,
                                                          date(2026, 11, 30))
