"""Report-back reminders and the weekly digest, driven by the injected clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from bot.ids import ReportAction, ReportField
from tests.support.example_subject import add_project, get_project, plug_in, unplug
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app
from tests.support.waiting import eventually

# The app's clock starts on Monday 23 Nov 2026, 09:00 UTC; a weekly project's first report is due
# on Monday 30 Nov: heads-up on Sat 28 Nov, prompt on the 30th, overdue reminder on Thu 3 Dec (09:00).
HEADS_UP = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
PROMPT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
OVERDUE = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def reminders_app(app: RunningApp) -> Iterator[RunningApp]:
    plug_in(app)
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    app.fake.add_channel("CGROUP", name="data-viz")
    yield app
    unplug()


def posts(app: RunningApp, channel: str | None = None) -> list[str]:
    """The text of each message posted in `channel`; by default, every reminder (not the digest)."""
    calls = app.fake.calls_to("chat.postMessage")
    return [call.text for call in calls if (call["channel"] == channel if channel else call["channel"] != "CCOMMUNITY")]


def test_heads_up_prompt_and_overdue_reach_the_right_people_once(reminders_app: RunningApp) -> None:
    app = reminders_app
    add_project(app, channel_id="CGROUP")
    app.tick(datetime(2026, 11, 28, 8, 59, tzinfo=UTC))
    assert posts(app) == []
    app.tick(HEADS_UP)
    [heads_up] = posts(app)
    assert app.fake.calls_to("conversations.open", users="U1")
    assert not app.fake.calls_to("conversations.open", users="U2")
    assert "Heads-up" in heads_up and "Mon 30 Nov 2026" in heads_up and "*Report* opens the report form" in heads_up
    app.tick(PROMPT)
    [prompt] = posts(app, "CGROUP")
    assert "report-back day" in prompt and "/example report Data Viz" in prompt
    app.tick(OVERDUE)
    assert "has not been posted yet" in posts(app)[-1]
    app.tick(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    assert len(posts(app)) == 3


def test_without_a_channel_the_prompt_is_a_dm_to_each_member(reminders_app: RunningApp) -> None:
    app = reminders_app
    add_project(app)
    app.tick(PROMPT)
    assert sorted(c["channel"] for c in app.fake.calls_to("chat.postMessage")) == ["DU1", "DU2"]


def test_a_report_posted_from_the_heads_up_moves_the_date_and_silences_the_rest(reminders_app: RunningApp) -> None:
    app = reminders_app
    project = add_project(app, channel_id="CGROUP")
    app.tick(HEADS_UP)
    app.fake.reset_calls()
    app.slack.action(ReportAction.OPEN, f"example:{project}", user="U2", channel="DU1")
    modal = app.fake.wait_for("views.open")["view"]
    app.slack.submit(modal, {ReportField.PROGRESS: "a", ReportField.LEARNINGS: "b", ReportField.ASKS: "c"}, user="U2")
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY")
    eventually(lambda: get_project(app, project).next_report_due == date(2026, 12, 5))
    app.fake.reset_calls()
    app.tick(PROMPT)
    assert posts(app) == []
    # The new date (Sat 5 Dec) has its own reminders; the old date's overdue reminder is gone.
    app.tick(OVERDUE)
    [heads_up] = posts(app)
    assert "Heads-up" in heads_up and "05 Dec" in heads_up
    app.tick(datetime(2026, 12, 5, 9, 0, tzinfo=UTC))
    assert len(posts(app, "CGROUP")) == 1


def test_after_a_restart_past_the_due_time_one_reminder_is_sent_not_zero_not_two(reminders_app: RunningApp) -> None:
    app = reminders_app
    add_project(app, channel_id="CGROUP")
    # The app was down from before the heads-up until an hour after the prompt was due.
    app.tick(datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    app.tick(datetime(2026, 11, 30, 10, 0, 20, tzinfo=UTC))
    [prompt] = posts(app)
    assert "report-back day" in prompt
    # Down again across the overdue time: the overdue reminder comes once when it is back.
    app.tick(datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    app.tick(datetime(2026, 12, 4, 12, 1, tzinfo=UTC))
    assert len(posts(app)) == 2 and "has not been posted yet" in posts(app)[-1]


def test_a_prompt_the_bot_cannot_post_in_the_channel_is_reported_to_the_leads(reminders_app: RunningApp) -> None:
    app = reminders_app
    add_project(app, channel_id="CGROUP")
    app.fake.channels["CGROUP"]["is_member"] = False
    app.tick(PROMPT)
    [told] = posts(app, "U1")
    assert "couldn't post the report-back prompt" in told and "not_in_channel" in told
    app.tick(datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    assert len(posts(app, "U1")) == 1


@pytest.mark.postgres
def test_two_schedulers_ticking_at_once_on_postgresql_send_each_reminder_once(fake_slack: FakeSlack,
                                                                              postgres_url: str) -> None:
    with running_app(fake_slack, postgres_url) as app:
        plug_in(app)
        try:
            app.set_community("CCOMMUNITY")
            fake_slack.add_channel("CGROUP", name="data-viz")
            for n in range(12):
                add_project(app, name=f"Group {n}", channel_id="CGROUP")
            start = threading.Barrier(2)

            def scheduler() -> None:
                start.wait()
                app.tick(PROMPT)

            threads = [threading.Thread(target=scheduler) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
            prompts = posts(app, "CGROUP")
            assert len(prompts) == 12
            assert len({text.split("*")[1] for text in prompts}) == 12
        finally:
            unplug()


def test_the_weekly_digest_lists_reports_with_feedback_and_overdue_subjects(reminders_app: RunningApp) -> None:
    app = reminders_app
    project = add_project(app, channel_id="CGROUP")
    late = add_project(app, name="Late Owls", channel_id="CGROUP")
    app.tick()  # Monday 23 Nov: last week was quiet, so no digest
    assert posts(app, "CCOMMUNITY") == []
    app.clock.advance(days=1)
    app.slack.action(ReportAction.OPEN, f"example:{project}", user="U1", channel="DU1")
    modal = app.fake.wait_for("views.open")["view"]
    app.slack.submit(modal, {ReportField.PROGRESS: "a", ReportField.LEARNINGS: "b", ReportField.ASKS: "c"})
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY")
    eventually(lambda: get_project(app, project).next_report_due == date(2026, 12, 1))
    with app.deps.sessions.begin() as session:
        session.get_one(type(get_project(app, late)), late).next_report_due = date(2026, 11, 27)
    app.fake.reset_calls()
    app.tick(PROMPT)
    [digest] = posts(app, "CCOMMUNITY")
    assert "This week in the community" in digest
    assert "*Data Viz* by <@U1> — 0 endorsements · 0 critiques · 0 suggested refinements" in digest
    assert "Reports overdue" in digest and "*Late Owls* (project) — due Fri 27 Nov" in digest
    app.tick(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    assert len(posts(app, "CCOMMUNITY")) == 1


def test_a_digest_the_bot_cannot_post_is_reported_to_the_coordinators(reminders_app: RunningApp) -> None:
    app = reminders_app
    add_project(app, channel_id="CGROUP")
    with app.deps.sessions.begin() as session:
        session.get_one(type(get_project(app, 1)), 1).next_report_due = date(2026, 11, 27)
    app.fake.channels["CCOMMUNITY"]["is_member"] = False
    app.tick(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    [told] = posts(app, "U3")
    assert "couldn't post the weekly digest in <#CCOMMUNITY>" in told and "not_in_channel" in told
    app.tick(datetime(2026, 11, 30, 9, 5, tzinfo=UTC))
    assert len(posts(app, "U3")) == 1
