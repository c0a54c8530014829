"""The charter builders: what the proposal says and offers at each status, within Slack's limits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.ids import CharterAction
from bot.services.charters.ledger import Ledger, MemberHours
from bot.services.charters.lookup import CharterHome
from bot.views.charters import lists, messages, modals, summary
from bot.views.message import Message
from models import Charter, CharterEndorsement, CharterMember
from tests.support.block_limits import check_blocks, check_view
from tests.support.fake_slack import Call

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

LEDGER = Ledger(1, (MemberHours("U1", 40, 12.5), MemberHours("U2", 40, 0)))


def make(**overrides: Any) -> Charter:
    fields: dict[str, Any] = dict(
        id=7, team_id="T1", status="proposed", proposer_id="U1", title="Survey", goal="Goal", scope_in="In",
        scope_out="Out", deliverable="A page", origin="volunteers", seats_needed=2, hours_per_week=3, weeks=8,
        learning_sponsor_id="U9", cadence="monthly", variation="standard", created_at=NOW, started_at=NOW,
    ) | overrides
    members = fields.pop("members", [("U1", "lead"), ("U2", "member")])
    charter = Charter(**fields, endorsements=[])
    charter.members = [CharterMember(user_id=u, role=r, joined_at=NOW) for u, r in members]
    return charter


def text(message: Message) -> str:
    return Call("chat.postMessage", message.as_kwargs(), None).text


def action_ids(message: Message) -> list[str]:
    return [e.action_id for b in message.blocks if b.type == "actions" for e in b.elements]


def as_dicts(message: Message) -> list[dict[str, Any]]:
    return list(message.as_kwargs()["blocks"])


@pytest.mark.parametrize(("status", "expected"), [
    ("proposed",
     [CharterAction.ENDORSE, CharterAction.VOLUNTEER, CharterAction.APPROVE, CharterAction.REQUEST_CHANGES]),
    ("chartered", [CharterAction.ENDORSE, CharterAction.VOLUNTEER, CharterAction.START, CharterAction.REQUEST_CHANGES]),
    ("active", [CharterAction.VOLUNTEER]),
    ("completed", []),
    ("cancelled", []),
    ("draft", []),
])
def test_the_proposal_offers_what_its_status_allows_and_says_what_each_button_does(
    status: str, expected: list[str],
) -> None:
    message = messages.proposal_message(make(status=status, findings_link="https://x.example", closed_by="U1"))
    assert action_ids(message) == expected
    said = text(message)
    for action, words in ((CharterAction.ENDORSE, "*Endorse* adds"), (CharterAction.VOLUNTEER, "*Volunteer* puts"),
                          (CharterAction.APPROVE, "*Approve* it"), (CharterAction.START, "*Start the project*")):
        assert (action in expected) == (words in said), words
    assert check_blocks(as_dicts(message), surface="message") == []


def test_a_full_team_has_no_volunteer_button() -> None:
    charter = make(members=[("U1", "lead"), ("U3", "volunteer"), ("U4", "volunteer")])
    assert CharterAction.VOLUNTEER not in action_ids(messages.proposal_message(charter))
    assert "team complete" in summary.team_text(charter)


def test_the_effort_asked() -> None:
    assert summary.effort_text(make()) == "3 h/week × 8 weeks = *24 hours per member* (96 hours for a team of 4)"
    alone = make(weeks=1, seats_needed=0, members=[("U1", "lead")])
    assert summary.effort_text(alone) == "3 h/week × 1 week = *3 hours per member*"


def test_budget_sponsors_and_variations() -> None:
    funded = make(budget_amount=12000, budget_currency="USD", funding_sponsor_id="U8")
    assert summary.budget_text(funded) == "*Budget* 12,000 USD · *Funding sponsor* <@U8> · *Learning sponsor* <@U9>"
    assert summary.budget_text(make()) == "*Budget* none · *Learning sponsor* <@U9>"
    case = make(variation="case_study", case_study_name="Payments", case_study_link="https://git.example/p")
    assert "<https://git.example/p|Payments>" in summary.variation_text(case)
    assert "*the food bank*" in summary.variation_text(make(variation="pro_bono", pro_bono_for="the food bank"))


def test_the_longest_charter_stays_within_slacks_limits() -> None:
    long = "x" * 3000
    charter = make(title="t" * 150, goal=long, scope_in=long, scope_out=long, deliverable=long,
                   changes_requested=long, changes_requested_by="U5", status="draft")
    for message in (messages.proposal_message(charter), messages.draft_message(charter),
                    lists.charter_detail(charter, LEDGER)):
        assert check_blocks(as_dicts(message), surface="message") == []
    charter.endorsements = [CharterEndorsement(user_id=f"U{i}", endorsed_at=NOW) for i in range(3)]
    assert "3 endorsements" in summary.status_text(charter)


def test_the_modals_are_valid_and_the_edit_form_is_filled_in() -> None:
    assert check_view(modals.charter_modal(group="Guild").to_dict()) == []
    edit = modals.charter_modal(make(budget_amount=10, budget_currency="EUR", funding_sponsor_id="U8")).to_dict()
    assert check_view(edit) == [] and edit["private_metadata"] == "7"
    assert "Survey" in str(edit) and "EUR" in str(edit) and "'initial_users': ['U2']" in str(edit)
    for modal in (modals.changes_modal(make()), modals.findings_modal(make())):
        assert check_view(modal.to_dict()) == []


def test_the_home_section_is_bounded_and_offers_the_next_step() -> None:
    mine = [make(id=i, status="draft") for i in range(15)]
    blocks = [b.to_dict() for b in lists.home_blocks(CharterHome(mine=mine, awaiting_approval=mine), "U1")]
    assert check_blocks(blocks, surface="home") == []
    assert sum(1 for b in blocks if b.get("accessory", {}).get("action_id") == CharterAction.SUBMIT) == 10
    chartered = lists.home_blocks(CharterHome(mine=[make(status="chartered")]), "U1")
    assert chartered[1].accessory.action_id == CharterAction.START
    assert lists.home_blocks(CharterHome(mine=[make(status="chartered")]), "U2")[1].accessory is None


@pytest.mark.parametrize(("status", "says"), [("proposed", "*2 open seats*"), ("completed", ""), ("cancelled", "")])
def test_open_seats_are_shown_only_while_the_charter_is_open(status: str, says: str) -> None:
    team = summary.team_text(make(status=status))
    assert team.endswith(says) and ("open seat" in team) == bool(says)


def test_the_list_and_the_coordinator_dm_stay_within_slack_limits() -> None:
    listing = lists.charter_list([make(id=n, status="proposed") for n in range(60)])
    assert "(s)" not in text(listing)
    assert check_blocks(as_dicts(listing), surface="message") == []
    for status in ("proposed", "chartered", "draft", "cancelled"):
        dm = messages.coordinator_message(make(status=status, approved_by="U5", changes_requested="x",
                                            changes_requested_by="U5", closed_by="U1"))
        assert check_blocks(as_dicts(dm), surface="message") == []
        assert (CharterAction.APPROVE in action_ids(dm)) == (status == "proposed")


def test_each_charter_form_reads_back_what_it_carries() -> None:
    charter = make()
    assert modals.read_charter_form_metadata(modals.charter_modal(charter).to_dict()) == 7
    assert modals.read_charter_form_metadata(modals.charter_modal().to_dict()) is None
    changes = modals.changes_modal(charter, clicked_in=("D1", "1.2")).to_dict()
    assert modals.read_changes_metadata(changes) == (7, ("D1", "1.2"))
    assert modals.read_changes_metadata(modals.changes_modal(charter).to_dict()) == (7, None)
    assert modals.read_findings_metadata(modals.findings_modal(charter).to_dict()) == 7
