"""Charters listed: `/charter list`, `/charter show`, and the App Home section."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.ids import CharterAction, ReportAction
from bot.services.charters.ledger import Ledger
from bot.services.charters.lookup import CharterHome
from bot.services.reports.subjects import subject_value
from bot.views.charters.ledger import ledger_text
from bot.views.charters.summary import (
    STATUS_MEANING,
    button,
    cadence_words,
    charter_blocks,
    charter_line,
    charter_text,
    closing_note,
    context,
    effort_text,
    md,
    takes_volunteers,
)
from bot.views.message import Message
from bot.views.reports import day
from bot.views.text import clip
from bot.words import plural
from models import Charter
from models.charter import CharterStatus as S

HOME_LIMIT = 10


def charter_list(charters: list[Charter]) -> Message:
    """Every charter with its status in the playbook's words, and Volunteer on calls with open seats."""
    if not charters:
        return Message(text="No charters yet. `/charter new` drafts one.")
    shown = charters[:40]
    blocks: list[Block] = []
    for charter in shown:
        section = md(f"{charter_line(charter)}\n_{STATUS_MEANING[charter.status].capitalize()}._")
        if takes_volunteers(charter):
            section.accessory = button("Volunteer", CharterAction.VOLUNTEER, charter, "primary")
        blocks.append(section)
    more = f" {plural(len(charters) - len(shown), 'older charter')} not shown." if len(charters) > len(shown) else ""
    volunteer = ("*Volunteer* puts you on a charter's team while seats are open. "
                 if any(takes_volunteers(c) for c in shown) else "")
    blocks.append(context(f"{volunteer}`/charter show ID` shows a charter in full.{more}"))
    return Message(text=f"{plural(len(charters), 'charter')} in this community", blocks=blocks)


def charter_detail(charter: Charter, ledger: Ledger) -> Message:
    """`/charter show`: the charter in full, as it stands, with its ledger of hours."""
    blocks = charter_blocks(charter) + [md(ledger_text(ledger))] + closing_note(charter)
    if takes_volunteers(charter):
        blocks.append(context(f"`/charter volunteer {charter.id}` puts you on the team."))
    return Message(text=charter_text(charter), blocks=blocks)


def next_report_text(charter: Charter) -> str:
    """When the next report is due, or how often it will be once the project is active."""
    if charter.status == S.ACTIVE and charter.next_report_due:
        return f"Next report due *{day(charter.next_report_due)}* · `/charter report {charter.id}`"
    return f"Reports {cadence_words(charter)} once active"


def _next_step(charter: Charter, user_id: str) -> ButtonElement | None:
    """The button for what this member does next on the charter: report, submit or start it."""
    if charter.status == S.ACTIVE:
        return ButtonElement(text="Report", action_id=ReportAction.OPEN, value=subject_value(charter),
                             style="primary")
    if charter.status == S.DRAFT and user_id in charter.lead_ids:
        return button("Submit", CharterAction.SUBMIT, charter, "primary")
    if charter.status == S.CHARTERED and user_id in charter.lead_ids:
        return button("Start", CharterAction.START, charter, "primary")
    return None


def home_blocks(data: CharterHome, user_id: str) -> list[Block]:
    """"Your charters" with their next report, and for coordinators the charters awaiting approval."""
    blocks: list[Block] = [HeaderBlock(text="Your charters")]
    if not data.mine:
        blocks.append(context("You are on no charter yet. `/charter new` drafts one; `/charter list` shows them all."))
    shown: set[str] = set()
    for charter in data.mine[:HOME_LIMIT]:
        line = f"{charter_line(charter)}\n{next_report_text(charter)}"
        accessory = _next_step(charter, user_id)
        if accessory is not None:
            shown.add(str(accessory.text.text) if accessory.text else "")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(line)), accessory=accessory))
    meanings = {"Report": "*Report* opens the form to report your project's progress to the community",
                "Submit": "*Submit* sends your draft to the community",
                "Start": "*Start* begins your approved project"}
    if explained := [text for label, text in meanings.items() if label in shown]:
        blocks.append(context("; ".join(explained) + "."))
    if data.awaiting_approval:
        blocks.append(HeaderBlock(text="Charters awaiting approval"))
        for charter in data.awaiting_approval[:HOME_LIMIT]:
            blocks += [
                md(f"{charter_line(charter)}\nProposed by <@{charter.proposer_id}> · {effort_text(charter)}"),
                ActionsBlock(elements=[button("Approve", CharterAction.APPROVE, charter, "primary"),
                                       button("Request changes", CharterAction.REQUEST_CHANGES, charter)]),
            ]
        blocks.append(context("As a coordinator, *Approve* charters the project; *Request changes* sends it back to "
                               "its lead with your reason."))
    return blocks
