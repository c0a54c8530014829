"""Practice group builders: within Slack's limits however many groups, and saying what buttons do."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ids import GroupAction, ReportAction
from bot.views.groups import build_propose_modal, group_list, home_blocks, proposal_message
from models.group import GroupEndorsement, GroupMember, PracticeGroup
from tests.support.block_limits import check_blocks, check_view

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def make_group(n: int = 1, status: str = "active", members: int = 3, **values: object) -> PracticeGroup:
    group = PracticeGroup(**({
        "id": n, "team_id": "T1", "name": f"Group {n}", "name_key": f"group {n}", "reason": "state_of_the_art",
        "focus": "f" * 2000, "activities": "a" * 2000, "report_cadence": "monthly", "channel_id": None,
        "status": status, "proposer_id": "U1", "created_at": NOW, "next_report_due": date(2026, 12, 23),
    } | values))
    group.members = [GroupMember(user_id=f"U{i}", role="lead" if i == 0 else "member", joined_at=NOW)
                     for i in range(members)]
    group.endorsements = [GroupEndorsement(user_id="UC", as_coordinator=True, created_at=NOW),
                          GroupEndorsement(user_id="U5", as_coordinator=False, created_at=NOW)]
    return group


def blocks_of(message: object) -> list[dict]:  # type: ignore[type-arg]
    return [b.to_dict() for b in message.blocks]  # type: ignore[attr-defined]


def test_the_proposal_form_is_a_valid_modal() -> None:
    assert check_view(build_propose_modal("U1").to_dict()) == []


def test_a_big_proposal_fits_and_explains_its_buttons() -> None:
    message = proposal_message(make_group(members=40))
    blocks = blocks_of(message)
    assert check_blocks(blocks, surface="message") == []
    text = str(blocks)
    assert "State of the art — systematic look" in text and "and 30 more" in text
    assert "Endorsed for the community by <@UC> · 1 member endorsement" in text
    assert "*Join* adds you" in text and GroupAction.ENDORSE in text


def test_endorse_promises_activation_only_while_the_group_is_a_proposal() -> None:
    proposal = proposal_message(make_group(status="proposed")).as_kwargs()["blocks"]
    active = proposal_message(make_group(status="active")).as_kwargs()["blocks"]
    assert "a coordinator's endorsement makes the group active" in str(proposal)
    assert "makes the group active" not in str(active) and "*Endorse* shows your support." in str(active)


def test_a_coordinators_copy_endorses_as_coordinator_and_an_archived_group_has_no_buttons() -> None:
    copy = str(blocks_of(proposal_message(make_group(status="proposed"), for_coordinator=True)))
    assert GroupAction.ENDORSE_AS_COORDINATOR in copy and "<@U1> proposed a new practice group" in copy
    endorsed = str(blocks_of(proposal_message(make_group(), for_coordinator=True)))
    assert "The group is active" in endorsed \
        and GroupAction.JOIN not in endorsed and GroupAction.ENDORSE_AS_COORDINATOR not in endorsed
    archived = str(blocks_of(proposal_message(make_group(status="archived"))))
    assert "archived" in archived and GroupAction.JOIN not in archived


def test_a_withdrawn_proposal_says_who_withdrew_it_and_has_no_buttons() -> None:
    by_proposer = str(blocks_of(proposal_message(make_group(status="withdrawn", withdrawn_by="U1"))))
    assert "Withdrawn by its proposer, <@U1>" in by_proposer and "(withdrawn)" in by_proposer
    assert GroupAction.JOIN not in by_proposer and GroupAction.ENDORSE not in by_proposer
    by_coordinator = str(blocks_of(proposal_message(make_group(status="withdrawn", withdrawn_by="UC"),
                                                    for_coordinator=True)))
    assert "Withdrawn by <@UC>, a coordinator" in by_coordinator and GroupAction.ENDORSE not in by_coordinator


def test_the_list_explains_join_only_when_it_shows_a_join_button() -> None:
    assert "*Join* adds you" in str(blocks_of(group_list([make_group()], "UX")))
    mine = str(blocks_of(group_list([make_group()], "U1")))  # U1 is a member of it
    assert "*Join*" not in mine and GroupAction.JOIN not in mine and "Only you can see this message." in mine


def test_a_long_list_stays_within_a_message() -> None:
    groups = [make_group(n) for n in range(40)] + [make_group(100 + n, status="archived") for n in range(30)]
    message = group_list(groups, "UX")
    blocks = blocks_of(message)
    assert check_blocks(blocks, surface="message") == []
    assert "…and 20 more" in str(blocks) and "*Archived:* Group 100" in str(blocks)


def test_home_sections_fit_and_offer_report_and_endorse() -> None:
    mine = [make_group(n) for n in range(30)] + [make_group(50, status="proposed")]
    awaiting = [make_group(60 + n, status="proposed") for n in range(30)]
    blocks = [b.to_dict() for b in home_blocks(mine, awaiting, is_coordinator=True)]
    assert check_blocks(blocks, surface="home") == []
    text = str(blocks)
    assert ReportAction.OPEN in text and GroupAction.ENDORSE_AS_COORDINATOR in text
    assert "next report due Wed 23 Dec 2026" in text
