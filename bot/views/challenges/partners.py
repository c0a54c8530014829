"""Messages about accountability partners: introductions, being alone, partners away or back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.views.message import Message
from bot.views.text import clip, inline
from bot.words import plural

WHAT_PARTNERS_DO = (
    "*What an accountability partner does*\n"
    "• Check in most days — a quick word in this conversation is enough.\n"
    "• Read each other's journal in the day's thread, and react or reply.\n"
    "• When one of you falls behind, encourage; never judge.\n"
    "• At the end, bring one of your partner's highlights to the report-back meetup."
)


@dataclass(frozen=True)
class Intro:
    challenge: str
    channel_id: str
    days: int
    members: Sequence[str]
    newcomers: Sequence[str] = ()  # who just joined an existing group
    zones: Sequence[str | None] = ()  # each member's timezone, in `members` order
    departed: Sequence[str] = ()  # who is no longer in the group (left the challenge or the workspace)


def mentions(user_ids: Sequence[str]) -> str:
    names = [f"<@{u}>" for u in user_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def intro_text(intro: Intro) -> str:
    if intro.newcomers:
        others = [m for m in intro.members if m not in intro.newcomers]
        return (f"{mentions(intro.newcomers)} joined your accountability group for *{inline(intro.challenge)}*: "
                f"welcome! {mentions(others)}, you are now {len(intro.members)} partners.")
    if intro.departed:
        return (f"{mentions(intro.departed)} {'is' if len(intro.departed) == 1 else 'are'} no longer in your "
                f"accountability group for *{inline(intro.challenge)}* (<#{intro.channel_id}>): "
                f"{mentions(intro.members)}, you carry on as partners.")
    kind = "a triad of accountability partners" if len(intro.members) == 3 else "accountability partners"
    return f"{mentions(intro.members)}, you are {kind} for *{inline(intro.challenge)}* (<#{intro.channel_id}>)."


def _intro_blocks(intro: Intro) -> list[Block]:
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(
            text=clip(f":wave: {intro_text(intro)}\nEach of the {plural(intro.days, 'day')} brings a new activity in "
                      f"<#{intro.channel_id}>; you keep a journal by replying in that day's thread.", 3000)
        )),
        SectionBlock(text=MarkdownTextObject(text=WHAT_PARTNERS_DO)),
    ]
    zones = [f"<@{m}>: {z}" for m, z in zip(intro.members, intro.zones, strict=False) if z]
    if zones:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text="Your timezones — " + " · ".join(zones))]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(
        text="`/challenge status` shows your partners and whether they journaled today."
    )]))
    return blocks


def build_intro(intro: Intro) -> Message:
    """The group DM introducing partners to each other (or telling them their group changed)."""
    return Message(intro_text(intro), _intro_blocks(intro))


def build_alone(challenge: str) -> Message:
    return Message(f"You are the only participant of *{inline(challenge)}* so far, so you have no accountability "
                   "partner yet. I'll introduce you to one as soon as someone else joins.")


def build_partner_away(user_id: str, challenge: str, until: date) -> Message:
    return Message(f"Your accountability partner <@{user_id}> is taking time away from *{inline(challenge)}* until "
                   f"{until:%a %d %b}. I won't nudge them meanwhile, and their streak is kept.")


def build_partner_back(user_id: str, challenge: str) -> Message:
    return Message(f"Your accountability partner <@{user_id}> is back in *{inline(challenge)}*. Say hello!")


def partners_note_text(behind: Sequence[str], helpers: Sequence[str], challenge: str, day: int, days: int) -> str:
    """The day's one note in a partner group's conversation about whoever has not journaled yet."""
    verb = "hasn't" if len(behind) == 1 else "haven't"
    return (f":seedling: A gentle check-in on Day {day} of {days} of *{inline(challenge)}*: {mentions(behind)} {verb} "
            f"journaled yet. {mentions(helpers)}, a kind word here may help. {mentions(behind)}, a line or two in "
            "the day's thread is plenty — and if today doesn't work out, tomorrow is a fresh start.")


def build_partners_note(behind: Sequence[str], helpers: Sequence[str], challenge: str, day: int, days: int) -> Message:
    return Message(partners_note_text(behind, helpers, challenge, day, days))
