"""A modal that only says something: the answer to a click that has no channel to answer in."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.views.text import clip

MODAL_TEXT = 3000  # Slack's limit for a section's text


def notice_modal(text: str, title: str = "CoP Bot") -> View:
    shown = clip(text, MODAL_TEXT)
    return View(type="modal", title=title, close="OK", blocks=[SectionBlock(text=MarkdownTextObject(text=shown))])
