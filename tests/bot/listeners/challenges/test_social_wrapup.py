"""The wrap-up after the last day with its uploaded chart, the meetup reminder, App Home, and export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from sqlalchemy import select

from bot.ids import JournalField
from models import Challenge
from models.challenge import ChallengeStatus
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.running_app import RunningApp

UTC = UTC
PNG = b"\x89PNG\r\n\x1a\n"


def at(app: RunningApp, day: int, hour: int = 9) -> None:
    app.tick(datetime(2026, 11, 22 + day, hour, tzinfo=UTC))


def three_days(app: RunningApp) -> None:
    """A 3-day challenge from today with a meetup on Sat 28 Nov: U1 journals every day, U2 on day 2, U3 never."""
    create_challenge(app, days="3", meetup_date="2026-11-28", title="Public speaking")
    for user in ("U1", "U2", "U3"):
        app.slack.command("/challenge", "join", user=user)
    replies = 0
    for day in (1, 2, 3):
        at(app, day)
        for user in ("U1", "U2") if day == 2 else ("U1",):
            reply(app, day_posts(app)[-1]["ts"], f"Day {day}: practised in front of the mirror.", user=user)
            replies += 1
            app.fake.wait_for("reactions.add", count=replies)


def wrapups(app: RunningApp) -> list[dict]:
    return [m for m in app.fake.messages["CCOMMUNITY"] if "is complete" in m["text"]]


def test_the_wrap_up_posts_the_figures_the_chart_the_call_for_highlights_and_the_meetup(app: RunningApp) -> None:
    three_days(app)
    at(app, 3, 23)
    assert wrapups(app) == []  # the last day still runs
    at(app, 4)
    [wrapup] = wrapups(app)
    text = "\n".join(b["text"]["text"] for b in wrapup["blocks"] if b.get("text"))
    assert "*3* participants · *4* journal entries · *44%* completion" in text
    assert "Longest streaks: <@U1> 3 days, <@U2> 1 day" in text
    assert "Most active days: Day 2 (Tue 24 Nov, 2 entries)" in text
    assert "Saturday 28 November 2026" in text and "Share your highlights in this thread" in text
    url = app.fake.wait_for("files.getUploadURLExternal")
    assert url["filename"] == "participation.png"
    [complete] = app.fake.calls_to("files.completeUploadExternal")
    assert (complete["channel_id"], complete["thread_ts"]) == ("CCOMMUNITY", wrapup["ts"])
    assert "Share your highlights" in complete["initial_comment"]
    upload, ics = app.fake.uploads.values()  # the chart, and the meetup as a calendar file in the same message
    assert upload.startswith(PNG) and ics.startswith(b"BEGIN:VCALENDAR")
    with app.deps.sessions() as session:
        assert session.scalars(select(Challenge.status)).one() == ChallengeStatus.COMPLETED
    at(app, 5)
    assert len(wrapups(app)) == 1 and len(app.fake.calls_to("files.completeUploadExternal")) == 1
    assert "I don't know" not in app.slack.command("/challenge", "status Public speaking", user="U1").body
    home = app.slack.event({"type": "app_home_opened", "user": "U2", "tab": "home", "channel": "DU2"})
    assert home.status == 200
    published = app.fake.wait_for("views.publish", lambda c: "Public speaking* is complete" in c.text)
    assert "44% completion" in published.text.replace("*", "")


def test_the_meetup_day_brings_a_reminder_once(app: RunningApp) -> None:
    three_days(app)
    at(app, 4)
    at(app, 6, 8)
    assert not [m for m in app.fake.messages["CCOMMUNITY"] if "report-back meetup of" in m["text"]]
    at(app, 6)  # Sat 28 Nov, 10:00 in Paris
    at(app, 6, 10)
    [reminder] = [m for m in app.fake.messages["CCOMMUNITY"] if "report-back meetup of" in m["text"]]
    assert "Today is the report-back meetup of *Public speaking*" in reminder["text"]
    assert "the wrap-up's thread" in reminder["text"]


def test_a_wrap_up_whose_chart_upload_fails_is_retried_without_posting_twice(app: RunningApp) -> None:
    three_days(app)
    app.fake.fail("files.completeUploadExternal", "service_unavailable")
    at(app, 4)
    assert len(wrapups(app)) == 1
    app.tick(datetime(2026, 11, 26, 9, 10, tzinfo=UTC))
    assert len(wrapups(app)) == 1
    assert [c for c in app.fake.calls_to("files.completeUploadExternal") if "_failed" not in c.params]


# -- export -----------------------------------------------------------------------------------------


def exported(app: RunningApp, user: str, args: str) -> tuple[str, str, bytes]:
    """Run the export and return the ack, the file name and the file as sent to the member's DM."""
    before = len(app.fake.calls_to("files.completeUploadExternal"))
    answer = app.slack.command("/challenge", f"export {args}", user=user).body
    done = app.fake.wait_for("files.completeUploadExternal", count=before + 1)
    assert done["channel_id"] == f"D{user}"
    url = app.fake.calls_to("files.getUploadURLExternal")[-1]
    file_id = done["files"][0]["id"]
    return answer, url["filename"], app.fake.uploads[file_id]


def test_the_creator_gets_every_public_entry_as_csv(app: RunningApp) -> None:
    three_days(app)
    answer, name, content = exported(app, "U1", "Public speaking")
    assert "as a CSV file in a DM" in answer and name == "public-speaking-journal.csv"
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert [(r["day"], r["member_id"]) for r in rows] == [("1", "U1"), ("2", "U1"), ("2", "U2"), ("3", "U1")]
    assert rows[0]["member"] == "Ada" and rows[0]["activity"]


def test_a_participant_gets_their_own_entries_private_ones_included_as_markdown(app: RunningApp) -> None:
    three_days(app)
    at(app, 3, 12)
    app.fake.reset_calls()
    app.slack.command("/challenge", "journal Public speaking", user="U3")
    view = app.fake.wait_for("views.open")["view"]
    app.slack.submit(view, {JournalField.TEXT: "Only for me: I was nervous.", JournalField.PRIVATE: ["yes"]}, user="U3")
    answer, name, content = exported(app, "U3", "Public speaking md")
    text = content.decode()
    assert name == "public-speaking-journal.md" and "Markdown" in answer
    assert "**Linus** (private)" in text and "> Only for me: I was nervous." in text
    assert "Ada" not in text
    # The creator does not see it.
    _, _, creators = exported(app, "U1", "public speaking md")
    assert "nervous" not in creators.decode() and "**Ada**" in creators.decode()


def test_a_coordinator_may_export_and_a_stranger_may_not(app: RunningApp) -> None:
    three_days(app)
    _, _, content = exported(app, "UADMIN", "Public speaking csv")
    assert content.decode().count("\n") == 5  # the header and four public entries
    app.fake.add_user("USTRANGER", name="Stranger")
    answer = app.slack.command("/challenge", "export Public speaking", user="USTRANGER").body
    assert "can't find a challenge called “Public speaking” that you can export" in answer
    unknown = app.slack.command("/challenge", "export Knitting", user="U1").body
    assert "can't find a challenge called “Knitting”" in unknown
    assert len(app.fake.calls_to("files.completeUploadExternal")) == 1  # the coordinator's only


def test_an_unknown_format_or_no_name_gets_a_clear_answer(app: RunningApp) -> None:
    three_days(app)
    assert "`csv` or `md`" in app.slack.command("/challenge", "export Public speaking pdf", user="U1").body
    assert "Name the challenge" in app.slack.command("/challenge", "export", user="U1").body
    assert app.fake.calls_to("files.getUploadURLExternal") == []


def test_a_dm_the_member_cannot_receive_is_explained(app: RunningApp) -> None:
    three_days(app)
    app.fake.fail("conversations.open", "user_not_visible")
    assert "sending you" in app.slack.command("/challenge", "export Public speaking", user="U1").body
    said = app.fake.wait_for("response_url")
    assert "couldn't send you the file in a DM (user_not_visible)" in said["text"]


def test_the_wrap_up_is_the_challenges_report_back_in_the_weekly_digest(app: RunningApp) -> None:
    app.set_community("CCOMMUNITY")
    three_days(app)
    at(app, 4)
    app.tick(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))  # Monday: the weekly digest
    [digest] = [m["text"] + str(m["blocks"]) for m in app.fake.messages["CCOMMUNITY"] if "This week in the community" in
                m["text"] + str(m["blocks"])]
    assert "Challenges wrapped up" in digest
    assert "*Public speaking* wrapped up in <#CCOMMUNITY> — 3 participants, 4 journal entries, 44% completion" in digest
    assert "report-back meetup Sat 28 Nov" in digest


def test_a_one_day_challenge_of_one_says_so_in_the_singular_everywhere(app: RunningApp) -> None:
    app.set_community("CCOMMUNITY")
    create_challenge(app, days="1", title="Tiny habit")
    app.slack.command("/challenge", "join", user="U1")
    at(app, 1)
    reply(app, day_posts(app)[-1]["ts"], "Did it.", user="U1")
    app.fake.wait_for("reactions.add")
    at(app, 2)
    [wrapup] = wrapups(app)
    assert wrapup["text"] == "Tiny habit is complete: 1 participant, 1 journal entry, 100% completion."
    text = "\n".join(b["text"]["text"] for b in wrapup["blocks"] if b.get("text"))
    assert "1 day of practice" in text and "*1* participant ·" in text and "*1* journal entry ·" in text
    assert "Longest streak: <@U1> 1 day" in text and "Most active day: Day 1 (Mon 23 Nov, 1 entry)" in text
    app.tick(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    digest = next(str(m["blocks"]) for m in app.fake.messages["CCOMMUNITY"] if "This week in" in m["text"])
    assert "1 participant, 1 journal entry, 100% completion" in digest
    app.slack.command("/challenge", "export Tiny habit", user="U1")
    export = app.fake.wait_for("files.completeUploadExternal", lambda c: "The journal of" in c["initial_comment"])
    assert export["initial_comment"].endswith("every public entry (1 entry).")
