"""Charter messages: the proposal kept current, a coordinator's DM, what the lead and the team are told."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, HeaderBlock

from bot.ids import CharterAction
from bot.services.charters.ledger import Ledger
from bot.views.charters.ledger import findings_ledger_text
from bot.views.charters.summary import (
    STATUS_MEANING,
    button,
    cadence_words,
    charter_blocks,
    charter_text,
    closing_note,
    context,
    md,
    sentence,
    takes_volunteers,
)
from bot.views.message import Message
from bot.views.text import clip, inline, link, plain, quote
from bot.words import plural
from models import Charter
from models.charter import CharterStatus as S

# -- the proposal message in the community channel -----------------------------------------------


def proposal_message(charter: Charter) -> Message:
    """The proposal as the community sees it, with the buttons its status allows."""
    blocks = charter_blocks(charter)
    buttons: list[ButtonElement] = []
    explain: list[str] = []
    if charter.status in (S.PROPOSED, S.CHARTERED):
        buttons.append(button("Endorse", CharterAction.ENDORSE, charter))
        explain.append("*Endorse* adds your support")
    if takes_volunteers(charter):
        buttons.append(button("Volunteer", CharterAction.VOLUNTEER, charter, "primary"))
        explain.append("*Volunteer* puts you on the team while seats are open")
    if charter.status == S.PROPOSED:
        buttons.append(button("Approve", CharterAction.APPROVE, charter, "primary"))
        explain.append("coordinators *Approve* it to charter the project")
    if charter.status == S.CHARTERED:
        buttons.append(button("Start the project", CharterAction.START, charter, "primary"))
        explain.append("the lead presses *Start the project* when the work begins")
    if charter.status in (S.PROPOSED, S.CHARTERED):
        buttons.append(button("Request changes", CharterAction.REQUEST_CHANGES, charter))
        explain.append("coordinators *Request changes* to send it back to the lead with a reason")
    if buttons:
        blocks += [ActionsBlock(elements=buttons), context(sentence(" · ".join(explain)))]
    blocks += closing_note(charter)
    return Message(text=charter_text(charter), blocks=blocks)


def coordinator_message(charter: Charter, *, resubmitted: bool = False) -> Message:
    """A coordinator's DM about a charter awaiting approval: the charter, and Approve / Request changes while
    it is proposed; afterwards, what became of it."""
    if resubmitted:
        intro = (f":arrows_counterclockwise: <@{charter.proposer_id}> revised charter #{charter.id} after the "
                 "changes you asked for and resubmitted it.")
    else:
        intro = f":scroll: <@{charter.proposer_id}> proposed a new charter to the community."
    blocks: list[Block] = [md(f"{intro} As a coordinator, you approve charters on the community's behalf."),
                           DividerBlock(), *charter_blocks(charter)]
    if charter.status == S.PROPOSED:
        blocks += [
            ActionsBlock(elements=[button("Approve", CharterAction.APPROVE, charter, "primary"),
                                   button("Request changes", CharterAction.REQUEST_CHANGES, charter)]),
            context("*Approve* charters the project: its lead can then start it. *Request changes* sends it back "
                    "to its lead as a draft, with your reason, to edit and resubmit."),
        ]
    elif charter.status == S.CHARTERED:
        blocks.append(context(f":white_check_mark: Approved by <@{charter.approved_by}>."))
    elif charter.status == S.CANCELLED and charter.closed_by:
        blocks.append(context(f":no_entry_sign: Cancelled by <@{charter.closed_by}>: nothing more is needed from you."))
    elif charter.status == S.DRAFT and charter.changes_requested:
        blocks.append(context(f":memo: <@{charter.changes_requested_by}> requested changes; the lead is revising it."))
    else:
        blocks.append(context(f"It is now {STATUS_MEANING[charter.status]}."))
    text = (f"Charter #{charter.id} awaits your approval: {inline(charter.title)}"
            if charter.status == S.PROPOSED else charter_text(charter))
    return Message(text=text, blocks=blocks)


def resubmitted_message(charter: Charter) -> Message:
    """The note in the proposal's thread when the lead resubmits it."""
    return Message(text=f":arrows_counterclockwise: <@{charter.proposer_id}> revised the charter and resubmitted it.")


def started_message(charter: Charter) -> Message:
    """The note in the proposal's thread when the project starts."""
    return Message(text=f":rocket: Charter #{charter.id} *{inline(charter.title)}* is now active. The team "
                        f"reports back {cadence_words(charter)}.")


def findings_message(charter: Charter, ledger: Ledger) -> Message:
    """The findings brought back to the community channel, with the hours the team gave."""
    team = ", ".join(f"<@{u}>" for u in charter.member_ids)
    return Message(
        text=f"Findings of charter #{charter.id}: {inline(charter.title)}",
        blocks=[
            HeaderBlock(text=clip(f"Findings: {charter.title}", 150)),
            context(f"Charter #{charter.id} · completed · team {team} · learning sponsor "
                    f"<@{charter.learning_sponsor_id}>"),
            md(f"*What we found*\n{plain(charter.findings)}"),
            md(f"*The deliverable* {link(charter.findings_link)}\n{clip(plain(charter.deliverable), 1000)}"),
            md(f"*What the community should do next*\n{plain(charter.next_steps)}"),
            md(findings_ledger_text(ledger)),
        ],
    )


# -- messages to the lead and the team -----------------------------------------------------------


def draft_message(charter: Charter) -> Message:
    """The lead's draft, with Submit and Edit."""
    if charter.changes_requested:
        intro = (f":memo: <@{charter.changes_requested_by}> requested changes to your charter "
                 f"#{charter.id}:\n{quote(charter.changes_requested)}")
    else:
        intro = f"Your charter #{charter.id} is saved as a *draft*. Only its team can see it until you submit it."
    blocks: list[Block] = [md(intro), DividerBlock(), *charter_blocks(charter)]
    blocks += [
        ActionsBlock(elements=[
            button("Submit to the community", CharterAction.SUBMIT, charter, "primary"),
            button("Edit", CharterAction.EDIT, charter),
        ]),
        context("*Submit to the community* posts it in the community channel for endorsement and a coordinator's "
                "approval. *Edit* reopens the form."),
    ]
    return Message(text=f"Your charter draft #{charter.id}: {inline(charter.title)}", blocks=blocks)


def changes_saved_message(charter: Charter) -> Message:
    """The lead's edit of a submitted charter is saved."""
    return Message(text=f"Your changes to charter #{charter.id} are saved, and the proposal in the community "
                        "channel shows them.")


def submitted_text(charter: Charter, channel_id: str) -> str:
    """The lead's answer once the charter is proposed."""
    return (f":white_check_mark: Charter #{charter.id} is submitted: it is proposed in <#{channel_id}>, and a "
            "coordinator will approve it or ask for changes.")


def not_submitted_text(error: str) -> str:
    """The lead's answer when the proposal could not be posted."""
    return f"I couldn't post the charter ({error}); it is still a draft. Try again in a moment."


def approved_message(charter: Charter) -> Message:
    """The lead learns a coordinator approved the charter."""
    seats = (f" {plural(charter.open_seats, 'seat is', 'seats are')} still open for volunteers."
             if charter.open_seats else "")
    return Message(text=f":white_check_mark: <@{charter.approved_by}> approved your charter #{charter.id} "
                        f"*{inline(charter.title)}*: it is chartered by the community.{seats} When the work "
                        "begins, press *Start the project* on the proposal (or *Start* in my Home tab): the team "
                        f"then reports back {cadence_words(charter)}.")


def volunteered_message(charter: Charter, user_id: str) -> Message:
    """The lead learns someone volunteered."""
    seats = ("The team is now complete." if charter.open_seats == 0
             else f"{plural(charter.open_seats, 'seat is', 'seats are')} still open.")
    return Message(text=f":raised_hand: <@{user_id}> volunteered for your charter #{charter.id} "
                        f"*{inline(charter.title)}*. {seats}")


def joined_text(charter: Charter) -> str:
    """What a new volunteer is told."""
    return (f":raised_hand: You are on the team of charter #{charter.id} *{inline(charter.title)}*, led by "
            f"<@{charter.proposer_id}>: {plural(charter.hours_per_week, 'hour')} a week for "
            f"{plural(charter.weeks, 'week')}. `/charter show {charter.id}` shows it in full.")


def named_member_message(charter: Charter, channel_id: str) -> Message:
    """A member the lead named on the team learns of it when the charter is proposed."""
    return Message(text=f":wave: <@{charter.proposer_id}> named you on the team of charter #{charter.id} "
                        f"*{inline(charter.title)}*, now proposed in <#{channel_id}>: "
                        f"{plural(charter.hours_per_week, 'hour')} a week for {plural(charter.weeks, 'week')}. "
                        f"`/charter show {charter.id}` shows it in full; if you cannot take part, tell "
                        f"<@{charter.proposer_id}>, who can edit the team until it is approved.")


def cancelled_text(charter: Charter) -> str:
    """The answer to `/charter cancel`."""
    return f"Charter #{charter.id} *{inline(charter.title)}* is cancelled."


def findings_not_posted_message(charter: Charter, channel_id: str, error: str) -> Message:
    """The lead's DM when the findings could not be posted: the charter stays active."""
    return Message(text=f"I couldn't post the findings of charter #{charter.id} in <#{channel_id}> ({error}); it "
                        f"is still active. Please try `/charter complete {charter.id}` again.")
