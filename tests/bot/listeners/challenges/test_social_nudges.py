"""Nudges end to end, with the injected clock across timezones; nudges off; no nagging; time away."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.ids import ChallengeAction
from models.social import Nudge
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.running_app import RunningApp

UTC = UTC
# The challenge posts at 10:00 Paris (09:00 UTC) from today, 23 November; nudges 6 hours later.
POST = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def nudges_to(app: RunningApp, user: str) -> list[str]:
    """The texts of the nudges `user` received in their DM."""
    return [c.text for c in app.fake.calls_to("chat.postMessage", channel=f"D{user}") if "haven't journaled" in c.text]


def begin(app: RunningApp, *users: str, **overrides: object) -> None:
    create_challenge(app, **overrides)
    for user in users:
        assert app.slack.command("/challenge", "join", user=user).body.startswith("You have joined")
    app.tick()  # 09:00 UTC: Day 1 posted, nudges planned


def at(app: RunningApp, day: int, hour: int, minute: int = 0) -> None:
    app.tick(datetime(2026, 11, 22 + day, hour, minute, tzinfo=UTC))


def test_a_nudge_goes_after_the_delay_at_a_daytime_hour_for_each_member(app: RunningApp) -> None:
    app.fake.add_user("UTOKYO", name="Kenji", tz="Asia/Tokyo")
    begin(app, "U1", "U2", "UTOKYO", partners=[])
    at(app, 1, 14, 59)
    assert nudges_to(app, "U1") == nudges_to(app, "U2") == []
    at(app, 1, 15)  # 16:00 in Paris, 10:00 in New York: both daytime
    [paris] = nudges_to(app, "U1")
    assert "Day 1 of 30" in paris and "30 days of DevOps" in paris
    assert len(nudges_to(app, "U2")) == 1
    assert nudges_to(app, "UTOKYO") == []  # 00:00 in Tokyo: it waits for the morning
    at(app, 1, 23, 59)
    assert nudges_to(app, "UTOKYO") == []
    at(app, 2, 0)  # 09:00 in Tokyo
    assert len(nudges_to(app, "UTOKYO")) == 1
    message = app.fake.calls_to("chat.postMessage", channel="DUTOKYO")[-1]
    [button] = [b["accessory"] for b in message["blocks"] if b.get("accessory")]
    assert (button["action_id"], button["value"]) == (ChallengeAction.OPEN_JOURNAL, "1")
    assert "*Journal* opens a form" in message.text
    at(app, 2, 1)
    assert [len(nudges_to(app, u)) for u in ("U1", "U2", "UTOKYO")] == [1, 1, 1]  # exactly once a day


def test_nobody_is_nudged_who_journaled_that_day(app: RunningApp) -> None:
    begin(app, "U1", "U2", partners=[])
    reply(app, day_posts(app)[-1]["ts"], "Done it.", user="U1")
    app.fake.wait_for("reactions.add")
    at(app, 1, 15)
    assert nudges_to(app, "U1") == [] and len(nudges_to(app, "U2")) == 1
    with app.deps.sessions() as session:
        outcomes = dict(session.execute(select(Nudge.user_id, Nudge.outcome)).all())
    assert outcomes == {"U1": "journaled", "U2": "sent"}


def test_nudges_off_and_on(app: RunningApp) -> None:
    begin(app, "U2", partners=[])
    assert "Nudges are *off*" in app.slack.command("/challenge", "nudges off", user="U2").body
    at(app, 1, 15)
    assert nudges_to(app, "U2") == []
    assert "Nudges are *on*" in app.slack.command("/challenge", "nudges on", user="U2").body
    at(app, 2, 9)
    at(app, 2, 15)
    assert len(nudges_to(app, "U2")) == 1
    assert "nudges off" in app.slack.command("/challenge", "nudges sometimes", user="U2").body


def test_after_three_ignored_nudges_no_more_until_they_journal_again(app: RunningApp) -> None:
    begin(app, "U2", partners=[])
    for day in (1, 2, 3, 4):
        at(app, day, 9)
        at(app, day, 15)
    sent = nudges_to(app, "U2")
    assert len(sent) == 3 and "last nudge until you journal again" in sent[2]
    assert "last nudge" not in sent[0]
    reply(app, day_posts(app)[-1]["ts"], "Back at it.", user="U2")
    app.fake.wait_for("reactions.add")
    at(app, 5, 9)
    at(app, 5, 15)
    assert len(nudges_to(app, "U2")) == 4


def test_the_partner_is_told_when_someone_is_nudged(app: RunningApp) -> None:
    create_challenge(app, start_date="2026-11-24")
    for user in ("U1", "U2"):
        app.slack.command("/challenge", "join", user=user)
    at(app, 2, 9)  # Day 1 posted, U1 and U2 paired
    reply(app, day_posts(app)[-1]["ts"], "Done.", user="U1")
    app.fake.wait_for("reactions.add")
    at(app, 2, 15)
    app.tick()
    [note] = app.fake.calls_to("chat.postMessage", channel="GU1_U2")[1:]  # after the introduction
    assert "Day 1 of 30" in note.text and "<@U2> hasn't journaled yet" in note.text
    assert "<@U1>, a kind word here may help" in note.text
    assert nudges_to(app, "U1") == [] and app.fake.calls_to("chat.postMessage", channel="DU1") == []


def notes_to(app: RunningApp, channel: str) -> list[str]:
    return [c.text for c in app.fake.calls_to("chat.postMessage", channel=channel) if "gentle check-in" in c.text]


def test_a_triad_gets_one_note_a_day_in_its_own_conversation_naming_who_is_behind(app: RunningApp) -> None:
    create_challenge(app, start_date="2026-11-24")
    for user in ("U1", "U2", "U3"):
        app.slack.command("/challenge", "join", user=user)
    at(app, 2, 9)  # Day 1 posted; U1, U2 and U3 are a triad
    group = "GU1_U2_U3"
    assert "a triad" in app.fake.calls_to("chat.postMessage", channel=group)[0].text
    reply(app, day_posts(app)[-1]["ts"], "Done.", user="U1")
    app.fake.wait_for("reactions.add")
    at(app, 2, 15)  # U2 (10:00 New York) and U3 (17:00 Helsinki) are nudged
    at(app, 2, 15, 5)
    [note] = notes_to(app, group)
    assert "Day 1 of 30" in note and "<@U2> and <@U3> haven't journaled yet" in note and "<@U1>, a kind word" in note
    assert not any("journaled" in c.text for u in ("U1", "U2", "U3")
                   for c in app.fake.calls_to("chat.postMessage", channel=f"D{u}") if "gentle" in c.text)
    at(app, 3, 9)
    at(app, 3, 16)  # Day 2: nobody journaled, each had their own nudge; a note would only nag
    assert len(notes_to(app, group)) == 1 and len(nudges_to(app, "U1")) == 1


def test_a_nudge_whose_next_day_is_already_posted_is_not_sent(app: RunningApp) -> None:
    begin(app, "U2", partners=[])  # Day 1 posted, its nudge due at 15:00
    at(app, 2, 9, 30)  # the bot was down until after Day 2's post
    assert nudges_to(app, "U2") == []
    with app.deps.sessions() as session:
        assert dict(session.execute(select(Nudge.day_number, Nudge.outcome)).all()) == {1: "stale", 2: None}
    at(app, 2, 15)
    [nudge] = nudges_to(app, "U2")
    assert "Day 2 of 30" in nudge


def test_time_away_ends_on_the_members_own_last_day_ten_hours_from_the_challenge(app: RunningApp) -> None:
    app.fake.add_user("UHNL", name="Keala", tz="Pacific/Honolulu")  # 11 hours behind Paris, 10 behind UTC
    begin(app, "UHNL", partners=[], nudge_delay="16")  # 10:00 Paris post; nudge at 15:00 in Honolulu
    answer = app.slack.command("/challenge", "away 2026-11-25", user="UHNL").body  # it is still 22 Nov there
    assert "Until Wed 25 Nov" in answer
    for day in (1, 2, 3):
        at(app, day, 9)
        at(app, day + 1, 1)  # 15:00 in Honolulu on 23, 24 and 25 November, already the next day in Paris
    assert nudges_to(app, "UHNL") == []
    assert "You are away until Wed 25 Nov" in app.slack.command("/challenge", "status", user="UHNL").body
    at(app, 4, 9)
    at(app, 5, 1)  # 15:00 on 26 November in Honolulu: back
    [nudge] = nudges_to(app, "UHNL")
    assert "Day 4 of 30" in nudge


def test_time_away_pauses_nudges_tells_the_partner_and_keeps_the_streak(app: RunningApp) -> None:
    create_challenge(app, start_date="2026-11-24")
    for user in ("U1", "U2"):
        app.slack.command("/challenge", "join", user=user)
    at(app, 2, 9)
    reply(app, day_posts(app)[-1]["ts"], "Day one done.", user="U2")
    app.fake.wait_for("reactions.add")
    answer = app.slack.command("/challenge", "away 2026-11-26", user="U2").body
    assert "Until Thu 26 Nov" in answer and "told your accountability partner" in answer
    app.tick(app.clock.now)
    assert any("<@U2> is taking time away" in c.text for c in app.fake.calls_to("chat.postMessage", channel="DU1"))
    assert "You are away until Thu 26 Nov" in app.slack.command("/challenge", "status", user="U2").body
    for day in (3, 4):  # 25 and 26 November: away
        at(app, day, 9)
        at(app, day, 15)
    assert nudges_to(app, "U2") == []
    at(app, 5, 9)
    reply(app, day_posts(app)[-1]["ts"], "Back, day four.", user="U2")
    app.fake.wait_for("reactions.add", count=2)
    status = app.slack.command("/challenge", "status", user="U2").body
    assert "Streak: 2 days now" in status


def test_back_ends_time_away_early_and_bad_dates_are_refused(app: RunningApp) -> None:
    begin(app, "U2", partners=[])
    assert "not away" in app.slack.command("/challenge", "back", user="U2").body
    assert "YYYY-MM-DD" in app.slack.command("/challenge", "away next week", user="U2").body
    assert "in the past" in app.slack.command("/challenge", "away 2026-11-01", user="U2").body
    assert "at most 90 days" in app.slack.command("/challenge", "away 2027-06-01", user="U2").body
    assert "Tell me until when" in app.slack.command("/challenge", "away", user="U2").body
    app.slack.command("/challenge", "away 2026-11-30", user="U2")
    app.tick(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert "Welcome back" in app.slack.command("/challenge", "back", user="U2").body
    at(app, 2, 15)
    assert len(nudges_to(app, "U2")) == 1


def test_a_nudge_that_cannot_be_delivered_is_not_retried_forever(app: RunningApp) -> None:
    begin(app, "U2", partners=[])
    app.fake.fail("conversations.open", "user_not_visible", times=10)
    at(app, 1, 15)
    for minute in range(1, 6):
        at(app, 1, 15, minute * 5)
    assert len(app.fake.calls_to("conversations.open", users="U2")) == 1
    with app.deps.sessions() as session:
        [nudge] = session.scalars(select(Nudge)).all()
    assert (nudge.error, nudge.done_at is not None) == ("user_not_visible", True)


def test_the_usage_lists_nudges_away_back_and_export(app: RunningApp) -> None:
    usage = app.slack.command("/challenge", "help", user="U1").body
    for syntax in ("nudges off|on", "away UNTIL", "back", "export NAME [csv|md]"):
        assert f"/challenge {syntax}" in usage


def test_the_journal_button_of_a_nudge_opens_todays_journal(app: RunningApp) -> None:
    begin(app, "U2", partners=[])
    at(app, 1, 15)
    nudge = app.fake.calls_to("chat.postMessage", channel="DU2")[-1]
    [button] = [b["accessory"] for b in nudge["blocks"] if b.get("accessory")]
    app.slack.action(button["action_id"], button["value"], user="U2", channel="DU2")
    opened = app.fake.wait_for("views.open")
    assert "Day 1" in opened.text
