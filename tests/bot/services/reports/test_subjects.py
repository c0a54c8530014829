"""Report subjects on a real database: named by a button value, found in their workspace only, overdue ones."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.reports.subjects import (
    describe,
    load_subject,
    overdue_subjects,
    subject_from_value,
    subject_noun,
    subject_value,
)
from tests.support.charters import TEAM, a_group, an_active_group, service_session

__all__ = ["service_session"]


def test_a_button_value_names_a_subject_of_this_workspace(service_session: Session) -> None:
    group = an_active_group(service_session)
    value = subject_value(group)
    assert value == f"group:{group.id}" == describe(group).value
    assert subject_from_value(service_session, TEAM, value) is group
    assert load_subject(service_session, "T2", "group", group.id) is None
    for stale in (f"group:{group.id + 1}", "planet:1", "group:x", ""):
        with pytest.raises(UserError, match="can't find that"):
            subject_from_value(service_session, TEAM, stale)


def test_a_snapshot_says_what_reminders_and_views_need(service_session: Session) -> None:
    info = describe(an_active_group(service_session, members=("U2",)))
    assert (info.noun, info.lead_ids, info.member_ids, info.accepts_reports, info.report_command) == (
        "practice group", ("U1",), ("U1", "U2"), True, "/practice report Data Viz")
    assert subject_noun("group") == "practice group" and subject_noun("planet") == "planet"


def test_overdue_subjects_are_those_past_due_that_still_take_reports(service_session: Session) -> None:
    late, later, on_time = (an_active_group(service_session, name) for name in ("Beta", "Alpha", "Gamma"))
    late.next_report_due, later.next_report_due = date(2026, 11, 20), date(2026, 11, 21)
    a_group(service_session, "Proposal").next_report_due = date(2026, 11, 1)  # takes no reports yet
    assert [s.name for s in overdue_subjects(service_session, TEAM, date(2026, 11, 23))] == ["Beta", "Alpha"]
    assert on_time.next_report_due == date(2026, 11, 30)
