"""`/practice` end to end over HTTP against the fake Slack: every flow and every bad input."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import Command, GroupAction, GroupField, ReportAction, ReportField
from models.group import GroupStatus, PracticeGroup
from models.report import ReportReminder
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

ANSWERS: dict[str, Any] = {
    GroupField.NAME: "Data Viz", GroupField.REASON: "subtopic", GroupField.FOCUS: "Charts that tell the truth",
    GroupField.ACTIVITIES: "", GroupField.CADENCE: "weekly", GroupField.MEMBERS: ["U1", "U2"],
    GroupField.CHANNEL: None,
}
REPORT = {ReportField.PROGRESS: "Two sessions", ReportField.LEARNINGS: "Axes matter", ReportField.ASKS: "Examples"}


@pytest.fixture
def community(app: RunningApp) -> RunningApp:
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    return app


def practice(app: RunningApp, text: str, user: str = "U1") -> Any:
    app.fake.reset_calls()
    return app.slack.command(Command.PRACTICE, text, user=user)


def answer(response: Any) -> str:
    """The ephemeral text of a slash command's acknowledgement."""
    return str(response.json()["text"]) if response.body.startswith("{") else str(response.body)


def ephemeral(app: RunningApp) -> str:
    """The text of the ephemeral answer sent after the ack (through the response_url)."""
    return str(app.fake.wait_for("response_url")["text"])


def open_proposal_form(app: RunningApp, user: str = "U1") -> dict[str, Any]:
    assert practice(app, "propose", user).status == 200
    return app.fake.wait_for("views.open")["view"]


def propose(app: RunningApp, user: str = "U1", **answers: Any) -> Any:
    return app.slack.submit(open_proposal_form(app, user), ANSWERS | answers, user=user)


def proposed(app: RunningApp, user: str = "U1", **answers: Any) -> PracticeGroup:
    """Propose a group and wait until its proposal message is posted and stored."""
    assert propose(app, user, **answers).body == ""
    name = answers.get(GroupField.NAME, ANSWERS[GroupField.NAME])
    if user != "UADMIN":  # the workspace admin's DM is the last thing the app does
        app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "UADMIN" and name in c.text)
    return eventually(lambda: next((g for g in groups(app) if g.name == name and g.proposal_ts), None))


def groups(app: RunningApp) -> list[PracticeGroup]:
    with app.deps.sessions() as session:
        return list(session.scalars(select(PracticeGroup).order_by(PracticeGroup.id)))


def group(app: RunningApp, group_id: int) -> PracticeGroup:
    with app.deps.sessions() as session:
        return session.get_one(PracticeGroup, group_id)


def proposal_text(app: RunningApp, g: PracticeGroup) -> str:
    message = next(m for m in app.fake.messages["CCOMMUNITY"] if m["ts"] == g.proposal_ts)
    return str(message["blocks"])


def click(app: RunningApp, action: str, g: PracticeGroup, user: str, channel: str = "CCOMMUNITY") -> None:
    app.fake.reset_calls()
    if channel == "CCOMMUNITY":
        message = next(m for m in app.fake.messages.get(channel, []) if m["ts"] == g.proposal_ts)
    else:
        message = {"ts": "1.1"}
    assert app.slack.action(action, str(g.id), user=user, channel=channel, message=message).status == 200


def activate(app: RunningApp, g: PracticeGroup) -> PracticeGroup:
    click(app, GroupAction.ENDORSE, g, "U3")
    assert "it is now active" in ephemeral(app)
    return group(app, g.id)


# -- proposing -----------------------------------------------------------------------------------


def test_a_proposal_is_posted_with_join_and_endorse_and_coordinators_get_a_dm(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    assert (g.status, g.lead_ids, g.member_ids) == ("proposed", ["U1"], ["U1", "U2"])
    assert g.activities == "Discussion, reading group, debates, learning expeditions"  # from the reason
    post = app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")[0]
    assert "Practice group proposal: Data Viz" in post.text and "Charts that tell the truth" in post.text
    assert GroupAction.JOIN in str(post["blocks"]) and GroupAction.ENDORSE in str(post["blocks"])
    assert "*Join* adds you to the group" in post.text
    dm = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U3")
    assert GroupAction.ENDORSE_AS_COORDINATOR in str(dm["blocks"]) and "As a coordinator" in dm.text
    assert not app.fake.calls_to("chat.postMessage", channel="U1")


def test_workspace_admins_and_owners_get_the_dm_too_each_once(community: RunningApp) -> None:
    app = community
    for n in range(250):  # more members than one users.list page holds
        app.fake.add_user(f"UM{n:03}")
    app.fake.users["U3"]["is_admin"] = True  # listed and an admin: one DM
    app.fake.add_user("UOWNER", is_owner=True)
    app.fake.add_user("UBOT", is_admin=True, is_bot=True)
    app.fake.add_user("UGONE", is_admin=True, deleted=True)
    app.fake.add_user("UGONE2", deleted=True)
    app.set_community("CCOMMUNITY", coordinators=("U3", "UGONE2"))
    assert propose(app).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "UOWNER")
    dms = [c["channel"] for c in app.fake.calls_to("chat.postMessage") if c["channel"] != "CCOMMUNITY"]
    assert dms == ["U3", "UADMIN", "UOWNER"]
    assert len(app.fake.calls_to("users.list")) == 2


def test_the_proposer_gets_no_copy_of_their_own_proposal(community: RunningApp) -> None:
    app = community
    proposed(app, user="UADMIN")
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U3")
    assert not app.fake.calls_to("chat.postMessage", channel="UADMIN")


def test_every_wrong_field_of_a_proposal_is_shown_at_once(community: RunningApp) -> None:
    answers = {GroupField.NAME: " ", GroupField.REASON: None, GroupField.FOCUS: "",
               GroupField.ACTIVITIES: "x" * 2001, GroupField.CHANNEL: "CARCHIVED"}
    errors = propose(community, **answers).json()["errors"]
    assert set(errors) == {GroupField.NAME, GroupField.REASON, GroupField.FOCUS, GroupField.ACTIVITIES,
                           GroupField.CHANNEL}
    assert "archived" in errors[GroupField.CHANNEL] and "learning challenge" in errors[GroupField.FOCUS]
    assert groups(community) == []


def test_the_proposal_form_offers_the_eight_reasons_with_their_purpose(community: RunningApp) -> None:
    form = str(open_proposal_form(community))
    for label in ("Subtopic", "Project", "Better together", "State of the art", "Out of the box", "Cross-boundary",
                  "Advisory group", "Contextual subset"):
        assert label in form
    assert "Systematic look at what is known about an area" in form
    assert "Every two weeks" in form and "Place to work" in form


def test_a_duplicate_name_in_any_case_is_refused_inline(community: RunningApp) -> None:
    proposed(community)
    errors = propose(community, **{GroupField.NAME: "  data   VIZ "}).json()["errors"]
    assert "already a group called “Data Viz”" in errors[GroupField.NAME]
    assert len(groups(community)) == 1


def test_the_same_proposal_form_submitted_twice_proposes_once(community: RunningApp) -> None:
    app = community
    form = open_proposal_form(app)
    assert app.slack.submit(form, ANSWERS).body == ""
    eventually(lambda: groups(app) and groups(app)[0].proposal_ts)
    assert app.slack.submit(form, ANSWERS).body == ""
    assert len(groups(app)) == 1
    assert len(app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")) == 1


@pytest.mark.parametrize(("answers", "field", "problem"), [
    ({GroupField.NAME: "   "}, GroupField.NAME, "Give the group a name"),
    ({GroupField.NAME: "x" * 81}, GroupField.NAME, "under 80 characters"),
    ({GroupField.FOCUS: " "}, GroupField.FOCUS, "learning challenge"),
    ({GroupField.FOCUS: "x" * 2001}, GroupField.FOCUS, "under 2000 characters"),
    ({GroupField.ACTIVITIES: "x" * 2001}, GroupField.ACTIVITIES, "under 2000 characters"),
    ({GroupField.REASON: None}, GroupField.REASON, "Choose the reason"),
    ({GroupField.CADENCE: "daily"}, GroupField.CADENCE, "how often"),
    ({GroupField.CHANNEL: "GPRIVATE"}, GroupField.CHANNEL, "invite me"),
    ({GroupField.CHANNEL: "CARCHIVED"}, GroupField.CHANNEL, "archived"),
])
def test_bad_proposals_are_answered_inline_and_change_nothing(community: RunningApp, answers: dict[str, Any],
                                                             field: str, problem: str) -> None:
    errors = propose(community, **answers).json()["errors"]
    assert problem in errors[field]
    assert groups(community) == []
    assert not community.fake.calls_to("chat.postMessage")


def test_a_public_channel_as_the_place_to_work_is_joined(community: RunningApp) -> None:
    g = proposed(community, **{GroupField.CHANNEL: "CPUBLIC"})
    assert g.channel_id == "CPUBLIC" and community.fake.channels["CPUBLIC"]["is_member"]


def test_without_a_community_channel_the_member_is_told_who_can_set_it(app: RunningApp) -> None:
    practice(app, "propose")
    assert "A coordinator or a workspace admin can set it" in ephemeral(app)
    assert not app.fake.calls_to("views.open")


def test_a_community_channel_the_bot_was_removed_from_is_explained(community: RunningApp) -> None:
    community.fake.channels["CCOMMUNITY"] |= {"is_private": True, "is_member": False}
    practice(community, "propose")
    assert "can't post in the community channel <#CCOMMUNITY>" in ephemeral(community)
    assert not community.fake.calls_to("views.open")


def test_the_bot_removed_between_opening_and_submitting_is_answered_inline(community: RunningApp) -> None:
    form = open_proposal_form(community)
    community.fake.channels["CCOMMUNITY"] |= {"is_private": True, "is_member": False}
    errors = community.slack.submit(form, ANSWERS).json()["errors"]
    assert "can't post in the community channel" in errors[GroupField.NAME]
    assert groups(community) == []


# -- endorsing -----------------------------------------------------------------------------------


def test_member_endorsements_are_counted_on_the_proposal_once_each(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    click(app, GroupAction.ENDORSE, g, "U2")
    assert "you endorsed *Data Viz*" in ephemeral(app)
    assert "1 member endorsement" in app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts).text
    click(app, GroupAction.ENDORSE, g, "U2")
    assert "already endorsed" in ephemeral(app)
    assert group(app, g.id).status == "proposed" and len(group(app, g.id).endorsements) == 1


def test_a_coordinators_endorsement_makes_the_group_active_and_schedules_reports(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U3")
    [dm] = app.fake.messages["DU3"]
    app.fake.reset_calls()
    app.slack.action(GroupAction.ENDORSE_AS_COORDINATOR, str(g.id), user="U3", channel="DU3", message=dm)
    assert "it is now active" in ephemeral(app) and "Mon 30 Nov" in ephemeral(app)
    update = app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts)
    assert "Endorsed for the community by <@U3>" in update.text and "Practice group: Data Viz" in update.text
    # The coordinator's DM is kept current too.
    assert "Endorsed for the community" in app.fake.wait_for("chat.update", lambda c: c["channel"] == "DU3").text
    assert group(app, g.id).next_report_due == date(2026, 11, 30)
    with app.deps.sessions() as session:
        assert len(session.scalars(select(ReportReminder)).all()) == 3


def test_someone_who_is_not_a_coordinator_cannot_endorse_as_one(community: RunningApp) -> None:
    g = proposed(community)
    community.fake.reset_calls()
    community.slack.action(GroupAction.ENDORSE_AS_COORDINATOR, str(g.id), user="U2", channel="DU2",
                           message={"ts": "9.1"})
    assert "Only coordinators" in ephemeral(community)
    assert group(community, g.id).endorsements == [] and group(community, g.id).status == "proposed"


def test_a_workspace_admin_is_a_coordinator(community: RunningApp) -> None:
    g = proposed(community)
    click(community, GroupAction.ENDORSE, g, "UADMIN")
    assert "it is now active" in ephemeral(community)
    assert group(community, g.id).status == GroupStatus.ACTIVE


# -- list, join, leave -----------------------------------------------------------------------------


def test_the_list_shows_status_members_next_report_and_join_buttons(community: RunningApp) -> None:
    app = community
    activate(app, proposed(app))
    proposed(app, **{GroupField.NAME: "Open Source", GroupField.MEMBERS: []})
    response = practice(app, "list", user="U3").json()
    text = str(response)
    assert "*Data Viz* — active · 2 members · next report due Mon 30 Nov 2026" in text
    assert "*Open Source* — proposed · 1 member" in text
    assert text.count(GroupAction.JOIN) == 2 and "*Join* adds you" in text
    assert str(practice(app, "list", user="U2").json()).count(GroupAction.JOIN) == 1  # a member of Data Viz


def test_joining_from_the_list_and_by_name_in_any_case(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    app.fake.reset_calls()
    app.slack.action(GroupAction.JOIN, str(g.id), user="U3", channel="CCOMMUNITY", message={"ts": "5.5"})
    assert "You joined *Data Viz*" in ephemeral(app)
    assert "Members (3)" in app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts).text
    assert "already a member" in answer(practice(app, "join data viz", user="U3"))
    assert "You joined *Data Viz*" in answer(practice(app, "join DATA VIZ", user="UADMIN"))
    assert "Members (4)" in app.fake.wait_for("chat.update").text


@pytest.mark.postgres
def test_a_double_click_on_join_on_postgresql_joins_once(pg_app: RunningApp) -> None:
    app = pg_app
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    g = proposed(app)
    app.fake.reset_calls()
    start = threading.Barrier(2)

    def click_join() -> None:
        start.wait()
        app.slack.action(GroupAction.JOIN, str(g.id), user="U3", channel="CCOMMUNITY", message={"ts": g.proposal_ts})

    threads = [threading.Thread(target=click_join) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    app.fake.wait_for("response_url", count=2)
    answers = sorted(str(c["text"]) for c in app.fake.calls_to("response_url"))
    assert "already a member" in answers[0] and "You joined *Data Viz*" in answers[1]
    assert group(app, g.id).member_ids == ["U1", "U2", "U3"]
    app.fake.wait_for("chat.update")


def test_leaving_and_leaving_a_group_you_are_not_in(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    assert "You left *Data Viz*" in answer(practice(app, "leave data viz", user="U2"))
    assert "Members (1)" in app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts).text
    assert group(app, g.id).member_ids == ["U1"]
    assert "not a member of *Data Viz*" in answer(practice(app, "leave Data Viz", user="U2"))


def test_when_the_last_lead_leaves_the_longest_standing_member_leads(community: RunningApp) -> None:
    g = proposed(community)
    assert "<@U2> now leads it" in answer(practice(community, "leave Data Viz", user="U1"))
    assert "*Leads*\n<@U2>" in community.fake.wait_for("chat.update").text
    assert group(community, g.id).lead_ids == ["U2"]


def test_an_unknown_name_suggests_the_closest_ones(community: RunningApp) -> None:
    proposed(community)
    proposed(community, **{GroupField.NAME: "Data Engineering"})
    said = answer(practice(community, "join Data Vis", user="U3"))
    assert "no practice group called “Data Vis”" in said and "*Data Viz*" in said
    said = answer(practice(community, "join Quantum Knitting", user="U3"))
    assert "`/practice list` shows them all" in said
    assert "Which group?" in answer(practice(community, "join", user="U3"))


# -- reporting and closing -----------------------------------------------------------------------


def test_a_member_reports_and_the_proposal_shows_the_next_due_date(community: RunningApp) -> None:
    app = community
    g = activate(app, proposed(app))
    app.clock.advance(days=2)
    practice(app, "report data viz", user="U2")
    modal = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(modal, REPORT, user="U2").body == ""
    post = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY")
    assert "Report: Data Viz" in post.text and "Axes matter" in post.text
    update = app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts)
    assert "next on Wed 02 Dec 2026" in update.text


def test_reporting_for_a_group_you_are_not_in_or_that_is_not_active(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    practice(app, "report Data Viz", user="U2")
    assert "not taking reports: it is proposed" in ephemeral(app)
    activate(app, g)
    practice(app, "report Data Viz", user="U3")
    assert "Only members of *Data Viz* can report" in ephemeral(app)
    practice(app, "report Nope", user="U1")
    assert "no practice group called “Nope”" in ephemeral(app)
    assert not app.fake.calls_to("views.open")


def test_a_lead_closes_the_group_with_a_closing_report_and_it_is_archived(community: RunningApp) -> None:
    app = community
    g = activate(app, proposed(app))
    practice(app, "close Data Viz", user="U2")
    assert "Only the leads of *Data Viz* and coordinators can close it" in ephemeral(app)
    practice(app, "close data viz", user="U1")
    modal = app.fake.wait_for("views.open")["view"]
    assert "Closing report" in str(modal)
    assert app.slack.submit(modal, REPORT, user="U1").body == ""
    assert "Closing report: Data Viz" in app.fake.wait_for("chat.postMessage").text
    update = app.fake.wait_for("chat.update", lambda c: c["ts"] == g.proposal_ts)
    assert "(archived)" in update.text and GroupAction.JOIN not in str(update["blocks"])
    closed = group(app, g.id)
    assert (closed.status, closed.next_report_due) == ("archived", None)
    assert "*Archived:* Data Viz" in str(practice(app, "list", user="U3").json())
    # Buttons on the archived group, and commands naming it, get a clear answer and change nothing.
    click(app, GroupAction.JOIN, g, "U3")
    assert "*Data Viz* is archived" in ephemeral(app)
    click(app, GroupAction.ENDORSE, g, "U3")
    assert "*Data Viz* is archived" in ephemeral(app)
    assert "is archived" in answer(practice(app, "join Data Viz", user="U3"))
    practice(app, "report Data Viz", user="U1")
    assert "not taking reports: it is archived" in ephemeral(app)
    assert group(app, g.id).member_ids == ["U1", "U2"]


def test_a_coordinator_who_is_not_a_member_can_close_a_group(community: RunningApp) -> None:
    app = community
    activate(app, proposed(app))
    practice(app, "close Data Viz", user="U3")
    modal = app.fake.wait_for("views.open")["view"]
    app.slack.submit(modal, REPORT, user="U3")
    assert "(archived)" in app.fake.wait_for("chat.update").text
    assert groups(app)[0].status == GroupStatus.ARCHIVED


def test_a_proposal_is_withdrawn_not_closed_with_a_report(community: RunningApp) -> None:
    proposed(community)
    practice(community, "close Data Viz", user="U2")
    assert "Only its proposer, <@U1>, or a coordinator can withdraw" in ephemeral(community)
    practice(community, "close Data Viz", user="U1")
    assert "is withdrawn" in ephemeral(community)
    assert not community.fake.calls_to("views.open")  # no closing report for a proposal
    assert groups(community)[0].status == GroupStatus.WITHDRAWN


# -- App Home, reminders and the digest ----------------------------------------------------------


def open_home(app: RunningApp, user: str) -> str:
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"})
    return app.fake.wait_for("views.publish", lambda c: c["user_id"] == user).text


def test_app_home_shows_your_groups_with_the_next_report_and_a_report_button(community: RunningApp) -> None:
    app = community
    activate(app, proposed(app))
    home = open_home(app, "U2")
    assert "Your practice groups" in home and "*Data Viz* — next report due Mon 30 Nov 2026" in home
    assert "*Report* opens the form" in home
    publish = app.fake.calls_to("views.publish")[0]
    assert ReportAction.OPEN in str(publish["view"]) and "group:" in str(publish["view"])
    assert "not in a practice group yet" in open_home(app, "UADMIN")


def test_coordinators_see_proposals_awaiting_endorsement_and_endorse_from_home(community: RunningApp) -> None:
    app = community
    g = proposed(app)
    assert "Proposals awaiting endorsement" not in open_home(app, "U2")
    home = open_home(app, "U3")
    assert "Proposals awaiting endorsement" in home and "*Endorse* makes the group active" in home
    app.fake.reset_calls()
    # The click comes from App Home: the answer is a small modal, and the home is published again.
    app.fake.reset_calls()
    app.slack.action(GroupAction.ENDORSE_AS_COORDINATOR, str(g.id), user="U3", view={"id": "VHOME", "type": "home"})
    assert "it is now active" in app.fake.wait_for("views.open").text
    republished = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U3").text
    assert "Proposals awaiting endorsement" not in republished


def test_an_active_groups_prompt_lands_in_its_channel_on_the_due_date(community: RunningApp) -> None:
    app = community
    activate(app, proposed(app, **{GroupField.CHANNEL: "CPUBLIC"}))
    app.fake.reset_calls()
    app.tick(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    [prompt] = app.fake.calls_to("chat.postMessage", channel="CPUBLIC")
    assert "report-back day for the practice group *Data Viz*" in prompt.text
    assert "/practice report Data Viz" in prompt.text


def test_the_digest_lists_new_proposals(community: RunningApp) -> None:
    app = community
    app.clock.advance(days=1)
    proposed(app)
    app.fake.reset_calls()
    app.tick(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    [digest] = app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")
    assert "New practice groups" in digest.text
    assert "*Data Viz* (Subtopic) proposed by <@U1> — now proposed, 2 members" in digest.text
