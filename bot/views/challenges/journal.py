"""The journal modal (with its private_metadata), the answer once an entry is saved, and /challenge status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import CheckboxesElement, InputBlock, PlainTextInputElement, SectionBlock
from slack_sdk.models.views import View

from bot.ids import ChallengeView, JournalField
from bot.services.challenges.journals import MAX_ENTRY, JournalTarget
from bot.services.challenges.lookup import activity
from bot.services.challenges.partners import MyPartners
from bot.services.challenges.progress import EntrySummary, Progress
from bot.views.challenges.common import SECTION_TEXT, context, md, option, when
from bot.views.challenges.social import status_lines
from bot.views.message import Message
from bot.views.text import clip, inline, plain
from models import Challenge
from models.challenge import JournalSource

MAX_LISTED_ENTRIES = 10  # the latest entries `/challenge status` lists
ENTRY_SNIPPET = 60


@dataclass(frozen=True)
class JournalDay:
    """Which challenge day a journal modal writes to, as its private_metadata carries it."""

    challenge_id: int
    day_number: int


def journal_metadata(target: JournalTarget) -> str:
    return f"{target.challenge.id}:{target.day.number}"


def read_journal_metadata(view: dict[str, Any]) -> JournalDay:
    """The day of a submitted journal modal (see journal_metadata)."""
    challenge_id, day_number = (int(part) for part in str(view["private_metadata"]).split(":"))
    return JournalDay(challenge_id, day_number)


def build_journal_modal(target: JournalTarget) -> View:
    """The form for the member's entry of a day; their earlier form entry of that day is filled in."""
    challenge, day = target.challenge, target.day
    item = activity(challenge, day.number)
    private = option("yes", "Keep this entry private (stored, not posted)")
    entry = target.entry
    return View(
        type="modal", callback_id=ChallengeView.JOURNAL, title="Journal",
        submit="Save", close="Cancel", private_metadata=journal_metadata(target),
        blocks=[
            SectionBlock(text=md(clip(f"*{inline(challenge.title)}* — Day {day.number} of {challenge.days}: "
                                      f"{inline(item.title)}\n{plain(item.journal or item.do)}", SECTION_TEXT))),
            InputBlock(block_id=JournalField.TEXT, label="Today's entry",
                       element=PlainTextInputElement(action_id=JournalField.TEXT, multiline=True, max_length=MAX_ENTRY,
                                                     initial_value=entry.text if entry else None)),
            InputBlock(block_id=JournalField.PRIVATE, label="Privacy", optional=True,
                       element=CheckboxesElement(action_id=JournalField.PRIVATE, options=[private],
                                                 initial_options=[private] if entry and entry.private else None)),
            context("*Save* stores the entry for this day. A public entry is posted in the day's thread; "
                     "saving again replaces it."),
        ],
    )


def build_journal_saved(target: JournalTarget, *, private: bool) -> View:
    where = "kept private (only you can see it)" if private else "posted in the day's thread"
    return View(type="modal", title="Journal", close="Done", blocks=[
        SectionBlock(text=md(clip(f":white_check_mark: Your Day {target.day.number} entry for "
                                  f"*{inline(target.challenge.title)}* is saved and {where}.", SECTION_TEXT))),
    ])


def build_status(progress: Progress, mine: MyPartners | None = None, away_until: date | None = None) -> Message:
    """`/challenge status`: today's activity, the member's entries and streak, their partners and time away."""
    return Message("\n".join(filter(None, [_progress_text(progress), status_lines(mine, away_until)])))


def _progress_text(progress: Progress) -> str:
    challenge = progress.challenge
    lines = [f"*{inline(challenge.title)}* — {when(challenge)}."]
    if progress.day is None:
        lines.append(f"It starts on {challenge.start_date:%a %d %b}; Day 1 is posted at {challenge.post_time:%H:%M}.")
    else:
        item = activity(challenge, progress.day.number)
        lines.append(f"*Today: Day {progress.day.number} of {challenge.days} — {inline(item.title)}*")
        if item.do:
            lines.append(plain(item.do))
    if not progress.joined:
        lines.append("You are not taking part. `/challenge join` to join (joining late is fine).")
        return "\n".join(lines)
    if progress.entries:
        lines.append(f"*Your entries ({progress.entries}):*")
        listed = progress.entry_list[-MAX_LISTED_ENTRIES:]
        if len(progress.entry_list) > len(listed):
            lines.append(f"…and {len(progress.entry_list) - len(listed)} earlier")
        lines += [_entry_line(entry) for entry in listed]
    else:
        lines.append("You have no entries yet: reply in a day's thread or use `/challenge journal`.")
    today = " You have journaled today." if progress.journaled_today else ""
    lines.append(f"Streak: {progress.current_streak} day{'s' * (progress.current_streak != 1)} now, "
                 f"longest {progress.longest_streak}.{today}")
    return "\n".join(lines)


def _entry_line(entry: EntrySummary) -> str:
    """• Day 3 — “first words…” (your reply in the thread)."""
    if entry.private:
        return f"• Day {entry.day_number} — private entry (only you can see it)"
    words = " ".join(entry.text.split())
    snippet = words if len(words) <= ENTRY_SNIPPET else words[:ENTRY_SNIPPET].rsplit(" ", 1)[0] + "…"
    how = "your reply in the day's thread" if entry.source == JournalSource.THREAD else "written in the journal form"
    return f"• Day {entry.day_number} — “{inline(snippet)}” ({how})"


def build_joined(challenge: Challenge) -> Message:
    return Message(f"You have joined “{inline(challenge.title)}”. Each day, try the activity posted in "
                   f"<#{challenge.channel_id}> and reply in its thread to keep your journal. "
                   "`/challenge status` shows your streak.")


def build_left(challenge: Challenge) -> Message:
    return Message(f"You have left “{inline(challenge.title)}”. Your journal entries are kept; "
                   "`/challenge join` brings you back.")
