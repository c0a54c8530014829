"""Feedback on a report, on a real database: one endorsement a member, critiques need words, the counts."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import ReportField
from bot.services.reports.feedback import (
    MAX_FEEDBACK_TEXT,
    FeedbackCounts,
    add_feedback,
    feedback_counts,
    validate_feedback,
)
from bot.services.reports.reports import ReportInput, create_report
from models import Report
from models.report import FeedbackKind
from tests.support.charters import NOW, an_active_group, service_session

__all__ = ["service_session"]


def a_report(session: Session) -> Report:
    report, _ = create_report(session, an_active_group(session), "U2", ReportInput("P", "L", "A"), final=False,
                              now=NOW)
    return report


def test_an_endorsement_may_be_wordless_but_a_critique_may_not() -> None:
    assert validate_feedback(FeedbackKind.ENDORSE, "  ") == ""
    with pytest.raises(UserError) as error:
        validate_feedback(FeedbackKind.CRITIQUE, " ")
    assert error.value.field == ReportField.FEEDBACK
    with pytest.raises(UserError, match=f"under {MAX_FEEDBACK_TEXT} characters"):
        validate_feedback(FeedbackKind.REFINE, "x" * (MAX_FEEDBACK_TEXT + 1))


def test_a_member_endorses_a_report_once_and_critiques_it_as_often_as_they_like(service_session: Session) -> None:
    report = a_report(service_session)
    add_feedback(service_session, report, "U3", FeedbackKind.ENDORSE, "", now=NOW)
    with pytest.raises(UserError, match="already endorsed"):
        add_feedback(service_session, report, "U3", FeedbackKind.ENDORSE, "Again", now=NOW)
    add_feedback(service_session, report, "U3", FeedbackKind.CRITIQUE, "Shorter", now=NOW)
    add_feedback(service_session, report, "U3", FeedbackKind.CRITIQUE, "Clearer", now=NOW)
    add_feedback(service_session, report, "U4", FeedbackKind.REFINE, "Add a chart", now=NOW)
    counts = feedback_counts(service_session, [report.id])[report.id]
    assert counts == FeedbackCounts(endorsements=1, critiques=2, refinements=1) and counts.total == 4


def test_a_repeated_feedback_form_is_stored_once(service_session: Session) -> None:
    report = a_report(service_session)
    first, new = add_feedback(service_session, report, "U3", FeedbackKind.CRITIQUE, "Shorter", now=NOW,
                              view_id="V1")
    again, new_again = add_feedback(service_session, report, "U3", FeedbackKind.CRITIQUE, "Shorter", now=NOW,
                                    view_id="V1")
    assert (new, new_again, again.id) == (True, False, first.id)


def test_the_counts_read_in_words_and_a_report_without_feedback_counts_nothing(service_session: Session) -> None:
    report = a_report(service_session)
    assert feedback_counts(service_session, [report.id]) == {report.id: FeedbackCounts()}
    assert FeedbackCounts(1, 0, 2).summary == "1 endorsement · 0 critiques · 2 suggested refinements"
