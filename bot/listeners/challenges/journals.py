"""Journals: `/challenge journal`, the Journal button and modal, and replies in a day's thread (message events)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import challenges as flows
from bot.ids import JournalField
from bot.listeners.commands import CommandRequest, SubcommandHandler
from bot.listeners.common import form_values
from bot.slack.clicks import answer_click
from bot.views.challenges.journal import build_journal_modal, build_journal_saved, read_journal_metadata

# A new message in a thread: a plain reply, one also sent to the channel, or one with a file.
REPLY_SUBTYPES = (None, "thread_broadcast", "file_share")


def journal(req: CommandRequest) -> None:
    try:
        target = flows.journal_target_named(req.deps, req.team_id, req.user_id, req.args, channel_id=req.channel_id)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack()
    req.client.views_open(trigger_id=req.trigger_id, view=build_journal_modal(target))


SUBCOMMANDS: dict[str, SubcommandHandler] = {"journal": journal}


def journal_clicked(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
    ack()
    challenge_id = int(body["actions"][0]["value"])
    try:
        target = flows.journal_target_of(deps, body["team"]["id"], body["user"]["id"], challenge_id)
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=build_journal_modal(target))


def save_entry(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    values = form_values(view)
    private = bool(values.get(JournalField.PRIVATE))
    try:
        target = flows.save_journal_entry(deps, client, body["team"]["id"], body["user"]["id"],
                                          read_journal_metadata(view), text=values.get(JournalField.TEXT) or "",
                                          private=private)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(JournalField.TEXT))
        return
    ack(response_action="update", view=build_journal_saved(target, private=private))


def on_message(deps: Deps, event: dict[str, Any], team_id: str, client: WebClient) -> None:
    """Thread replies become journal entries; edits update them, deletes remove them (see messages.py)."""
    subtype = event.get("subtype")
    if subtype == "message_changed":
        reply_edited(deps, event, team_id, client)
    elif subtype == "message_deleted":
        reply_deleted(deps, event, team_id, client)
    elif subtype in REPLY_SUBTYPES:
        new_reply(deps, event, team_id, client)


def new_reply(deps: Deps, event: dict[str, Any], team_id: str, client: WebClient) -> None:
    thread_ts, ts = event.get("thread_ts"), event.get("ts", "")
    if event.get("bot_id") or not event.get("user") or not thread_ts or thread_ts == ts:
        return  # the bot's own message, or not a reply in a thread
    flows.capture_reply(deps, client, team_id, channel_id=event.get("channel", ""), thread_ts=thread_ts, ts=ts,
                        user_id=event["user"], text=event.get("text") or "")


def reply_edited(deps: Deps, event: dict[str, Any], team_id: str, client: WebClient) -> None:
    message = event.get("message") or {}
    if message.get("bot_id") or not message.get("thread_ts"):
        return
    flows.edit_reply(deps, client, team_id, channel_id=event.get("channel", ""), ts=message.get("ts", ""),
                     user_id=message.get("user"), text=message.get("text") or "")


def reply_deleted(deps: Deps, event: dict[str, Any], team_id: str, client: WebClient) -> None:
    previous = event.get("previous_message") or {}
    flows.remove_reply(deps, client, team_id, channel_id=event.get("channel", ""),
                       ts=event.get("deleted_ts") or previous.get("ts", ""), thread_ts=previous.get("thread_ts"),
                       user_id=previous.get("user"))
