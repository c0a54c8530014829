"""Driving charters over HTTP, as members would in Slack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import make_engine, make_sessions, upgrade
from bot.ids import CharterAction, CharterView
from bot.ids import CharterField as F
from bot.services.community import SettingsInput, save_settings
from bot.services.groups import ProposalInput, endorse_group, propose_group
from models import Charter
from models.group import GroupStatus, PracticeGroup
from tests.support.fake_slack import Call
from tests.support.running_app import RunningApp

FORM: dict[str, Any] = {
    F.TITLE: "Survey of contract-testing tools",
    F.GOAL: "Know which contract-testing tool our teams should adopt, and why.",
    F.SCOPE_IN: "Open-source tools used by at least two teams here.",
    F.SCOPE_OUT: "Commercial tools; load testing.",
    F.DELIVERABLE: "A comparison page and a recorded demo for the community.",
    F.ORIGIN: "team",
    F.MEMBERS: ["U2"],
    F.SEATS: "0",
    F.HOURS: "4",
    F.WEEKS: "10",
    F.LEARNING_SPONSOR: "U3",
    F.CADENCE: "biweekly",
    F.VARIATION: "standard",
}


def stored(app: RunningApp, charter_id: int) -> Charter:
    with app.deps.sessions() as session:
        charter = session.get(Charter, charter_id)
        assert charter is not None
        return charter


def charter_count(app: RunningApp) -> int:
    with app.deps.sessions() as session:
        return len(session.scalars(select(Charter.id)).all())


def open_form(app: RunningApp, user: str = "U1", args: str = "") -> dict[str, Any]:
    app.fake.reset_calls()
    response = app.slack.command("/charter", f"new {args}".strip(), user=user)
    assert response.status == 200
    return app.fake.wait_for("views.open")["view"]


def draft(app: RunningApp, user: str = "U1", args: str = "", **changes: Any) -> int:
    """Fill and save the charter form; return the new draft's id (the lead gets it in a DM)."""
    view = open_form(app, user, args)
    before = charter_count(app)
    response = app.slack.submit(view, FORM | changes, user=user)
    assert response.body == "", response.body
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == user and "draft" in c.text)
    assert charter_count(app) == before + 1
    with app.deps.sessions() as session:
        return max(session.scalars(select(Charter.id)).all())


def click(app: RunningApp, action: CharterAction, charter_id: int, user: str, **kwargs: Any) -> None:
    app.fake.reset_calls()
    assert app.slack.action(action, str(charter_id), user=user, **kwargs).status == 200


def proposal(app: RunningApp, charter_id: int) -> dict[str, Any]:
    """The proposal message as it now reads in the community channel."""
    charter = stored(app, charter_id)
    return next(m for m in app.fake.messages[charter.proposal_channel_id or ""] if m["ts"] == charter.proposal_ts)


def proposal_text(app: RunningApp, charter_id: int) -> str:
    message = proposal(app, charter_id)
    return Call("chat.postMessage", {"text": message["text"], "blocks": message["blocks"]}, None).text


def buttons(message: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def submit_draft(app: RunningApp, charter_id: int, user: str = "U1") -> None:
    """The lead submits the draft; wait until the proposal is posted (or updated, on a resubmission)."""
    click(app, CharterAction.SUBMIT, charter_id, user)
    app.fake.wait_for("response_url", lambda c: "submitted" in str(c.get("text")))


def answered(app: RunningApp, words: str) -> Call:
    """The ephemeral answer (through the response_url) that contains `words`."""
    return app.fake.wait_for("response_url", lambda c: words in str(c.get("text")))


def wait_updated(app: RunningApp, words: str) -> Call:
    return app.fake.wait_for("chat.update", lambda c: words in c.text)


def say(app: RunningApp, text: str, user: str = "U1") -> str:
    """Run `/charter text` and return everything its ephemeral answer says."""
    response = app.slack.command("/charter", text, user=user)
    assert response.status == 200
    try:
        body = response.json()
    except ValueError:
        return response.body
    return Call("response", body, None).text


def with_community(app: RunningApp) -> RunningApp:
    """A community channel, a listed coordinator (UCOORD) and two more members (U4, U5)."""
    app.set_community("CCOMMUNITY", coordinators=("UCOORD",))
    for user, name in (("UCOORD", "Coco"), ("U4", "Barbara"), ("U5", "Edsger")):
        app.fake.add_user(user, name=name)
    return app


def approve(app: RunningApp, charter_id: int, user: str = "UCOORD") -> None:
    click(app, CharterAction.APPROVE, charter_id, user)
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == stored(app, charter_id).proposer_id
                      and "approved" in c.text)


def start(app: RunningApp, charter_id: int, user: str = "U1") -> None:
    click(app, CharterAction.START, charter_id, user)
    app.fake.wait_for("chat.postMessage", lambda c: "now active" in c.text)


def proposed_charter(app: RunningApp, user: str = "U1", **changes: Any) -> int:
    """A charter drafted and submitted by `user`; its id."""
    charter_id = draft(app, user, **changes)
    submit_draft(app, charter_id, user)
    return charter_id


def active_charter(app: RunningApp, user: str = "U1", **changes: Any) -> int:
    """A charter drafted, submitted, approved and started by `user`; its id."""
    charter_id = proposed_charter(app, user, **changes)
    approve(app, charter_id)
    start(app, charter_id, user)
    return charter_id


def findings_form(app: RunningApp, charter_id: int, user: str = "U1") -> dict[str, Any]:
    """`/charter complete ID`: the findings form it opens."""
    app.fake.reset_calls()
    assert app.slack.command("/charter", f"complete {charter_id}", user=user).body == ""
    modal = app.fake.wait_for("views.open")["view"]
    assert modal["callback_id"] == CharterView.FINDINGS
    return modal


def complete(app: RunningApp, charter_id: int, user: str = "U1") -> dict[str, Any]:
    """Bring the findings back; return the findings message posted in the community channel."""
    modal = findings_form(app, charter_id, user)
    response = app.slack.submit(modal, {
        F.FINDINGS: "Pact fits our polyglot services best; Spring Cloud Contract only for JVM-only teams.",
        F.FINDINGS_LINK: "https://wiki.example.com/contract-testing",
        F.NEXT_STEPS: "Try Pact on one service per team next quarter and tell us how it went.",
    }, user=user)
    assert response.body == ""
    posted = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY" and "Findings" in c.text)
    wait_updated(app, "Completed")
    return posted.params


def add_group(app: RunningApp, name: str, *, archived: bool = False) -> int:
    """A practice group proposed by U3 (archived when asked); its id."""
    with app.deps.sessions.begin() as session:
        group, _ = propose_group(session, "T0001", "U3", ProposalInput(
            name=name, reason="subtopic", focus="Contract testing", activities="Reading group", cadence="weekly",
            member_ids=[], channel_id=None), now=app.clock.now)
        if archived:
            group.status = GroupStatus.ARCHIVED
        return group.id


# -- service tests: plain functions on a real database session -------------------------------------

TEAM = "T1"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def service_session(request: pytest.FixtureRequest) -> Iterator[Session]:
    """A session on a migrated database of each kind, with a community (channel CCOMMUNITY, coordinator UC)."""
    if request.param == "sqlite":
        url = request.getfixturevalue("sqlite_url")  # a copy of a migrated template
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    if request.param != "sqlite":
        upgrade(engine)
    try:
        with make_sessions(engine).begin() as session:
            save_settings(session, TEAM, SettingsInput("CCOMMUNITY", ["UC"], "UTC"), by="UC", now=NOW)
            yield session
            session.rollback()
    finally:
        engine.dispose()


def a_group(session: Session, name: str = "Data Viz", *, proposer: str = "U1", members: tuple[str, ...] = (),
            cadence: str = "weekly", at: datetime = NOW) -> PracticeGroup:
    """A proposed practice group stored through the service."""
    values = ProposalInput(name=name, reason="subtopic", focus="Charts", activities="", cadence=cadence,
                           member_ids=list(members), channel_id=None)
    group, _ = propose_group(session, TEAM, proposer, values, now=at)
    return group


def an_active_group(session: Session, name: str = "Data Viz", *, members: tuple[str, ...] = ("U2",),
                    cadence: str = "weekly") -> PracticeGroup:
    """A practice group a coordinator endorsed: it takes reports, the first due one cadence from NOW."""
    group = a_group(session, name, members=members, cadence=cadence)
    endorse_group(session, group, "UC", is_coordinator=True, as_coordinator=True, now=NOW)
    return group
