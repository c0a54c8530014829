"""A charter's commitment ledger: the hours its team pledged (hours/week × weeks a member) against those reported."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.services.reports.hours import hours_reported
from models import Charter


@dataclass(frozen=True)
class MemberHours:
    user_id: str
    pledged: int
    reported: float


@dataclass(frozen=True)
class Ledger:
    """Pledged against reported hours of one charter, by member (its team, then anyone who left after reporting)."""

    charter_id: int
    members: tuple[MemberHours, ...]

    @property
    def pledged(self) -> int:
        return sum(m.pledged for m in self.members)

    @property
    def reported(self) -> float:
        return sum(m.reported for m in self.members)


def _ledger(charter: Charter, reported: dict[str, float]) -> Ledger:
    pledge = charter.hours_per_week * charter.weeks
    team = [MemberHours(user_id, pledge, reported.get(user_id, 0.0)) for user_id in charter.member_ids]
    gone = [MemberHours(user_id, 0, hours) for user_id, hours in reported.items() if user_id not in charter.member_ids]
    return Ledger(charter.id, tuple(team + gone))


def ledgers(session: Session, charters: list[Charter]) -> dict[int, Ledger]:
    """The ledger of each charter, by charter id, in one query."""
    reported = hours_reported(session, Charter.subject_kind, [c.id for c in charters])
    return {c.id: _ledger(c, reported.get(c.id, {})) for c in charters}


def charter_ledger(session: Session, charter: Charter) -> Ledger:
    return ledgers(session, [charter])[charter.id]
