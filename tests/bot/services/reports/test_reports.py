"""Reports on a real database: who may report, what a report moves on, and the week's reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import ReportField
from bot.services.reports.feedback import add_feedback
from bot.services.reports.reports import (
    MAX_REPORT_TEXT,
    ReportInput,
    create_report,
    get_report,
    reports_between,
    require_reporter,
    set_report_message,
    validate_report,
)
from models.group import GroupStatus
from models.report import FeedbackKind
from tests.support.charters import NOW, TEAM, a_group, an_active_group, service_session

__all__ = ["service_session"]
ANSWERS = ReportInput(" Built a chart ", "Colour matters", "Nothing for now")


def test_members_report_and_only_leads_or_coordinators_close(service_session: Session) -> None:
    group = an_active_group(service_session, members=("U2",))
    require_reporter(group, "U2")
    with pytest.raises(UserError, match="Only members"):
        require_reporter(group, "U9")
    with pytest.raises(UserError, match="Only the leads"):
        require_reporter(group, "U2", final=True)
    require_reporter(group, "U9", final=True, is_coordinator=True)
    with pytest.raises(UserError, match="not taking reports: it is proposed"):
        require_reporter(a_group(service_session, "Proposal"), "U1")


def test_every_empty_or_long_answer_is_named() -> None:
    with pytest.raises(UserError) as error:
        validate_report(ReportInput("", " ", "x" * (MAX_REPORT_TEXT + 1)))
    errors = error.value.field_errors(ReportField.PROGRESS)
    assert errors[ReportField.PROGRESS] == errors[ReportField.LEARNINGS] == "Please fill this in."
    assert errors[ReportField.ASKS].startswith(f"Keep this under {MAX_REPORT_TEXT} characters")


def test_a_report_moves_the_next_due_date_on_and_a_repeated_form_stores_it_once(service_session: Session) -> None:
    group = an_active_group(service_session)
    assert group.next_report_due == date(2026, 11, 30)
    later = NOW + timedelta(days=3)
    report, new = create_report(service_session, group, "U2", ANSWERS, final=False, now=later, view_id="V1")
    again, new_again = create_report(service_session, group, "U2", ANSWERS, final=False, now=later, view_id="V1")
    assert (new, new_again, again.id) == (True, False, report.id)
    assert (report.progress, report.subject_name, report.final) == ("Built a chart", "Data Viz", False)
    assert group.next_report_due == date(2026, 12, 3)  # a week from the day of the report


def test_a_closing_report_archives_the_group(service_session: Session) -> None:
    group = an_active_group(service_session)
    create_report(service_session, group, "U1", ANSWERS, final=True, now=NOW)
    assert (group.status, group.next_report_due) == (GroupStatus.ARCHIVED, None)


def test_the_weeks_reports_come_with_their_feedback_counts(service_session: Session) -> None:
    group = an_active_group(service_session)
    early, _ = create_report(service_session, group, "U2", ANSWERS, final=False, now=NOW - timedelta(days=8))
    report, _ = create_report(service_session, group, "U2", ANSWERS, final=False, now=NOW - timedelta(days=1))
    set_report_message(service_session, report.id, "CCOMMUNITY", "1.2")
    add_feedback(service_session, report, "U3", FeedbackKind.ENDORSE, "", now=NOW)
    lines = reports_between(service_session, TEAM, NOW - timedelta(days=7), NOW)
    assert [(line.report.id, line.counts.endorsements) for line in lines] == [(report.id, 1)]
    assert get_report(service_session, TEAM, report.id).message_ts == "1.2"
    with pytest.raises(UserError):
        get_report(service_session, "T2", early.id)
