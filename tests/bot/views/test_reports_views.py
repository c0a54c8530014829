"""The report-back builders: within Slack's limits, and saying what each button does."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ids import ReportAction
from bot.services.reports.feedback import FeedbackCounts
from bot.services.reports.reminders import ReminderPlan
from bot.services.reports.subjects import SubjectInfo
from bot.views.reports import (
    build_feedback_modal,
    build_report_modal,
    read_feedback_metadata,
    read_report_metadata,
    reminder_message,
    report_message,
)
from models.report import Cadence, FeedbackKind, ReminderKind, Report
from tests.support.block_limits import check_blocks, check_view

SUBJECT = SubjectInfo(kind="group", id=7, team_id="T1", name="Data Viz", noun="practice group", lead_ids=("U1",),
                      member_ids=("U1", "U2"), cadence=Cadence.WEEKLY, channel_id=None,
                      next_report_due=date(2026, 11, 30), accepts_reports=True,
                      report_command="/practice report Data Viz")


def report(**values: object) -> Report:
    return Report(**({"id": 3, "team_id": "T1", "subject_kind": "group", "subject_id": 7, "subject_name": "Data Viz",
                      "author_id": "U1", "final": False, "progress": "p" * 3000, "learnings": "l", "asks": "a",
                      "created_at": datetime(2026, 11, 23, tzinfo=UTC)} | values))


def test_a_long_report_stays_within_slacks_limits_and_counts_its_feedback() -> None:
    message = report_message(report(), "practice group", FeedbackCounts(2, 1, 0))
    blocks = [b.to_dict() for b in message.blocks]
    assert check_blocks(blocks, surface="message") == []
    text = str(blocks)
    assert "2 endorsements · 1 critique · 0 suggested refinements" in text
    assert all(a in text for a in (ReportAction.ENDORSE, ReportAction.CRITIQUE, ReportAction.REFINE))
    assert "Suggest a refinement* proposes a change" in text


def test_a_closing_report_says_so_and_names_its_first_answer_as_the_form_did() -> None:
    message = report_message(report(final=True), "practice group", FeedbackCounts())
    assert message.text.startswith("Closing report")
    assert "*What we did*" in str(message.as_kwargs()["blocks"]) and "*Progress*" not in str(message.as_kwargs())


def test_feedback_counts_read_as_english_for_one_and_many() -> None:
    assert FeedbackCounts(1, 0, 1).summary == "1 endorsement · 0 critiques · 1 suggested refinement"
    assert FeedbackCounts(2, 1, 3).summary == "2 endorsements · 1 critique · 3 suggested refinements"


def test_each_feedback_form_says_what_it_does_in_plain_words() -> None:
    intros = {kind: str(build_feedback_modal(report(), kind).to_dict()["blocks"][0]) for kind in FeedbackKind}
    assert "Endorse the report of *Data Viz*" in intros[FeedbackKind.ENDORSE]
    assert "Critique the report of *Data Viz*" in intros[FeedbackKind.CRITIQUE]
    assert "Suggest a refinement to the report of *Data Viz*" in intros[FeedbackKind.REFINE]


def test_the_report_modals_are_valid_views() -> None:
    for final in (False, True):
        assert check_view(build_report_modal(SUBJECT, final=final).to_dict()) == []
    for kind in FeedbackKind:
        assert check_view(build_feedback_modal(report(), kind).to_dict()) == []


def test_every_reminder_has_a_report_button_and_explains_it() -> None:
    for kind in ReminderKind:
        message = reminder_message(ReminderPlan(kind, SUBJECT))
        text = str([b.to_dict() for b in message.blocks])
        assert ReportAction.OPEN in text and "opens the report form" in text and "/practice report Data Viz" in text


def test_cadences_move_the_due_date_on() -> None:
    assert Cadence.WEEKLY.after(date(2026, 12, 29)) == date(2027, 1, 5)
    assert Cadence.BIWEEKLY.after(date(2026, 11, 23)) == date(2026, 12, 7)
    assert Cadence.MONTHLY.after(date(2027, 1, 31)) == date(2027, 2, 28)
    assert Cadence.MONTHLY.after(date(2026, 12, 15)) == date(2027, 1, 15)


def test_each_form_reads_back_the_subject_or_report_it_carries() -> None:
    assert read_report_metadata(build_report_modal(SUBJECT, final=True).to_dict()) == ("group:7", True)
    feedback_form = build_feedback_modal(report(), FeedbackKind.CRITIQUE).to_dict()
    assert read_feedback_metadata(feedback_form) == (3, FeedbackKind.CRITIQUE)
    assert read_feedback_metadata({"private_metadata": "{}"}) == (None, None)
