"""What every listener module shares: binding handlers to deps, parsing a command and a modal's values."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from bot.deps import Deps


def with_deps(deps: Deps, handler: Callable[..., None]) -> Callable[..., None]:
    """`handler` (a module-level function taking `deps` first) as a Bolt listener.

    Bolt passes a listener the arguments it names, so the bound `deps` must not show in its signature:
    a plain partial, not functools.wraps, which would expose the original one.
    """
    bound = partial(handler, deps)
    bound.__name__ = handler.__name__  # type: ignore[attr-defined]  # Bolt names listeners in its logs
    return bound


def split_command(text: str | None) -> tuple[str, str]:
    """`"join Data Viz"` → `("join", "Data Viz")`; the sub-command lower-cased, "" when empty."""
    parts = (text or "").strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower(), parts[1].strip() if len(parts) > 1 else ""


def form_values(view: dict[str, Any]) -> dict[str, Any]:
    """A submitted modal's values by block_id, each the plain value of its one input element."""
    values: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for element in actions.values():
            values[block_id] = _element_value(element)
    return values


# What Slack's pickers send: member and channel ids. The bot writes them back as <@ID> and <#ID>, so anything
# else (a forged `<!channel>`) is dropped here rather than repeated as a live mention.
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,20}")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{1,20}")


def _only_ids(selected: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(selected, list):
        return [s for s in selected if isinstance(s, str) and pattern.fullmatch(s)]
    return selected if isinstance(selected, str) and pattern.fullmatch(selected) else None


def _element_value(element: dict[str, Any]) -> Any:
    kind = element.get("type")
    if kind in ("static_select", "radio_buttons", "external_select"):
        option = element.get("selected_option")
        return option["value"] if option else None
    if kind in ("checkboxes", "multi_static_select", "multi_external_select"):
        return [option["value"] for option in element.get("selected_options") or []]
    selected = {
        "conversations_select": "selected_conversation",
        "channels_select": "selected_channel",
        "users_select": "selected_user",
        "multi_users_select": "selected_users",
        "multi_conversations_select": "selected_conversations",
        "multi_channels_select": "selected_channels",
        "datepicker": "selected_date",
        "timepicker": "selected_time",
    }.get(kind or "")
    if selected in ("selected_date", "selected_time"):
        return element.get(selected)
    if selected:
        return _only_ids(element.get(selected), _USER_ID if "user" in selected else _CHANNEL_ID)
    value = element.get("value")
    return value.strip() if isinstance(value, str) else value
