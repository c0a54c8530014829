"""The weekly digest message."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.services.digest_types import DigestSection, DigestWindow
from bot.views.message import Message
from bot.views.reports import clip, context

MAX_LINES = 15  # a section shows this many items, then says how many more
DIGEST_HELP = "Use the buttons on each report in this channel to endorse, critique or suggest a refinement."


def digest_message(window: DigestWindow, sections: list[DigestSection]) -> Message:
    title = f"This week in the community ({window.since:%d %b} – {window.today:%d %b})"
    blocks: list[Block] = [HeaderBlock(text=title)]
    for section in sections:
        shown = section.lines[:MAX_LINES]
        more = len(section.lines) - len(shown)
        text = f"*{section.title}*\n" + "\n".join(f"• {line}" for line in shown)
        if more:
            text += f"\n…and {more} more"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text))))
    blocks.append(context(DIGEST_HELP))
    summary = ", ".join(f"{s.title.lower()}: {len(s.lines)}" for s in sections)
    return Message(text=f"{title} — {summary}", blocks=blocks)


def digest_undeliverable_message(channel_id: str | None, error: str) -> Message:
    """The coordinators' DM when the weekly digest could not be posted in the community channel."""
    return Message(text=f"I couldn't post the weekly digest in <#{channel_id}> (`{error}`). "
                        "Invite me to the community channel, or choose another one in my Home tab's Settings.")
