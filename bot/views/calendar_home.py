"""App Home's *Add to calendar* section: the member's meetups and report due dates ahead."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ButtonElement, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from bot.ids import CalendarAction
from bot.services.calendar import CalendarItem
from bot.views.text import inline

MAX_ITEMS = 10


def home_calendar_blocks(items: list[CalendarItem]) -> list[Block]:
    """One line a date with an *Add to calendar* button; nothing when the member has no date ahead."""
    if not items:
        return []
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text="*Dates ahead*"))]
    for item in items[:MAX_ITEMS]:
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=_line(item)),
            accessory=ButtonElement(text="Add to calendar", action_id=CalendarAction.ADD, value=item.value),
        ))
    blocks += [
        ContextBlock(elements=[MarkdownTextObject(
            text="*Add to calendar* sends you the date as a calendar file (.ics) in a DM; opening it again later "
                 "updates the same event.")]),
        DividerBlock(),
    ]
    return blocks


def _line(item: CalendarItem) -> str:
    if item.is_meetup:
        return (f":calendar: Report-back meetup of *{inline(item.name)}* — {item.day:%a %d %b %Y}, "
                f"{item.at:%H:%M} ({item.timezone})")
    return f":spiral_calendar_pad: Next report of the {item.noun} *{inline(item.name)}* due {item.day:%a %d %b %Y}"
