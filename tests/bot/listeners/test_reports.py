"""Report-back for any subject, end to end over HTTP: the form, the posted report and its feedback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import ReportAction, ReportField
from models.report import Feedback, Report, ReportReminder
from tests.support.example_subject import add_project, get_project, plug_in, unplug
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

ANSWERS = {ReportField.PROGRESS: "Three sessions held", ReportField.LEARNINGS: "Small multiples win",
           ReportField.ASKS: "Send us your worst charts"}


@pytest.fixture
def project(app: RunningApp) -> Iterator[int]:
    plug_in(app)
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    yield add_project(app)
    unplug()


def open_report(app: RunningApp, project_id: int, user: str = "U1") -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.action(ReportAction.OPEN, f"example:{project_id}", user=user, channel="D1").status == 200
    return app.fake.wait_for("views.open")["view"]


def ephemeral(app: RunningApp) -> str:
    return str(app.fake.wait_for("response_url")["text"])


def reports(app: RunningApp) -> list[Report]:
    with app.deps.sessions() as session:
        return list(session.scalars(select(Report)))


def post_report(app: RunningApp, project_id: int, user: str = "U1") -> dict[str, Any]:
    modal = open_report(app, project_id, user)
    assert app.slack.submit(modal, ANSWERS, user=user).body == ""
    post = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY")
    eventually(lambda: all(r.message_ts for r in reports(app)))
    return app.fake.messages["CCOMMUNITY"][-1] | {"call": post}


def test_a_member_reports_and_it_is_posted_with_feedback_buttons(app: RunningApp, project: int) -> None:
    before = get_project(app, project).next_report_due
    message = post_report(app, project, user="U2")
    text = message["call"].text
    assert "Report: Data Viz" in text and "Small multiples win" in text and "<@U2>" in text
    assert "Endorse" in text and "Critique" in text and "Suggest a refinement" in text
    assert "opens a short form" in text
    [report] = reports(app)
    assert (report.author_id, report.message_ts) == ("U2", message["ts"])
    # Reported on 23 Nov with a weekly cadence: the next report is due a week later.
    assert before == date(2026, 11, 30)
    assert get_project(app, project).next_report_due == date(2026, 11, 30)
    app.clock.advance(days=3)
    post_report(app, project, user="U2")
    assert get_project(app, project).next_report_due == date(2026, 12, 3)
    with app.deps.sessions() as session:
        pending = session.scalars(select(ReportReminder.report_due).where(ReportReminder.done_at.is_(None))).all()
    assert set(pending) == {date(2026, 12, 3)}


def test_a_repeated_submission_posts_one_report(app: RunningApp, project: int) -> None:
    modal = open_report(app, project) | {"id": "VSAME"}
    app.slack.submit(modal, ANSWERS)
    app.fake.wait_for("chat.postMessage")
    eventually(lambda: reports(app)[0].message_ts)
    app.slack.submit(modal, ANSWERS)
    assert len(reports(app)) == 1
    assert len(app.fake.calls_to("chat.postMessage")) == 1


def test_someone_who_is_not_a_member_cannot_report(app: RunningApp, project: int) -> None:
    app.slack.action(ReportAction.OPEN, f"example:{project}", user="U3", channel="D1")
    assert "Only members of *Data Viz*" in ephemeral(app)
    assert not app.fake.calls_to("views.open")


def test_a_closed_subject_takes_no_report(app: RunningApp, project: int) -> None:
    modal = open_report(app, project)
    with app.deps.sessions.begin() as session:
        session.get_one(type(get_project(app, project)), project).status = "completed"
    errors = app.slack.submit(modal, ANSWERS).json()["errors"]
    assert "not taking reports" in errors[ReportField.PROGRESS]
    assert reports(app) == []


@pytest.mark.parametrize(("field", "value", "problem"), [
    (ReportField.LEARNINGS, "   ", "Please fill this in"),
    (ReportField.ASKS, "x" * 3001, "under 3000 characters"),
])
def test_an_empty_or_oversized_answer_is_answered_inline(app: RunningApp, project: int, field: str, value: str,
                                                         problem: str) -> None:
    response = app.slack.submit(open_report(app, project), ANSWERS | {field: value})
    assert problem in response.json()["errors"][field]
    assert reports(app) == []
    assert get_project(app, project).next_report_due == date(2026, 11, 30)


def test_without_a_community_channel_the_member_is_told_who_can_set_it(app: RunningApp, project: int) -> None:
    app.set_community(None)
    app.slack.action(ReportAction.OPEN, f"example:{project}", user="U1", channel="D1")
    assert "A coordinator or a workspace admin can set it" in ephemeral(app)


def test_a_community_channel_the_bot_was_removed_from_is_named(app: RunningApp, project: int) -> None:
    modal = open_report(app, project)
    app.fake.channels["CCOMMUNITY"] |= {"is_private": True, "is_member": False}
    errors = app.slack.submit(modal, ANSWERS).json()["errors"]
    assert "can't post in the community channel" in errors[ReportField.PROGRESS]
    assert reports(app) == []


def give_feedback(app: RunningApp, action: str, text: str | None, user: str = "U3") -> Any:
    report = app.fake.messages["CCOMMUNITY"][0]
    app.fake.reset_calls()
    app.slack.action(action, str(reports(app)[0].id), user=user, channel="CCOMMUNITY", message=report)
    modal = app.fake.wait_for("views.open")["view"]
    return app.slack.submit(modal, {ReportField.FEEDBACK: text}, user=user)


def test_feedback_is_stored_replied_in_the_thread_and_counted_on_the_report(app: RunningApp, project: int) -> None:
    report = post_report(app, project)
    assert give_feedback(app, ReportAction.ENDORSE, None).body == ""
    reply = app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == report["ts"])
    assert "<@U3> endorses this report" in reply.text
    update = app.fake.wait_for("chat.update")
    assert update["ts"] == report["ts"] and "1 endorsement · 0 critiques" in update.text
    assert give_feedback(app, ReportAction.REFINE, "Add a legend", user="U2").body == ""
    reply = app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == report["ts"])
    assert "suggests a refinement" in reply.text and "Add a legend" in reply.text
    assert "1 suggested refinement" in app.fake.wait_for("chat.update").text
    with app.deps.sessions() as session:
        assert sorted(f.kind for f in session.scalars(select(Feedback))) == ["endorse", "refine"]


def test_a_critique_needs_words_and_an_endorsement_counts_once(app: RunningApp, project: int) -> None:
    post_report(app, project)
    errors = give_feedback(app, ReportAction.CRITIQUE, "  ").json()["errors"]
    assert "write your feedback" in errors[ReportField.FEEDBACK]
    give_feedback(app, ReportAction.ENDORSE, "Great")
    app.fake.wait_for("chat.update")
    errors = give_feedback(app, ReportAction.ENDORSE, "Again").json()["errors"]
    assert "already endorsed" in errors[ReportField.FEEDBACK]
    with app.deps.sessions() as session:
        assert len(session.scalars(select(Feedback)).all()) == 1


def test_every_empty_or_oversized_answer_is_shown_at_once(app: RunningApp, project: int) -> None:
    answers = {ReportField.PROGRESS: " ", ReportField.LEARNINGS: "x" * 3001, ReportField.ASKS: ""}
    errors = app.slack.submit(open_report(app, project), answers).json()["errors"]
    assert errors == {ReportField.PROGRESS: "Please fill this in.",
                      ReportField.LEARNINGS: "Keep this under 3000 characters (it has 3001).",
                      ReportField.ASKS: "Please fill this in."}
    assert reports(app) == []


@pytest.mark.postgres
def test_two_endorse_forms_of_one_member_submitted_at_once_on_postgresql_count_once(pg_app: RunningApp) -> None:
    app = pg_app
    plug_in(app)
    try:
        app.set_community("CCOMMUNITY", coordinators=("U3",))
        report = {k: v for k, v in post_report(app, add_project(app)).items() if k != "call"}
        forms = []
        for _ in range(2):
            app.fake.reset_calls()
            app.slack.action(ReportAction.ENDORSE, str(reports(app)[0].id), user="U2", channel="CCOMMUNITY",
                             message=report)
            forms.append(app.fake.wait_for("views.open")["view"])
        app.fake.reset_calls()
        start = threading.Barrier(2)
        answers: list[str] = []

        def submit(form: dict[str, Any]) -> None:
            start.wait()
            answers.append(app.slack.submit(form, {ReportField.FEEDBACK: "Yes"}, user="U2").body)

        threads = [threading.Thread(target=submit, args=(form,)) for form in forms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert sorted(answers)[0] == "" and "already endorsed" in sorted(answers)[1]
        with app.deps.sessions() as session:
            assert [(f.user_id, f.kind) for f in session.scalars(select(Feedback))] == [("U2", "endorse")]
        assert "1 endorsement" in app.fake.wait_for("chat.update").text
        assert len(app.fake.calls_to("chat.postMessage", thread_ts=report["ts"])) == 1
    finally:
        unplug()


def test_a_final_report_closes_the_subject_and_drops_its_reminders(app: RunningApp, project: int) -> None:
    modal = open_report(app, project)
    modal["private_metadata"] = modal["private_metadata"].replace('"final": false', '"final": true')
    assert app.slack.submit(modal, ANSWERS).body == ""
    assert "Closing report: Data Viz" in app.fake.wait_for("chat.postMessage").text
    eventually(lambda: reports(app)[0].message_ts)
    assert get_project(app, project).status == "completed"
    with app.deps.sessions() as session:
        assert session.scalars(select(ReportReminder).where(ReportReminder.done_at.is_(None))).all() == []
