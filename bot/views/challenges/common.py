"""Small pieces every challenge builder shares: mrkdwn, context lines, options and the Join/Journal buttons."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, Option

from bot.ids import ChallengeAction
from models import Challenge

SECTION_TEXT = 3000  # Slack's limit for a section's text


def md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text)


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[md(text)])


def option(value: str, label: str) -> Option:
    return Option(value=value, label=label[:75])


def and_list(numbers: list[int]) -> str:
    """[2, 3, 4] → "2, 3 and 4"."""
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def when(challenge: Challenge) -> str:
    """How long the challenge runs and when each day's activity is posted."""
    weekends = ", weekends skipped" if challenge.skip_weekends else ""
    return (f"{challenge.days} days from {challenge.start_date:%a %d %b} to {challenge.end_date:%a %d %b}, "
            f"a new activity each day at {challenge.post_time:%H:%M} ({challenge.timezone}){weekends}")


def join_journal_buttons(challenge: Challenge, *, journal: bool) -> ActionsBlock:
    elements = [ButtonElement(text="Join", action_id=ChallengeAction.JOIN, value=str(challenge.id), style="primary")]
    if journal:
        elements.append(ButtonElement(text="Journal", action_id=ChallengeAction.OPEN_JOURNAL, value=str(challenge.id)))
    return ActionsBlock(elements=elements)
