"""The charter form and the findings form: what a member typed, checked field by field."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bot.errors import UserError, collect_errors
from bot.ids import CharterField as F
from bot.services.topics import TopicAnswers
from models.charter import Origin, Variation
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
    topics: TopicAnswers = field(default_factory=TopicAnswers)


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
    """The findings form, checked: what the team found, the deliverable's link, what the community does next."""

    findings: str
    link: str
    next_steps: str



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
            self.add(error.field or "", error.plain)
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
    if values.origin not in set(Origin):
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
    if values.cadence not in set(Cadence):
        e.add(F.CADENCE, "Choose how often the team reports to the community.")
    variation = values.variation or Variation.STANDARD
    if variation not in set(Variation):
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

