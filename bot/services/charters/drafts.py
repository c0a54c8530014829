"""A charter's draft: created from the form, edited by its lead, submitted to the community."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import CharterField as F
from bot.services.charters.form import MAX_GROUP, CharterFields, CharterInput, validate_charter
from bot.services.charters.lookup import EDITABLE, get_charter, group_named, require_lead, require_status
from bot.services.community import require_community_channel
from models import Charter, CharterMember, PracticeGroup
from models.charter import CharterStatus as S
from models.charter import Role


def _assign(charter: Charter, fields: CharterFields, now: datetime) -> None:
    for name in ("title", "goal", "scope_in", "scope_out", "deliverable", "origin", "seats_needed", "hours_per_week",
                 "weeks", "budget_amount", "budget_currency", "learning_sponsor_id", "funding_sponsor_id", "cadence",
                 "report_channel_id", "variation", "case_study_name", "case_study_link", "pro_bono_for"):
        setattr(charter, name, getattr(fields, name))
    wanted = set(fields.member_ids)
    for member in list(charter.members):
        if member.role == Role.MEMBER and member.user_id not in wanted:
            charter.members.remove(member)
    present = set(charter.member_ids)
    for user_id in fields.member_ids:
        if user_id not in present:
            charter.members.append(CharterMember(user_id=user_id, role=Role.MEMBER, joined_at=now))



def _checked(session: Session, team_id: str, values: CharterInput, proposer_id: str,
             channel_problem: str | None) -> tuple[CharterFields, PracticeGroup | None]:
    """The form's fields and its practice group; FieldErrors naming every bad field, the group and channel too."""
    known: dict[str, str] = {F.CHANNEL: channel_problem} if channel_problem else {}
    group = None
    try:
        group = group_named(session, team_id, (values.group_name or "").strip()[:MAX_GROUP] or None)
    except UserError as error:
        known[F.GROUP] = error.plain
    return validate_charter(values, proposer_id=proposer_id, known=known), group


def create_draft(session: Session, team_id: str, proposer_id: str, values: CharterInput, *, now: datetime,
                 view_id: str | None = None, channel_problem: str | None = None) -> tuple[Charter, bool]:
    """A new draft charter with the proposer as its lead, and True; for a form submitted again
    (the same `view_id`), the draft it made the first time, and False. `channel_problem` is why the
    bot cannot post in the chosen channel, shown with the form's other errors."""
    if view_id is not None:
        earlier = session.scalar(select(Charter).where(Charter.team_id == team_id, Charter.form_view_id == view_id))
        if earlier is not None:
            return earlier, False
    fields, group = _checked(session, team_id, values, proposer_id, channel_problem)
    charter = Charter(team_id=team_id, proposer_id=proposer_id, status=S.DRAFT, created_at=now, endorsements=[],
                      form_view_id=view_id, group=group)
    charter.members.append(CharterMember(user_id=proposer_id, role=Role.LEAD, joined_at=now))
    _assign(charter, fields, now)
    session.add(charter)
    session.flush()
    return charter, True


def check_editable(charter: Charter, user_id: str) -> None:
    """Only the lead edits, and only before approval; after it, a coordinator reopens it."""
    require_lead(charter, user_id, "edit it")
    if charter.status in (S.CHARTERED, S.ACTIVE):
        raise UserError(
            f"Charter #{charter.id} is already approved, so it can no longer be edited. "
            "If it must change, ask a coordinator to use *Request changes*: it comes back to you as a draft."
        )
    require_status(charter, EDITABLE, "be edited")


def update_charter(session: Session, team_id: str, charter_id: int, user_id: str, values: CharterInput, *,
                   now: datetime, channel_problem: str | None = None) -> Charter:
    """The lead's edit of a draft or proposed charter."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    check_editable(charter, user_id)
    fields, charter.group = _checked(session, team_id, values, charter.proposer_id, channel_problem)
    _assign(charter, fields, now)
    session.flush()
    return charter


def submit(session: Session, team_id: str, charter_id: int, user_id: str, *, now: datetime) -> tuple[Charter, str]:
    """The lead submits the draft to the community: proposed. Returns it and the community channel."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    require_lead(charter, user_id, "submit it")
    if charter.status != S.DRAFT:
        raise UserError(f"Charter #{charter.id} is already {charter.status}.")
    channel = require_community_channel(session, team_id)
    charter.status = S.PROPOSED
    charter.submitted_at = now
    charter.changes_requested = None
    charter.changes_requested_by = None
    session.flush()
    return charter, channel


def record_proposal(session: Session, charter_id: int, channel_id: str, ts: str) -> None:
    charter = session.get_one(Charter, charter_id)
    charter.proposal_channel_id = channel_id
    charter.proposal_ts = ts


def unsubmit(session: Session, charter_id: int) -> None:
    """Back to draft after the proposal could not be posted."""
    charter = session.get_one(Charter, charter_id)
    if charter.status == S.PROPOSED:
        charter.status = S.DRAFT

