"""Deleting one member's data on request: their journals, memberships, seats, partnerships and nudges.

What others own or the community decided stays: reports and feedback they wrote, endorsements they
gave, charters they lead and groups they proposed (without them as a member).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.services.challenges.lookup import is_over
from bot.services.challenges.partners import regroup
from models import (
    Challenge,
    ChallengeInvitation,
    Charter,
    CharterMember,
    GroupMember,
    JournalEntry,
    MemberPrefs,
    Nudge,
    Participant,
    PartnerMember,
    PracticeGroup,
    TimeAway,
)
from models.challenge import ChallengeStatus
from models.charter import Role
from models.group import MemberRole


@dataclass(frozen=True)
class MemberData:
    """How many of each kind of row a member has (what a deletion removes)."""

    journal_entries: int = 0
    group_memberships: int = 0
    charter_seats: int = 0  # named members and volunteers; a lead's seat stays with their charter
    challenge_participations: int = 0
    partnerships: int = 0
    nudges: int = 0  # nudges, nudge settings and time away

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def _count(session: Session, model: Any, team_id: str, user_id: str) -> int:
    return session.scalar(select(func.count()).select_from(model).where(
        model.team_id == team_id, model.user_id == user_id)) or 0


def _group_memberships(session: Session, team_id: str, user_id: str) -> list[GroupMember]:
    return list(session.scalars(select(GroupMember).join(PracticeGroup, GroupMember.group_id == PracticeGroup.id)
                                .where(PracticeGroup.team_id == team_id, GroupMember.user_id == user_id)))


def _charter_seats(session: Session, team_id: str, user_id: str) -> list[CharterMember]:
    return list(session.scalars(select(CharterMember).join(Charter, CharterMember.charter_id == Charter.id)
                                .where(Charter.team_id == team_id, CharterMember.user_id == user_id,
                                       CharterMember.role != Role.LEAD)))


def member_data(session: Session, team_id: str, user_id: str) -> MemberData:
    """What a deletion of the member's data would remove, counted."""
    return MemberData(
        journal_entries=_count(session, JournalEntry, team_id, user_id),
        group_memberships=len(_group_memberships(session, team_id, user_id)),
        charter_seats=len(_charter_seats(session, team_id, user_id)),
        challenge_participations=_count(session, Participant, team_id, user_id),
        partnerships=_count(session, PartnerMember, team_id, user_id),
        nudges=(_count(session, Nudge, team_id, user_id) + _count(session, MemberPrefs, team_id, user_id)
                + _count(session, TimeAway, team_id, user_id)),
    )


def erase_member(session: Session, team_id: str, user_id: str, *, now: datetime) -> MemberData:
    """Delete the member's data (see MemberData) and return what was deleted; nothing left, nothing deleted.

    Their partners in a running challenge are placed again by the partner services, as when someone leaves.
    """
    deleted = member_data(session, team_id, user_id)
    if not deleted.total:
        return deleted
    for membership in _group_memberships(session, team_id, user_id):
        group = session.get_one(PracticeGroup, membership.group_id)
        group.members.remove(membership)
        if membership.role == MemberRole.LEAD and not group.lead_ids and group.members:
            group.members[0].role = MemberRole.LEAD  # the longest-standing member leads, as when a lead leaves
    for seat in _charter_seats(session, team_id, user_id):
        session.delete(seat)
    partnered = set(session.scalars(select(PartnerMember.challenge_id).where(
        PartnerMember.team_id == team_id, PartnerMember.user_id == user_id, PartnerMember.removed_at.is_(None))))
    for model in (JournalEntry, Participant, Nudge, TimeAway, ChallengeInvitation, MemberPrefs):
        session.execute(delete(model).where(model.team_id == team_id, model.user_id == user_id))
    session.flush()
    for challenge in session.scalars(select(Challenge).where(Challenge.id.in_(partnered)).order_by(Challenge.id)):
        if challenge.status == ChallengeStatus.ACTIVE and not is_over(challenge, now):
            regroup(session, challenge.id, now)
    session.execute(delete(PartnerMember).where(PartnerMember.team_id == team_id, PartnerMember.user_id == user_id))
    session.flush()
    return deleted
