"""Small helpers every listener uses: parsing commands and forms, permissions, channel checks."""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.services.community import is_listed_coordinator
from bot.slack_people import all_coordinators

logger = logging.getLogger(__name__)


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
    if selected:
        return element.get(selected)
    value = element.get("value")
    return value.strip() if isinstance(value, str) else value


def is_coordinator(deps: Deps, client: WebClient, team_id: str, user_id: str) -> bool:
    """Listed as a coordinator in Settings, or a workspace admin or owner."""
    with deps.sessions() as session:
        if is_listed_coordinator(session, team_id, user_id):
            return True
    user = client.users_info(user=user_id)["user"]
    return bool(user.get("is_admin") or user.get("is_owner"))


def cannot_post_reason(client: WebClient, channel_id: str, *, join: bool = True) -> str | None:
    """Why the bot cannot post in `channel_id`, or None when it can; joins public channels itself.

    With `join=False` it only looks, so a form can be checked whole before anything changes.
    """
    try:
        channel = client.conversations_info(channel=channel_id)["channel"]
    except SlackApiError as error:
        if error.response.get("error") == "channel_not_found":
            return "I can't see that channel. If it is private, invite me with `/invite @CoP Bot` first."
        raise
    if channel.get("is_archived"):
        return "That channel is archived. Choose another one."
    if channel.get("is_member") or channel.get("is_im"):
        return None
    if channel.get("is_private"):
        return "That channel is private: invite me with `/invite @CoP Bot` in it, then try again."
    if not join:
        return None
    try:
        client.conversations_join(channel=channel_id)
    except SlackApiError as error:
        return f"I couldn't join that channel ({error.response.get('error')}). Invite me, then try again."
    return None


def dm(client: WebClient, user_id: str, **message: Any) -> None:
    """DM `message` to `user_id`; a member Slack will not reach is logged, and the rest goes on."""
    try:
        client.chat_postMessage(channel=user_id, **message)
    except SlackApiError as error:
        logger.warning("could not DM %s: %s", user_id, error.response.get("error"))


def dm_coordinators(client: WebClient, listed: Collection[str], *, but: str, **message: Any) -> None:
    """DM `message` to every coordinator (listed, admins and owners) except `but`, who acted."""
    for coordinator in all_coordinators(client, listed):
        if coordinator != but:
            dm(client, coordinator, **message)


def clicked_copy(body: dict[str, Any], original_ts: str | None) -> tuple[str, str] | None:
    """The (channel, ts) of the copy a button was clicked in, e.g. a coordinator's DM of a proposal.

    None when the click came from the original message, an ephemeral one or a view (App Home, a modal).
    """
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if container.get("type") != "message" or container.get("is_ephemeral") or not channel or not ts:
        return None
    return None if ts == original_ts else (channel, ts)
