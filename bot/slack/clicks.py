"""Where a click came from (a message, a copy of it in a DM, App Home, a modal), and answering it there."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.views.notice import notice_modal


def clicked_from_home(body: dict[str, Any]) -> bool:
    """The button was in the member's App Home."""
    return (body.get("container") or {}).get("type") == "view" and (body.get("view") or {}).get("type") == "home"


def clicked_copy(body: dict[str, Any], original_ts: str | None) -> tuple[str, str] | None:
    """The (channel, ts) of the copy a button was clicked in, e.g. a coordinator's DM of a proposal.

    None when the click came from the original message, an ephemeral one or a view (App Home, a modal).
    """
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if container.get("type") != "message" or container.get("is_ephemeral") or not channel or not ts:
        return None
    return None if ts == original_ts else (channel, ts)


def answer_click(client: WebClient, body: dict[str, Any], respond: Respond | None, text: str) -> None:
    """Answer a click privately: ephemeral under a message, a small modal elsewhere (App Home)."""
    in_message = (body.get("container") or {}).get("type") != "view"
    if respond is not None and body.get("response_url") and in_message:
        respond(text=text, response_type="ephemeral", replace_original=False)
    elif body.get("trigger_id"):
        client.views_open(trigger_id=body["trigger_id"], view=notice_modal(text))
