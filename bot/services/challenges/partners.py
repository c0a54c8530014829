"""Accountability partners in the database: pairing at the start, late joiners, leavers, who is whose."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db import insert_rows
from bot.services.challenges import members
from bot.services.challenges.lookup import is_over
from bot.services.challenges.pairing import Participant as Partner
from bot.services.challenges.pairing import history_of, pair, place
from bot.services.challenges.social_queue import Queued, queue_message, queue_messages
from models import Challenge, ChallengeDay, JournalEntry, Participant
from models.challenge import ChallengeStatus
from models.social import MemberPrefs, PartnerGroup, PartnerMember, SocialMessage, SocialMessageKind


def _started(session: Session, challenge: Challenge, now: datetime) -> bool:
    first = session.scalar(select(func.min(ChallengeDay.due_at)).where(ChallengeDay.challenge_id == challenge.id))
    return first is not None and first <= now


def eligible(session: Session, challenge: Challenge) -> list[str]:
    """Participants taking part now and still in the workspace, in join order."""
    # Joined to their prefs rather than the ids sent back in an IN list: a big challenge has thousands.
    return list(session.scalars(
        select(Participant.user_id)
        .outerjoin(MemberPrefs, (MemberPrefs.team_id == challenge.team_id)
                   & (MemberPrefs.user_id == Participant.user_id))
        .where(Participant.challenge_id == challenge.id, Participant.left_at.is_(None), MemberPrefs.gone_at.is_(None))
        .order_by(Participant.joined_at, Participant.id)
    ))


def _memberships(session: Session, challenge_id: int) -> list[PartnerMember]:
    return list(session.scalars(
        select(PartnerMember).where(PartnerMember.challenge_id == challenge_id, PartnerMember.removed_at.is_(None))
        .order_by(PartnerMember.group_id, PartnerMember.id)
    ))


def _alone_key(session: Session, challenge: Challenge, user_id: str) -> str:
    # One notice each time they find themselves without a partner, not one every tick.
    times = session.scalar(select(func.count()).select_from(PartnerMember).where(
        PartnerMember.challenge_id == challenge.id, PartnerMember.user_id == user_id))
    return f"alone:{challenge.id}:{user_id}:{times}"


@dataclass(frozen=True)
class Pending:
    challenge_id: int
    team_id: str
    user_ids: list[str]  # the unpaired, whose timezones the pairing needs


def pending(session: Session, now: datetime) -> list[Pending]:
    """Running challenges with partners whose groups no longer match who takes part."""
    found: list[Pending] = []
    for challenge in session.scalars(
        select(Challenge).where(Challenge.status == ChallengeStatus.ACTIVE, Challenge.partners.is_(True))
        .order_by(Challenge.id)
    ):
        if is_over(challenge, now) or not _started(session, challenge, now):
            continue
        taking_part = eligible(session, challenge)
        paired = set(session.scalars(select(PartnerMember.user_id).where(
            PartnerMember.challenge_id == challenge.id, PartnerMember.removed_at.is_(None))))
        unpaired = [u for u in taking_part if u not in paired]
        if paired - set(taking_part):
            found.append(Pending(challenge.id, challenge.team_id, unpaired))
        elif unpaired and not (len(unpaired) == 1 and not paired and _alone_told(session, challenge, unpaired[0])):
            found.append(Pending(challenge.id, challenge.team_id, unpaired))
    return found


def _alone_told(session: Session, challenge: Challenge, user_id: str) -> bool:
    key = _alone_key(session, challenge, user_id)
    return bool(session.scalar(select(func.count()).select_from(SocialMessage).where(SocialMessage.key == key)))


@dataclass(frozen=True)
class Regrouped:
    introduced: list[list[str]]  # the groups that got an introduction
    alone: list[str]


def regroup(session: Session, challenge_id: int, now: datetime) -> Regrouped:
    """Bring the challenge's partner groups in line with who takes part, and queue the introductions.

    Leavers (and members gone from the workspace) are taken out; a partner left alone is placed
    again; the first time everyone is paired, later joiners pair with each other or join a pair.
    """
    # Locks the challenge on PostgreSQL (SQLite serialises writers), so two workers never both pair.
    challenge = session.scalars(select(Challenge).where(Challenge.id == challenge_id).with_for_update()).one()
    taking_part = eligible(session, challenge)
    first_time = not session.scalar(
        select(func.count()).select_from(PartnerGroup).where(PartnerGroup.challenge_id == challenge.id))
    by_group: dict[int, list[PartnerMember]] = defaultdict(list)
    departed: dict[int, list[str]] = defaultdict(list)
    for membership in _memberships(session, challenge.id):
        if membership.user_id in taking_part:
            by_group[membership.group_id].append(membership)
        else:
            membership.removed_at = now
            departed[membership.group_id].append(membership.user_id)
    for group_id, rows in list(by_group.items()):
        if len(rows) < 2:  # their partner left: they are placed again below
            for row in rows:
                row.removed_at = now
            del by_group[group_id]
    paired = {row.user_id for rows in by_group.values() for row in rows}
    unpaired = [u for u in taking_part if u not in paired]
    # A triad that lost someone carries on as a pair: told so, and introduced again (the first
    # introduction may never have reached them, when it failed for the one who left).
    shrunk = {g: [row.user_id for row in by_group[g]] for g in departed if g in by_group}
    if not unpaired:
        _tell_shrunk(session, challenge, shrunk, departed, now)
        session.flush()
        return Regrouped(list(shrunk.values()), [])

    everyone = paired | set(unpaired)
    zones = members.zones(session, challenge.team_id, everyone)
    partner = {u: Partner(u, members.utc_offset(zones[u] or challenge.timezone, now)) for u in everyone}
    history = _history(session, challenge)
    existing = sorted(by_group.items())
    current = [[partner[row.user_id] for row in rows] for _, rows in existing]
    if first_time:
        result_groups = [list(g) for g in pair([partner[u] for u in unpaired], history)]
        changed = list(range(len(result_groups)))
    else:
        placed = place([partner[u] for u in unpaired], current, history)
        result_groups, changed = [list(g) for g in placed.groups], placed.changed

    introduced: list[list[str]] = []
    fresh = [index for index in changed if index >= len(existing)]
    new_groups = dict(zip(fresh, _new_groups(session, challenge, len(fresh), now), strict=True))
    intros: list[Queued] = []
    placements: list[dict[str, Any]] = []
    for index in changed:
        wanted = result_groups[index]
        if index < len(existing):
            group_id, rows = existing[index]
            before = {row.user_id for row in rows}
            for row in rows:
                if row.user_id not in wanted:
                    row.removed_at = now
            newcomers = [u for u in wanted if u not in before]
        else:
            group_id, newcomers, before = new_groups[index], [], set()
        placements += [dict(team_id=challenge.team_id, challenge_id=challenge.id, group_id=group_id, user_id=user_id,
                            added_at=now) for user_id in wanted if user_id not in before]
        if index >= len(existing) or newcomers:
            intros.append(Queued(f"intro:{group_id}:{','.join(sorted(wanted))}", SocialMessageKind.INTRO, wanted,
                                 {"newcomers": newcomers, "zones": [zones.get(u) for u in wanted]}))
            introduced.append(wanted)
            shrunk.pop(group_id, None)
    insert_rows(session, PartnerMember, placements)
    queue_messages(session, challenge, intros, now)
    _tell_shrunk(session, challenge, shrunk, departed, now)
    introduced += shrunk.values()
    session.flush()
    now_paired = {u for g in result_groups for u in g}
    alone = [u for u in unpaired if u not in now_paired]
    for user_id in alone:
        queue_message(session, challenge, _alone_key(session, challenge, user_id), SocialMessageKind.ALONE, [user_id],
                      now)
    return Regrouped(introduced, alone)


def _tell_shrunk(session: Session, challenge: Challenge, shrunk: dict[int, list[str]], departed: dict[int, list[str]],
                 now: datetime) -> None:
    for group_id, remaining in shrunk.items():
        zones = members.zones(session, challenge.team_id, remaining)
        queue_message(session, challenge, f"intro:{group_id}:{','.join(sorted(remaining))}", SocialMessageKind.INTRO,
                      remaining, now, departed=departed[group_id], zones=[zones.get(u) for u in remaining])


def _new_groups(session: Session, challenge: Challenge, count: int, now: datetime) -> list[int]:
    """`count` new groups in one insert (at the start of a big challenge there are thousands); their ids in order.

    The challenge is locked meanwhile (see regroup), so the ids after its last group are these."""
    last = session.scalar(select(func.max(PartnerGroup.id)).where(PartnerGroup.challenge_id == challenge.id)) or 0
    insert_rows(session, PartnerGroup, [dict(team_id=challenge.team_id, challenge_id=challenge.id, created_at=now)
                                        for _ in range(count)])
    return list(session.scalars(select(PartnerGroup.id).where(
        PartnerGroup.challenge_id == challenge.id, PartnerGroup.id > last).order_by(PartnerGroup.id)))


def _history(session: Session, challenge: Challenge) -> dict[str, set[str]]:
    """Who was whose partner in the workspace's other challenges."""
    groups: dict[int, list[str]] = defaultdict(list)
    for group_id, user_id in session.execute(
        select(PartnerMember.group_id, PartnerMember.user_id)
        .where(PartnerMember.team_id == challenge.team_id, PartnerMember.challenge_id != challenge.id)
    ):
        groups[group_id].append(user_id)
    return history_of(groups.values())


def group_of(session: Session, challenge_id: int, user_id: str) -> tuple[int, list[str]] | None:
    """The member's current partner group in the challenge and everyone in it; None when they have none."""
    mine = session.scalars(select(PartnerMember.group_id).where(
        PartnerMember.challenge_id == challenge_id, PartnerMember.user_id == user_id, PartnerMember.removed_at.is_(None)
    )).first()
    return None if mine is None else (mine, members_of_group(session, mine))


def members_of_group(session: Session, group_id: int) -> list[str]:
    """Who is in the group now, in the order they joined it."""
    return list(session.scalars(select(PartnerMember.user_id).where(
        PartnerMember.group_id == group_id, PartnerMember.removed_at.is_(None)).order_by(PartnerMember.id)))


def partners_of(session: Session, challenge_id: int, user_id: str) -> list[str] | None:
    """The member's current partners in the challenge; None when they have none."""
    group = group_of(session, challenge_id, user_id)
    return None if group is None else [u for u in group[1] if u != user_id]


def groups_of(session: Session, challenge_id: int) -> list[list[str]]:
    """Every current partner group of the challenge, as sorted lists of member ids."""
    by_group: dict[int, list[str]] = defaultdict(list)
    for row in _memberships(session, challenge_id):
        by_group[row.group_id].append(row.user_id)
    return [sorted(users) for _, users in sorted(by_group.items())]


@dataclass(frozen=True)
class PartnerStatus:
    user_id: str
    journaled_today: bool
    away: bool


@dataclass(frozen=True)
class MyPartners:
    """A participant's partners and how they are doing today; `partners` None when they have none."""

    challenge: Challenge
    enabled: bool  # the challenge has accountability partners at all
    started: bool
    partners: list[PartnerStatus] | None


def my_partners(session: Session, challenge: Challenge, user_id: str, now: datetime) -> MyPartners:
    started = _started(session, challenge, now)
    ids = partners_of(session, challenge.id, user_id) if challenge.partners else None
    if ids is None:
        return MyPartners(challenge, challenge.partners, started, None)
    day = session.scalars(
        select(ChallengeDay.number).where(ChallengeDay.challenge_id == challenge.id, ChallengeDay.due_at <= now)
        .order_by(ChallengeDay.number.desc()).limit(1)
    ).first()
    journaled = set(session.scalars(select(JournalEntry.user_id).where(
        JournalEntry.challenge_id == challenge.id, JournalEntry.day_number == day, JournalEntry.user_id.in_(ids)
    ))) if day else set()
    zones = members.zones(session, challenge.team_id, ids)
    periods = members.away_periods(session, challenge.team_id, ids)
    statuses = [
        PartnerStatus(u, u in journaled, members.is_away(periods[u], members.local_today(zones[u], now))) for u in ids
    ]
    return MyPartners(challenge, True, started, statuses)


def tell_partners(session: Session, team_id: str, user_id: str, kind: str, now: datetime, *, key: str,
                  **payload: Any) -> int:
    """Queue a note about `user_id` to their partners in every running challenge; return how many."""
    told = 0
    for challenge in session.scalars(
        select(Challenge).join(Participant, Participant.challenge_id == Challenge.id).where(
            Challenge.team_id == team_id, Challenge.status == ChallengeStatus.ACTIVE, Participant.user_id == user_id,
            Participant.left_at.is_(None))
    ):
        for partner in partners_of(session, challenge.id, user_id) or []:
            told += queue_message(session, challenge, f"{kind}:{key}:{challenge.id}:{partner}", kind, [partner], now,
                                  user_id=user_id, **payload)
    return told
