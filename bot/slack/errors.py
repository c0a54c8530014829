"""Slack's error codes, grouped by what the bot does about them."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

# Errors that another try will not mend: scheduled work gives up and tells whoever can fix it.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "user_not_found",
        "user_disabled", "cannot_dm_bot", "invalid_auth", "token_revoked", "not_authed", "missing_scope",
        "restricted_action", "user_not_visible", "invalid_blocks", "invalid_arguments", "msg_too_long", "no_text",
    }
)
# The member left the workspace (or was deactivated).
GONE_ERRORS = frozenset({"user_not_found", "account_inactive", "user_disabled"})
# A DM Slack will never deliver: the member left, or is a bot. Nobody is to be told; they are not tried again.
UNREACHABLE_ERRORS = GONE_ERRORS | {"cannot_dm_bot"}


def error_code(error: SlackApiError) -> str:
    """The `error` field of Slack's answer, e.g. `channel_not_found`."""
    return str(error.response.get("error") or "unknown")
