"""Practice groups on a real database: proposing, finding by name, joining, leaving, endorsing, the digest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import GroupField
from bot.services import groups
from bot.services.digest_types import DigestWindow
from bot.views.digest import section_lines, section_title
from models.group import GroupStatus, MemberRole
from tests.support.charters import NOW, TEAM, a_group, service_session

__all__ = ["service_session"]


def test_a_proposal_is_led_by_its_proposer_and_stored_once_per_form(service_session: Session) -> None:
    values = groups.ProposalInput(name="  Data   Viz ", reason="subtopic", focus="Charts", activities="",
                                  cadence="weekly", member_ids=["U1", "U2", "U2"], channel_id=None)
    group, new = groups.propose_group(service_session, TEAM, "U1", values, now=NOW, view_id="V1")
    again, new_again = groups.propose_group(service_session, TEAM, "U1", values, now=NOW, view_id="V1")
    assert (new, new_again, again.id) == (True, False, group.id)
    assert (group.name, group.status, group.lead_ids, group.member_ids) == ("Data Viz", "proposed", ["U1"],
                                                                          ["U1", "U2"])
    assert group.activities  # empty activities take the reason's typical ones


def test_every_bad_field_of_a_proposal_is_named(service_session: Session) -> None:
    a_group(service_session, "Data Viz")
    values = groups.ProposalInput(name="data viz", reason=None, focus="", activities="", cadence="daily",
                                  member_ids=[], channel_id="C9")
    with pytest.raises(UserError) as error:
        groups.validate_proposal(service_session, TEAM, values, channel_problem="I am not in that channel.")
    errors = error.value.field_errors(GroupField.NAME)
    assert set(errors) == {GroupField.NAME, GroupField.REASON, GroupField.FOCUS, GroupField.CADENCE,
                           GroupField.CHANNEL}
    assert "already a group called “Data Viz”" in errors[GroupField.NAME]


def test_a_group_is_found_whatever_its_case_or_the_closest_names_are_suggested(service_session: Session) -> None:
    a_group(service_session, "Data Viz")
    assert groups.find_group(service_session, TEAM, "DATA viz").name == "Data Viz"
    with pytest.raises(UserError, match=r"Did you mean \*Data Viz\*\?"):
        groups.find_group(service_session, TEAM, "data vis")
    with pytest.raises(UserError, match="Which group?"):
        groups.find_group(service_session, TEAM, " ")


def test_joining_twice_is_refused_and_the_longest_standing_member_leads_after_the_last_lead(
    service_session: Session,
) -> None:
    group = a_group(service_session, members=("U2",))
    groups.join_group(service_session, group, "U3", now=NOW)
    with pytest.raises(UserError, match="already a member"):
        groups.join_group(service_session, group, "U3", now=NOW)
    assert groups.leave_group(service_session, group, "U1") == "U2"
    assert group.lead_ids == ["U2"] and [m.role for m in group.members] == [MemberRole.LEAD, MemberRole.MEMBER]
    with pytest.raises(UserError, match="not a member"):
        groups.leave_group(service_session, group, "U1")


def test_a_coordinators_endorsement_activates_the_group_and_schedules_its_first_report(
    service_session: Session,
) -> None:
    group = a_group(service_session)
    with pytest.raises(UserError, match="Only coordinators"):
        groups.endorse_group(service_session, group, "U2", is_coordinator=False, as_coordinator=True, now=NOW)
    assert groups.endorse_group(service_session, group, "U2", is_coordinator=False, as_coordinator=False,
                                now=NOW) is groups.Endorsed.COUNTED
    assert group.status == GroupStatus.PROPOSED
    assert groups.endorse_group(service_session, group, "UC", is_coordinator=True, as_coordinator=True,
                                now=NOW) is groups.Endorsed.ACTIVATED
    assert (group.status, group.next_report_due) == (GroupStatus.ACTIVE, date(2026, 11, 30))
    with pytest.raises(UserError, match="already endorsed"):
        groups.endorse_group(service_session, group, "UC", is_coordinator=True, as_coordinator=True, now=NOW)


def test_only_an_active_group_is_closed_and_only_by_its_leads_or_a_coordinator(service_session: Session) -> None:
    group = a_group(service_session, members=("U2",))
    with pytest.raises(UserError, match="still a proposal"):
        groups.require_can_close(group, "U1", is_coordinator=False)
    groups.endorse_group(service_session, group, "UC", is_coordinator=True, as_coordinator=True, now=NOW)
    groups.require_can_close(group, "U1", is_coordinator=False)
    groups.require_can_close(group, "UC", is_coordinator=True)
    with pytest.raises(UserError, match="Only the leads"):
        groups.require_can_close(group, "U2", is_coordinator=False)


def test_groups_are_listed_active_first_and_a_members_open_groups_leave_out_the_archive(
    service_session: Session,
) -> None:
    archived, proposed, active = (a_group(service_session, name) for name in ("Archive", "Beta", "Zeta"))
    groups.endorse_group(service_session, active, "UC", is_coordinator=True, as_coordinator=True, now=NOW)
    archived.status = GroupStatus.ARCHIVED
    assert [g.name for g in groups.list_groups(service_session, TEAM)] == ["Zeta", "Beta", "Archive"]
    assert [g.name for g in groups.groups_of(service_session, TEAM, "U1")] == ["Zeta", "Beta"]
    assert [g.name for g in groups.awaiting_endorsement(service_session, TEAM)] == ["Beta"]


def test_the_digest_lists_the_weeks_new_proposals(service_session: Session) -> None:
    a_group(service_session, "Old", at=NOW - timedelta(days=8))
    a_group(service_session, "New", members=("U2",), at=NOW - timedelta(days=1))
    window = DigestWindow(team_id=TEAM, since=NOW - timedelta(days=7), until=NOW, today=NOW.date())
    section = groups.new_proposals_section(service_session, window)
    assert section is not None and section_title(section) == "New practice groups"
    assert section_lines(section) == [
        "*New* (Subtopic) proposed by <@U1> — now proposed, 2 members: `/practice join New`"]
    empty = DigestWindow(team_id=TEAM, since=NOW, until=NOW + timedelta(days=7), today=NOW.date())
    assert groups.new_proposals_section(service_session, empty) is None


def test_a_withdrawn_proposal_is_closed_to_everyone_and_leaves_the_digest(service_session: Session) -> None:
    group = a_group(service_session, "New", members=("U2",), at=NOW - timedelta(days=1))
    with pytest.raises(UserError, match="Only its proposer, <@U1>, or a coordinator"):
        groups.withdraw_group(service_session, TEAM, group.id, "U2", is_coordinator=False, now=NOW)
    assert group.status == GroupStatus.PROPOSED
    withdrawn = groups.withdraw_group(service_session, TEAM, group.id, "U1", is_coordinator=False, now=NOW)
    assert (withdrawn.status, withdrawn.withdrawn_by, withdrawn.withdrawn_at) == ("withdrawn", "U1", NOW)
    for act in (lambda: groups.join_group(service_session, group, "U3", now=NOW),
                lambda: groups.withdraw_group(service_session, TEAM, group.id, "U1", is_coordinator=True, now=NOW)):
        with pytest.raises(UserError, match="was withdrawn"):
            act()
    window = DigestWindow(team_id=TEAM, since=NOW - timedelta(days=7), until=NOW, today=NOW.date())
    assert groups.new_proposals_section(service_session, window) is None
    assert groups.groups_of(service_session, TEAM, "U2") == [] and groups.list_groups(service_session, TEAM)
    with pytest.raises(UserError, match="can't find"):
        groups.withdraw_group(service_session, "TOTHER", group.id, "U1", is_coordinator=True, now=NOW)
