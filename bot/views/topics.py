"""Topics in the forms that tag things, and the "Related: …" line under a new proposal."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    StaticMultiSelectElement,
)

from bot.ids import TopicField
from bot.services.topics import MAX_TOPICS, Related, TopicAnswers
from bot.views.message import Message
from bot.views.text import clip, inline, link
from models.topic import MAX_TOPIC_LENGTH, Tagged, Topic

RELATED_NOUNS = {Tagged.GROUP: "practice group", Tagged.FINDINGS: "findings of", Tagged.CHALLENGE: "challenge"}


def topic_inputs(offered: list[Topic], chosen: list[Topic] | None = None) -> list[Block]:
    """The workspace's topics to choose from (when it has any) and a field for new ones; both optional."""
    blocks: list[Block] = []
    if offered:
        options = [Option(value=str(t.id), label=clip(t.name, 75)) for t in offered]
        initial = [o for o in options if o.value in {str(t.id) for t in chosen or []}]
        blocks.append(InputBlock(
            block_id=TopicField.CHOSEN, label="Topics", optional=True,
            hint="The community's topics this is about; others on the same topics are linked to it.",
            element=StaticMultiSelectElement(action_id=TopicField.CHOSEN, placeholder="Choose topics",
                                             options=options, initial_options=initial or None,
                                             max_selected_items=MAX_TOPICS),
        ))
    blocks.append(InputBlock(
        block_id=TopicField.NEW, label="New topics, comma separated", optional=True,
        hint=f"Up to {MAX_TOPICS} topics in all, each up to {MAX_TOPIC_LENGTH} characters, e.g. "
             "“contract testing, APIs”.",
        element=PlainTextInputElement(action_id=TopicField.NEW, max_length=1000),
    ))
    return blocks


def related_message(items: list[Related], links: dict[int, str | None]) -> Message:
    """Earlier groups, findings and challenges on the same topics; `links` by position, where Slack gave one."""
    parts = []
    for n, item in enumerate(items):
        url = links.get(n)
        name = link(url, item.name) if url else f"*{inline(item.name)}*"
        parts.append(f"{RELATED_NOUNS[item.kind]} {name}")
    text = clip("Related, on the same topics: " + " · ".join(parts), 2900)
    return Message(text=text, blocks=[ContextBlock(elements=[MarkdownTextObject(text=text)])])


def topic_answers(values: dict[str, Any]) -> TopicAnswers:
    """The topic inputs of a submitted form, from its values by block_id."""
    return TopicAnswers([str(v) for v in values.get(TopicField.CHOSEN) or []], values.get(TopicField.NEW) or "")
