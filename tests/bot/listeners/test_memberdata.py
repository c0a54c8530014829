"""`/practice data` end to end against the fake Slack: a member's export, a member's and a workspace's deletion."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import CharterField as F
from bot.ids import Command, DataAction, DataField, DataView
from bot.services.challenges.members import set_nudges
from bot.services.challenges.partners import group_of, regroup
from bot.services.community import SettingsInput, save_settings
from bot.services.groups import ProposalInput, propose_group
from bot.services.memberdata.workspace import row_counts
from models import Feedback, JournalEntry, MemberPrefs, Nudge, PartnerMember, PracticeGroup, Report
from models.report import FeedbackKind
from tests.support.challenges import stored_challenge
from tests.support.charters import proposed_charter
from tests.support.running_app import RunningApp

OTHER_TEAM = "T0002"


def seed(app: RunningApp, team_id: str = "T0001") -> int:
    """U1's data in `team_id` (and others'): two groups, a report and feedback, a challenge with partners and
    journal entries (one private), a nudge and nudges off. Returns the challenge's id."""
    now = app.clock.now
    with app.deps.sessions.begin() as session:
        viz, _ = propose_group(session, team_id, "U1", ProposalInput(
            "Data Viz", "subtopic", "Charts that tell the truth", "", "weekly", ["U2"], None), now=now)
        propose_group(session, team_id, "U2", ProposalInput(
            "Testing", "subtopic", "Contract tests", "", "weekly", ["U1"], None), now=now)
        mine = Report(team_id=team_id, subject_kind="group", subject_id=viz.id, subject_name="Data Viz",
                      author_id="U1", progress="Two sessions", learnings="Axes matter", asks="Examples", created_at=now)
        theirs = Report(team_id=team_id, subject_kind="group", subject_id=viz.id, subject_name="Data Viz",
                        author_id="U2", progress="More", learnings="Colour", asks="None", created_at=now)
        session.add_all([mine, theirs])
        session.flush()
        session.add(Feedback(team_id=team_id, report_id=theirs.id, user_id="U1", kind=FeedbackKind.CRITIQUE,
                             text="Label the axes", created_at=now))
        challenge = stored_challenge(session, team_id=team_id, now=now, members=["U1", "U2", "U4", "U5"],
                                     posted_days=1)
        regroup(session, challenge.id, now)
        session.add_all([
            JournalEntry(team_id=team_id, challenge_id=challenge.id, user_id="U1", day_number=1, text="Public note",
                         source="thread", channel_id="CCOMMUNITY", slack_ts=f"{team_id}.1", created_at=now),
            JournalEntry(team_id=team_id, challenge_id=challenge.id, user_id="U1", day_number=1, text="Secret note",
                         private=True, source="modal", created_at=now),
            JournalEntry(team_id=team_id, challenge_id=challenge.id, user_id="U2", day_number=1, text="Grace's note",
                         source="modal", created_at=now),
            Nudge(team_id=team_id, challenge_id=challenge.id, user_id="U1", day_number=1, due_at=now,
                  outcome="sent", sent_at=now),
        ])
        set_nudges(session, team_id, "U1", on=False)
        return challenge.id


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_app(request: pytest.FixtureRequest) -> RunningApp:
    running: RunningApp = request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")
    running.set_community("CCOMMUNITY", coordinators=("U3",))
    running.fake.add_user("U4")
    running.fake.add_user("U5")
    return running


@pytest.fixture
def community(app: RunningApp) -> RunningApp:
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    app.fake.add_user("U4", name="Barbara")
    app.fake.add_user("U5", name="Edsger")
    return app


def data(app: RunningApp, text: str, user: str) -> str:
    """`/practice data …`: what the member is told (the ack, or the answer after it)."""
    app.fake.reset_calls()
    response = app.slack.command(Command.PRACTICE, f"data {text}".strip(), user=user)
    assert response.status == 200
    if response.body:
        return str(response.json()["text"]) if response.body.startswith("{") else response.body
    return str(app.fake.wait_for("response_url")["text"])


def exported(app: RunningApp, user: str) -> tuple[dict[str, Any], str]:
    """The JSON file and its summary sent to `user`'s DM."""
    done = app.fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == f"D{user}"
    assert app.fake.calls_to("files.getUploadURLExternal")[-1]["filename"] == f"cop-bot-data-T0001-{user}.json"
    return json.loads(app.fake.uploads[done["files"][0]["id"]]), str(done["initial_comment"])


def modal(app: RunningApp, text: str, user: str = "U3") -> dict[str, Any]:
    """`/practice data …` that asks to confirm: the confirmation it opened."""
    app.fake.reset_calls()
    assert app.slack.command(Command.PRACTICE, f"data {text}", user=user).body == ""
    return app.fake.wait_for("views.open")["view"]


def rows(app: RunningApp, model: Any, **where: Any) -> list[Any]:
    """The rows of `model` in our workspace (T0001) that match `where`."""
    with app.deps.sessions() as session:
        return list(session.scalars(select(model).filter_by(team_id="T0001", **where)))


# -- export ------------------------------------------------------------------------------------------


def test_a_member_exports_all_of_their_own_data_to_their_dm(community: RunningApp) -> None:
    app = community
    other_workspace(app)  # U1's data in another workspace is not part of this one's export
    seed(app)
    proposed_charter(app, user="U2", **{F.MEMBERS: ["U1"]})
    assert "I'm sending you all the data" in data(app, "export", "U1")
    mine, summary = exported(app, "U1")
    assert (mine["workspace"], mine["member"]) == ("T0001", "U1")
    assert [(g["name"], g["role"], g["proposed_by_you"]) for g in mine["practice_groups"]] == [
        ("Data Viz", "lead", True), ("Testing", "member", False)]
    assert [r["learnings"] for r in mine["reports"]] == ["Axes matter"]
    assert [(f["kind"], f["text"]) for f in mine["feedback"]] == [("critique", "Label the axes")]
    assert [(c["title"], c["role"]) for c in mine["charters"]] == [("Survey of contract-testing tools", "member")]
    assert [c["challenge"] for c in mine["challenges"]] == ["30 days of DevOps"]
    assert sorted((e["text"], e["private"]) for e in mine["journal_entries"]) == [
        ("Public note", False), ("Secret note", True)]
    assert len(mine["partnerships"]) == 1 and mine["partnerships"][0]["partners"]
    assert mine["nudge_settings"]["nudges_off"] is True and len(mine["nudges"]) == 1
    assert "Grace's note" not in json.dumps(mine)  # nobody else's entries
    assert "journal entries (private ones too): 2" in summary and "nudges to journal: off" in summary


def test_a_member_with_nothing_stored_gets_an_empty_export(community: RunningApp) -> None:
    assert "I'm sending" in data(community, "export", "UADMIN")
    mine, summary = exported(community, "UADMIN")
    assert mine["practice_groups"] == [] and mine["journal_entries"] == [] and "reports you wrote: 0" in summary


def test_export_my_data_on_app_home_sends_the_file_and_says_where(community: RunningApp) -> None:
    app = community
    seed(app)
    app.fake.reset_calls()
    app.slack.action(DataAction.EXPORT, user="U1", view={"id": "VHOME", "type": "home"})
    mine, _ = exported(app, "U1")
    assert len(mine["journal_entries"]) == 2
    assert "Your data is in your DM" in app.fake.wait_for("views.open").text


def test_app_home_offers_export_my_data(community: RunningApp) -> None:
    app = community
    app.slack.event({"type": "app_home_opened", "user": "U2", "tab": "home"})
    home = app.fake.wait_for("views.publish")
    assert DataAction.EXPORT in json.dumps(home["view"]) and "*Export my data* sends you" in home.text


def test_a_data_sub_command_it_does_not_know_shows_the_usage(community: RunningApp) -> None:
    said = data(community, "everything", "U1")
    assert "`/practice data export`" in said
    assert "data delete-workspace" in data(community, "", "U1")


# -- a member's data ---------------------------------------------------------------------------------


def test_a_coordinator_deletes_a_members_data_after_confirming(any_app: RunningApp) -> None:
    app = any_app
    theirs = other_workspace(app)
    challenge_id = seed(app)
    proposed_charter(app, user="U2", **{F.MEMBERS: ["U1"]})
    with app.deps.sessions() as session:
        _, before = group_of(session, challenge_id, "U1") or (0, [])
    partner = next(u for u in before if u != "U1")
    confirm = modal(app, "delete <@U1|ada>")
    text = json.dumps(confirm)
    for counted in ("2 journal entries", "2 practice group memberships", "1 charter seat", "1 challenge participation",
                    "1 accountability partnership", "2 nudge rows", "Kept, because"):
        assert counted in text, counted
    response = app.slack.submit(confirm, {}, user="U3").json()
    assert response["response_action"] == "update" and "Deleted the data of <@U1>" in json.dumps(response["view"])

    assert rows(app, JournalEntry, user_id="U1") == [] and len(rows(app, JournalEntry, user_id="U2")) == 1
    assert [g for g in rows(app, PracticeGroup) if "U1" in g.member_ids] == []
    assert rows(app, MemberPrefs, user_id="U1") == []
    assert rows(app, Nudge, user_id="U1") == [] and rows(app, PartnerMember, user_id="U1") == []
    viz = rows(app, PracticeGroup, name="Data Viz")[0]
    assert viz.lead_ids == ["U2"] and viz.proposer_id == "U1"  # the group stays; its longest member leads it
    assert len(rows(app, Report, author_id="U1")) == 1 and len(rows(app, Feedback, user_id="U1")) == 1  # kept
    with app.deps.sessions() as session:
        assert (placed := group_of(session, challenge_id, partner)) is not None and "U1" not in placed[1]
        assert len(placed[1]) == 3  # the partner left alone joined the other pair

    with app.deps.sessions() as session:
        assert row_counts(session, OTHER_TEAM) == theirs  # U1's data in another workspace stays

    # A second click on the same confirmation deletes nothing more and says so.
    again = app.slack.submit(confirm, {}, user="U3").json()
    assert "already deleted" in json.dumps(again["view"])
    assert "nothing to delete" in data(app, "delete <@U1>", "U3")


def test_a_member_can_be_named_by_their_name(community: RunningApp) -> None:
    seed(community)
    assert modal(community, "delete @Ada")["private_metadata"] == "U1"


def test_deleting_a_members_data_refuses_anyone_but_a_coordinator(community: RunningApp) -> None:
    app = community
    seed(app)
    assert "Only coordinators can delete a member's data" in data(app, "delete <@U1>", "U2")
    assert not app.fake.calls_to("views.open")
    confirm = modal(app, "delete <@U1>")
    # The confirmation submitted by someone who is not a coordinator deletes nothing.
    refused = app.slack.submit(confirm, {}, user="U2").json()
    assert "Only coordinators" in json.dumps(refused["view"])
    assert len(rows(app, JournalEntry, user_id="U1")) == 2


def test_an_unknown_member_or_one_without_data_is_a_clear_answer(community: RunningApp) -> None:
    app = community
    seed(app)
    assert "I can't find a member called “@nobody”" in data(app, "delete @nobody", "U3")
    assert "Whose data?" in data(app, "delete", "U3")
    assert "nothing to delete" in data(app, "delete <@UADMIN>", "U3")
    assert not app.fake.calls_to("views.open")


# -- a workspace's data ------------------------------------------------------------------------------


def other_workspace(app: RunningApp) -> dict[str, int]:
    """Another workspace's data beside ours; its rows by table."""
    with app.deps.sessions.begin() as session:
        save_settings(session, OTHER_TEAM, SettingsInput("COTHER", ["UX"], "UTC"), by="UX", now=app.clock.now)
    seed(app, OTHER_TEAM)
    with app.deps.sessions() as session:
        return row_counts(session, OTHER_TEAM)


def test_a_coordinator_deletes_the_workspaces_data_and_the_bot_still_answers(any_app: RunningApp) -> None:
    app = any_app
    theirs = other_workspace(app)
    seed(app)
    confirm = modal(app, "delete-workspace")
    assert confirm["callback_id"] == DataView.DELETE_WORKSPACE and "*all* of CoP Bot's data" in json.dumps(confirm)

    wrong = app.slack.submit(confirm, {DataField.CONFIRM: "Other Community"}, user="U3").json()
    assert "Test Community" in wrong["errors"][DataField.CONFIRM]
    with app.deps.sessions() as session:
        assert row_counts(session, "T0001")  # nothing deleted

    done = app.slack.submit(confirm, {DataField.CONFIRM: " test  community "}, user="U3").json()
    assert done["response_action"] == "update" and "Deleted all of this workspace's data" in json.dumps(done["view"])
    with app.deps.sessions() as session:
        assert row_counts(session, "T0001") == {}
        assert row_counts(session, OTHER_TEAM) == theirs  # another workspace's data is untouched

    again = app.slack.submit(confirm, {DataField.CONFIRM: "DELETE"}, user="U3").json()  # a second click
    assert "already deleted" in json.dumps(again["view"])
    app.fake.reset_calls()
    assert "How to use `/practice`" in app.slack.command(Command.PRACTICE, "help", user="U3").json()["text"]
    assert "no practice groups yet" in app.slack.command(Command.PRACTICE, "list", user="U3").json()["text"]


def test_delete_workspace_takes_delete_as_the_confirmation_too(community: RunningApp) -> None:
    app = community
    seed(app)
    done = app.slack.submit(modal(app, "delete-workspace"), {DataField.CONFIRM: "DELETE"}, user="U3").json()
    assert "Deleted all" in json.dumps(done["view"])


def test_deleting_the_workspaces_data_refuses_anyone_but_a_coordinator(community: RunningApp) -> None:
    app = community
    seed(app)
    assert "Only coordinators can delete the workspace's data" in data(app, "delete-workspace", "U2")
    assert not app.fake.calls_to("views.open")
    refused = app.slack.submit(modal(app, "delete-workspace"), {DataField.CONFIRM: "DELETE"}, user="U2").json()
    assert "Only coordinators" in refused["errors"][DataField.CONFIRM]
    with app.deps.sessions() as session:
        assert row_counts(session, "T0001")
