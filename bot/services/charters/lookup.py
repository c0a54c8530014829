"""Finding charters, and who may act on one in its current status."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import CharterField as F
from bot.services.charters.ledger import Ledger, ledgers
from bot.services.groups import find_group
from models import Charter, CharterMember, PracticeGroup
from models.charter import CharterStatus as S
from models.group import GroupStatus

EDITABLE = (S.DRAFT, S.PROPOSED)
CHANGEABLE = (S.PROPOSED, S.CHARTERED)


@dataclass(frozen=True)
class CharterHome:
    """One member's charters, and for coordinators the charters awaiting approval."""

    mine: list[Charter] = field(default_factory=list)
    awaiting_approval: list[Charter] = field(default_factory=list)
    ledgers: dict[int, Ledger] = field(default_factory=dict)  # of the member's active charters



def parse_id(ref: str) -> int:
    """`"3"` or `"#3"` → 3; a UserError for anything else."""
    raw = ref.strip().lstrip("#")
    if not raw:
        raise UserError("Give the charter's number, for example `/charter show 3`. `/charter list` shows them.")
    if not raw.isdigit() or len(raw) > 9:
        raise UserError("“{}” is not a charter number. `/charter list` shows them.", names=[ref.strip()[:40]])
    return int(raw)


def get_charter(session: Session, team_id: str, charter_id: int | str, *, for_update: bool = False) -> Charter:
    """This workspace's charter `charter_id` (a number, or text such as "#3"); a UserError when unknown."""
    number = charter_id if isinstance(charter_id, int) else parse_id(charter_id)
    query = select(Charter).where(Charter.id == number, Charter.team_id == team_id)
    if for_update:
        query = query.with_for_update()
    charter = session.scalars(query).one_or_none()
    if charter is None:
        raise UserError(f"There is no charter #{number}. `/charter list` shows them.")
    return charter


def visible_charter(session: Session, team_id: str, charter_ref: str, user_id: str) -> Charter:
    """The charter as `user_id` may see it: a draft only to its team."""
    charter = get_charter(session, team_id, charter_ref)
    if charter.status == S.DRAFT and user_id not in charter.member_ids:
        raise UserError(f"Charter #{charter.id} is still a draft: only its team can see it until it is submitted.")
    return charter


def list_charters(session: Session, team_id: str) -> list[Charter]:
    """Every charter of the workspace but drafts, the newest first."""
    query = select(Charter).where(Charter.team_id == team_id, Charter.status != S.DRAFT).order_by(Charter.id.desc())
    return list(session.scalars(query))


def charters_home(session: Session, team_id: str, user_id: str, *, is_coordinator: bool) -> CharterHome:
    open_statuses = (S.DRAFT, S.PROPOSED, S.CHARTERED, S.ACTIVE)
    mine = select(Charter).join(CharterMember).where(
        Charter.team_id == team_id, CharterMember.user_id == user_id, Charter.status.in_(open_statuses)
    ).order_by(Charter.id)
    awaiting: list[Charter] = []
    if is_coordinator:
        pending = select(Charter).where(Charter.team_id == team_id, Charter.status == S.PROPOSED).order_by(Charter.id)
        awaiting = list(session.scalars(pending))
    charters = list(session.scalars(mine))
    active = ledgers(session, [c for c in charters if c.status == S.ACTIVE])
    return CharterHome(mine=charters, awaiting_approval=awaiting, ledgers=active)



def group_named(session: Session, team_id: str, name: str | None) -> PracticeGroup | None:
    """The practice group a charter belongs to, found by name (any case); None for no group."""
    if not name:
        return None
    try:
        group = find_group(session, team_id, name)
    except UserError as error:
        raise UserError(error.plain, field=F.GROUP) from None
    if group.status in (GroupStatus.ARCHIVED, GroupStatus.WITHDRAWN):
        raise UserError(f"*{{}}* is {group.status}: choose an open practice group, or none.", field=F.GROUP,
                        names=[group.name])
    return group



def require_lead(charter: Charter, user_id: str, doing: str) -> None:
    if user_id not in charter.lead_ids:
        raise UserError(f"Only the charter's lead (<@{charter.proposer_id}>) can {doing}.")


def status_word(charter: Charter) -> str:
    """The status as it reads after "is": "still a draft", "proposed", "active"…"""
    return "still a draft" if charter.status == S.DRAFT else str(charter.status)


def require_status(charter: Charter, allowed: tuple[S, ...], doing: str) -> None:
    if charter.status not in allowed:
        raise UserError(f"Charter #{charter.id} is {status_word(charter)}: it cannot {doing} now.")

