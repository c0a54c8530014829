"""The new-challenge modal."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ConversationFilter,
    ConversationSelectElement,
    DatePickerElement,
    InputBlock,
    NumberInputElement,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.ids import ChallengeField, ChallengeView
from bot.services.challenges.creation import DEFAULT_DAYS, MAX_DAYS
from bot.services.challenges.templates import ActivitySetData
from bot.views.challenges.common import md, option
from bot.views.topics import topic_inputs
from models.topic import Topic

NUDGE_CHOICES = [("0", "No nudges"), ("2", "2 hours"), ("4", "4 hours"), ("6", "6 hours"), ("8", "8 hours"),
                 ("12", "12 hours")]
CHANNELS = ConversationFilter(include=["public", "private"], exclude_bot_users=True,
                              exclude_external_shared_channels=True)


def build_new_challenge_modal(sets: list[ActivitySetData], *, timezone: str, channel_id: str | None,
                              today: date, offered: list[Topic] | None = None) -> View:
    """The form to set up a challenge; `timezone` is the creator's, `channel_id` where they typed."""
    template = StaticSelectElement(
        action_id=ChallengeField.TEMPLATE, placeholder="Choose a set of activities",
        options=[option(s.name, f"{s.name} ({len(s.activities)} activities)") for s in sets[:100]],
    )
    channel = ConversationSelectElement(
        action_id=ChallengeField.CHANNEL, placeholder="Choose a channel", initial_conversation=channel_id or None,
        filter=CHANNELS,
    )
    checkbox = option("yes", "Skip Saturdays and Sundays")
    partners = option("yes", "Pair participants as accountability partners")
    blocks: list[Block] = [
        SectionBlock(text=md("Each challenge day I post a new activity in the channel; participants keep a journal "
                             "by replying in that day's thread. "
                             "*Create* posts an announcement with a *Join* button.")),
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
                   element=PlainTextInputElement(action_id=ChallengeField.TIMEZONE, initial_value=timezone,
                                                 max_length=64),
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
                                               options=[option(v, label) for v, label in NUDGE_CHOICES],
                                               initial_option=option("6", "6 hours"))),
        InputBlock(block_id=ChallengeField.MEETUP_DATE, label="Report-back meetup", optional=True,
                   element=DatePickerElement(action_id=ChallengeField.MEETUP_DATE),
                   hint="After the last day, participants share their highlights with the community."),
        *topic_inputs(offered or []),
    ]
    return View(type="modal", callback_id=ChallengeView.NEW, title="New challenge", submit="Create",
                close="Cancel", blocks=blocks)
