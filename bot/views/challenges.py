"""Block Kit for 30-day challenges: the new-challenge modal, the announcement, the daily post,
journals, status, activity sets and the App Home card."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    ConversationSelectElement,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.ids import ChallengeAction, ChallengeField, ChallengeView, JournalField, TemplateField
from bot.services.challenges.creation import DEFAULT_DAYS, MAX_DAYS
from bot.services.challenges.lookup import activity
from bot.services.challenges.journals import JournalTarget, MAX_ENTRY
from bot.services.challenges.progress import EntrySummary, Progress
from bot.services.challenges.templates import EXAMPLE, MAX_YAML_CHARS, Activity, ActivitySetData
from models import Challenge

NUDGE_CHOICES = [("0", "No nudges"), ("2", "2 hours"), ("4", "4 hours"), ("6", "6 hours"), ("8", "8 hours"), ("12", "12 hours")]
BUTTONS_SAY = "*Join* adds you to the challenge (joining late is fine). *Journal* opens a form for today's entry, which you can keep private."
HOW_TO_JOURNAL = ("*How to journal:* reply in this thread — your reply becomes your Day {n} entry, and I add :memo: "
                  "to it once it is saved. Editing the reply updates the entry; deleting it removes the entry. "
                  "To keep an entry private, press *Journal* or type `/challenge journal`.")
MAX_LISTED_SETS = 40
MAX_LISTED_ENTRIES = 10  # the latest entries `/challenge status` lists
ENTRY_SNIPPET = 60


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text)


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[_md(text)])


def _option(value: str, label: str) -> Option:
    return Option(value=value, label=label[:75])


def _and(numbers: list[int]) -> str:
    """[2, 3, 4] → "2, 3 and 4"."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _when(challenge: Challenge) -> str:
    weekends = ", weekends skipped" if challenge.skip_weekends else ""
    return (f"{challenge.days} days from {challenge.start_date:%a %d %b} to {challenge.end_date:%a %d %b}, "
            f"a new activity each day at {challenge.post_time:%H:%M} ({challenge.timezone}){weekends}")


# -- the new-challenge modal ---------------------------------------------------------------------

def build_new_challenge_modal(sets: list[ActivitySetData], *, timezone: str, channel_id: str | None, today: date) -> View:
    """The form to set up a challenge; `timezone` is the creator's, `channel_id` where they typed."""
    template = StaticSelectElement(
        action_id=ChallengeField.TEMPLATE, placeholder="Choose a set of activities",
        options=[_option(s.name, f"{s.name} ({len(s.activities)} activities)") for s in sets[:100]],
    )
    channel = ConversationSelectElement(
        action_id=ChallengeField.CHANNEL, placeholder="Choose a channel", initial_conversation=channel_id or None,
        filter={"include": ["public", "private"], "exclude_bot_users": True, "exclude_external_shared_channels": True},
    )
    checkbox = _option("yes", "Skip Saturdays and Sundays")
    partners = _option("yes", "Pair participants as accountability partners")
    blocks: list[Block] = [
        SectionBlock(text=_md("Each challenge day I post a new activity in the channel; participants keep a journal "
                              "by replying in that day's thread. *Create* posts an announcement with a *Join* button.")),
        InputBlock(block_id=ChallengeField.TITLE, label="Title",
                   element=PlainTextInputElement(action_id=ChallengeField.TITLE, max_length=80,
                                                 placeholder="e.g. 30 days of DevOps")),
        InputBlock(block_id=ChallengeField.DESCRIPTION, label="Description", optional=True,
                   element=PlainTextInputElement(action_id=ChallengeField.DESCRIPTION, multiline=True, max_length=1000,
                                                 placeholder="What participants will learn, and who it is for")),
        InputBlock(block_id=ChallengeField.CHANNEL, label="Channel", element=channel,
                   hint="The daily activities are posted here. For a private channel, invite the bot first."),
        InputBlock(block_id=ChallengeField.START_DATE, label="Start date",
                   element=DatePickerElement(action_id=ChallengeField.START_DATE, initial_date=today.isoformat())),
        InputBlock(block_id=ChallengeField.DAYS, label="Number of days",
                   element=NumberInputElement(action_id=ChallengeField.DAYS, is_decimal_allowed=False,
                                              initial_value=str(DEFAULT_DAYS), min_value="1", max_value=str(MAX_DAYS)),
                   hint=f"1 to {MAX_DAYS}. Challenge days are counted without skipped weekends."),
        InputBlock(block_id=ChallengeField.POST_TIME, label="Local time of the daily post",
                   element=TimePickerElement(action_id=ChallengeField.POST_TIME, initial_time="09:00")),
        InputBlock(block_id=ChallengeField.TIMEZONE, label="Timezone",
                   element=PlainTextInputElement(action_id=ChallengeField.TIMEZONE, initial_value=timezone, max_length=64),
                   hint="An IANA timezone name such as Europe/Paris; yours is filled in."),
        InputBlock(block_id=ChallengeField.SKIP_WEEKENDS, label="Weekends", optional=True,
                   element=CheckboxesElement(action_id=ChallengeField.SKIP_WEEKENDS, options=[checkbox])),
        InputBlock(block_id=ChallengeField.TEMPLATE, label="Activities: a set", optional=True, element=template,
                   hint="`/challenge templates` lists the sets and lets you import your own."),
        InputBlock(block_id=ChallengeField.ACTIVITIES, label="…or your own activities, one per line", optional=True,
                   element=PlainTextInputElement(action_id=ChallengeField.ACTIVITIES, multiline=True, max_length=3000,
                                                 placeholder="Day 1's activity\nDay 2's activity\n…")),
        InputBlock(block_id=ChallengeField.PARTNERS, label="Accountability partners", optional=True,
                   element=CheckboxesElement(action_id=ChallengeField.PARTNERS, options=[partners],
                                             initial_options=[partners])),
        InputBlock(block_id=ChallengeField.NUDGE_DELAY, label="Nudge participants without an entry after",
                   element=StaticSelectElement(action_id=ChallengeField.NUDGE_DELAY,
                                               options=[_option(v, label) for v, label in NUDGE_CHOICES],
                                               initial_option=_option("6", "6 hours"))),
        InputBlock(block_id=ChallengeField.MEETUP_DATE, label="Report-back meetup", optional=True,
                   element=DatePickerElement(action_id=ChallengeField.MEETUP_DATE),
                   hint="After the last day, participants share their highlights with the community."),
    ]
    return View(type="modal", callback_id=ChallengeView.NEW, title="New challenge", submit="Create",
                close="Cancel", blocks=blocks)


# -- messages in the channel ---------------------------------------------------------------------

def _join_journal_buttons(challenge: Challenge, *, journal: bool) -> ActionsBlock:
    elements = [ButtonElement(text="Join", action_id=ChallengeAction.JOIN, value=str(challenge.id), style="primary")]
    if journal:
        elements.append(ButtonElement(text="Journal", action_id=ChallengeAction.OPEN_JOURNAL, value=str(challenge.id)))
    return ActionsBlock(elements=elements)


def build_announcement(challenge: Challenge) -> tuple[str, list[Block]]:
    text = f"New challenge: {challenge.title} — {_when(challenge)}. Press Join to take part."
    lines = [f":rocket: *New challenge: {challenge.title}*", challenge.description,
             f"{_when(challenge)}, here in this channel.",
             "Each day, try the activity and keep a journal by replying in the day's thread. "
             "It is for all levels: whatever stage you are at, there is always something new to learn."]
    if challenge.partners:
        lines.append("Participants are paired as *accountability partners* when it starts.")
    if challenge.meetup_date:
        lines.append(f"At the end we meet to report back on highlights: *{challenge.meetup_date:%a %d %b}*.")
    return text, [
        SectionBlock(text=_md("\n".join(line for line in lines if line)[:3000])),
        _join_journal_buttons(challenge, journal=False),
        _context("*Join* adds you to the challenge; you can join late and leave with `/challenge leave`."),
    ]


def _activity_text(item: Activity) -> str:
    parts = [item.do] if item.do else []
    if item.journal:
        parts.append(f"*In your journal:* {item.journal}")
    return "\n".join(parts)


def build_day_post(challenge: Challenge, number: int, missed: list[int]) -> tuple[str, list[Block]]:
    """Day `number`'s post; `missed` are earlier days that were not posted (the bot was down)."""
    item = activity(challenge, number)
    headline = f"Day {number} of {challenge.days} — {item.title}"
    body = f"*{headline}*\n{_activity_text(item)}".strip()
    blocks: list[Block] = [SectionBlock(text=_md(f":sunrise: {body}"[:3000]))]
    if missed:
        listing = "; ".join(f"Day {n} — {activity(challenge, n).title}" for n in missed)
        days_word = "Day" if len(missed) == 1 else "Days"
        blocks.append(SectionBlock(text=_md(
            f":warning: I was offline, so {days_word} {_and(missed)} "
            f"{'was' if len(missed) == 1 else 'were'} not posted: {listing}. Try them when you can."[:3000])))
    blocks += [
        _context(HOW_TO_JOURNAL.format(n=number)),
        _join_journal_buttons(challenge, journal=True),
        _context(BUTTONS_SAY),
    ]
    return f"{challenge.title}: {headline}", blocks


def build_invitation(challenge: Challenge, number: int) -> tuple[str, list[Block]]:
    """The ephemeral answer to a reply in a day's thread by someone who has not joined."""
    text = (f"You replied in Day {number} of “{challenge.title}”, but you are not taking part yet, so your reply "
            "is not kept as a journal entry. Press *Join* to take part (joining late is fine); your next replies count. "
            "I won't ask again in this challenge.")
    return text, [SectionBlock(text=_md(text)), _join_journal_buttons(challenge, journal=False),
                  _context("*Join* adds you to the challenge.")]


def build_entry_removed(number: int) -> str:
    """The ephemeral answer to deleting a reply that was a journal entry."""
    return (f"You deleted your reply, so your Day {number} journal entry is removed. Reply in the thread again "
            "to write a new one; `/challenge status` lists your entries by day.")


def build_journal_post(user_id: str, number: int, text: str) -> str:
    return f"<@{user_id}>'s journal for Day {number}:\n{text}"


def build_channel_lost(challenge: Challenge, error: str) -> str:
    return (f":warning: I can no longer post in <#{challenge.channel_id}> ({error}), so “{challenge.title}” is stopped: "
            "no more daily activities will be posted. Journals written so far are kept. "
            "To run it again, start a new challenge in a channel I can post in with `/challenge new`.")


# -- answers to a member ---------------------------------------------------------------------------

def build_status(progress: Progress) -> str:
    challenge = progress.challenge
    lines = [f"*{challenge.title}* — {_when(challenge)}."]
    if progress.day is None:
        lines.append(f"It starts on {challenge.start_date:%a %d %b}; Day 1 is posted at {challenge.post_time:%H:%M}.")
    else:
        item = activity(challenge, progress.day.number)
        lines.append(f"*Today: Day {progress.day.number} of {challenge.days} — {item.title}*")
        if item.do:
            lines.append(item.do)
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
    how = "your reply in the day's thread" if entry.source == "thread" else "written in the journal form"
    return f"• Day {entry.day_number} — “{snippet}” ({how})"


def build_journal_modal(target: JournalTarget) -> View:
    challenge, day = target.challenge, target.day
    item = activity(challenge, day.number)
    private = _option("yes", "Keep this entry private (stored, not posted)")
    entry = target.entry
    return View(
        type="modal", callback_id=ChallengeView.JOURNAL, title="Journal",
        submit="Save", close="Cancel", private_metadata=f"{challenge.id}:{day.number}",
        blocks=[
            SectionBlock(text=_md(f"*{challenge.title}* — Day {day.number} of {challenge.days}: {item.title}\n"
                                  f"{item.journal or item.do}"[:3000])),
            InputBlock(block_id=JournalField.TEXT, label="Today's entry",
                       element=PlainTextInputElement(action_id=JournalField.TEXT, multiline=True, max_length=MAX_ENTRY,
                                                     initial_value=entry.text if entry else None)),
            InputBlock(block_id=JournalField.PRIVATE, label="Privacy", optional=True,
                       element=CheckboxesElement(action_id=JournalField.PRIVATE, options=[private],
                                                 initial_options=[private] if entry and entry.private else None)),
            _context("*Save* stores the entry for this day. A public entry is posted in the day's thread; "
                     "saving again replaces it."),
        ],
    )


# -- activity sets -----------------------------------------------------------------------------------

def build_sets_list(sets: list[ActivitySetData]) -> tuple[str, list[Block]]:
    blocks: list[Block] = [SectionBlock(text=_md("*Activity sets for 30-day challenges.* Choose one in `/challenge new`."))]
    for activity_set in sets[:MAX_LISTED_SETS]:
        origin = "built in" if activity_set.built_in else "this community's"
        first = activity_set.activities[0].title
        blocks.append(SectionBlock(
            text=_md(f"*{activity_set.name}* ({len(activity_set.activities)} activities, {origin})\n"
                     f"{activity_set.description[:300]}\n_Day 1: {first}_"[:3000]),
            accessory=ButtonElement(text="Export YAML", action_id=ChallengeAction.EXPORT_SET,
                                    value=activity_set.name),
        ))
    blocks += [
        ActionsBlock(elements=[ButtonElement(text="Import a set", action_id=ChallengeAction.IMPORT_SET, value="import")]),
        _context("*Export YAML* sends you the set as a file in a DM, to adapt and import. "
                 "*Import a set* opens a form to paste your community's own set as YAML."),
    ]
    return f"{len(sets)} activity sets: " + ", ".join(s.name for s in sets), blocks


def build_import_modal() -> View:
    boxes: list[Block] = [
        InputBlock(block_id=field, label="The set as YAML" if n == 1 else f"…continued ({n})", optional=n > 1,
                   element=PlainTextInputElement(action_id=field, multiline=True, max_length=3000,
                                                 placeholder=EXAMPLE[:150] if n == 1 else "The next lines, if any"))
        for n, field in enumerate(TemplateField, start=1)
    ]
    return View(
        type="modal", callback_id=ChallengeView.IMPORT_SET, title="Import activities", submit="Import", close="Cancel",
        blocks=[
            SectionBlock(text=_md("Paste your community's own set of daily activities as YAML: a `name:`, an optional "
                                  "`description:` and `activities:`, each either one line of text or `title:` with "
                                  "`do:` and `journal:`. *Export YAML* on a set gives you a full example. A box holds "
                                  "3,000 characters: continue a longer set in the next box, starting at a new line "
                                  f"(at most {MAX_YAML_CHARS:,} characters in all).")),
            *boxes,
        ],
    )


# -- App Home ----------------------------------------------------------------------------------------

def build_home_challenges(cards: list[Progress]) -> list[Block]:
    """The member's running challenges: today's activity, streak and a Journal button."""
    if not cards:
        return [SectionBlock(text=_md("*Challenges* — you are not in a challenge right now. "
                                      "`/challenge join` joins one; `/challenge new` starts one."))]
    blocks: list[Block] = [HeaderBlock(text="Your challenges")]
    for card in cards[:15]:
        challenge = card.challenge
        if card.day is None:
            today = f"Starts {challenge.start_date:%a %d %b}."
        else:
            done = (" :white_check_mark: journaled" if card.journaled_today
                    else " — not journaled yet: reply in today's thread or press *Journal*")
            today = f"Day {card.day.number} of {challenge.days}: {activity(challenge, card.day.number).title}{done}"
        blocks += [
            SectionBlock(
                text=_md(f"*{challenge.title}* in <#{challenge.channel_id}>\n{today}\n"
                         f"Streak: {card.current_streak} (longest {card.longest_streak}) · entries: {card.entries}"[:3000]),
                accessory=ButtonElement(text="Journal", action_id=ChallengeAction.OPEN_JOURNAL, value=str(challenge.id)),
            ),
        ]
    blocks += [_context("*Journal* opens a form for today's entry, which you can keep private."), DividerBlock()]
    return blocks


def build_joined(challenge: Challenge) -> str:
    return (f"You have joined “{challenge.title}”. Each day, try the activity posted in <#{challenge.channel_id}> "
            "and reply in its thread to keep your journal. `/challenge status` shows your streak.")


def build_left(challenge: Challenge) -> str:
    return f"You have left “{challenge.title}”. Your journal entries are kept; `/challenge join` brings you back."


def build_journal_saved(target: JournalTarget, *, private: bool) -> View:
    where = "kept private (only you can see it)" if private else "posted in the day's thread"
    return View(type="modal", title="Journal", close="Done", blocks=[
        SectionBlock(text=_md(f":white_check_mark: Your Day {target.day.number} entry for *{target.challenge.title}* "
                              f"is saved and {where}.")),
    ])


def build_import_done(imported: ActivitySetData) -> View:
    return View(type="modal", title="Import activities", close="Done", blocks=[
        SectionBlock(text=_md(f":white_check_mark: *{imported.name}* is imported with {len(imported.activities)} "
                              "activities. Choose it in `/challenge new`.")),
    ])


def build_export_comment(chosen: ActivitySetData) -> str:
    return (f"*{chosen.name}* — {len(chosen.activities)} activities as YAML. Change the `name:` and activities, "
            "then import it with `/challenge templates import`.")
