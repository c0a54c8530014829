"""Charters report back with the machinery practice groups use: /charter report, reminders, digest, Home."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.ids import CharterField as F
from bot.ids import ReportAction, ReportField
from tests.support import charters
from tests.support.charters import (
    approve,
    complete,
    draft,
    proposal_text,
    proposed_charter,
    say,
    start,
    stored,
    submit_draft,
    with_community,
)
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

# The clock starts on Monday 23 Nov 2026, 09:00 UTC (the community's timezone): a weekly charter
# started then is first due on Mon 30 Nov; heads-up Sat 28 Nov, prompt on the 30th, overdue Thu 3 Dec.
HEADS_UP = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
PROMPT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
OVERDUE = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
ANSWERS = {ReportField.PROGRESS: "Compared Pact and Spring Cloud Contract on two services",
           ReportField.LEARNINGS: "Consumer-driven contracts need the consumers at the table",
           ReportField.ASKS: "Tell us which services you would try it on"}


@pytest.fixture
def community(app: RunningApp) -> RunningApp:
    return with_community(app)


def active_charter(app: RunningApp, **changes: Any) -> int:
    """A weekly charter started now, working in CPUBLIC."""
    return charters.active_charter(app, **({F.CADENCE: "weekly", F.CHANNEL: "CPUBLIC"} | changes))


def reminders(app: RunningApp) -> list[str]:
    """Every message posted outside the community channel (the reminders), as members read them."""
    return [c.text for c in app.fake.calls_to("chat.postMessage") if c["channel"] != "CCOMMUNITY"]


def report(app: RunningApp, charter_id: int, user: str = "U2") -> dict[str, Any]:
    """`/charter report ID` and the shared report form; return the report as posted to the community."""
    app.fake.reset_calls()
    assert app.slack.command("/charter", f"report {charter_id}", user=user).body == ""
    modal = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(modal, ANSWERS, user=user).body == ""
    return app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY").params


def test_a_team_member_reports_and_the_next_report_moves_on(community: RunningApp) -> None:
    app = community
    charter_id = active_charter(app)
    assert stored(app, charter_id).next_report_due == date(2026, 11, 30)
    assert "next report due Mon 30 Nov 2026" in proposal_text(app, charter_id)

    app.clock.advance(days=1)
    posted = report(app, charter_id)
    assert "#1 Survey of contract-testing tools" in str(posted["blocks"])
    assert "Consumer-driven contracts" in str(posted["blocks"])
    actions = [e["action_id"] for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == [ReportAction.ENDORSE, ReportAction.CRITIQUE, ReportAction.REFINE]
    eventually(lambda: stored(app, charter_id).next_report_due == date(2026, 12, 1))
    app.fake.wait_for("chat.update", lambda c: "next report due Tue 01 Dec 2026" in c.text)

    app.tick(HEADS_UP)  # the heads-up of the old date is dropped; the new one is due on the 29th
    assert reminders(app) == []


def test_reminders_follow_the_charters_cadence_and_reach_the_right_people(community: RunningApp) -> None:
    app = community
    charter_id = active_charter(app)
    app.fake.reset_calls()
    app.tick(HEADS_UP)
    [heads_up] = reminders(app)
    assert "Heads-up" in heads_up and "#1 Survey of contract-testing tools" in heads_up and "Mon 30 Nov" in heads_up
    assert app.fake.calls_to("conversations.open", users="U1")
    assert not app.fake.calls_to("conversations.open", users="U2")
    app.fake.reset_calls()
    app.tick(PROMPT)
    [prompt] = reminders(app)
    assert app.fake.calls_to("chat.postMessage", channel="CPUBLIC")
    assert "report-back day" in prompt and f"/charter report {charter_id}" in prompt
    app.fake.reset_calls()
    app.tick(OVERDUE)
    [overdue] = reminders(app)
    assert "was due on Mon 30 Nov 2026" in overdue
    app.tick(OVERDUE)
    assert len(reminders(app)) == 1


def test_without_a_channel_the_prompt_goes_to_each_team_member(community: RunningApp) -> None:
    app = community
    active_charter(app, **{F.CHANNEL: None})
    app.fake.reset_calls()
    app.tick(PROMPT)
    assert {c["channel"] for c in app.fake.calls_to("chat.postMessage") if "report-back day" in c.text} == {
        "DU1", "DU2"}


def test_a_completed_or_cancelled_charter_is_not_reminded(community: RunningApp) -> None:
    app = community
    done = active_charter(app)
    complete(app, done)
    cancelled = active_charter(app, **{F.TITLE: "Another one"})
    say(app, f"cancel {cancelled}")
    assert stored(app, done).next_report_due is None and stored(app, cancelled).next_report_due is None
    app.fake.reset_calls()
    for moment in (HEADS_UP, PROMPT, OVERDUE):
        app.tick(moment)
    assert reminders(app) == []


def test_only_team_members_report_and_only_on_an_active_charter(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    assert "not taking reports: it is proposed" in say(app, f"report {charter_id}")
    approve(app, charter_id)
    start(app, charter_id)
    assert "Only members of *#1 Survey" in say(app, f"report {charter_id}", user="U3")
    assert "There is no charter #42" in say(app, "report 42")
    assert not app.fake.calls_to("views.open")


def test_the_weekly_digest_lists_new_charters_their_reports_and_findings(community: RunningApp) -> None:
    app = community
    first = active_charter(app)
    second = draft(app, "U2", **{F.TITLE: "Learning expedition to the data team", F.ORIGIN: "volunteers",
                                 F.SEATS: "2", F.MEMBERS: []})
    submit_draft(app, second, "U2")
    app.clock.advance(days=1)
    report(app, first)
    app.clock.advance(days=1)
    complete(app, first)
    app.fake.reset_calls()
    app.tick(PROMPT)
    [digest] = [c.text for c in app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")]
    assert "Charters" in digest
    assert "*#2 Learning expedition to the data team* proposed by <@U2> — proposed, 4 h/week × 10 weeks, " \
           "2 open seats: `/charter volunteer 2`" in digest and "(s)" not in digest
    assert "*#1 Survey of contract-testing tools* brought back its findings" in digest
    assert "*#1 Survey of contract-testing tools* by <@U2> — 0 endorsements · 0 critiques" in digest


def test_the_home_shows_the_next_report_with_a_report_button(community: RunningApp) -> None:
    app = community
    charter_id = active_charter(app)
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": "U2", "tab": "home", "channel": "D1"})
    home = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U2")
    assert "Next report due *Mon 30 Nov 2026*" in home.text and "*Report* opens the form" in home.text
    assert "*Submit*" not in home.text and "*Start*" not in home.text  # only the buttons shown are explained
    assert {"action_id": ReportAction.OPEN, "value": f"charter:{charter_id}"}.items() <= next(
        b["accessory"] for b in home["view"]["blocks"] if b.get("accessory", {}).get("action_id") == ReportAction.OPEN
    ).items()
    app.slack.action(ReportAction.OPEN, f"charter:{charter_id}", user="U2", view={"id": "VHOME", "type": "home"})
    assert "#1 Survey" in app.fake.wait_for("views.open").text
