"""Meetups and report due dates in calendars (.ics), end to end over HTTP on SQLite and PostgreSQL:
the wrap-up and the meetup reminder carry the meetup's file, and App Home's *Add to calendar* DMs it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from icalendar import Calendar, Event

from bot.ids import CalendarAction
from models import GroupMember, PracticeGroup
from models.group import GroupStatus, MemberRole, Reason
from models.report import Cadence
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.running_app import RunningApp


def event_of(content: bytes) -> Event:
    [event] = Calendar.from_ical(content).walk("VEVENT")
    return event


def at(app: RunningApp, day: int, hour: int = 9) -> None:
    app.tick(datetime(2026, 11, 22 + day, hour, tzinfo=UTC))


def three_days(app: RunningApp) -> int:
    """A 3-day challenge from Mon 23 Nov (10:00 Paris) with its meetup on Sat 28 Nov; U1 and U2 take part."""
    challenge = create_challenge(app, days="3", meetup_date="2026-11-28", title="Public speaking")
    for user in ("U1", "U2"):
        app.slack.command("/challenge", "join", user=user)
    at(app, 1)
    reply(app, day_posts(app)[-1]["ts"], "Day 1: practised in front of the mirror.", user="U1")
    app.fake.wait_for("reactions.add")
    return challenge.id


def uploaded(app: RunningApp, title_ends: str) -> list[tuple[dict[str, Any], bytes]]:
    """Each completed upload of a file whose title ends so: where it went, and its bytes."""
    found = []
    for done in app.fake.calls_to("files.completeUploadExternal"):
        for file in done["files"]:
            if file["title"].endswith(title_ends):
                found.append((done.params, app.fake.uploads[file["id"]]))
    return found


def test_the_wrap_up_and_the_meetup_reminder_carry_the_meetup_as_a_calendar_file(any_app: RunningApp) -> None:
    app = any_app
    challenge_id = three_days(app)
    at(app, 4)  # the wrap-up
    [wrapup] = [m for m in app.fake.messages["CCOMMUNITY"] if "is complete" in m["text"]]
    assert "the meetup as a calendar file are in the thread" in str(wrapup["blocks"])
    [(where, content)] = uploaded(app, "report-back meetup")
    assert (where["channel_id"], where["thread_ts"]) == ("CCOMMUNITY", wrapup["ts"])
    assert "attached as a calendar file (.ics)" in where["initial_comment"]
    event = event_of(content)
    assert event["SUMMARY"] == "Report-back meetup: Public speaking"
    assert event.start == datetime(2026, 11, 28, 10, 0, tzinfo=event.start.tzinfo)
    assert str(event.start.tzinfo) == "Europe/Paris" and event.start.astimezone(UTC).hour == 9
    assert str(event["UID"]) == f"challenge-{challenge_id}-meetup@T0001.cop-bot"
    assert str(event["URL"]).endswith("p" + wrapup["ts"].replace(".", ""))
    at(app, 6, 10)  # Sat 28 Nov, 11:00 in Paris: the reminder, with the same event in its thread
    [reminder] = [m for m in app.fake.messages["CCOMMUNITY"] if "report-back meetup of" in m["text"]]
    files = uploaded(app, "report-back meetup")
    assert len(files) == 2 and files[1][0]["thread_ts"] == reminder["ts"]
    assert event_of(files[1][1])["UID"] == event["UID"]
    at(app, 6, 12)
    assert len(uploaded(app, "report-back meetup")) == 2  # once


def home_of(app: RunningApp, user: str) -> dict[str, Any]:
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"})
    return app.fake.wait_for("views.publish", lambda c: c["user_id"] == user)["view"]


def calendar_buttons(view: dict[str, Any]) -> list[str]:
    return [b["accessory"]["value"] for b in view["blocks"]
            if b.get("accessory", {}).get("action_id") == CalendarAction.ADD]


def add_to_calendar(app: RunningApp, user: str, value: str) -> str:
    """Press *Add to calendar* on App Home; what the member is told."""
    app.fake.reset_calls()
    assert app.slack.action(CalendarAction.ADD, value, user=user, view={"id": "VHOME", "type": "home"}).status == 200
    return str(app.fake.wait_for("views.open")["view"])


def add_group(app: RunningApp, due: date, members: tuple[str, ...] = ("U1",)) -> int:
    with app.deps.sessions.begin() as session:
        group = PracticeGroup(team_id="T0001", name="Data viz", name_key="data viz", reason=Reason.SUBTOPIC,
                              focus="Charts", activities="Reading", report_cadence=Cadence.MONTHLY,
                              status=GroupStatus.ACTIVE, proposer_id=members[0], created_at=app.clock.now,
                              activated_at=app.clock.now, next_report_due=due)
        group.members = [GroupMember(user_id=u, role=MemberRole.LEAD, joined_at=app.clock.now) for u in members]
        session.add(group)
        session.flush()
        return group.id


def test_app_home_offers_each_date_ahead_and_dms_its_calendar_file(any_app: RunningApp) -> None:
    app = any_app
    challenge = create_challenge(app, days="3", meetup_date="2026-11-28", title="Public speaking", user="U3")
    app.slack.command("/challenge", "join", user="U2")
    group_id = add_group(app, date(2026, 12, 14), members=("U2",))
    view = home_of(app, "U2")
    assert calendar_buttons(view) == [f"challenge:{challenge.id}", f"group:{group_id}"]
    assert "Report-back meetup of *Public speaking* — Sat 28 Nov 2026, 10:00 (Europe/Paris)" in str(view)
    assert "sends you the date as a calendar file (.ics) in a DM" in str(view)
    assert calendar_buttons(home_of(app, "U1")) == []  # neither in the challenge nor in the group

    said = add_to_calendar(app, "U2", f"group:{group_id}")
    assert "the next report due date of “Data viz” as a calendar file" in said
    done = app.fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "DU2"
    event = event_of(app.fake.uploads[done["files"][0]["id"]])
    assert event.start == date(2026, 12, 14) and event.end == date(2026, 12, 15)  # all day
    assert "/practice report Data viz" in str(event["DESCRIPTION"])

    add_to_calendar(app, "U2", f"challenge:{challenge.id}")
    first = event_of(app.fake.uploads[app.fake.wait_for("files.completeUploadExternal")["files"][0]["id"]])
    add_to_calendar(app, "U2", f"challenge:{challenge.id}")  # again: the same event, which the calendar updates
    again = event_of(app.fake.uploads[app.fake.wait_for("files.completeUploadExternal")["files"][0]["id"]])
    assert first["UID"] == again["UID"] and first.start == again.start


@pytest.mark.parametrize("value", ["challenge:{challenge}", "group:{group}", "charter:99", "challenge:x", ""])
def test_a_date_that_is_not_the_members_is_refused_and_nothing_is_sent(any_app: RunningApp, value: str) -> None:
    app = any_app
    challenge = create_challenge(app, days="3", meetup_date="2026-11-28", title="Public speaking", user="U3")
    group_id = add_group(app, date(2026, 12, 14), members=("U3",))
    said = add_to_calendar(app, "U1", value.format(challenge=challenge.id, group=group_id))
    assert "no longer ahead" in said
    assert app.fake.calls_to("files.getUploadURLExternal") == []


def test_a_meetup_gone_by_or_an_overdue_report_is_no_longer_offered(any_app: RunningApp) -> None:
    app = any_app
    challenge = create_challenge(app, days="3", meetup_date="2026-11-28", title="Public speaking")
    group_id = add_group(app, date(2026, 11, 30))
    app.clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert calendar_buttons(home_of(app, "U1")) == []
    said = add_to_calendar(app, "U1", f"group:{group_id}")
    assert "overdue, so write it now with `/practice report Data viz`" in said
    assert "no longer ahead" in add_to_calendar(app, "U1", f"challenge:{challenge.id}")
    assert app.fake.calls_to("files.getUploadURLExternal") == []
