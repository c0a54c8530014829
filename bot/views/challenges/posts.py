"""The challenge's messages in its channel: the announcement, each day's post, and replies in a day's thread."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, SectionBlock

from bot.services.challenges.lookup import activity
from bot.services.challenges.templates import Activity
from bot.views.challenges.common import SECTION_TEXT, and_list, context, join_journal_buttons, md, when
from bot.views.message import Message
from bot.views.text import clip, inline, plain
from models import Challenge

BUTTONS_SAY = ("*Join* adds you to the challenge (joining late is fine). "
               "*Journal* opens a form for today's entry, which you can keep private.")
HOW_TO_JOURNAL = ("*How to journal:* reply in this thread — your reply becomes your Day {n} entry, and I add :memo: "
                  "to it once it is saved. Editing the reply updates the entry; deleting it removes the entry. "
                  "To keep an entry private, press *Journal* or type `/challenge journal`.")


def build_announcement(challenge: Challenge) -> Message:
    text = f"New challenge: {inline(challenge.title)} — {when(challenge)}. Press Join to take part."
    lines = [f":rocket: *New challenge: {inline(challenge.title)}*", plain(challenge.description),
             f"{when(challenge)}, here in this channel.",
             "Each day, try the activity and keep a journal by replying in the day's thread. "
             "It is for all levels: whatever stage you are at, there is always something new to learn."]
    if challenge.partners:
        lines.append("Participants are paired as *accountability partners* when it starts.")
    if challenge.meetup_date:
        lines.append(f"At the end we meet to report back on highlights: *{challenge.meetup_date:%a %d %b}*.")
    return Message(text, [
        SectionBlock(text=md(clip("\n".join(line for line in lines if line), SECTION_TEXT))),
        join_journal_buttons(challenge, journal=False),
        context("*Join* adds you to the challenge; you can join late and leave with `/challenge leave`."),
    ])


def _activity_text(item: Activity) -> str:
    parts = [plain(item.do)] if item.do else []
    if item.journal:
        parts.append(f"*In your journal:* {plain(item.journal)}")
    return "\n".join(parts)


def build_day_post(challenge: Challenge, number: int, missed: list[int]) -> Message:
    """Day `number`'s post; `missed` are earlier days that were not posted (the bot was down)."""
    item = activity(challenge, number)
    headline = f"Day {number} of {challenge.days} — {inline(item.title)}"
    body = f"*{headline}*\n{_activity_text(item)}".strip()
    blocks: list[Block] = [SectionBlock(text=md(clip(f":sunrise: {body}", SECTION_TEXT)))]
    if missed:
        listing = "; ".join(f"Day {n} — {inline(activity(challenge, n).title)}" for n in missed)
        days_word = "Day" if len(missed) == 1 else "Days"
        blocks.append(SectionBlock(text=md(clip(
            f":warning: I was offline, so {days_word} {and_list(missed)} "
            f"{'was' if len(missed) == 1 else 'were'} not posted: {listing}. Try them when you can.", SECTION_TEXT))))
    blocks += [
        context(HOW_TO_JOURNAL.format(n=number)),
        join_journal_buttons(challenge, journal=True),
        context(BUTTONS_SAY),
    ]
    return Message(f"{inline(challenge.title)}: {headline}", blocks)


def build_invitation(challenge: Challenge, number: int) -> Message:
    """The ephemeral answer to a reply in a day's thread by someone who has not joined."""
    text = (f"You replied in Day {number} of “{inline(challenge.title)}”, but you are not taking part yet, so your "
            "reply is not kept as a journal entry. Press *Join* to take part (joining late is fine); "
            "your next replies count. "
            "I won't ask again in this challenge.")
    return Message(text, [SectionBlock(text=md(clip(text, SECTION_TEXT))),
                          join_journal_buttons(challenge, journal=False),
                          context("*Join* adds you to the challenge.")])


def build_entry_removed(number: int) -> Message:
    """The ephemeral answer to deleting a reply that was a journal entry."""
    return Message(f"You deleted your reply, so your Day {number} journal entry is removed. Reply in the thread again "
                   "to write a new one; `/challenge status` lists your entries by day.")


def build_journal_post(user_id: str, number: int, text: str) -> Message:
    """A public entry written in the journal form, posted in the day's thread."""
    return Message(clip(f"<@{user_id}>'s journal for Day {number}:\n{plain(text)}", 40_000))


def announcement_failed(channel_id: str, error: str | None) -> str:
    """Why a new challenge was not created: its announcement could not be posted."""
    return (f"I couldn't post the announcement in <#{channel_id}> ({error}), so the challenge is not created. "
            "Check that I can post there, then press *Create* again.")
