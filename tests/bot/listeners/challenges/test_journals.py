"""Journals: replies in a day's thread (message events), the journal modal, join/leave/status, App Home."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from bot.ids import ChallengeAction, JournalField
from tests.support.challenges import create_challenge, day_posts, entries, reply
from tests.support.fake_slack import BOT_ID
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually


def started(app: RunningApp, **overrides: Any) -> str:
    """A challenge with Day 1 posted and U1 taking part; returns Day 1's ts."""
    create_challenge(app, **overrides)
    app.tick()
    assert app.slack.command("/challenge", "join", user="U1").body.startswith("You have joined")
    return day_posts(app)[-1]["ts"]


def test_a_reply_in_the_days_thread_is_that_days_entry_and_is_confirmed(app: RunningApp) -> None:
    day1 = started(app)
    ts = reply(app, day1, "Mapped it: 14 steps, 3 waits on reviews.")
    reaction = app.fake.wait_for("reactions.add")
    assert (reaction["channel"], reaction["timestamp"], reaction["name"]) == ("CCOMMUNITY", ts, "memo")
    [entry] = entries(app)
    assert (entry.user_id, entry.day_number, entry.private) == ("U1", 1, False)
    assert entry.text == "Mapped it: 14 steps, 3 waits on reviews."


def test_a_retried_event_never_duplicates_an_entry(app: RunningApp) -> None:
    day1 = started(app)
    ts = reply(app, day1, "first", event_id="Ev42")
    app.fake.wait_for("reactions.add")
    reply(app, day1, "first", ts=ts, event_id="Ev42", retry_num=1)
    reply(app, day1, "first", ts=ts, event_id="Ev42", retry_num=2)
    reply(app, day1, "another thought", user="U1")
    app.fake.wait_for("reactions.add", count=2)
    assert [e.text for e in entries(app)] == ["first", "another thought"]
    assert len(app.fake.calls_to("reactions.add", timestamp=ts)) == 1


def test_an_edit_updates_the_entry_and_a_delete_removes_it(app: RunningApp) -> None:
    day1 = started(app)
    ts = reply(app, day1, "draft")
    app.fake.wait_for("reactions.add")
    edited = {"type": "message", "subtype": "message_changed", "channel": "CCOMMUNITY", "hidden": True, "ts": "9.1",
              "message": {"type": "message", "user": "U1", "text": "final words", "ts": ts, "thread_ts": day1},
              "previous_message": {"type": "message", "user": "U1", "text": "draft", "ts": ts, "thread_ts": day1}}
    assert app.slack.event(edited).status == 200
    eventually(lambda: [e.text for e in entries(app)] == ["final words"])
    # The edit is confirmed: the reaction is (still) on the reply, and status shows the new words.
    app.fake.wait_for("reactions.add", lambda c: c["timestamp"] == ts, count=2)
    assert app.fake.reactions == {("CCOMMUNITY", ts, "memo")}
    assert "• Day 1 — “final words”" in app.slack.command("/challenge", "status", user="U1").body
    # Someone else's edit event for the same ts cannot rewrite it.
    forged = edited | {"message": edited["message"] | {"user": "U2", "text": "hacked"}}
    app.slack.event(forged)
    deleted = {"type": "message", "subtype": "message_deleted", "channel": "CCOMMUNITY", "hidden": True,
               "deleted_ts": ts, "ts": "9.2", "previous_message": edited["message"]}
    assert app.slack.event(deleted).status == 200
    eventually(lambda: entries(app) == [])
    # Nothing is left to react to: the member is told, in the thread, and status agrees.
    told = app.fake.wait_for("chat.postEphemeral")
    assert (told["user"], told["thread_ts"]) == ("U1", day1) and "Day 1 journal entry is removed" in told.text
    assert "no entries yet" in app.slack.command("/challenge", "status", user="U1").body
    # The forged edit was neither stored nor confirmed.
    assert len(app.fake.calls_to("reactions.add")) == 2


def test_a_late_reply_counts_for_its_own_day(app: RunningApp) -> None:
    day1 = started(app)
    app.tick(app.clock.advance(days=1))
    app.tick(app.clock.advance(days=1))
    reply(app, day1, "Catching up on day one")
    app.fake.wait_for("reactions.add")
    assert [e.day_number for e in entries(app)] == [1]


def test_replies_that_are_not_journals_are_ignored(app: RunningApp) -> None:
    day1 = started(app)
    announcement = app.fake.messages["CCOMMUNITY"][0]["ts"]
    reply(app, announcement, "reply to the announcement")
    reply(app, "1700000000.000001", "an unrelated thread")
    top = {"type": "message", "channel": "CCOMMUNITY", "user": "U1", "text": "top level", "ts": "1795000000.000009"}
    app.slack.event(top)
    bot = {"type": "message", "subtype": "bot_message", "channel": "CCOMMUNITY", "bot_id": BOT_ID, "text": "mine",
           "ts": "1795000000.000010", "thread_ts": day1}
    app.slack.event(bot)
    reply(app, day1, "this one counts")
    app.fake.wait_for("reactions.add")
    assert [e.text for e in entries(app)] == ["this one counts"]
    assert len(app.fake.calls_to("reactions.add")) == 1


def test_a_non_participant_who_replies_is_invited_to_join(app: RunningApp) -> None:
    day1 = started(app)
    reply(app, day1, "Can I play too?", user="U2")
    invitation = app.fake.wait_for("chat.postEphemeral")
    assert (invitation["user"], invitation["thread_ts"]) == ("U2", day1)
    assert "not taking part yet" in invitation.text and ChallengeAction.JOIN in str(invitation["blocks"])
    assert entries(app) == []
    button = invitation["blocks"][1]["elements"][0]
    app.fake.reset_calls()
    app.slack.action(ChallengeAction.JOIN, button["value"], user="U2", channel="CCOMMUNITY")
    assert "You have joined" in app.fake.wait_for("response_url").text
    reply(app, day1, "Now I'm in", user="U2")
    app.fake.wait_for("reactions.add")
    assert [e.user_id for e in entries(app)] == ["U2"]


def test_a_chatty_non_participant_is_invited_once_per_challenge(app: RunningApp) -> None:
    day1 = started(app)
    for n in range(3):
        reply(app, day1, f"just passing by {n}", user="U2")
    reply(app, day1, "my entry", user="U1")
    app.fake.wait_for("reactions.add")
    app.tick(app.clock.advance(days=1))
    reply(app, day_posts(app)[-1]["ts"], "still just chatting", user="U2")
    reply(app, day_posts(app)[-1]["ts"], "day two", user="U1")
    app.fake.wait_for("reactions.add", count=2)
    [invitation] = app.fake.calls_to("chat.postEphemeral")
    assert invitation["user"] == "U2" and "not taking part yet" in invitation.text
    # Another challenge is another invitation.
    create_challenge(app, title="Speak up", template="Public Speaking", start_date="2026-11-24")
    app.tick()
    reply(app, day_posts(app)[-1]["ts"], "hello", user="U2")
    assert "“Speak up”" in app.fake.wait_for("chat.postEphemeral").text
    assert [e.user_id for e in entries(app)] == ["U1", "U1"]


def test_a_reply_in_a_finished_challenge_invites_nobody(app: RunningApp) -> None:
    day1 = started(app, days="1")
    app.clock.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    reply(app, day1, "late to the party", user="U2")
    reply(app, day1, "my late day one", user="U1")
    app.fake.wait_for("reactions.add")
    assert [e.user_id for e in entries(app)] == ["U1"]
    assert not app.fake.calls_to("chat.postEphemeral")


def test_join_leave_and_status_by_name_or_the_one_in_this_channel(app: RunningApp) -> None:
    create_challenge(app)
    command = app.slack.command
    assert "You have joined “30 days of DevOps”" in command("/challenge", "join", user="U2").body
    assert "already taking part" in command("/challenge", "join 30 DAYS of devops", user="U2").body
    assert "don't know a challenge called “Knitting”" in command("/challenge", "join Knitting", user="U2").body
    assert "You have left" in command("/challenge", "leave", user="U2").body
    assert "not taking part" in command("/challenge", "leave", user="U2").body
    assert "You have joined" in command("/challenge", "join", user="U2").body
    create_challenge(app, title="Speak up", template="Public Speaking")
    assert "Several challenges are running" in command("/challenge", "status", user="U2").body
    elsewhere = command("/challenge", "join", user="U3", channel="CPUBLIC").body
    assert "No challenge is running here" in elsewhere and "“Speak up”" in elsewhere
    assert "You have joined “Speak up”" in command("/challenge", "join speak up", user="U3", channel="CPUBLIC").body


def test_joining_a_finished_challenge_is_refused(app: RunningApp) -> None:
    create_challenge(app, days="2")
    app.clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    answer = app.slack.command("/challenge", "join 30 days of DevOps", user="U2").body
    assert "finished on Tue 24 Nov" in answer
    assert "no challenge running" in app.slack.command("/challenge", "join", user="U2").body


def test_status_shows_todays_activity_entries_and_streaks_in_challenge_days(app: RunningApp) -> None:
    # Weekdays only, from Thursday: Thu=1 Fri=2 Mon=3 Tue=4 Wed=5.
    create_challenge(app, start_date="2026-11-26", skip_weekends=["yes"], days="10")
    app.slack.command("/challenge", "join", user="U1")
    for moment in ("2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"):
        app.tick(datetime.fromisoformat(moment + "T09:00:00+00:00"))
    posts = day_posts(app)
    for number in (1, 2, 3, 5):  # Day 4 forgotten; the weekend between 2 and 3 breaks nothing
        reply(app, posts[number - 1]["ts"], f"entry {number}")
    app.fake.wait_for("reactions.add", count=4)
    text = app.slack.command("/challenge", "status", user="U1").body
    assert "Today: Day 5 of 10 — Shrink an image" in text
    assert "*Your entries (4):*\n• Day 1 — “entry 1” (your reply in the day's thread)\n• Day 2" in text
    assert "• Day 5 — “entry 5”" in text and "Day 4 —" not in text
    assert "Streak: 1 day now, longest 3." in text and "journaled today" in text
    reply(app, posts[3]["ts"], "late entry for day 4")
    app.fake.wait_for("reactions.add", count=5)
    assert "Streak: 5 days now, longest 5." in app.slack.command("/challenge", "status", user="U1").body


def open_journal(app: RunningApp, user: str = "U1") -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.command("/challenge", "journal", user=user).status == 200
    return app.fake.wait_for("views.open")["view"]


def test_the_journal_modal_posts_a_public_entry_in_the_thread_and_edits_it(app: RunningApp) -> None:
    day1 = started(app)
    view = open_journal(app)
    assert "Day 1 of 30" in str(view)
    assert app.slack.submit(view, {JournalField.TEXT: "Drew the pipeline.", JournalField.PRIVATE: []}).status == 200
    post = app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == day1)
    assert "<@U1>'s journal for Day 1" in post.text and "Drew the pipeline." in post.text
    eventually(lambda: [e.slack_ts for e in entries(app)] != [None])
    # Opening it again shows the entry; saving replaces it in place.
    view = open_journal(app)
    assert "Drew the pipeline." in str(view)
    app.slack.submit(view, {JournalField.TEXT: "Drew it, found 3 waits.", JournalField.PRIVATE: []})
    assert "found 3 waits" in app.fake.wait_for("chat.update").text
    eventually(lambda: [e.text for e in entries(app)] == ["Drew it, found 3 waits."])
    # Made private: the public copy is taken down.
    app.slack.submit(open_journal(app), {JournalField.TEXT: "Only for me.", JournalField.PRIVATE: ["yes"]})
    app.fake.wait_for("chat.delete")
    eventually(lambda: [(e.text, e.private, e.slack_ts) for e in entries(app)] == [("Only for me.", True, None)])


def test_a_private_entry_is_stored_and_not_posted(app: RunningApp) -> None:
    started(app)
    answers = {JournalField.TEXT: "Secret thoughts", JournalField.PRIVATE: ["yes"]}
    response = app.slack.submit(open_journal(app), answers)
    assert "kept private" in response.body
    eventually(lambda: len(entries(app)) == 1)
    assert entries(app)[0].private and not app.fake.calls_to("chat.postMessage")
    assert "• Day 1 — private entry (only you can see it)" in app.slack.command("/challenge", "status", user="U1").body


def test_the_journal_modal_refuses_empty_text_and_non_participants(app: RunningApp) -> None:
    started(app)
    body = app.slack.submit(open_journal(app), {JournalField.TEXT: "  ", JournalField.PRIVATE: []}).json()
    assert "Write something" in body["errors"][JournalField.TEXT]
    assert "Join “30 days of DevOps” first" in app.slack.command("/challenge", "journal", user="U2").body
    assert entries(app) == []


def test_before_day_one_the_journal_says_when_it_starts(app: RunningApp) -> None:
    create_challenge(app, start_date="2026-11-30")
    app.slack.command("/challenge", "join", user="U1")
    assert "starts on Mon 30 Nov" in app.slack.command("/challenge", "journal", user="U1").body


def test_app_home_shows_todays_activity_streak_and_a_journal_button(app: RunningApp) -> None:
    day1 = started(app)
    reply(app, day1, "done")
    app.fake.wait_for("reactions.add")
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"})
    home = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U1")
    assert "Day 1 of 30: Map your path to production :white_check_mark: journaled" in home.text
    assert "Streak: 1 (longest 1)" in home.text
    assert ChallengeAction.OPEN_JOURNAL in str(home["view"])
    app.fake.reset_calls()
    button = next(b["accessory"] for b in home["view"]["blocks"]
                  if b.get("accessory", {}).get("action_id") == ChallengeAction.OPEN_JOURNAL)
    app.slack.action(ChallengeAction.OPEN_JOURNAL, button["value"], user="U1")
    assert app.fake.wait_for("views.open")["view"]["private_metadata"].endswith(":1")


def test_a_retry_racing_the_original_on_postgresql_stores_one_entry(pg_app: RunningApp) -> None:
    day1 = started(pg_app)
    ts = "1795000000.000777"
    start = threading.Barrier(3)

    def send(retry: int | None) -> None:
        start.wait()
        reply(pg_app, day1, "same reply", ts=ts, event_id="EvRace", retry_num=retry)

    threads = [threading.Thread(target=send, args=(retry,)) for retry in (None, 1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    pg_app.fake.wait_for("reactions.add")
    reply(pg_app, day1, "a later reply")
    pg_app.fake.wait_for("reactions.add", count=2)
    assert [e.text for e in entries(pg_app)] == ["same reply", "a later reply"]
    assert len(pg_app.fake.calls_to("reactions.add", timestamp=ts)) == 1
