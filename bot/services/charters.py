"""Charters of practice development projects: validation, the lifecycle and who may move it.

draft → proposed → chartered → active → completed, or cancelled on the way. The proposer (the
charter's lead) edits and submits; members endorse and volunteer; coordinators approve or
request changes (back to draft, with a reason); the leads start it and bring back the findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError, collect_errors
from bot.ids import CharterField as F
from bot.services.community import require_community_channel
from bot.services.groups import find_group
from bot.services.digest_types import DigestSection, DigestWindow
from bot.services.reports import schedule_reminders, start_reporting
from bot.words import plural
from models import Charter, CharterEndorsement, CharterMember, PracticeGroup
from models.charter import CharterStatus as S
from models.charter import Origin, Role, Variation
from models.group import GroupStatus
from models.report import Cadence

T = TypeVar("T")
MAX_TITLE = 150
MAX_TEXT = 3000
MAX_SHORT = 150
MAX_LINK = 500
MAX_HOURS_PER_WEEK = 40
MAX_WEEKS = 52
MAX_SEATS = 30
MAX_MEMBERS = 30
MAX_BUDGET = 10_000_000
MAX_GROUP = 80
CADENCES = {Cadence.WEEKLY: "every week", Cadence.BIWEEKLY: "every two weeks", Cadence.MONTHLY: "every month"}
ORIGINS = {Origin.TEAM: "our team proposes it", Origin.VOLUNTEERS: "call for volunteers"}
VARIATIONS = {
    Variation.STANDARD: "standard",
    Variation.CASE_STUDY: "existing project adopted as a case study",
    Variation.PRO_BONO: "pro bono: doing something useful for someone",
}
# Each status in the playbook's words: what it means for the community.
STATUS_MEANING = {
    S.DRAFT: "a draft only its team sees, not yet submitted",
    S.PROPOSED: "proposed to the community, waiting for a coordinator's approval",
    S.CHARTERED: "chartered by the community, waiting for its lead to start it",
    S.ACTIVE: "active: the team is at work and reports back",
    S.COMPLETED: "completed: the findings were brought back to the community",
    S.CANCELLED: "cancelled",
}
EDITABLE = (S.DRAFT, S.PROPOSED)
CHANGEABLE = (S.PROPOSED, S.CHARTERED)


@dataclass(frozen=True)
class CharterInput:
    """The charter form as submitted: every value as the member typed or chose it."""

    title: str = ""
    goal: str = ""
    scope_in: str = ""
    scope_out: str = ""
    deliverable: str = ""
    origin: str | None = None
    member_ids: list[str] = field(default_factory=list)
    seats_needed: str = ""
    hours_per_week: str = ""
    weeks: str = ""
    budget_amount: str = ""
    budget_currency: str = ""
    learning_sponsor_id: str | None = None
    funding_sponsor_id: str | None = None
    cadence: str | None = None
    report_channel_id: str | None = None
    variation: str | None = None
    case_study_name: str = ""
    case_study_link: str = ""
    pro_bono_for: str = ""
    group_name: str = ""


@dataclass(frozen=True)
class CharterFields:
    """A valid charter's fields, ready to store."""

    title: str
    goal: str
    scope_in: str
    scope_out: str
    deliverable: str
    origin: str
    member_ids: list[str]
    seats_needed: int
    hours_per_week: int
    weeks: int
    budget_amount: int | None
    budget_currency: str | None
    learning_sponsor_id: str
    funding_sponsor_id: str | None
    cadence: str
    report_channel_id: str | None
    variation: str
    case_study_name: str | None
    case_study_link: str | None
    pro_bono_for: str | None
    group_name: str | None


@dataclass(frozen=True)
class Findings:
    findings: str
    link: str
    next_steps: str


@dataclass(frozen=True)
class CharterHome:
    """One member's charters, and for coordinators the charters awaiting approval."""

    mine: list[Charter] = field(default_factory=list)
    awaiting_approval: list[Charter] = field(default_factory=list)


# -- validation ----------------------------------------------------------------------------------


def _text(value: str | None, block: str, what: str, *, limit: int = MAX_TEXT, required: bool = True) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise UserError(f"Enter {what}.", field=block)
        return None
    if len(value) > limit:
        raise UserError(f"Keep {what} under {limit} characters (it has {len(value)}).", field=block)
    return value


def _amount(number: int, unit: tuple[str, str] | None) -> str:
    """`4 hours`, `1 hour`, `10,000` (no unit)."""
    if unit is None:
        return f"{number:,}"
    return f"{number:,} {unit[0] if number == 1 else unit[1]}"


def _whole(value: str | None, block: str, what: str, *, low: int, high: int,
           unit: tuple[str, str] | None = None) -> int:
    raw = (value or "").strip()
    if not re.fullmatch(r"-?\d+", raw):
        raise UserError(f"Enter {what} as a whole number, from {low:,} to {high:,}.", field=block)
    number = int(raw)
    if number < low:
        raise UserError(f"{what[:1].upper()}{what[1:]} cannot be less than {_amount(low, unit)}.", field=block)
    if number > high:
        raise UserError(f"{_amount(number, unit)} is more than this kind of project can ask; "
                        f"{_amount(high, unit)} at most.", field=block)
    return number


def _link(value: str | None, block: str, what: str, *, required: bool) -> str | None:
    link = _text(value, block, what, limit=MAX_LINK, required=required)
    if link and not re.fullmatch(r"https?://\S+", link):
        raise UserError(f"Enter {what} as a web address starting with https://.", field=block)
    return link


class _Errors:
    """The form's field errors, collected so that a modal shows them all at once."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.found: dict[str, str] = dict(known or {})

    def check(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """`check(...)`, or None after noting the UserError it raised."""
        try:
            return check(*args, **kwargs)
        except UserError as error:
            self.add(error.field or "", error.message)
            return None

    def add(self, block: str, message: str) -> None:
        self.found.setdefault(block, message)

    def raise_any(self) -> None:
        collect_errors(self.found)


def validate_charter(values: CharterInput, *, proposer_id: str, known: dict[str, str] | None = None) -> CharterFields:
    """The form's values checked; FieldErrors naming every bad field (with the `known` ones), in form order."""
    e = _Errors(known)
    title = e.check(_text, values.title, F.TITLE, "a title", limit=MAX_TITLE)
    group = e.check(_text, values.group_name, F.GROUP, "the practice group's name", limit=MAX_GROUP, required=False)
    goal = e.check(_text, values.goal, F.GOAL, "the goal: what the project should achieve for the community")
    scope_in = e.check(_text, values.scope_in, F.SCOPE_IN, "the scope: what is in")
    scope_out = e.check(_text, values.scope_out, F.SCOPE_OUT, "what is out of scope")
    deliverable = e.check(_text, values.deliverable, F.DELIVERABLE, "the deliverable brought back to the community")
    if values.origin not in ORIGINS:
        e.add(F.ORIGIN, "Choose who starts it: your team, or a call for volunteers.")
    members = [m for m in dict.fromkeys(values.member_ids) if m != proposer_id]
    if len(members) > MAX_MEMBERS:
        e.add(F.MEMBERS, f"Name at most {MAX_MEMBERS} team members.")
    seats = e.check(_whole, values.seats_needed or "0", F.SEATS, "the number of open seats", low=0,
                    high=MAX_SEATS, unit=("seat", "seats"))
    if values.origin == Origin.VOLUNTEERS and seats == 0:
        e.add(F.SEATS, "A call for volunteers needs at least one open seat.")
    hours = e.check(_whole, values.hours_per_week, F.HOURS, "the hours per week", low=1, high=MAX_HOURS_PER_WEEK,
                    unit=("hour", "hours"))
    weeks = e.check(_whole, values.weeks, F.WEEKS, "the duration", low=1, high=MAX_WEEKS,
                    unit=("week", "weeks"))
    budget: int | None = None
    currency: str | None = None
    has_budget = bool((values.budget_amount or "").strip())
    if has_budget:
        budget = e.check(_whole, values.budget_amount, F.BUDGET, "the budget", low=1, high=MAX_BUDGET)
        currency = (values.budget_currency or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            e.add(F.CURRENCY, "Enter the budget's currency as a three-letter code, such as EUR or USD.")
    elif (values.budget_currency or "").strip():
        e.add(F.BUDGET, "Enter the budget amount, or leave the currency empty.")
    if not values.learning_sponsor_id:
        e.add(F.LEARNING_SPONSOR, "Name the learning sponsor: the person who sponsors the learning for the community.")
    if has_budget and not values.funding_sponsor_id:
        e.add(F.FUNDING_SPONSOR, "A budget needs a funding sponsor: name who funds it.")
    if not has_budget and values.funding_sponsor_id:
        e.add(F.FUNDING_SPONSOR, "A funding sponsor is only for a budget: enter the budget, or leave this empty.")
    if values.cadence not in CADENCES:
        e.add(F.CADENCE, "Choose how often the team reports to the community.")
    variation = values.variation or Variation.STANDARD
    if variation not in VARIATIONS:
        e.add(F.VARIATION, "Choose the kind of project.")
    case_name = case_link = pro_bono = None
    if variation == Variation.CASE_STUDY:
        case_name = e.check(_text, values.case_study_name, F.CASE_STUDY_NAME, "the existing project's name",
                            limit=MAX_SHORT)
        case_link = e.check(_link, values.case_study_link, F.CASE_STUDY_LINK, "the existing project's link",
                            required=True)
    if variation == Variation.PRO_BONO:
        pro_bono = e.check(_text, values.pro_bono_for, F.PRO_BONO_FOR, "who the pro bono work is for",
                           limit=MAX_SHORT)
    e.raise_any()
    assert values.origin and values.cadence and seats is not None and hours is not None and weeks is not None
    return CharterFields(
        title=title or "", goal=goal or "", scope_in=scope_in or "", scope_out=scope_out or "",
        deliverable=deliverable or "", origin=values.origin, member_ids=members, seats_needed=seats,
        hours_per_week=hours, weeks=weeks, budget_amount=budget, budget_currency=currency if budget else None,
        learning_sponsor_id=values.learning_sponsor_id or "",
        funding_sponsor_id=values.funding_sponsor_id if budget else None,
        cadence=values.cadence, report_channel_id=values.report_channel_id, variation=variation,
        case_study_name=case_name, case_study_link=case_link, pro_bono_for=pro_bono, group_name=group,
    )


def validate_findings(findings: str | None, link: str | None, next_steps: str | None) -> Findings:
    """The findings form checked; FieldErrors naming every bad field."""
    e = _Errors()
    found = e.check(_text, findings, F.FINDINGS, "what you found")
    checked_link = e.check(_link, link, F.FINDINGS_LINK, "the deliverable's link", required=True)
    steps = e.check(_text, next_steps, F.NEXT_STEPS, "what the community should do next")
    e.raise_any()
    return Findings(findings=found or "", link=checked_link or "", next_steps=steps or "")


def validate_reason(reason: str | None) -> str:
    e = _Errors()
    text = e.check(_text, reason, F.REASON, "what should change, for the proposer")
    e.raise_any()
    return text or ""


# -- finding charters ----------------------------------------------------------------------------


def parse_id(ref: str) -> int:
    """`"3"` or `"#3"` → 3; a UserError for anything else."""
    raw = ref.strip().lstrip("#")
    if not raw:
        raise UserError("Give the charter's number, for example `/charter show 3`. `/charter list` shows them.")
    if not raw.isdigit() or len(raw) > 9:
        raise UserError(f"“{ref.strip()[:40]}” is not a charter number. `/charter list` shows them.")
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
    return CharterHome(mine=list(session.scalars(mine)), awaiting_approval=awaiting)


# -- the lifecycle -------------------------------------------------------------------------------


def _require_lead(charter: Charter, user_id: str, doing: str) -> None:
    if user_id not in charter.lead_ids:
        raise UserError(f"Only the charter's lead (<@{charter.proposer_id}>) can {doing}.")


def status_word(charter: Charter) -> str:
    """The status as it reads after "is": "still a draft", "proposed", "active"…"""
    return "still a draft" if charter.status == S.DRAFT else str(charter.status)


def _require_status(charter: Charter, allowed: tuple[S, ...], doing: str) -> None:
    if charter.status not in allowed:
        raise UserError(f"Charter #{charter.id} is {status_word(charter)}: it cannot {doing} now.")


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


def group_named(session: Session, team_id: str, name: str | None) -> PracticeGroup | None:
    """The practice group a charter belongs to, found by name (any case); None for no group."""
    if not name:
        return None
    try:
        group = find_group(session, team_id, name)
    except UserError as error:
        raise UserError(error.message, field=F.GROUP) from None
    if group.status == GroupStatus.ARCHIVED:
        raise UserError(f"*{group.name}* is archived: choose an open practice group, or none.", field=F.GROUP)
    return group


def _checked(session: Session, team_id: str, values: CharterInput, proposer_id: str,
             channel_problem: str | None) -> tuple[CharterFields, PracticeGroup | None]:
    """The form's fields and its practice group; FieldErrors naming every bad field, the group and channel too."""
    known = {F.CHANNEL: channel_problem} if channel_problem else {}
    group = None
    try:
        group = group_named(session, team_id, (values.group_name or "").strip()[:MAX_GROUP] or None)
    except UserError as error:
        known[F.GROUP] = error.message
    return validate_charter(values, proposer_id=proposer_id, known=known), group


def create_draft(session: Session, team_id: str, proposer_id: str, values: CharterInput, *, now: datetime,
                 view_id: str | None = None, channel_problem: str | None = None) -> tuple[Charter, bool]:
    """A new draft charter with the proposer as its lead, and True; for a form submitted again
    (the same `view_id`), the draft it made the first time, and False. `channel_problem` is why the
    bot cannot post in the chosen channel, shown with the form's other errors."""
    if view_id is not None:
        earlier = session.scalar(select(Charter).where(Charter.form_view_id == view_id))
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
    _require_lead(charter, user_id, "edit it")
    if charter.status in (S.CHARTERED, S.ACTIVE):
        raise UserError(
            f"Charter #{charter.id} is already approved, so it can no longer be edited. "
            "If it must change, ask a coordinator to use *Request changes*: it comes back to you as a draft."
        )
    _require_status(charter, EDITABLE, "be edited")


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
    _require_lead(charter, user_id, "submit it")
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


def endorse(session: Session, team_id: str, charter_id: int, user_id: str, *, now: datetime) -> Charter:
    charter = get_charter(session, team_id, charter_id, for_update=True)
    _require_status(charter, CHANGEABLE + (S.ACTIVE,), "be endorsed")
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
    _require_status(charter, (S.PROPOSED,), "be approved")
    charter.status = S.CHARTERED
    charter.approved_by = user_id
    charter.approved_at = now
    session.flush()
    return charter


def check_can_request_changes(charter: Charter, *, is_coordinator: bool) -> None:
    if not is_coordinator:
        raise UserError("Only coordinators can request changes to a charter.")
    _require_status(charter, CHANGEABLE, "be sent back for changes")


def request_changes(session: Session, team_id: str, charter_id: int, user_id: str, reason: str | None, *,
                    is_coordinator: bool, now: datetime) -> Charter:
    """A coordinator sends the charter back to its lead as a draft, saying what should change."""
    text = validate_reason(reason)
    charter = get_charter(session, team_id, charter_id, for_update=True)
    check_can_request_changes(charter, is_coordinator=is_coordinator)
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
    _require_status(charter, CHANGEABLE + (S.ACTIVE,), "take volunteers")
    if charter.open_seats == 0:
        raise UserError(f"The team of charter #{charter.id} is complete: no seats are open.")
    charter.members.append(CharterMember(user_id=user_id, role=Role.VOLUNTEER, joined_at=now))
    session.flush()
    return charter


def start(session: Session, team_id: str, charter_id: int, user_id: str, *, now: datetime) -> Charter:
    """The lead starts the chartered project: active."""
    charter = get_charter(session, team_id, charter_id, for_update=True)
    _require_lead(charter, user_id, "start it")
    if charter.status == S.PROPOSED:
        raise UserError(f"Charter #{charter.id} is not approved yet: a coordinator approves it first.")
    _require_status(charter, (S.CHARTERED,), "be started")
    charter.status = S.ACTIVE
    charter.started_at = now
    start_reporting(session, charter, now)
    session.flush()
    return charter


def check_can_complete(charter: Charter, user_id: str) -> None:
    _require_lead(charter, user_id, "bring back its findings")
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


# -- the weekly digest ---------------------------------------------------------------------------


def digest_section(session: Session, window: DigestWindow) -> DigestSection | None:
    """The week's charters: new proposals (with their open seats) and findings brought back.

    Reports and overdue reports of charters are in the digest's generic sections.
    """
    proposed = session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.submitted_at >= window.since, Charter.submitted_at < window.until,
        Charter.status != S.DRAFT,
    ).order_by(Charter.id))
    completed = session.scalars(select(Charter).where(
        Charter.team_id == window.team_id, Charter.status == S.COMPLETED, Charter.closed_at >= window.since,
        Charter.closed_at < window.until,
    ).order_by(Charter.id))
    lines = [
        f"*{c.name}* proposed by <@{c.proposer_id}> — {c.status}, {c.hours_per_week} h/week × {plural(c.weeks, 'week')}"
        + (f", {plural(c.open_seats, 'open seat')}: `/charter volunteer {c.id}`" if c.open_seats and not c.is_closed
           else "")
        for c in proposed
    ]
    lines += [f"*{c.name}* brought back its findings: <{c.findings_link}>" for c in completed]
    return DigestSection("Charters", lines) if lines else None
