"""Practice groups: proposing, endorsing, joining, leaving, finding by name, and their digest lines."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import UserError, collect_errors
from bot.ids import GroupField
from bot.services.digest_types import DigestWindow, NewGroups
from bot.services.reports.reminders import start_reporting
from models.group import REASONS, GroupEndorsement, GroupMember, GroupStatus, MemberRole, PracticeGroup, Reason
from models.report import Cadence

MAX_NAME = 80
MAX_TEXT = 2000
MAX_INITIAL_MEMBERS = 50


@dataclass(frozen=True)
class ProposalInput:
    name: str
    reason: str | None
    focus: str
    activities: str
    cadence: str | None
    member_ids: list[str]
    channel_id: str | None


def name_key(name: str) -> str:
    return " ".join(name.split()).lower()


def validate_proposal(session: Session, team_id: str, values: ProposalInput, *,
                      channel_problem: str | None = None) -> ProposalInput:
    """The proposal cleaned up; a UserError (FieldErrors for several) naming every wrong field.

    `channel_problem` is why the bot cannot post in the chosen place to work, when it cannot.
    """
    errors: dict[str, str] = {}
    name = " ".join((values.name or "").split())
    if not name:
        errors[GroupField.NAME] = "Give the group a name."
    elif len(name) > MAX_NAME:
        errors[GroupField.NAME] = f"Keep the name under {MAX_NAME} characters."
    elif (existing := session.scalar(select(PracticeGroup).where(
            PracticeGroup.team_id == team_id, PracticeGroup.name_key == name_key(name)))) is not None:
        errors[GroupField.NAME] = (f"There is already a group called “{existing.name}” ({existing.status}). "
                                   "Choose another name, or join that one.")
    if values.reason not in set(Reason):
        errors[GroupField.REASON] = "Choose the reason for the group."
    focus, activities = (values.focus or "").strip(), (values.activities or "").strip()
    if not focus:
        errors[GroupField.FOCUS] = "Say what the group will focus on: its learning challenge."
    for field, text in ((GroupField.FOCUS, focus), (GroupField.ACTIVITIES, activities)):
        if len(text) > MAX_TEXT:
            errors[field] = f"Keep this under {MAX_TEXT} characters (it has {len(text)})."
    if values.cadence not in set(Cadence):
        errors[GroupField.CADENCE] = "Choose how often the group reports back."
    members = list(dict.fromkeys(values.member_ids))
    if len(members) > MAX_INITIAL_MEMBERS:
        errors[GroupField.MEMBERS] = f"Choose at most {MAX_INITIAL_MEMBERS} initial members; others can join later."
    if channel_problem:
        errors[GroupField.CHANNEL] = channel_problem
    collect_errors(errors)
    activities = activities or REASONS[Reason(str(values.reason))].activities
    return ProposalInput(name, values.reason, focus, activities, values.cadence, members, values.channel_id)


def propose_group(session: Session, team_id: str, proposer_id: str, values: ProposalInput, *, now: datetime,
                  view_id: str | None = None, channel_problem: str | None = None) -> tuple[PracticeGroup, bool]:
    """Store a proposed group led by its proposer, with its initial members; and whether it is new."""
    if view_id is not None:
        earlier = session.scalar(select(PracticeGroup).where(PracticeGroup.team_id == team_id,
                                                                  PracticeGroup.view_id == view_id))
        if earlier is not None:
            return earlier, False
    values = validate_proposal(session, team_id, values, channel_problem=channel_problem)
    group = PracticeGroup(
        team_id=team_id, name=values.name, name_key=name_key(values.name), reason=values.reason,
        focus=values.focus, activities=values.activities, report_cadence=values.cadence,
        channel_id=values.channel_id, status=GroupStatus.PROPOSED, proposer_id=proposer_id, created_at=now,
        view_id=view_id, members=[], endorsements=[],
    )
    group.members.append(GroupMember(user_id=proposer_id, role=MemberRole.LEAD, joined_at=now))
    for user_id in values.member_ids:
        if user_id != proposer_id:
            group.members.append(GroupMember(user_id=user_id, role=MemberRole.MEMBER, joined_at=now))
    session.add(group)
    session.flush()
    return group, True


def set_proposal_message(session: Session, group: PracticeGroup, channel_id: str, ts: str) -> None:
    group.proposal_channel_id, group.proposal_ts = channel_id, ts


def get_group(session: Session, team_id: str, group_id: int) -> PracticeGroup:
    group = session.get(PracticeGroup, group_id)
    if group is None or group.team_id != team_id:
        raise UserError("I can't find that practice group any more.")
    return group


def find_group(session: Session, team_id: str, name: str) -> PracticeGroup:
    """The group called `name`, whatever its case; a UserError suggesting the closest names."""
    if not name.strip():
        raise UserError("Which group? Give its name, e.g. `/practice join Data Viz`. `/practice list` shows them all.")
    groups = list(session.scalars(select(PracticeGroup).where(PracticeGroup.team_id == team_id)))
    key = name_key(name)
    for group in groups:
        if group.name_key == key:
            return group
    by_key = {g.name_key: g.name for g in groups}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    close += [k for k in by_key if key in k and k not in close][: 3 - len(close)]
    shown = name.strip()[:80]
    if close:
        raise UserError("There is no practice group called “{}”. Did you mean " + " or ".join("*{}*" for _ in close)
                        + "?", names=[shown, *(by_key[k] for k in close)])
    raise UserError("There is no practice group called “{}”. `/practice list` shows them all.", names=[shown])


def _require_open(group: PracticeGroup) -> None:
    if group.status == GroupStatus.ARCHIVED:
        raise UserError("*{}* is archived: it closed with a closing report.", names=[group.name])
    if group.status == GroupStatus.WITHDRAWN:
        raise UserError("*{}* was withdrawn before it was endorsed: it can no longer be joined, endorsed "
                        "or closed.", names=[group.name])


def join_group(session: Session, group: PracticeGroup, user_id: str, *, now: datetime) -> None:
    _require_open(group)
    already = UserError("You are already a member of *{}*.", names=[group.name])
    if user_id in group.member_ids:
        raise already
    group.members.append(GroupMember(user_id=user_id, role=MemberRole.MEMBER, joined_at=now))
    _flush_unless_taken(session, already)


def _flush_unless_taken(session: Session, error: UserError) -> None:
    """Flush; a unique constraint broken by a concurrent double click becomes `error` (rolled back)."""
    try:
        session.flush()
    except IntegrityError:
        raise error from None


def leave_group(session: Session, group: PracticeGroup, user_id: str) -> str | None:
    """Remove `user_id`; when the last lead leaves, the longest-standing member leads. Returns the new lead."""
    _require_open(group)
    membership = next((m for m in group.members if m.user_id == user_id), None)
    if membership is None:
        raise UserError("You are not a member of *{}*.", names=[group.name])
    group.members.remove(membership)
    new_lead = None
    if membership.role == MemberRole.LEAD and not group.lead_ids and group.members:
        group.members[0].role = MemberRole.LEAD
        new_lead = group.members[0].user_id
    session.flush()
    return new_lead


class Endorsed(Enum):
    ACTIVATED = "activated"  # a coordinator's endorsement made the group active
    COUNTED = "counted"


def endorse_group(session: Session, group: PracticeGroup, user_id: str, *, is_coordinator: bool,
                  as_coordinator: bool, now: datetime) -> Endorsed:
    """Record an endorsement. A coordinator's activates a proposed group; `as_coordinator` demands one."""
    _require_open(group)
    if as_coordinator and not is_coordinator:
        raise UserError("Only coordinators can endorse a group on behalf of the community.")
    already = UserError("You have already endorsed *{}*.", names=[group.name])
    if any(e.user_id == user_id for e in group.endorsements):
        raise already
    group.endorsements.append(GroupEndorsement(user_id=user_id, as_coordinator=is_coordinator, created_at=now))
    _flush_unless_taken(session, already)
    if is_coordinator and group.status == GroupStatus.PROPOSED:
        group.status = GroupStatus.ACTIVE
        group.activated_at = now
        start_reporting(session, group, now)
        session.flush()
        return Endorsed.ACTIVATED
    return Endorsed.COUNTED


def require_can_close(group: PracticeGroup, user_id: str, *, is_coordinator: bool) -> None:
    _require_open(group)
    if user_id not in group.lead_ids and not is_coordinator:
        raise UserError("Only the leads of *{}* and coordinators can close it.", names=[group.name])
    if group.status != GroupStatus.ACTIVE:
        raise UserError("*{}* is still a proposal. Members can leave it; it can be closed once a "
                        "coordinator has endorsed it.", names=[group.name])


def withdraw_group(session: Session, team_id: str, group_id: int, user_id: str, *, is_coordinator: bool,
                   now: datetime) -> PracticeGroup:
    """Its proposer (or a coordinator) withdraws a group that is still a proposal; nobody can join or endorse it."""
    group = session.scalars(select(PracticeGroup).where(PracticeGroup.id == group_id, PracticeGroup.team_id == team_id)
                            .with_for_update()).one_or_none()
    if group is None:
        raise UserError("I can't find that practice group any more.")
    _require_open(group)
    if user_id != group.proposer_id and not is_coordinator:
        raise UserError(f"Only its proposer, <@{group.proposer_id}>, or a coordinator can withdraw *{{}}* "
                        "while it is a proposal. Members can leave it: `/practice leave NAME`.", names=[group.name])
    if group.status != GroupStatus.PROPOSED:
        raise UserError("*{}* is active now: `/practice close` closes it with a closing report.", names=[group.name])
    group.status, group.withdrawn_at, group.withdrawn_by = GroupStatus.WITHDRAWN, now, user_id
    session.flush()
    return group


def list_groups(session: Session, team_id: str) -> list[PracticeGroup]:
    """Every group: active first, then proposals, then the archive; by name within each."""
    order = {GroupStatus.ACTIVE: 0, GroupStatus.PROPOSED: 1, GroupStatus.ARCHIVED: 2, GroupStatus.WITHDRAWN: 3}
    groups = session.scalars(select(PracticeGroup).where(PracticeGroup.team_id == team_id))
    return sorted(groups, key=lambda g: (order[GroupStatus(g.status)], g.name_key))


def groups_of(session: Session, team_id: str, user_id: str) -> list[PracticeGroup]:
    """The open groups `user_id` is a member of."""
    return [g for g in list_groups(session, team_id)
            if user_id in g.member_ids and g.status in (GroupStatus.ACTIVE, GroupStatus.PROPOSED)]


def awaiting_endorsement(session: Session, team_id: str) -> list[PracticeGroup]:
    return [g for g in list_groups(session, team_id) if g.status == GroupStatus.PROPOSED]


def new_proposals_section(session: Session, window: DigestWindow) -> NewGroups | None:
    """Practice groups proposed in the digest's week (not those withdrawn since: nobody can join them)."""
    groups = session.scalars(
        select(PracticeGroup)
        .where(PracticeGroup.team_id == window.team_id, PracticeGroup.created_at >= window.since,
               PracticeGroup.created_at < window.until, PracticeGroup.status != GroupStatus.WITHDRAWN)
        .order_by(PracticeGroup.created_at)
    )
    found = list(groups)
    return NewGroups(found) if found else None
