"""Charters end to end over HTTP: each origin and variation from draft to findings, and every bad input."""

from __future__ import annotations

from typing import Any

import pytest

from bot.ids import CharterAction
from bot.ids import CharterField as F
from bot.services.community import NO_CHANNEL
from tests.support.charters import (
    FORM,
    active_charter,
    add_group,
    answered,
    approve,
    buttons,
    charter_count,
    click,
    complete,
    draft,
    findings_form,
    open_form,
    proposal,
    proposal_text,
    proposed_charter,
    say,
    start,
    stored,
    submit_draft,
    wait_updated,
    with_community,
)
from tests.support.fake_slack import Call
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually


@pytest.fixture
def community(app: RunningApp) -> RunningApp:
    """The app on SQLite, with a community channel, a listed coordinator (UCOORD) and more members."""
    return with_community(app)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_community(request: pytest.FixtureRequest) -> RunningApp:
    """The same, once on SQLite and once on PostgreSQL."""
    return with_community(request.getfixturevalue("app" if request.param == "sqlite" else "pg_app"))


# -- the whole lifecycle, for each origin and variation --------------------------------------------


def test_a_team_proposal_goes_from_draft_to_findings(any_community: RunningApp) -> None:
    app = any_community
    group_id = add_group(app, "Testing Guild")
    assert "Testing Guild" in str(open_form(app, args="testing guild"))  # the group's own name
    charter_id = draft(app, args="testing guild", **{F.GROUP: "testing guild"})
    dm = app.fake.calls_to("chat.postMessage", channel="U1")[-1]
    assert "draft" in dm.text and CharterAction.SUBMIT in str(dm["blocks"])
    assert "*Submit to the community* posts" in dm.text
    assert stored(app, charter_id).status == "draft" and stored(app, charter_id).group_id == group_id

    submit_draft(app, charter_id)
    text = proposal_text(app, charter_id)
    for words in ("Know which contract-testing tool", "Open-source tools", "Commercial tools", "A comparison page",
                  "<@U1> (lead), <@U2>", "4 h/week × 10 weeks = *40 hours per member* (80 hours for a team of 2)",
                  "*Budget* none · *Learning sponsor* <@U3>", "every two weeks, in the community channel",
                  "proposed by its team", "status *proposed*", "practice group *Testing Guild*"):
        assert words in text, words
    assert buttons(proposal(app, charter_id)) == [CharterAction.ENDORSE, CharterAction.APPROVE,
                                                  CharterAction.REQUEST_CHANGES]
    assert "Coordinators *Approve* it" in text or "coordinators *Approve* it" in text

    click(app, CharterAction.ENDORSE, charter_id, "U3")
    wait_updated(app, "1 endorsement")
    click(app, CharterAction.ENDORSE, charter_id, "U4")
    wait_updated(app, "2 endorsements")

    approve(app, charter_id)
    assert stored(app, charter_id).status == "chartered"
    assert CharterAction.START in buttons(proposal(app, charter_id))

    start(app, charter_id)
    assert stored(app, charter_id).status == "active" and stored(app, charter_id).started_at == app.clock.now
    assert buttons(proposal(app, charter_id)) == []

    findings = complete(app, charter_id)
    assert "Pact fits our polyglot services" in str(findings["blocks"])
    assert "https://wiki.example.com/contract-testing" in str(findings["blocks"])
    assert "Try Pact on one service" in str(findings["blocks"])
    charter = stored(app, charter_id)
    assert charter.status == "completed" and charter.findings_ts and charter.closed_by == "U1"
    assert "status *completed*" in proposal_text(app, charter_id)


def test_a_call_for_volunteers_on_an_adopted_case_study_fills_its_seats(any_community: RunningApp) -> None:
    app = any_community
    charter_id = draft(app, "UCOORD", **{
        F.ORIGIN: "volunteers", F.MEMBERS: [], F.SEATS: "2", F.VARIATION: "case_study",
        F.CASE_STUDY_NAME: "Payments migration", F.CASE_STUDY_LINK: "https://git.example.com/payments",
        F.CADENCE: "weekly", F.CHANNEL: "CPUBLIC",
    })
    submit_draft(app, charter_id, "UCOORD")
    text = proposal_text(app, charter_id)
    assert "call for volunteers" in text and "*2 open seats*" in text
    assert "case study: <https://git.example.com/payments|Payments migration>" in text
    assert "every week, in <#CPUBLIC>" in text
    assert CharterAction.VOLUNTEER in buttons(proposal(app, charter_id))

    click(app, CharterAction.VOLUNTEER, charter_id, "U2")
    answered(app, "You are on the team")
    wait_updated(app, "*1 open seat*")
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "UCOORD" and "<@U2> volunteered" in c.text)

    app.fake.reset_calls()
    assert "You are on the team" in say(app, f"volunteer {charter_id}", user="U3")
    wait_updated(app, "team complete")
    assert CharterAction.VOLUNTEER not in buttons(proposal(app, charter_id))

    approve(app, charter_id, "UADMIN")
    start(app, charter_id, "UCOORD")
    complete(app, charter_id, "UCOORD")
    charter = stored(app, charter_id)
    assert charter.status == "completed" and sorted(charter.member_ids) == ["U2", "U3", "UCOORD"]


def test_pro_bono_with_a_budget_goes_back_for_changes_and_is_resubmitted(any_community: RunningApp) -> None:
    app = any_community
    charter_id = draft(app, **{
        F.VARIATION: "pro_bono", F.PRO_BONO_FOR: "the city food bank", F.BUDGET: "1500", F.CURRENCY: "eur",
        F.FUNDING_SPONSOR: "U4", F.SEATS: "1",
    })
    submit_draft(app, charter_id)
    text = proposal_text(app, charter_id)
    assert "pro bono: doing something useful for *the city food bank*" in text
    assert "*Budget* 1,500 EUR · *Funding sponsor* <@U4> · *Learning sponsor* <@U3>" in text
    assert "(120 hours for a team of 3)" in text

    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD")
    modal = app.fake.wait_for("views.open")["view"]
    assert "goes back to <@U1>" in str(modal)
    assert app.slack.submit(modal, {F.REASON: "Say which of the food bank's problems you will work on."},
                            user="UCOORD").body == ""
    dm = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "requested changes" in c.text)
    assert "which of the food bank's problems" in dm.text and CharterAction.EDIT in str(dm["blocks"])
    wait_updated(app, "is revising the charter")
    assert stored(app, charter_id).status == "draft"
    assert buttons(proposal(app, charter_id)) == []

    click(app, CharterAction.EDIT, charter_id, "U1")
    form = app.fake.wait_for("views.open")["view"]
    assert "the city food bank" in str(form) and form["private_metadata"] == str(charter_id)
    changed = FORM | {F.VARIATION: "pro_bono", F.PRO_BONO_FOR: "the city food bank", F.BUDGET: "1500",
                      F.CURRENCY: "EUR", F.FUNDING_SPONSOR: "U4", F.SEATS: "1",
                      F.GOAL: "Rebuild the food bank's volunteer rota so shifts are never empty."}
    assert app.slack.submit(form, changed).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "draft" in c.text)
    assert charter_count(app) == 1

    ts = stored(app, charter_id).proposal_ts
    submit_draft(app, charter_id)
    assert stored(app, charter_id).proposal_ts == ts  # the same message, kept current
    assert "volunteer rota" in proposal_text(app, charter_id)
    app.fake.wait_for("chat.postMessage", lambda c: c.get("thread_ts") == ts and "resubmitted" in c.text)

    approve(app, charter_id)
    start(app, charter_id)
    complete(app, charter_id)
    assert stored(app, charter_id).status == "completed"


def test_members_named_on_the_team_are_told_when_it_is_proposed(community: RunningApp) -> None:
    app = community
    charter_id = draft(app, **{F.MEMBERS: ["U2", "U4"]})
    assert not app.fake.calls_to("chat.postMessage", channel="U2")  # a draft is not news yet
    submit_draft(app, charter_id)
    for member in ("U2", "U4"):
        told = app.fake.wait_for("chat.postMessage", lambda c, m=member: c["channel"] == m and "named you" in c.text)
        assert f"<@U1> named you on the team of charter #{charter_id}" in told.text
        assert "now proposed in <#CCOMMUNITY>: 4 hours a week for 10 weeks" in told.text
    assert not [c for c in app.fake.calls_to("chat.postMessage", channel="U1") if "named you" in c.text]


def test_a_lead_can_edit_a_proposal_before_approval_and_it_is_updated(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    app.fake.reset_calls()
    app.slack.command("/charter", f"edit {charter_id}")
    form = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(form, FORM | {F.WEEKS: "6"}).body == ""
    wait_updated(app, "4 h/week × 6 weeks = *24 hours per member*")
    assert stored(app, charter_id).status == "proposed"


def test_the_lead_or_a_coordinator_cancels_a_charter(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    assert "Only the charter's lead" in say(app, f"cancel {charter_id}", user="U2")
    assert "is cancelled" in say(app, f"cancel {charter_id}", user="UCOORD")
    wait_updated(app, "Cancelled by <@UCOORD>")
    assert stored(app, charter_id).status == "cancelled"
    assert "already cancelled" in say(app, f"cancel {charter_id}")


# -- browsing ------------------------------------------------------------------------------------


def buttons_on(message: dict[str, Any]) -> list[tuple[str, str]]:
    """Every button of a message's sections and actions: (action_id, value)."""
    found = []
    for block in message.get("blocks", []):
        elements = block.get("elements", []) if block["type"] == "actions" else [block.get("accessory") or {}]
        found += [(e["action_id"], e.get("value", "")) for e in elements if e.get("type") == "button"]
    return found


def test_list_and_show(community: RunningApp) -> None:
    app = community
    assert "No charters yet" in say(app, "list")
    first = draft(app)
    second = draft(app, "U2", **{F.TITLE: "Learning expedition to the data team", F.ORIGIN: "volunteers",
                                 F.SEATS: "3", F.MEMBERS: []})
    assert "still a draft" in say(app, f"show {first}", user="U3")
    assert "Know which contract-testing tool" in say(app, f"show {first}", user="U2")
    submit_draft(app, first)
    submit_draft(app, second, "U2")
    response = app.slack.command("/charter", "list", user="U3").json()
    listing = Call("response", response, None).text
    assert response["text"] == "2 charters in this community" and "(s)" not in listing
    assert f"#{second} Learning expedition" in listing and "3 open seats" in listing and "× 10 weeks" in listing
    assert "Proposed to the community, waiting for a coordinator's approval." in listing
    assert listing.index(f"#{second} ") < listing.index(f"#{first} ")
    # Volunteer is offered where seats are open, and explained; one click puts the member on the team.
    assert buttons_on(response) == [(CharterAction.VOLUNTEER, str(second))]
    assert "*Volunteer* puts you on a charter's team while seats are open." in listing
    click(app, CharterAction.VOLUNTEER, second, "U3")
    joined = answered(app, "You are on the team of charter")
    assert "led by <@U2>: 4 hours a week for 10 weeks. `/charter show 2` shows it in full." in joined.text
    assert "U3" in stored(app, second).member_ids
    dm = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U2" and "volunteered" in c.text)
    assert "2 seats are still open." in dm.text
    assert "2 open seats" in say(app, "list")
    approve(app, first)
    assert "1 charter in" not in say(app, "list") and "Chartered by the community, waiting for its lead" in say(
        app, "list")
    shown = say(app, f"show #{first}")
    assert "Know which contract-testing tool" in shown and "40 hours per member" in shown


# -- bad input and forbidden moves: a clear answer and no change -----------------------------------


BAD_FORMS = [
    ({F.GOAL: ""}, F.GOAL, "Enter the goal"),
    ({F.GOAL: "   "}, F.GOAL, "Enter the goal"),
    ({F.SCOPE_IN: ""}, F.SCOPE_IN, "Enter the scope"),
    ({F.SCOPE_OUT: ""}, F.SCOPE_OUT, "out of scope"),
    ({F.TITLE: ""}, F.TITLE, "Enter a title"),
    ({F.DELIVERABLE: ""}, F.DELIVERABLE, "deliverable"),
    ({F.HOURS: "-4"}, F.HOURS, "cannot be less than 1"),
    ({F.HOURS: "0"}, F.HOURS, "The hours per week cannot be less than 1 hour."),
    ({F.HOURS: "200"}, F.HOURS, "40 hours at most"),
    ({F.HOURS: "2.5"}, F.HOURS, "whole number"),
    ({F.WEEKS: "-1"}, F.WEEKS, "cannot be less than 1"),
    ({F.WEEKS: "520"}, F.WEEKS, "520 weeks is more than this kind of project can ask; 52 weeks at most."),
    ({F.WEEKS: ""}, F.WEEKS, "whole number"),
    ({F.SEATS: "-2"}, F.SEATS, "cannot be less than 0"),
    ({F.ORIGIN: "volunteers", F.SEATS: "0"}, F.SEATS, "at least one open seat"),
    ({F.BUDGET: "5000", F.CURRENCY: "EUR"}, F.FUNDING_SPONSOR, "A budget needs a funding sponsor"),
    ({F.BUDGET: "5000", F.FUNDING_SPONSOR: "U4"}, F.CURRENCY, "three-letter code"),
    ({F.BUDGET: "-5", F.CURRENCY: "EUR", F.FUNDING_SPONSOR: "U4"}, F.BUDGET, "cannot be less than 1"),
    ({F.FUNDING_SPONSOR: "U4"}, F.FUNDING_SPONSOR, "only for a budget"),
    ({F.LEARNING_SPONSOR: None}, F.LEARNING_SPONSOR, "learning sponsor"),
    ({F.VARIATION: "case_study", F.CASE_STUDY_NAME: "Payments"}, F.CASE_STUDY_LINK, "existing project's link"),
    ({F.VARIATION: "case_study", F.CASE_STUDY_NAME: "Payments", F.CASE_STUDY_LINK: "not a link"},
     F.CASE_STUDY_LINK, "https://"),
    ({F.VARIATION: "pro_bono"}, F.PRO_BONO_FOR, "who the pro bono work is for"),
    ({F.TITLE: "x" * 151}, F.TITLE, "under 150 characters"),
    ({F.CHANNEL: "GPRIVATE"}, F.CHANNEL, "invite me"),
    ({F.GROUP: "Testing Gild"}, F.GROUP, "Did you mean *Testing Guild*?"),
    ({F.GROUP: "Knitting"}, F.GROUP, "There is no practice group called “Knitting”"),
    ({F.GROUP: "Old Guild"}, F.GROUP, "*Old Guild* is archived"),
]


@pytest.mark.parametrize(("changes", "field", "words"), BAD_FORMS, ids=[f"{f}:{w}" for _, f, w in BAD_FORMS])
def test_a_bad_charter_form_is_answered_inline_and_stores_nothing(community: RunningApp, changes: dict[str, Any],
                                                                  field: str, words: str) -> None:
    add_group(community, "Testing Guild")
    add_group(community, "Old Guild", archived=True)
    body = community.slack.submit(open_form(community), FORM | changes).json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == [field] and words in body["errors"][field], body["errors"]
    assert charter_count(community) == 0


def test_every_bad_field_of_the_charter_form_is_shown_at_once(community: RunningApp) -> None:
    add_group(community, "Testing Guild")
    body = community.slack.submit(open_form(community), FORM | {
        F.GROUP: "Testing Gild", F.GOAL: "", F.HOURS: "-4", F.WEEKS: "520", F.BUDGET: "5000", F.CURRENCY: "EUR",
        F.CHANNEL: "GPRIVATE", F.VARIATION: "pro_bono",
    }).json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {F.GROUP, F.GOAL, F.HOURS, F.WEEKS, F.FUNDING_SPONSOR, F.CHANNEL, F.PRO_BONO_FOR}
    assert "Did you mean *Testing Guild*?" in body["errors"][F.GROUP]
    assert "invite me" in body["errors"][F.CHANNEL] and "52 weeks at most" in body["errors"][F.WEEKS]
    assert charter_count(community) == 0


def test_charter_new_for_an_unknown_group_suggests_the_closest(community: RunningApp) -> None:
    add_group(community, "Testing Guild")
    assert "Did you mean *Testing Guild*?" in say(community, "new Testing Gild")
    assert not community.fake.calls_to("views.open")


def test_charter_new_without_a_community_channel_says_who_can_set_it(app: RunningApp) -> None:
    assert say(app, "new") == NO_CHANNEL
    assert not app.fake.calls_to("views.open")


def test_only_coordinators_approve_or_request_changes(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    click(app, CharterAction.APPROVE, charter_id, "U2", channel="CCOMMUNITY")
    answered(app, "Only coordinators can approve")
    click(app, CharterAction.REQUEST_CHANGES, charter_id, "U2")
    answered(app, "Only coordinators can request changes")
    assert not app.fake.calls_to("views.open")
    # A coordinator's modal submitted by someone who is no longer one changes nothing either.
    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD")
    modal = app.fake.wait_for("views.open")["view"]
    app.set_community("CCOMMUNITY", coordinators=())
    body = app.slack.submit(modal, {F.REASON: "No."}, user="UCOORD").json()
    assert "Only coordinators" in body["errors"][F.REASON]
    assert stored(app, charter_id).status == "proposed"


def test_an_empty_reason_for_changes_is_answered_inline(community: RunningApp) -> None:
    charter_id = proposed_charter(community)
    click(community, CharterAction.REQUEST_CHANGES, charter_id, "UADMIN")
    modal = community.fake.wait_for("views.open")["view"]
    body = community.slack.submit(modal, {F.REASON: " "}, user="UADMIN").json()
    assert "what should change" in body["errors"][F.REASON]
    assert stored(community, charter_id).status == "proposed"


def test_approving_twice_and_approving_a_draft(community: RunningApp) -> None:
    app = community
    charter_id = draft(app)
    click(app, CharterAction.APPROVE, charter_id, "UCOORD")
    answered(app, "is still a draft: it cannot be approved now")
    submit_draft(app, charter_id)
    approve(app, charter_id)
    click(app, CharterAction.APPROVE, charter_id, "UCOORD")
    answered(app, "already approved")


def test_volunteering_twice_for_a_full_team_or_when_on_the_team(community: RunningApp) -> None:
    app = community
    charter_id = draft(app, **{F.ORIGIN: "volunteers", F.SEATS: "1"})
    submit_draft(app, charter_id)
    assert "You are on the team" in say(app, f"volunteer {charter_id}", user="U3")
    assert "already on the team" in say(app, f"volunteer {charter_id}", user="U3")
    assert "already on the team" in say(app, f"volunteer {charter_id}", user="U2")
    click(app, CharterAction.VOLUNTEER, charter_id, "U4")
    answered(app, "is complete: no seats are open")
    assert sorted(stored(app, charter_id).member_ids) == ["U1", "U2", "U3"]


def test_volunteering_for_a_draft_or_closed_charter(community: RunningApp) -> None:
    app = community
    charter_id = draft(app, **{F.ORIGIN: "volunteers", F.SEATS: "1"})
    assert "is still a draft" in say(app, f"volunteer {charter_id}", user="U3")
    submit_draft(app, charter_id)
    app.slack.command("/charter", f"cancel {charter_id}")
    assert "is cancelled" in say(app, f"volunteer {charter_id}", user="U3")


def test_endorsing_twice_or_your_own_charter(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    click(app, CharterAction.ENDORSE, charter_id, "U1")
    answered(app, "You lead this charter")
    click(app, CharterAction.ENDORSE, charter_id, "U3")
    wait_updated(app, "1 endorsement")
    click(app, CharterAction.ENDORSE, charter_id, "U3")
    answered(app, "already endorsed")
    assert len(stored(app, charter_id).endorsements) == 1


def test_completing_a_charter_that_is_not_active(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    reply = say(app, f"complete {charter_id}")
    assert "is proposed, not active" in reply
    approve(app, charter_id)
    assert "Only the charter's lead" in say(app, f"complete {charter_id}", user="U2")
    start(app, charter_id)
    complete(app, charter_id)
    app.fake.reset_calls()
    assert "is completed, not active" in say(app, f"complete {charter_id}")
    assert not app.fake.calls_to("views.open")


def test_findings_need_what_was_found_and_a_link(community: RunningApp) -> None:
    app = community
    charter_id = active_charter(app)
    modal = findings_form(app, charter_id)
    body = app.slack.submit(modal, {F.FINDINGS: "", F.FINDINGS_LINK: "x", F.NEXT_STEPS: "y"}).json()
    assert F.FINDINGS in body["errors"]
    body = app.slack.submit(modal, {F.FINDINGS: "a", F.FINDINGS_LINK: "wiki page", F.NEXT_STEPS: "y"}).json()
    assert "https://" in body["errors"][F.FINDINGS_LINK]
    body = app.slack.submit(modal, {F.FINDINGS: " ", F.FINDINGS_LINK: "wiki page", F.NEXT_STEPS: ""}).json()
    assert set(body["errors"]) == {F.FINDINGS, F.FINDINGS_LINK, F.NEXT_STEPS}  # all at once
    assert stored(app, charter_id).status == "active"


def test_only_the_lead_starts_an_approved_charter(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    click(app, CharterAction.START, charter_id, "U1")
    answered(app, "not approved yet")
    approve(app, charter_id)
    click(app, CharterAction.START, charter_id, "U2")
    answered(app, "Only the charter's lead")
    assert stored(app, charter_id).status == "chartered"


def test_editing_after_approval_goes_through_request_changes(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    approve(app, charter_id)
    reply = say(app, f"edit {charter_id}")
    assert "already approved" in reply and "Request changes" in reply
    click(app, CharterAction.EDIT, charter_id, "U1")
    answered(app, "already approved")
    assert not app.fake.calls_to("views.open")
    assert "Only the charter's lead" in say(app, f"edit {charter_id}", user="U2")

    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD")
    modal = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(modal, {F.REASON: "Halve the hours."}, user="UCOORD").body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "Halve the hours" in c.text)
    charter = stored(app, charter_id)
    assert (charter.status, charter.approved_by) == ("draft", None)
    app.fake.reset_calls()
    app.slack.command("/charter", f"edit {charter_id}")
    assert app.fake.wait_for("views.open")["view"]["private_metadata"] == str(charter_id)


def test_a_form_saved_after_approval_changes_nothing(community: RunningApp) -> None:
    app = community
    charter_id = draft(app)
    click(app, CharterAction.EDIT, charter_id, "U1")
    stale_form = app.fake.wait_for("views.open")["view"]
    submit_draft(app, charter_id)
    approve(app, charter_id)
    body = app.slack.submit(stale_form, FORM | {F.HOURS: "2"}).json()
    assert "already approved" in body["errors"][F.TITLE]
    assert stored(app, charter_id).hours_per_week == 4


@pytest.mark.parametrize("command", ["show 99", "volunteer 99", "complete 99", "edit 99", "cancel 99", "show abc",
                                     "show"])
def test_an_unknown_charter_id_is_answered(community: RunningApp, command: str) -> None:
    reply = say(community, command)
    assert "/charter list" in reply
    assert "99" in reply or "abc" in reply or "Give the charter's number" in reply


def test_a_charter_of_another_workspace_is_unknown(community: RunningApp) -> None:
    charter_id = proposed_charter(community)
    community.slack.team_id = "T0002"
    assert f"no charter #{charter_id}" in say(community, f"show {charter_id}")


def test_a_stale_button_for_an_unknown_charter_is_answered(community: RunningApp) -> None:
    click(community, CharterAction.VOLUNTEER, 99, "U2")
    answered(community, "There is no charter #99")


def test_submitting_twice_posts_one_proposal(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    click(app, CharterAction.SUBMIT, charter_id, "U1")
    answered(app, "already proposed")
    assert len(app.fake.messages["CCOMMUNITY"]) == 1


def test_submitting_when_the_bot_was_removed_from_the_community_channel(community: RunningApp) -> None:
    app = community
    charter_id = draft(app)
    app.fake.channels["CCOMMUNITY"].update(is_private=True, is_member=False)
    click(app, CharterAction.SUBMIT, charter_id, "U1")
    answered(app, "I can't post in the community channel")
    assert stored(app, charter_id).status == "draft"


def test_a_failed_post_leaves_the_draft_a_draft(community: RunningApp) -> None:
    app = community
    charter_id = draft(app)
    app.fake.fail("chat.postMessage", "restricted_action")
    click(app, CharterAction.SUBMIT, charter_id, "U1")
    answered(app, "it is still a draft")
    assert stored(app, charter_id).status == "draft"
    submit_draft(app, charter_id)
    assert stored(app, charter_id).status == "proposed"


# -- App Home --------------------------------------------------------------------------------------


def home(app: RunningApp, user: str) -> str:
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"})
    return app.fake.wait_for("views.publish", lambda c: c["user_id"] == user).text


def test_the_home_shows_your_charters_and_coordinators_see_those_awaiting_approval(community: RunningApp) -> None:
    app = community
    assert "You are on no charter yet" in home(app, "U1")
    charter_id = draft(app)
    mine = home(app, "U1")
    assert f"#{charter_id} Survey of contract-testing tools* — draft" in mine
    assert "Reports every two weeks once active" in mine
    assert "awaiting approval" not in mine
    home_view = {"id": "VHOME", "type": "home"}
    click(app, CharterAction.SUBMIT, charter_id, "U1", view=home_view)
    app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U1" and "— proposed" in c.text)
    assert stored(app, charter_id).proposal_ts

    assert f"#{charter_id} Survey" in home(app, "U2")  # a named team member
    assert f"#{charter_id} Survey" not in home(app, "U3")
    pending = home(app, "UCOORD")
    assert "Charters awaiting approval" in pending and "Proposed by <@U1>" in pending
    click(app, CharterAction.APPROVE, charter_id, "UCOORD", view=home_view)
    refreshed = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "UCOORD")
    assert "awaiting approval" not in refreshed.text
    wait_updated(app, "status *chartered*")

    click(app, CharterAction.START, charter_id, "U1", view=home_view)
    app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U1" and "— active" in c.text)


def test_a_refusal_from_the_home_tab_is_told_to_the_member(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    click(app, CharterAction.APPROVE, charter_id, "U2", view={"id": "VHOME", "type": "home"})
    # Told the way report-back tells: ephemeral under a message, else a small notice modal.
    eventually(lambda: any("Only coordinators can approve" in c.text for c in list(app.fake.calls)))
    assert stored(app, charter_id).status == "proposed"


def test_findings_that_cannot_be_posted_leave_the_charter_active(community: RunningApp) -> None:
    app = community
    charter_id = active_charter(app)
    modal = findings_form(app, charter_id)
    app.fake.fail("chat.postMessage", "not_in_channel")
    findings = {F.FINDINGS: "a", F.FINDINGS_LINK: "https://x.example", F.NEXT_STEPS: "b"}
    assert app.slack.submit(modal, findings).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "it is still active" in c.text)
    assert stored(app, charter_id).status == "active"
    complete(app, charter_id)
    assert stored(app, charter_id).status == "completed"


def test_the_same_form_submitted_twice_stores_one_draft(community: RunningApp) -> None:
    app = community
    view = open_form(app)
    assert app.slack.submit(view, FORM).body == ""
    assert app.slack.submit(view, FORM).body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "draft" in c.text)
    assert charter_count(app) == 1
    assert len([c for c in app.fake.calls_to("chat.postMessage", channel="U1") if "draft" in c.text]) == 1


# -- coordinators are asked -----------------------------------------------------------------------


def coordinator_dm(app: RunningApp, words: str, user: str = "UCOORD") -> dict[str, Any]:
    """The DM to coordinator `user` that says `words`, as it now reads (with its ts)."""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == user and words in c.text)
    return next(m for m in reversed(app.fake.messages[f"D{user}"]) if words in Call("message", m, None).text)


def test_coordinators_are_asked_to_approve_a_new_proposal_in_a_dm(community: RunningApp) -> None:
    app = community
    app.set_community("CCOMMUNITY", coordinators=("UCOORD", "U1", "U4"))
    charter_id = proposed_charter(app)
    dm = coordinator_dm(app, "proposed a new charter")
    assert coordinator_dm(app, "proposed a new charter", user="U4")
    assert coordinator_dm(app, "proposed a new charter", user="UADMIN")  # admins are coordinators too
    assert not app.fake.calls_to("chat.postMessage", channel="U1", text=dm["text"])  # not the proposer
    text = Call("chat.postMessage", dm, None).text
    assert buttons(dm) == [CharterAction.APPROVE, CharterAction.REQUEST_CHANGES]
    assert "*Approve* charters the project" in text and "*Request changes* sends it back" in text
    assert "Know which contract-testing tool" in text and "40 hours per member" in text

    # Approving from the DM charters it, and the DM loses its buttons.
    channel = "DUCOORD"  # the coordinator's DM with the bot
    click(app, CharterAction.APPROVE, charter_id, "UCOORD", channel=channel, message=dm)
    updated = app.fake.wait_for("chat.update", lambda c: c["ts"] == dm["ts"])
    assert "Approved by <@UCOORD>" in updated.text and CharterAction.APPROVE not in str(updated["blocks"])
    assert stored(app, charter_id).status == "chartered"
    told = app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "approved" in c.text)
    assert "press *Start the project* on the proposal (or *Start* in my Home tab)" in told.text


def test_changes_requested_from_a_dm_update_it_and_a_resubmission_asks_again(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    dm = coordinator_dm(app, "proposed a new charter")
    channel = "DUCOORD"  # the coordinator's DM with the bot
    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD", channel=channel, message=dm)
    modal = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(modal, {F.REASON: "Name the teams you will survey."}, user="UCOORD").body == ""
    updated = app.fake.wait_for("chat.update", lambda c: c["ts"] == dm["ts"])
    assert "requested changes" in updated.text and CharterAction.APPROVE not in str(updated["blocks"])
    app.fake.wait_for("views.publish", lambda c: c["user_id"] == "UCOORD")  # the Home no longer lists it
    assert stored(app, charter_id).status == "draft"

    submit_draft(app, charter_id)
    again = coordinator_dm(app, "revised charter")
    assert buttons(again) == [CharterAction.APPROVE, CharterAction.REQUEST_CHANGES]


def test_a_coordinator_can_request_changes_from_the_home_tab(community: RunningApp) -> None:
    app = community
    charter_id = proposed_charter(app)
    pending = home(app, "UCOORD")
    assert "*Request changes* sends it back to its lead with your reason" in pending
    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD", view={"id": "VHOME", "type": "home"})
    modal = app.fake.wait_for("views.open")["view"]
    app.fake.reset_calls()
    assert app.slack.submit(modal, {F.REASON: "Say who sponsors it."}, user="UCOORD").body == ""
    refreshed = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "UCOORD")
    assert "awaiting approval" not in refreshed.text
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "U1" and "Say who sponsors it." in c.text)
