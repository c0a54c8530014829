"""Hostile text end to end over HTTP: what members type into forms and commands never reaches Slack as a live
mention or link — not in the posted messages, their updates, DMs, answers, App Home nor the digest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import (
    ChallengeAction,
    CharterAction,
    Command,
    GroupAction,
    GroupField,
    JournalField,
    ReportAction,
    ReportField,
    TemplateField,
)
from bot.ids import CharterField as F
from models.group import PracticeGroup
from models.report import Report
from tests.support.challenges import create_challenge, day_posts, entries
from tests.support.charters import active_charter, add_group, complete, with_community
from tests.support.fake_slack import Call
from tests.support.mentions import parsed
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

PINGS = "<!channel> <!here> <!everyone> <@UEVIL> <#CEVIL> <!subteam^SEVIL> <https://evil.example|click>"
NAME = "<!channel> *Viz* <@UEVIL>"  # short enough for any name or title field
TEXT = f"{PINGS} &amp; *bold* _it_ `c`\n> quoted {PINGS}"
LIVE = ("<!", "<@UEVIL", "<#CEVIL", "<https://evil", "<http://evil")
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the digest of the week the test runs in


class Seen:
    """Every call the app made to Slack, kept across the helpers' reset_calls, and every answer it acked."""

    def __init__(self, app: RunningApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.app, self.calls, self.answers = app, [], []  # type: ignore[var-annotated]
        reset = app.fake.reset_calls

        def keep_then_reset() -> None:
            self.calls += list(app.fake.calls)
            reset()

        monkeypatch.setattr(app.fake, "reset_calls", keep_then_reset)

    def answer(self, response: Any) -> Any:
        if response.body.startswith("{"):
            self.answers.append(response.json())
        elif response.body:
            self.answers.append({"text": response.body})
        return response

    def all(self) -> list[Call]:
        return [*self.calls, *self.app.fake.calls, *(Call("ack", a, None) for a in self.answers)]

    def assert_nothing_live(self) -> str:
        texts = [t for call in self.all() for t in parsed(call.params)]
        assert texts
        live = [(bad, t[:200]) for t in texts for bad in LIVE if bad in t]
        assert live == []
        return "\n".join(texts)


@pytest.fixture
def seen(app: RunningApp, monkeypatch: pytest.MonkeyPatch) -> Seen:
    return Seen(app, monkeypatch)


def open_home(app: RunningApp, user: str) -> None:
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"})
    app.fake.wait_for("views.publish", lambda c: c["user_id"] == user)


def posted(app: RunningApp, model: type[PracticeGroup] | type[Report]) -> Any:
    """The first group or report whose message is posted, read in a session of its own."""
    ts = PracticeGroup.proposal_ts if model is PracticeGroup else Report.message_ts
    with app.deps.sessions() as session:
        return session.scalars(select(model).where(ts.is_not(None))).first()


def opened_view(app: RunningApp) -> dict[str, Any]:
    """The modal the command or click just sent opened (calls are reset before it)."""
    view: dict[str, Any] = app.fake.wait_for("views.open")["view"]
    return view


def test_a_group_its_report_feedback_app_home_and_the_digest(app: RunningApp, seen: Seen) -> None:
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    app.clock.advance(days=1)
    app.fake.reset_calls()
    seen.answer(app.slack.command(Command.PRACTICE, "propose"))
    answers: dict[str, Any] = {GroupField.NAME: NAME, GroupField.REASON: "subtopic", GroupField.FOCUS: TEXT,
               GroupField.ACTIVITIES: TEXT, GroupField.CADENCE: "weekly", GroupField.MEMBERS: ["U1", "U2"],
               GroupField.CHANNEL: None}
    assert seen.answer(app.slack.submit(opened_view(app), answers)).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "UADMIN")
    group = eventually(lambda: posted(app, PracticeGroup))
    proposal = next(m for m in app.fake.messages["CCOMMUNITY"] if m["ts"] == group.proposal_ts)
    app.slack.action(GroupAction.ENDORSE, str(group.id), user="U3", channel="CCOMMUNITY", message=proposal)
    app.fake.wait_for("response_url", lambda c: "now active" in str(c.get("text")))
    app.fake.wait_for("chat.update")

    app.fake.reset_calls()
    app.slack.action(ReportAction.OPEN, f"group:{group.id}", user="U2", channel="D1")
    report: dict[str, Any] = {ReportField.PROGRESS: TEXT, ReportField.LEARNINGS: TEXT, ReportField.ASKS: TEXT}
    assert seen.answer(app.slack.submit(opened_view(app), report, user="U2")).body == ""
    stored = eventually(lambda: posted(app, Report))
    message = next(m for m in app.fake.messages["CCOMMUNITY"] if m["ts"] == stored.message_ts)
    app.fake.reset_calls()
    app.slack.action(ReportAction.REFINE, str(stored.id), user="U3", channel="CCOMMUNITY", message=message)
    assert seen.answer(app.slack.submit(opened_view(app), {ReportField.FEEDBACK: TEXT}, user="U3")).body == ""
    reply = app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == message["ts"])
    assert "\n>&lt;!channel&gt; &lt;!here&gt;" in reply.text
    app.fake.wait_for("chat.update", lambda c: "1 suggested refinement" in c.text)

    for user in ("U1", "U3"):
        open_home(app, user)
    seen.answer(app.slack.command(Command.PRACTICE, "list"))
    seen.answer(app.slack.command(Command.PRACTICE, PINGS))  # an unknown sub-command is echoed back
    app.tick(MONDAY)
    digest = app.fake.wait_for("chat.postMessage", lambda c: "This week in the community" in c.text)
    assert "*&lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;* (Subtopic)" in digest.text
    text = seen.assert_nothing_live()
    assert "&lt;!channel&gt;" in text and "&amp;amp;" in text


def test_a_charter_from_draft_to_findings_and_the_digest(app: RunningApp, seen: Seen) -> None:
    with_community(app)
    app.clock.advance(days=1)
    add_group(app, NAME)
    charter_id = active_charter(app, **{
        F.TITLE: NAME, F.GROUP: NAME, F.GOAL: TEXT, F.SCOPE_IN: TEXT, F.SCOPE_OUT: TEXT, F.DELIVERABLE: TEXT,
        F.ORIGIN: "volunteers", F.SEATS: "2", F.VARIATION: "case_study", F.CASE_STUDY_NAME: NAME,
        F.CASE_STUDY_LINK: "https://git.example/p|<!here>",
    })
    seen.answer(app.slack.command("/charter", f"show {charter_id}"))
    seen.answer(app.slack.command("/charter", "list"))
    app.slack.action(CharterAction.VOLUNTEER, str(charter_id), user="U5", channel="CCOMMUNITY")
    app.fake.wait_for("chat.postMessage", lambda c: "volunteered" in c.text)
    open_home(app, "U1")
    findings = complete(app, charter_id)
    assert "<https://wiki.example.com/contract-testing>" in str(findings["blocks"])
    app.tick(MONDAY)
    app.fake.wait_for("chat.postMessage", lambda c: "This week in the community" in c.text)
    text = seen.assert_nothing_live()
    assert "<https://git.example/p%7C&lt;!here&gt;|&lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;>" in text


def yaml_set() -> str:
    quoted = json.dumps(TEXT)  # a JSON string is a YAML string
    return (f"name: {json.dumps(NAME + ' set')}\ndescription: {quoted}\nactivities:\n"
            + "".join(f"  - title: {json.dumps(f'{NAME} {n}')}\n    do: {quoted}\n    journal: {quoted}\n"
                      for n in range(1, 4)))


def test_an_activity_set_a_challenge_its_days_and_a_journal_entry_from_the_form(app: RunningApp, seen: Seen) -> None:
    app.fake.reset_calls()
    app.slack.action(ChallengeAction.IMPORT_SET, "import", user="U1", channel="CCOMMUNITY")
    assert "is imported with 3 activities" in seen.answer(app.slack.submit(opened_view(app),
                                                                          {TemplateField.YAML: yaml_set()})).body
    seen.answer(app.slack.command("/challenge", "templates"))
    create_challenge(app, title=NAME, description=TEXT, template=NAME + " set", days="3")
    app.tick()
    day1 = eventually(lambda: day_posts(app)[-1]["ts"] if day_posts(app) else None)
    assert seen.answer(app.slack.command("/challenge", "join", user="U1")).body.startswith("You have joined")
    app.fake.reset_calls()
    seen.answer(app.slack.command("/challenge", "journal", user="U1"))
    journal: dict[str, Any] = {JournalField.TEXT: TEXT, JournalField.PRIVATE: []}
    assert "is saved" in seen.answer(app.slack.submit(opened_view(app), journal)).body
    app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == day1)
    eventually(lambda: [e.slack_ts for e in entries(app)] != [None])
    seen.answer(app.slack.command("/challenge", "status", user="U1"))
    open_home(app, "U1")
    text = seen.assert_nothing_live()
    assert "*New challenge: &lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;*" in text


def test_answers_that_refuse_repeat_the_group_or_challenge_named_without_a_live_mention(app: RunningApp,
                                                                                        seen: Seen) -> None:
    """"No group called …", "already a member of …", "already taking part in …": composed in services, escaped."""
    with_community(app)
    add_group(app, NAME)
    create_challenge(app, title=NAME)
    seen.answer(app.slack.command(Command.PRACTICE, f"join {NAME}"))
    again = seen.answer(app.slack.command(Command.PRACTICE, f"join {NAME}")).body
    assert again == "You are already a member of *&lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;*."
    unknown = seen.answer(app.slack.command(Command.PRACTICE, "join <!here> Viz")).body
    assert "There is no practice group called “&lt;!here&gt; Viz”" in unknown
    seen.answer(app.slack.command(Command.CHALLENGE, f"join {NAME}"))
    taking_part = seen.answer(app.slack.command(Command.CHALLENGE, f"join {NAME}")).body
    assert "already taking part in “&lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;”" in taking_part
    seen.answer(app.slack.command(Command.CHALLENGE, "status <!here>"))
    text = seen.assert_nothing_live()
    assert "I don't know a challenge called “&lt;!here&gt;”" in text
