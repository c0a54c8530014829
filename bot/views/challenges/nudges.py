"""The nudge DM and the answers to `/challenge nudges|away|back|export`."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import Block, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.ids import ChallengeAction
from bot.services.challenges.lookup import activity
from bot.views.message import Message
from bot.views.text import clip, inline, plain
from bot.words import plural
from models import Challenge

JOURNAL_SAYS = "*Journal* opens a form for today's entry, which you can keep private."
HOW_TO_STOP = ("`/challenge away YYYY-MM-DD` pauses nudges until that day (your last day away); "
               "`/challenge nudges off` stops them.")
NUDGES_USAGE = "Use `/challenge nudges off` to stop reminders to journal, or `/challenge nudges on` to get them again."
LAST_NUDGE = ("This is my last nudge until you journal again: after three in a row without an entry, "
              "I stop reminding you. Your next entry turns nudges back on.")


def build_nudge(challenge: Challenge, day: int, *, last: bool, thread_link: str | None) -> Message:
    """The DM reminding a participant to journal the day; `last` before nudges pause."""
    return Message(_nudge_text(challenge, day), _nudge_blocks(challenge, day, last=last, thread_link=thread_link))


def _nudge_text(challenge: Challenge, day: int) -> str:
    return f"A nudge: you haven't journaled Day {day} of {challenge.days} of {inline(challenge.title)} yet."


def _nudge_blocks(challenge: Challenge, day: int, *, last: bool, thread_link: str | None) -> list[Block]:
    item = activity(challenge, day)
    thread = f"<{thread_link}|the day's thread>" if thread_link else f"the day's thread in <#{challenge.channel_id}>"
    where = f"reply in {thread}"
    text = (f":wave: You haven't journaled *Day {day} of {challenge.days}* of *{inline(challenge.title)}* yet.\n"
            f"*Today's activity — {inline(item.title)}*" + (f"\n{plain(item.do)}" if item.do else ""))
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(text=clip(text, 3000)),
            accessory=ButtonElement(text="Journal", action_id=ChallengeAction.OPEN_JOURNAL, value=str(challenge.id)),
        ),
        ContextBlock(elements=[MarkdownTextObject(text=f"To journal, {where} or press *Journal*. {JOURNAL_SAYS}")]),
    ]
    if last:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":zipper_mouth_face: {LAST_NUDGE}")))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=HOW_TO_STOP)]))
    return blocks


def build_nudges_usage() -> Message:
    return Message(NUDGES_USAGE)


def build_nudges_answer(on: bool) -> Message:
    if on:
        return Message("Nudges are *on*: when you haven't journaled a challenge day, I'll remind you in a DM at a "
                       "sensible hour for you. `/challenge nudges off` stops them.")
    return Message("Nudges are *off*: I won't remind you to journal. `/challenge nudges on` turns them back on.")


def build_away_answer(until: date, told: int) -> Message:
    partners = f" I've told your accountability partner{'s' if told != 1 else ''}." if told else ""
    return Message(f"Enjoy your time away! Until {until:%a %d %b} I won't nudge you, and the days away don't "
                   f"break your streak.{partners} `/challenge back` ends it early.")


def build_back_answer(told: int) -> Message:
    partners = f" I've told your accountability partner{'s' if told != 1 else ''}." if told else ""
    return Message(f"Welcome back! Nudges are on again from today.{partners}")


def build_export_answer(title: str, fmt: str) -> Message:
    kind = "CSV" if fmt == "csv" else "Markdown"
    return Message(f"I'm sending you the journal of “{inline(title)}” as a {kind} file in a DM.")


def export_comment(title: str, *, everyone: bool, with_private: bool, entries: int) -> str:
    """The line that comes with the journal file: whose entries it holds, and how many."""
    whose = "every public entry" + (" and your private ones" if with_private else "") \
        if everyone else "your entries, private ones included"
    return f"The journal of *{inline(title)}*: {whose} ({plural(entries, 'entry', 'entries')})."


def build_export_failed(error: str | None) -> Message:
    return Message(f"I couldn't send you the file in a DM ({error}). "
                   "Check that you accept messages from CoP Bot, then try again.")


def export_file_title(title: str) -> str:
    return f"{title} — journal"
