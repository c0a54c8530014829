"""A submitted charter moved on: endorsed, approved or sent back, staffed, started, completed, cancelled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.charters.form import Findings, validate_reason
from bot.services.charters.lookup import CHANGEABLE, get_charter, require_lead, require_status, status_word
from bot.services.community import require_community_channel
from bot.services.reports.reminders import schedule_reminders, start_reporting
from models import Charter, CharterEndorsement, CharterMember
from models.charter import CharterStatus as S
from models.charter import Role


def endorse(session: Session, team_id: str, charter_id: int, user_id: str, *, now: datetime) -> Charter:
    charter = get_charter(session, team_id, charter_id, for_update=True)
    require_status(charter, CHANGEABLE + (S.ACTIVE,), "be endorsed")
    if user_id in charter.lead_ids:
        raise UserError("You lead this charter; endorsements come from the rest of the community.")
    if any(e.user_id == user_id for e in charter.endorsements):
        raise UserError(f"You have already endorsed charter #{charter.id}.")
    charter.endorsements.append(CharterEndorsement(user_id=user_id, endorsed_at=now))
    session.flush()
    return charter


def approve(session: Session, team_id: str, charter_id: int, user_id: str, *, is_coordinator: bool,
            now: datetime) -> Charter:
    """A coordinator charters the project on the community's behalf."""
    if not is_coordinator:
        raise UserError("Only coordinators can approve a charter. You can *Endorse* it instead.")
    charter = get_charter(session, team_id, charter_id, for_update=True)
    if charter.status == S.CHARTERED:
        raise UserError(f"Charter #{charter.id} is already approved.")
    require_status(charter, (S.PROPOSED,), "be approved")
    charter.status = S.CHARTERED
    charter.approved_by = user_id
    charter.approved_at = now
    session.flush()
    return charter


def check_can_request_changes(charter: Charter, *, is_coordinator: bool) -> None:
    if not is_coordinator:
        raise UserError("Only coordinators can request changes to a charter.")
    require_status(charter, CHANGEABLE, "be sent back for changes")


def request_changes(session: Session, team_id: str, charter_id: int, user_id: str, reason: str | None, *,
                    is_coordinator: bool, now: datetime) -> Charter:
    """A coordinator sends the charter back to its lead as a draft, saying what should change."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    check_can_request_changes(charter, is_coordinator=is_coordinator)  # who may, before what to fix
    text = validate_reason(reason)
    charter.status = S.DRAFT
    charter.changes_requested = text
    charter.changes_requested_by = user_id
    charter.approved_by = None
    charter.approved_at = None
    session.flush()
    return charter


def volunteer(session: Session, team_id: str, charter_id: int | str, user_id: str, *, now: datetime) -> Charter:
    charter = get_charter(session, team_id, charter_id, for_update=True)
    if user_id in charter.member_ids:
        raise UserError(f"You are already on the team of charter #{charter.id}.")
    require_status(charter, CHANGEABLE + (S.ACTIVE,), "take volunteers")
    if charter.open_seats == 0:
        raise UserError(f"The team of charter #{charter.id} is complete: no seats are open.")
    charter.members.append(CharterMember(user_id=user_id, role=Role.VOLUNTEER, joined_at=now))
    session.flush()
    return charter


def start(session: Session, team_id: str, charter_id: int, user_id: str, *, now: datetime) -> Charter:
    """The lead starts the chartered project: active."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    require_lead(charter, user_id, "start it")
    if charter.status == S.PROPOSED:
        raise UserError(f"Charter #{charter.id} is not approved yet: a coordinator approves it first.")
    require_status(charter, (S.CHARTERED,), "be started")
    charter.status = S.ACTIVE
    charter.started_at = now
    start_reporting(session, charter, now)
    session.flush()
    return charter


def check_can_complete(charter: Charter, user_id: str) -> None:
    require_lead(charter, user_id, "bring back its findings")
    if charter.status != S.ACTIVE:
        raise UserError(f"Charter #{charter.id} is {status_word(charter)}, not active: only an active project can "
                        "be completed.")


def complete(session: Session, team_id: str, charter_id: int, user_id: str, findings: Findings, *,
             now: datetime) -> tuple[Charter, str]:
    """The lead brings the findings back: completed. Returns it and the community channel."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    check_can_complete(charter, user_id)
    channel = require_community_channel(session, team_id)
    charter.status = S.COMPLETED
    charter.findings, charter.findings_link, charter.next_steps = findings.findings, findings.link, findings.next_steps
    charter.closed_at = now
    charter.closed_by = user_id
    _stop_reporting(session, charter)
    session.flush()
    return charter, channel


def record_findings(session: Session, charter_id: int, ts: str | None) -> None:
    session.get_one(Charter, charter_id).findings_ts = ts


def reopen(session: Session, charter_id: int, *, now: datetime) -> None:
    """Back to active after the findings could not be posted; the lead may try again."""
    charter = session.get_one(Charter, charter_id)
    if charter.status == S.COMPLETED and charter.findings_ts is None:
        charter.status = S.ACTIVE
        charter.closed_at = charter.closed_by = None
        start_reporting(session, charter, now)


def cancel(session: Session, team_id: str, charter_ref: str, user_id: str, *, is_coordinator: bool,
           now: datetime) -> Charter:
    """The lead or a coordinator cancels a charter that is not closed yet."""
    charter = get_charter(session, team_id, charter_ref, for_update=True)
    if not is_coordinator and user_id not in charter.lead_ids:
        raise UserError(f"Only the charter's lead (<@{charter.proposer_id}>) or a coordinator can cancel it.")
    if charter.is_closed:
        raise UserError(f"Charter #{charter.id} is already {charter.status}.")
    charter.status = S.CANCELLED
    charter.closed_at = now
    charter.closed_by = user_id
    _stop_reporting(session, charter)
    session.flush()
    return charter


def _stop_reporting(session: Session, charter: Charter) -> None:
    """No more reports are due from a closed charter: its unsent reminders go."""
    charter.next_report_due = None
    schedule_reminders(session, charter)
