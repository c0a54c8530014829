"""What a charter says at a glance: its status, team, effort, budget and cadence, in words and blocks."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.ids import CharterAction
from bot.views.reports import day
from bot.views.text import clip, inline, link, plain
from bot.words import plural
from models import Charter
from models.charter import CharterStatus as S
from models.charter import Origin, Role, Variation
from models.report import Cadence

CADENCE_WORDS: dict[str, str] = {
    Cadence.WEEKLY: "every week", Cadence.BIWEEKLY: "every two weeks", Cadence.MONTHLY: "every month",
}
# Each status in the playbook's words: what it means for the community.
STATUS_MEANING: dict[str, str] = {
    S.DRAFT: "a draft only its team sees, not yet submitted",
    S.PROPOSED: "proposed to the community, waiting for a coordinator's approval",
    S.CHARTERED: "chartered by the community, waiting for its lead to start it",
    S.ACTIVE: "active: the team is at work and reports back",
    S.COMPLETED: "completed: the findings were brought back to the community",
    S.CANCELLED: "cancelled",
}


def md(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text)))


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text))])


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def button(text: str, action: CharterAction, charter: Charter, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=text, action_id=action, value=str(charter.id), style=style)


def cadence_words(charter: Charter) -> str:
    """How often the team reports: "every two weeks"."""
    return CADENCE_WORDS.get(charter.cadence, charter.cadence)


def effort_text(charter: Charter) -> str:
    """"4 h/week × 10 weeks = 40 hours per member (160 hours for a team of 4)"."""
    per_member = charter.hours_per_week * charter.weeks
    team = len(charter.members) + charter.open_seats
    weeks = "week" if charter.weeks == 1 else "weeks"
    total = f" ({per_member * team} hours for a team of {team})" if team > 1 else ""
    return f"{charter.hours_per_week} h/week × {charter.weeks} {weeks} = *{per_member} hours per member*{total}"


def team_text(charter: Charter) -> str:
    labels = {Role.LEAD: " (lead)", Role.MEMBER: "", Role.VOLUNTEER: " (volunteer)"}
    people = ", ".join(f"<@{m.user_id}>{labels[Role(m.role)]}" for m in charter.members)
    seats = charter.open_seats
    if charter.seats_needed == 0 or charter.is_closed:
        more = ""
    elif seats == 0:
        more = " · *team complete*"
    else:
        more = f" · *{plural(seats, 'open seat')}*"
    return f"{people}{more}"


def budget_text(charter: Charter) -> str:
    learning = f"*Learning sponsor* <@{charter.learning_sponsor_id}>"
    if charter.budget_amount is None:
        return f"*Budget* none · {learning}"
    return (f"*Budget* {charter.budget_amount:,} {charter.budget_currency} · *Funding sponsor* "
            f"<@{charter.funding_sponsor_id}> · {learning}")


def cadence_text(charter: Charter) -> str:
    where = f"<#{charter.report_channel_id}>" if charter.report_channel_id else "the community channel"
    return f"*Reports to the community* {cadence_words(charter)}, in {where}"


def variation_text(charter: Charter) -> str:
    if charter.variation == Variation.CASE_STUDY:
        return (f"*Kind* an existing project adopted as a case study: "
                f"{link(charter.case_study_link, charter.case_study_name or charter.case_study_link)}")
    if charter.variation == Variation.PRO_BONO:
        return f"*Kind* pro bono: doing something useful for *{inline(charter.pro_bono_for)}*"
    return "*Kind* a standard practice development project"


def status_text(charter: Charter) -> str:
    count = len(charter.endorsements)
    endorsements = f" · {plural(count, 'endorsement')}" if count else ""
    group = f" · practice group *{inline(charter.group_name)}*" if charter.group_name else ""
    origin = "proposed by its team" if charter.origin == Origin.TEAM else "a call for volunteers"
    return f"*#{charter.id}* · status *{charter.status}* · {origin}{group}{endorsements}"


def charter_blocks(charter: Charter) -> list[Block]:
    """The charter at a glance: goal, scope, deliverable, team and seats, effort, budget, sponsors, cadence."""
    return [
        HeaderBlock(text=clip(charter.title, 150)),
        context(status_text(charter)),
        md(f"*Goal*\n{plain(charter.goal)}"),
        SectionBlock(fields=[
            MarkdownTextObject(text=clip(f"*In scope*\n{plain(charter.scope_in)}", 1900)),
            MarkdownTextObject(text=clip(f"*Out of scope*\n{plain(charter.scope_out)}", 1900)),
        ]),
        md(f"*Deliverable for the community*\n{plain(charter.deliverable)}"),
        md(f"*Team* {team_text(charter)}\n*Effort asked* {effort_text(charter)}\n{budget_text(charter)}\n"
            f"{cadence_text(charter)}\n{variation_text(charter)}"),
    ]


def charter_text(charter: Charter) -> str:
    """The notification text of a charter message."""
    return f"Charter #{charter.id} ({charter.status}): {inline(charter.title)}"




def closing_note(charter: Charter) -> list[Block]:
    if charter.status == S.DRAFT and charter.changes_requested:
        return [md(f":memo: <@{charter.changes_requested_by}> requested changes: {plain(charter.changes_requested)}\n"
                    f"<@{charter.proposer_id}> is revising the charter and will resubmit it.")]
    if charter.status == S.ACTIVE:
        return [context(f"Active since {day(charter.started_at.date() if charter.started_at else None)}. "
                         f"The team reports back {cadence_words(charter)}; "
                         f"next report due {day(charter.next_report_due)}.")]
    if charter.status == S.COMPLETED:
        return [md(f":checkered_flag: Completed: the findings were brought back to the community. "
                    f"{link(charter.findings_link, 'The deliverable')}")]
    if charter.status == S.CANCELLED:
        return [context(f"Cancelled by <@{charter.closed_by}>.")]
    return []


# -- messages to the lead ------------------------------------------------------------------------


def charter_line(charter: Charter) -> str:
    seats = f" · {plural(charter.open_seats, 'open seat')}" if charter.open_seats and not charter.is_closed else ""
    return (f"*#{charter.id} {inline(charter.title)}* — {charter.status} · team of {len(charter.members)}"
            f"{seats} · {charter.hours_per_week} h/week × {plural(charter.weeks, 'week')}")


def takes_volunteers(charter: Charter) -> bool:
    """Seats are open for volunteers (a call for volunteers, or a team asking for more), once submitted and until
    it closes."""
    return charter.status in (S.PROPOSED, S.CHARTERED, S.ACTIVE) and charter.open_seats > 0

