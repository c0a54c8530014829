"""Withdrawing a proposal, and every coordinator's DM copy kept current: end to end against the fake Slack."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import CharterAction, Command, GroupAction, GroupField
from bot.ids import CharterField as F
from models import CoordinatorCopy
from models.group import PracticeGroup
from tests.support.charters import click as charter_click
from tests.support.charters import proposed_charter, stored, with_community
from tests.support.fake_slack import Call
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

ANSWERS: dict[str, Any] = {
    GroupField.NAME: "Data Viz", GroupField.REASON: "subtopic", GroupField.FOCUS: "Charts that tell the truth",
    GroupField.ACTIVITIES: "", GroupField.CADENCE: "weekly", GroupField.MEMBERS: ["U1", "U2"],
    GroupField.CHANNEL: None,
}


@pytest.fixture
def community(app: RunningApp) -> RunningApp:
    """Two listed coordinators (UCOORD, U3), and the workspace admin: three DM copies of each proposal."""
    with_community(app)
    app.set_community("CCOMMUNITY", coordinators=("UCOORD", "U3"))
    return app


def proposed_group(app: RunningApp, user: str = "U1") -> PracticeGroup:
    """Propose a group; wait until every coordinator's copy is sent and kept."""
    assert app.slack.command(Command.PRACTICE, "propose", user=user).status == 200
    form = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(form, ANSWERS, user=user).body == ""
    eventually(lambda: len(copies(app)) == 3)
    with app.deps.sessions() as session:
        return session.scalars(select(PracticeGroup)).one()


def copies(app: RunningApp) -> list[CoordinatorCopy]:
    with app.deps.sessions() as session:
        return list(session.scalars(select(CoordinatorCopy).order_by(CoordinatorCopy.id)))


def group_now(app: RunningApp, group_id: int) -> PracticeGroup:
    with app.deps.sessions() as session:
        return session.get_one(PracticeGroup, group_id)


def message(app: RunningApp, channel: str, ts: str) -> dict[str, Any]:
    return next(m for m in app.fake.messages[channel] if m["ts"] == ts)


def reads(app: RunningApp, channel: str, ts: str) -> str:
    return Call("message", message(app, channel, ts), None).text


def buttons(app: RunningApp, channel: str, ts: str) -> list[str]:
    blocks = message(app, channel, ts)["blocks"]
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def close(app: RunningApp, user: str, name: str = "Data Viz") -> str:
    app.fake.reset_calls()
    assert app.slack.command(Command.PRACTICE, f"close {name}", user=user).status == 200
    return str(app.fake.wait_for("response_url")["text"])


def all_copies_updated(app: RunningApp, count: int = 3) -> None:
    kept = copies(app)
    app.fake.wait_for("chat.update", lambda c: any(c["ts"] == k.ts for k in kept), count=count)


# -- practice groups -------------------------------------------------------------------------------


def test_each_coordinators_copy_is_kept_with_its_channel_and_ts(community: RunningApp) -> None:
    app = community
    proposed_group(app)
    kept = copies(app)
    assert sorted(k.user_id for k in kept) == ["U3", "UADMIN", "UCOORD"]
    assert {k.channel_id for k in kept} == {"DU3", "DUADMIN", "DUCOORD"}
    for k in kept:
        assert GroupAction.ENDORSE_AS_COORDINATOR in buttons(app, k.channel_id, k.ts)
        assert (k.team_id, k.subject_kind) == ("T0001", "group")


def test_the_proposer_withdraws_a_proposal_and_every_copy_says_so(community: RunningApp) -> None:
    app = community
    g = proposed_group(app)
    said = close(app, "U1")
    assert "*Data Viz* is withdrawn" in said
    assert group_now(app, g.id).status == "withdrawn" and group_now(app, g.id).withdrawn_by == "U1"
    all_copies_updated(app)
    assert "Withdrawn by its proposer, <@U1>" in reads(app, "CCOMMUNITY", str(g.proposal_ts))
    assert buttons(app, "CCOMMUNITY", str(g.proposal_ts)) == []
    for k in copies(app):
        assert "Withdrawn by its proposer" in reads(app, k.channel_id, k.ts)
        assert buttons(app, k.channel_id, k.ts) == []
    # Nothing more can happen to it; members read "withdrawn".
    assert "was withdrawn" in close(app, "U1")
    app.fake.reset_calls()
    response = app.slack.command(Command.PRACTICE, "join Data Viz", user="U4")
    assert "was withdrawn" in response.body
    app.slack.action(GroupAction.ENDORSE, str(g.id), user="U3", channel="CCOMMUNITY", message={"ts": g.proposal_ts})
    assert "was withdrawn" in app.fake.wait_for("response_url")["text"]
    assert group_now(app, g.id).status == "withdrawn"


def test_a_coordinator_may_withdraw_a_proposal_too(community: RunningApp) -> None:
    app = community
    g = proposed_group(app)
    assert "is withdrawn" in close(app, "UCOORD")
    all_copies_updated(app)
    assert "Withdrawn by <@UCOORD>, a coordinator" in reads(app, "CCOMMUNITY", str(g.proposal_ts))


def test_anyone_else_is_refused_and_nothing_changes(community: RunningApp) -> None:
    app = community
    g = proposed_group(app)
    said = close(app, "U2")  # a member, not the proposer
    assert "Only its proposer, <@U1>, or a coordinator can withdraw *Data Viz*" in said
    assert group_now(app, g.id).status == "proposed"
    assert not app.fake.calls_to("chat.update")
    assert "no practice group called" in close(app, "U1", "Nope")


def test_a_coordinators_endorsement_updates_every_copy_with_no_buttons_left(community: RunningApp) -> None:
    app = community
    g = proposed_group(app)
    mine = next(k for k in copies(app) if k.user_id == "U3")
    app.fake.reset_calls()
    app.slack.action(GroupAction.ENDORSE_AS_COORDINATOR, str(g.id), user="U3", channel=mine.channel_id,
                     message=message(app, mine.channel_id, mine.ts))
    assert "it is now active" in app.fake.wait_for("response_url")["text"]
    all_copies_updated(app)
    for k in copies(app):
        assert "Endorsed for the community by <@U3>" in reads(app, k.channel_id, k.ts)
        assert "The group is active" in reads(app, k.channel_id, k.ts)
        assert buttons(app, k.channel_id, k.ts) == []
    # Withdrawing is over once it is active: closing it takes a closing report.
    assert "Only the leads of *Data Viz* and coordinators can close it" in close(app, "U2")


# -- charters --------------------------------------------------------------------------------------


def charter_copies(app: RunningApp, charter_id: int) -> list[CoordinatorCopy]:
    return [k for k in copies(app) if k.subject_kind == "charter" and k.subject_id == charter_id]


def proposed(app: RunningApp) -> int:
    charter_id = proposed_charter(app)
    eventually(lambda: len(charter_copies(app, charter_id)) == 3)
    return charter_id


def test_approving_from_one_dm_updates_every_coordinators_copy(community: RunningApp) -> None:
    app = community
    charter_id = proposed(app)
    mine = next(k for k in charter_copies(app, charter_id) if k.user_id == "UCOORD")
    charter_click(app, CharterAction.APPROVE, charter_id, "UCOORD", channel=mine.channel_id,
                  message=message(app, mine.channel_id, mine.ts))
    all_copies_updated(app)
    for k in charter_copies(app, charter_id):
        assert "Approved by <@UCOORD>" in reads(app, k.channel_id, k.ts)
        assert buttons(app, k.channel_id, k.ts) == []
    assert stored(app, charter_id).status == "chartered"


def test_requesting_changes_updates_every_copy(community: RunningApp) -> None:
    app = community
    charter_id = proposed(app)
    mine = next(k for k in charter_copies(app, charter_id) if k.user_id == "U3")
    charter_click(app, CharterAction.REQUEST_CHANGES, charter_id, "U3", channel=mine.channel_id,
                  message=message(app, mine.channel_id, mine.ts))
    modal = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(modal, {F.REASON: "Name the teams."}, user="U3").body == ""
    all_copies_updated(app)
    for k in charter_copies(app, charter_id):
        assert "<@U3> requested changes" in reads(app, k.channel_id, k.ts)
        assert buttons(app, k.channel_id, k.ts) == []


def test_cancelling_a_proposed_charter_updates_every_copy(community: RunningApp) -> None:
    app = community
    charter_id = proposed(app)
    app.fake.reset_calls()
    assert "is cancelled" in app.slack.command("/charter", f"cancel {charter_id}", user="U1").body
    all_copies_updated(app)
    for k in charter_copies(app, charter_id):
        assert "Cancelled by <@U1>" in reads(app, k.channel_id, k.ts)
        assert buttons(app, k.channel_id, k.ts) == []
