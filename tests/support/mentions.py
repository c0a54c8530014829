"""What Slack parses for mentions and links in a call or an answer: where member text must arrive escaped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def mrkdwn_of(node: Any) -> Iterator[str]:
    """Every text Slack parses for mentions and links: mrkdwn objects, at any depth."""
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            yield str(node.get("text", ""))
        for value in node.values():
            yield from mrkdwn_of(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from mrkdwn_of(value)


def parsed(params: dict[str, Any]) -> list[str]:
    """What Slack parses for mentions and links in a call: `text`, a file's comment, and mrkdwn at any depth."""
    found = [str(params[k]) for k in ("text", "initial_comment") if isinstance(params.get(k), str)]
    for key in ("blocks", "view", "attachments"):
        value = params.get(key)
        found += list(mrkdwn_of(json.loads(value) if isinstance(value, str) else value))
    return found
