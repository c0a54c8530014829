"""Topics that link things: reports, charters and their findings, challenges and group proposals carry topics;
a new group or charter proposal gets a "Related: …" reply listing the earlier ones on the same topics."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import CharterField as F
from bot.ids import GroupField, ReportField, TopicField
from models import PracticeGroup, Report, Topic, TopicLink
from tests.support import charters
from tests.support.both_databases import either_app
from tests.support.challenges import answers as challenge_answers
from tests.support.challenges import latest_challenge, open_new_challenge
from tests.support.charters import draft, findings_form, stored, submit_draft, with_community
from tests.support.fake_slack import Call
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

__all__ = ["either_app"]

GROUP: dict[str, Any] = {
    GroupField.NAME: "Contract testers", GroupField.REASON: "subtopic", GroupField.FOCUS: "Consumer-driven contracts",
    GroupField.ACTIVITIES: "", GroupField.CADENCE: "weekly", GroupField.MEMBERS: ["U1"], GroupField.CHANNEL: None,
}
REPORT = {ReportField.PROGRESS: "Two sessions", ReportField.LEARNINGS: "Pact works", ReportField.ASKS: "Nothing"}
LONG_TAG = "t" * 200


@pytest.fixture
def app(either_app: RunningApp) -> RunningApp:
    return with_community(either_app)


def group_form(app: RunningApp) -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.command("/practice", "propose", user="U1").status == 200
    view: dict[str, Any] = app.fake.wait_for("views.open")["view"]
    return view


def propose_group(app: RunningApp, name: str, topics: dict[str, Any]) -> Any:
    """Propose a practice group with these topic answers; wait until the coordinator has it."""
    response = app.slack.submit(group_form(app), GROUP | {GroupField.NAME: name} | topics, user="U1")
    assert response.body == "", response.body
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "UCOORD" and name in c.text)
    return response


def offered(view: dict[str, Any]) -> dict[str, str]:
    """The topics a form offers: label → value."""
    block = next((b for b in view["blocks"] if b.get("block_id") == TopicField.CHOSEN), None)
    return {o["text"]["text"]: o["value"] for o in block["element"]["options"]} if block else {}


def topics_of(app: RunningApp, kind: str) -> list[str]:
    with app.deps.sessions() as session:
        return sorted(session.scalars(select(Topic.name).join(TopicLink).where(TopicLink.kind == kind)))


def all_topics(app: RunningApp) -> list[str]:
    with app.deps.sessions() as session:
        return sorted(session.scalars(select(Topic.name)))


def related_reply(app: RunningApp, ts: str | None) -> Call:
    return app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == ts and "Related" in c.text)


def related_replies(app: RunningApp) -> list[Call]:
    return [c for c in app.fake.calls_to("chat.postMessage") if "Related" in c.text]


def test_earlier_groups_challenges_and_findings_on_the_same_topics_are_linked(app: RunningApp) -> None:
    propose_group(app, "Contract testers", {TopicField.NEW: " Contract   testing, APIs ,"})
    assert topics_of(app, "group") == ["APIs", "Contract testing"]
    assert related_replies(app) == []  # nothing came before

    view = open_new_challenge(app)
    assert list(offered(view)) == ["APIs", "Contract testing"]
    topics = {TopicField.CHOSEN: [offered(view)["Contract testing"]]}
    assert app.slack.submit(view, challenge_answers() | topics, user="U1").body == ""
    eventually(lambda: latest_challenge(app).announcement_ts is not None)
    assert topics_of(app, "challenge") == ["Contract testing"]

    charter_id = draft(app, **{TopicField.NEW: "contract TESTING"})  # the same topic, however it is written
    assert all_topics(app) == ["APIs", "Contract testing"]
    submit_draft(app, charter_id)
    reply = related_reply(app, stored(app, charter_id).proposal_ts)
    assert reply.text.startswith("Related, on the same topics: challenge <https://test.slack.com/archives/")
    assert "|30 days of DevOps> · practice group <https://test.slack.com/archives/CCOMMUNITY/p" in reply.text
    assert "|Contract testers>" in reply.text

    charters.approve(app, charter_id)
    charters.start(app, charter_id)
    modal = findings_form(app, charter_id)
    assert app.slack.submit(modal, {
        F.FINDINGS: "Pact fits.", F.FINDINGS_LINK: "https://wiki.example.com/ct", F.NEXT_STEPS: "Try it.",
        TopicField.CHOSEN: [offered(modal)["APIs"]]}).body == ""
    app.fake.wait_for("chat.update", lambda c: "Completed" in c.text)
    assert topics_of(app, "findings") == ["APIs"]

    propose_group(app, "API designers", {TopicField.CHOSEN: [offered(group_form(app))["APIs"]]})
    with app.deps.sessions() as session:
        ts = session.scalars(select(PracticeGroup.proposal_ts).where(PracticeGroup.name == "API designers")).one()
    reply = related_reply(app, ts)
    assert "findings of <https://test.slack.com/archives/CCOMMUNITY/p" in reply.text
    assert "|#1 Survey of contract-testing tools> · practice group" in reply.text and "DevOps" not in reply.text


def test_the_charter_form_shows_its_topics_when_edited(app: RunningApp) -> None:
    charter_id = draft(app, **{TopicField.NEW: "Testing, Quality"})
    app.fake.reset_calls()
    assert app.slack.command("/charter", f"edit {charter_id}", user="U1").body == ""
    view = app.fake.wait_for("views.open")["view"]
    block = next(b for b in view["blocks"] if b.get("block_id") == TopicField.CHOSEN)
    assert [o["text"]["text"] for o in block["element"]["initial_options"]] == ["Quality", "Testing"]
    assert app.slack.submit(view, charters.FORM | {TopicField.CHOSEN: [offered(view)["Quality"]]}).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "draft" in c.text)
    assert topics_of(app, "charter") == ["Quality"]


@pytest.mark.parametrize(("typed", "error"), [
    (LONG_TAG, "is 200 characters long: keep each topic to 40 characters"),
    ("APIs, apis", "“apis” is there twice"),
    (", ".join(f"topic {n}" for n in range(11)), "That is 11 topics: choose at most 10."),
])
def test_bad_topics_on_a_report_are_refused_on_their_field(app: RunningApp, typed: str, error: str) -> None:
    charter_id = charters.active_charter(app)
    app.fake.reset_calls()
    assert app.slack.command("/charter", f"report {charter_id}", user="U2").body == ""
    view = app.fake.wait_for("views.open")["view"]
    response = app.slack.submit(view, REPORT | {TopicField.NEW: typed}, user="U2")
    assert response.json()["response_action"] == "errors"
    assert list(response.json()["errors"]) == [TopicField.NEW] and error in response.json()["errors"][TopicField.NEW]
    with app.deps.sessions() as session:
        assert session.scalars(select(Report.id)).all() == []
    assert all_topics(app) == [] and not app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")


def test_a_report_carries_its_topics(app: RunningApp) -> None:
    charter_id = charters.active_charter(app)
    app.fake.reset_calls()
    assert app.slack.command("/charter", f"report {charter_id}", user="U2").body == ""
    view = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(view, REPORT | {TopicField.NEW: "Pact"}, user="U2").body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY" and "Report" in c.text)
    assert topics_of(app, "report") == ["Pact"]


def test_a_200_character_tag_proposes_no_group_and_creates_no_challenge(app: RunningApp) -> None:
    response = app.slack.submit(group_form(app), GROUP | {TopicField.NEW: LONG_TAG}, user="U1")
    assert "200 characters long" in response.json()["errors"][TopicField.NEW]
    view = open_new_challenge(app)
    response = app.slack.submit(view, challenge_answers() | {TopicField.NEW: LONG_TAG}, user="U1")
    assert "200 characters long" in response.json()["errors"][TopicField.NEW]
    with app.deps.sessions() as session:
        assert session.scalars(select(PracticeGroup.id)).all() == []
    assert all_topics(app) == [] and not app.fake.calls_to("chat.postMessage")
