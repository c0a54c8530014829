"""Whether the bot can post in a channel, joining public channels by itself."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.errors import error_code
from bot.views.channels import archived_text, cannot_join_text, not_visible_text, private_text


def cannot_post_reason(client: WebClient, channel_id: str, *, join: bool = True) -> str | None:
    """Why the bot cannot post in `channel_id`, or None when it can; joins public channels itself.

    With `join=False` it only looks, so a form can be checked whole before anything changes.
    """
    try:
        channel = client.conversations_info(channel=channel_id)["channel"]
    except SlackApiError as error:
        if error_code(error) == "channel_not_found":
            return not_visible_text()
        raise
    if channel.get("is_archived"):
        return archived_text()
    if channel.get("is_member") or channel.get("is_im"):
        return None
    if channel.get("is_private"):
        return private_text()
    if not join:
        return None
    try:
        client.conversations_join(channel=channel_id)
    except SlackApiError as error:
        return cannot_join_text(error_code(error))
    return None
