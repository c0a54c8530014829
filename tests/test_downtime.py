"""Dated work survives the bot being down across its due time: on restart it catches up, once.

Each test runs the real app while its clock moves forward, stops it before the next scheduler tick
(a tick comes only every 20 s, and a clock that jumps makes APScheduler skip the one it missed), moves
the clock past the due time and starts the bot again on the same database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.ids import Command, GroupAction, GroupField, ReportField
from models.group import PracticeGroup
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app
from tests.support.waiting import eventually

MONDAY_0800 = datetime(2031, 3, 10, 8, 0, tzinfo=UTC)
WEDNESDAY_1200 = datetime(2031, 3, 12, 12, 0, tzinfo=UTC)
TUESDAY_AFTER_1200 = datetime(2031, 3, 18, 12, 0, tzinfo=UTC)


@contextmanager
def bot_running(fake: FakeSlack, database_url: str, now: datetime) -> Iterator[RunningApp]:
    """The bot started at `now`, with its first scheduler tick done."""
    with running_app(fake, database_url, now=now) as app:
        app.tick()
        yield app


def propose_group(app: RunningApp, name: str, user: str) -> PracticeGroup:
    app.fake.reset_calls()
    app.slack.command(Command.PRACTICE, "propose", user=user)
    form = app.fake.wait_for("views.open")["view"]
    answers: dict[str, Any] = {
        GroupField.NAME: name, GroupField.REASON: "subtopic", GroupField.FOCUS: "Practice in the open",
        GroupField.ACTIVITIES: "", GroupField.CADENCE: "weekly", GroupField.MEMBERS: [user], GroupField.CHANNEL: None,
    }
    assert app.slack.submit(form, answers, user=user).body == ""
    return eventually(lambda: _posted_group(app, name))


def _posted_group(app: RunningApp, name: str) -> PracticeGroup | None:
    with app.deps.sessions() as session:
        return session.scalar(select(PracticeGroup).where(PracticeGroup.name == name,
                                                          PracticeGroup.proposal_ts.is_not(None)))


def endorse(app: RunningApp, group: PracticeGroup, coordinator: str) -> None:
    message = next(m for m in app.fake.messages["CCOMMUNITY"] if m["ts"] == group.proposal_ts)
    app.fake.reset_calls()
    app.slack.action(GroupAction.ENDORSE, str(group.id), user=coordinator, channel="CCOMMUNITY", message=message)
    assert "it is now active" in app.fake.wait_for("response_url")["text"]


def report_back(app: RunningApp, name: str, user: str) -> None:
    app.fake.reset_calls()
    app.slack.command(Command.PRACTICE, f"report {name}", user=user)
    form = app.fake.wait_for("views.open")["view"]
    answers = {ReportField.PROGRESS: "Two sessions", ReportField.LEARNINGS: "Write it down", ReportField.ASKS: "None"}
    assert app.slack.submit(form, answers, user=user).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY" and f"Report: {name}" in c.text)


def digests(fake: FakeSlack) -> list[Any]:
    return [c for c in fake.calls_to("chat.postMessage", channel="CCOMMUNITY") if "digest" in c.text.lower()]


def test_the_weekly_digest_is_posted_after_the_bot_was_down_across_monday(
    fake_slack: FakeSlack, database_url: str
) -> None:
    with bot_running(fake_slack, database_url, MONDAY_0800) as app:
        app.set_community("CCOMMUNITY", coordinators=("U3",))
        app.clock.now = WEDNESDAY_1200
        endorse(app, propose_group(app, "Digest Reporters", "U1"), "U3")
        report_back(app, "Digest Reporters", "U1")
        propose_group(app, "Fresh Proposal Circle", "U2")
    fake_slack.reset_calls()

    with bot_running(fake_slack, database_url, TUESDAY_AFTER_1200) as app:
        app.tick()
        [digest] = digests(fake_slack)
    assert "Digest Reporters" in digest.text and "Fresh Proposal Circle" in digest.text
    assert "Reports back to the community" in digest.text


def dms_to(fake: FakeSlack, user: str, words: str) -> list[Any]:
    return [c for c in fake.calls_to("chat.postMessage", channel=f"D{user}") if words in c.text]


def test_report_reminders_due_while_the_bot_was_down_are_sent_on_restart_the_latest_only(
    fake_slack: FakeSlack, database_url: str
) -> None:
    with bot_running(fake_slack, database_url, MONDAY_0800) as app:
        app.set_community("CCOMMUNITY", coordinators=("U3",))
        app.clock.now = WEDNESDAY_1200
        endorse(app, propose_group(app, "Digest Reporters", "U1"), "U3")  # weekly: next report Wed 19 March
    fake_slack.reset_calls()

    # Down across the heads-up (Mon 17) and the report day (Wed 19): only the report day's prompt goes.
    with bot_running(fake_slack, database_url, datetime(2031, 3, 20, 12, 0, tzinfo=UTC)) as app:
        app.tick()
        [prompt] = dms_to(fake_slack, "U1", "Report-back day for the practice group *Digest Reporters* was Wed 19 Mar")
        assert "/practice report Digest Reporters" in str(prompt["blocks"])
        assert not dms_to(fake_slack, "U1", "Heads-up")
    fake_slack.reset_calls()

    with bot_running(fake_slack, database_url, datetime(2031, 3, 24, 12, 0, tzinfo=UTC)) as app:
        app.tick()
        assert len(dms_to(fake_slack, "U1", "was due on Wed 19 Mar")) == 1
        assert not dms_to(fake_slack, "U1", "eport-back day")


def test_the_wrap_up_due_while_the_bot_was_down_is_posted_on_restart_once(
    fake_slack: FakeSlack, database_url: str
) -> None:
    with bot_running(fake_slack, database_url, MONDAY_0800) as app:
        create_challenge(app, days="3", start_date="2031-03-10", meetup_date="2031-03-15", title="Public speaking")
        app.slack.command("/challenge", "join", user="U2")
        app.tick(datetime(2031, 3, 10, 9, 0, tzinfo=UTC))  # Day 1 of 3, 10:00 in Paris
        reply(app, day_posts(app)[-1]["ts"], "Day 1: practised in front of the mirror.", user="U2")
        app.fake.wait_for("reactions.add")
    fake_slack.reset_calls()

    with bot_running(fake_slack, database_url, datetime(2031, 3, 17, 12, 0, tzinfo=UTC)) as app:
        app.tick()
        app.tick(app.clock.advance(seconds=20))
        [wrapup] = [c for c in fake_slack.calls_to("chat.postMessage") if "is complete" in c.text]
        assert "1 participant, 1 journal entry" in wrapup.text
        # The meetup was on Saturday, while the bot was down: no "today is the meetup" on Monday.
        assert not [c for c in fake_slack.calls_to("chat.postMessage") if "meetup of" in c.text]


def test_a_meetup_reminder_due_while_the_bot_was_down_still_goes_on_the_day(
    fake_slack: FakeSlack, database_url: str
) -> None:
    with bot_running(fake_slack, database_url, MONDAY_0800) as app:
        create_challenge(app, days="3", start_date="2031-03-10", meetup_date="2031-03-15", title="Public speaking")
        app.tick(datetime(2031, 3, 10, 9, 0, tzinfo=UTC))
    fake_slack.reset_calls()

    with bot_running(fake_slack, database_url, datetime(2031, 3, 15, 18, 0, tzinfo=UTC)) as app:
        app.tick(app.clock.advance(seconds=20))
        [reminder] = [c for c in fake_slack.calls_to("chat.postMessage") if "meetup of" in c.text]
        assert "Today is the report-back meetup of *Public speaking*" in reminder.text
        assert len([c for c in fake_slack.calls_to("chat.postMessage") if "is complete" in c.text]) == 1
