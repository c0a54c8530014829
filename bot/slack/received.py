"""What Slack sends, made safe to store: no NUL character and no lone surrogate in any text.

PostgreSQL's text refuses NUL (0x00), and neither database can encode half of a UTF-16 surrogate pair (JSON
may carry one as `\\ud800`): either would fail the whole request after the member pressed Submit. A NUL carries
nothing a member meant, so it is dropped; a lone surrogate becomes the replacement character, as a browser shows it.
"""

from __future__ import annotations

import re
from typing import Any

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    return "" if match.group() == "\x00" else "\ufffd"


def storable(node: Any) -> Any:
    """`node` (a request body, or any part of it) with its text made storable; dicts and lists are changed in place,
    so that every argument Bolt builds from the body later sees the same."""
    if isinstance(node, str):
        return _UNSTORABLE.sub(_replacement, node)
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = storable(value)
    elif isinstance(node, list):
        node[:] = [storable(value) for value in node]
    return node
