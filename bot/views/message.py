"""The one contract of every message builder: a notification text and its blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import Block


@dataclass(frozen=True)
class Message:
    """A message's notification text and its blocks, for chat.postMessage, chat.update or an ack."""

    text: str
    blocks: Sequence[Block | dict[str, Any]] = field(default_factory=tuple)

    def as_kwargs(self) -> dict[str, Any]:
        """`text` and, when there are any, `blocks` as Slack's Web API takes them."""
        kwargs: dict[str, Any] = {"text": self.text}
        if self.blocks:
            kwargs["blocks"] = [b.to_dict() if isinstance(b, Block) else b for b in self.blocks]
        return kwargs
