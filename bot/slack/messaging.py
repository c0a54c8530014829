"""Sending: DMs to one or many, group DMs, posting once, updating, thread notes, reactions, files."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.clients import without_blind_retries
from bot.slack.errors import PERMANENT_ERRORS, error_code
from bot.views.message import Message

logger = logging.getLogger(__name__)

# The metadata event type that marks the bot's scheduled messages with their row's key.
DELIVERY_EVENT = "cop_bot_delivery"


def post(client: WebClient, channel: str, message: Message, *, thread_ts: str | None = None) -> str:
    """Post `message` in `channel` (in a thread when `thread_ts` is given) and return its ts; errors raise."""
    threading: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    return str(client.chat_postMessage(channel=channel, **threading, **message.as_kwargs())["ts"])


def whisper(client: WebClient, channel: str, user_id: str, message: Message, *, thread_ts: str | None = None) -> None:
    """An ephemeral message only `user_id` sees, in `channel` (or one of its threads); errors raise."""
    threading: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    client.chat_postEphemeral(channel=channel, user=user_id, **threading, **message.as_kwargs())


def delete(client: WebClient, channel: str, ts: str) -> None:
    """Take a message of the bot's down; errors raise."""
    client.chat_delete(channel=channel, ts=ts)


def dm(client: WebClient, user_id: str, message: Message) -> str | None:
    """DM `message` to `user_id` and return its ts; a member Slack will not reach is logged, and None."""
    try:
        return post(client, user_id, message)
    except SlackApiError as error:
        logger.warning("could not DM %s: %s", user_id, error_code(error))
        return None


def dm_each(client: WebClient, user_ids: Iterable[str], message: Message, *, but: str | None = None) -> None:
    """DM `message` to each of `user_ids` (except `but`, who acted), each once."""
    for user_id in dict.fromkeys(user_ids):
        if user_id != but:
            dm(client, user_id, message)


def dm_copies(client: WebClient, user_ids: Iterable[str], message: Message, *,
              but: str | None = None) -> list[tuple[str, str, str]]:
    """DM `message` to each of `user_ids` (except `but`) once; the copies sent, as (user, channel, ts)."""
    sent: list[tuple[str, str, str]] = []
    for user_id in dict.fromkeys(user_ids):
        if user_id == but:
            continue
        try:
            response = client.chat_postMessage(channel=user_id, **message.as_kwargs())
        except SlackApiError as error:
            logger.warning("could not DM %s: %s", user_id, error_code(error))
            continue
        sent.append((user_id, str(response["channel"]), str(response["ts"])))
    return sent


def update_every(client: WebClient, copies: Iterable[tuple[str, str]], message: Message) -> int:
    """Bring every copy (channel, ts) of a message up to date; one that is gone is logged. How many were updated."""
    return sum(update(client, channel, ts, message) for channel, ts in copies)


def open_dm(client: WebClient, user_ids: Iterable[str]) -> str:
    """The conversation of the bot with these members (a group DM for several); its channel id."""
    return str(client.conversations_open(users=",".join(user_ids))["channel"]["id"])


def post_once(client: WebClient, *, key: str, attempt: int, since: datetime, channel: str, message: Message,
              **options: Any) -> str:
    """Post `message` to `channel` unless an earlier attempt already did; return the message ts.

    The message carries `key` in its metadata. On a retry (attempt > 1) the channel's recent
    history is searched for that key first, so a worker that died after sending is not repeated.
    A post whose answer was lost (the connection dropped) is looked for in the same way before it
    is made again, never repeated blindly.
    """
    if attempt > 1 and (ts := _posted(client, key=key, since=since, channel=channel)) is not None:
        return ts
    careful = without_blind_retries(client)

    def send() -> str:
        metadata = {"event_type": DELIVERY_EVENT, "event_payload": {"key": key}}
        return str(careful.chat_postMessage(channel=channel, metadata=metadata, **message.as_kwargs(), **options)["ts"])

    try:
        return send()
    except (OSError, HTTPException) as lost:
        logger.warning("the answer to posting %s was lost (%s): looking for it before posting again", key, lost)
    ts = _posted(client, key=key, since=since, channel=channel)
    return ts if ts is not None else send()  # a second loss raises: the job retries later, looking first


def _posted(client: WebClient, *, key: str, since: datetime, channel: str) -> str | None:
    """The ts of the bot's message carrying `key` in `channel` since `since` (less a minute), if there is one."""
    history = client.conversations_history(
        channel=channel, oldest=f"{since.timestamp() - 60:.6f}", include_all_metadata=True, limit=200
    )
    sent: dict[str, Any]
    for sent in history.get("messages", []):
        metadata: dict[str, Any] = sent.get("metadata") or {}
        if metadata.get("event_type") == DELIVERY_EVENT and metadata.get("event_payload", {}).get("key") == key:
            return str(sent["ts"])
    return None


def dm_each_once(client: WebClient, user_ids: Iterable[str], message: Message, *, key: str, attempt: int,
                 since: datetime) -> list[SlackApiError]:
    """DM `message` to each member once, even across retries; one Slack will not reach is skipped, not retried.

    Returns Slack's refusals of those skipped, for the caller to record.
    """
    refused = []
    for user_id in user_ids:
        try:
            post_once(client, key=f"{key}:{user_id}", attempt=attempt, since=since,
                      channel=open_dm(client, [user_id]), message=message)
        except SlackApiError as error:
            if error_code(error) not in PERMANENT_ERRORS:
                raise
            logger.warning("could not DM %s: %s", user_id, error_code(error))
            refused.append(error)
    return refused


def update(client: WebClient, channel: str | None, ts: str | None, message: Message) -> bool:
    """Bring a posted message up to date; a message (or channel) that is gone is logged, and False."""
    if not channel or not ts:
        return False
    try:
        client.chat_update(channel=channel, ts=ts, **message.as_kwargs())
        return True
    except SlackApiError as error:
        logger.warning("could not update message %s in %s: %s", ts, channel, error_code(error))
        return False


def note_in_thread(client: WebClient, channel: str | None, thread_ts: str | None, message: Message) -> None:
    """A reply in a message's thread, when there is one; a failure is logged."""
    if not channel or not thread_ts:
        return
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message.as_kwargs())
    except SlackApiError as error:
        logger.warning("could not reply in thread %s of %s: %s", thread_ts, channel, error_code(error))


def permalink(client: WebClient, channel: str, ts: str | None) -> str | None:
    """A link to a message, or None when Slack will not give one."""
    if not ts:
        return None
    try:
        return str(client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
    except SlackApiError:
        return None


def react(client: WebClient, channel: str, ts: str, name: str) -> None:
    """Add the reaction `name`; already there (e.g. after an edit) is fine."""
    try:
        client.reactions_add(channel=channel, timestamp=ts, name=name)
    except SlackApiError as error:
        if error_code(error) != "already_reacted":
            raise


def upload_to_dm(client: WebClient, user_id: str, *, filename: str, title: str, comment: str,
                 content: str | None = None, file: bytes | None = None) -> None:
    """A file (text `content` or bytes `file`) in the member's DM with the bot, with a comment."""
    channel = open_dm(client, [user_id])
    data: dict[str, Any] = {"content": content} if content is not None else {"file": file}
    client.files_upload_v2(channel=channel, filename=filename, title=title, initial_comment=comment, **data)


def upload_to_thread(client: WebClient, channel: str, thread_ts: str, *, file: bytes, filename: str, title: str,
                     comment: str, alt_text: str, also: Sequence[tuple[str, str, bytes]] = ()) -> str:
    """An image or other file in a message's thread, with a comment; its file id.

    `also` are more files (filename, title, bytes) shared in the same message, all or none.
    """
    uploads = [{"file": file, "filename": filename, "title": title, "alt_txt": alt_text},
               *({"file": data, "filename": name, "title": label} for name, label, data in also)]
    uploaded = client.files_upload_v2(channel=channel, thread_ts=thread_ts, file_uploads=uploads,
                                      initial_comment=comment)
    return str(uploaded["files"][0]["id"])


def upload_private(client: WebClient, *, file: bytes, filename: str, title: str, alt_text: str) -> str:
    """An image uploaded to no conversation (the bot's own, to show by id in a view); its file id."""
    uploaded = client.files_upload_v2(file=file, filename=filename, title=title, alt_txt=alt_text)
    return str(uploaded["file"]["id"])
