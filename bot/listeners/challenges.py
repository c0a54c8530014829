"""`/challenge`: 30-day challenges — creating, joining, journals (modal and thread replies), activity sets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.errors import UserError
from bot.ids import ChallengeAction, ChallengeField, ChallengeView, Command, JournalField, TemplateField
from bot.listeners import social
from bot.listeners.commands import CommandRequest, SubcommandHandler, command_listener
from bot.listeners.common import form_values, split_command
from bot.slack.channels import cannot_post_reason
from bot.services.challenges import creation, lookup, participation
from bot.services.community import get_community
from bot.services.challenges.journals import (
    Outcome, capture_reply, delete_reply, journal_target, record_entry_post, save_modal_entry, update_reply,
    validate_entry,
)
from bot.services.challenges.members import local_today
from bot.services.challenges.progress import progress
from bot.services.challenges.home import away_days
from bot.services.challenges.templates import ActivitySetData, export_yaml, find_set, import_set, list_sets
from bot.views import challenges as views
from models import Challenge

logger = logging.getLogger(__name__)
CONFIRM_REACTION = "memo"
T = TypeVar("T")
REPLY_SUBTYPES = (None, "thread_broadcast", "file_share")


def register(app: App, deps: Deps) -> None:
    handlers: dict[str, SubcommandHandler] = {
        "new": lambda req: new(deps, req),
        "join": lambda req: join(deps, req),
        "leave": lambda req: leave(deps, req),
        "status": lambda req: status(deps, req),
        "journal": lambda req: journal(deps, req),
        "templates": lambda req: templates(deps, req),
        **social.handlers(deps),
    }
    app.command(Command.CHALLENGE)(command_listener(Command.CHALLENGE, deps, handlers))

    @app.view(ChallengeView.NEW)
    def create(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        create_challenge(deps, ack, body, view, client)

    @app.view(ChallengeView.JOURNAL)
    def save_journal(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        save_journal_entry(deps, ack, body, view, client)

    @app.view(ChallengeView.IMPORT_SET)
    def save_set(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        text = _yaml_boxes(view)
        try:
            with deps.sessions.begin() as session:
                imported = import_set(session, body["team"]["id"], text, by=body["user"]["id"], now=deps.clock())
        except UserError as error:
            ack(response_action="errors", errors=error.field_errors(TemplateField.YAML))
            return
        ack(response_action="update", view=views.build_import_done(imported))

    @app.action(ChallengeAction.JOIN)
    def join_button(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        try:
            with deps.sessions.begin() as session:
                challenge = lookup.get_open_challenge(session, team_id, int(body["actions"][0]["value"]), deps.clock())
                participation.join(session, challenge, user_id, now=deps.clock())
        except UserError as error:
            respond(text=error.message, response_type="ephemeral", replace_original=False)
            return
        respond(text=views.build_joined(challenge), response_type="ephemeral", replace_original=False)

    @app.action(ChallengeAction.OPEN_JOURNAL)
    def journal_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        try:
            with deps.sessions() as session:
                challenge = lookup.get_open_challenge(session, team_id, int(body["actions"][0]["value"]), deps.clock())
                target = journal_target(session, challenge, user_id, now=deps.clock())
        except UserError as error:
            _tell(client, body, error.message)
            return
        client.views_open(trigger_id=body["trigger_id"], view=views.build_journal_modal(target))

    @app.action(ChallengeAction.IMPORT_SET)
    def import_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=views.build_import_modal())

    @app.action(ChallengeAction.EXPORT_SET)
    def export_button(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        try:
            with deps.sessions() as session:
                chosen = find_set(session, body["team"]["id"], body["actions"][0]["value"])
        except UserError as error:
            _tell(client, body, error.message)
            return
        send_set(client, body["user"]["id"], chosen)


def _yaml_boxes(view: dict[str, Any]) -> str:
    """The import modal's boxes joined, each as typed: YAML's leading indentation matters."""
    values = view.get("state", {}).get("values", {})
    parts = [str(next(iter(values.get(box, {}).values()), {}).get("value") or "").rstrip() for box in TemplateField]
    return "\n".join(part for part in parts if part.strip())


def _tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    """An answer to a button click: in the channel for the clicker only, or in a DM from App Home."""
    user_id, channel = body["user"]["id"], (body.get("channel") or {}).get("id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=user_id, text=text)
    else:
        client.chat_postMessage(channel=user_id, text=text)


# -- commands --------------------------------------------------------------------------------------

def new(deps: Deps, req: CommandRequest) -> None:
    req.ack()
    with deps.sessions() as session:
        sets = list_sets(session, req.team_id)
        timezone = get_community(session, req.team_id).default_timezone
    try:
        timezone = req.client.users_info(user=req.user_id)["user"].get("tz") or timezone
    except SlackApiError:
        logger.warning("no timezone for %s; using the community's", req.user_id)
    today = local_today(timezone, deps.clock())
    channel = req.channel_id if req.channel_id[:1] in ("C", "G") else None
    req.client.views_open(trigger_id=req.trigger_id,
                          view=views.build_new_challenge_modal(sets, timezone=timezone, channel_id=channel, today=today))


def _about_named_challenge(deps: Deps, req: CommandRequest, act: Callable[[Session, Challenge], T]) -> T | None:
    """`act` on the challenge the command names (or the one running in this channel), in one unit of
    work; on a UserError nothing is changed, the member is told, and None is returned."""
    try:
        with deps.sessions.begin() as session:
            challenge = lookup.find_challenge(session, req.team_id, req.args, channel_id=req.channel_id, now=deps.clock())
            return act(session, challenge)
    except UserError as error:
        req.ack(text=error.message)
        return None


def _answer(deps: Deps, req: CommandRequest, act: Callable[[Session, Challenge], str]) -> None:
    answer = _about_named_challenge(deps, req, act)
    if answer:
        req.ack(text=answer)


def join(deps: Deps, req: CommandRequest) -> None:
    def act(session: Session, challenge: Challenge) -> str:
        participation.join(session, challenge, req.user_id, now=deps.clock())
        return views.build_joined(challenge)

    _answer(deps, req, act)


def leave(deps: Deps, req: CommandRequest) -> None:
    def act(session: Session, challenge: Challenge) -> str:
        participation.leave(session, challenge, req.user_id, now=deps.clock())
        return views.build_left(challenge)

    _answer(deps, req, act)


def status(deps: Deps, req: CommandRequest) -> None:
    _answer(deps, req, lambda session, challenge: "\n".join(filter(None, [
        views.build_status(progress(session, challenge, req.user_id, now=deps.clock(),
                                    excused=away_days(session, challenge, req.user_id))),
        social.partner_status(session, challenge, req.user_id, now=deps.clock()),
    ])))


def journal(deps: Deps, req: CommandRequest) -> None:
    target = _about_named_challenge(
        deps, req, lambda session, challenge: journal_target(session, challenge, req.user_id, now=deps.clock()))
    if target:
        req.ack()
        req.client.views_open(trigger_id=req.trigger_id, view=views.build_journal_modal(target))


def templates(deps: Deps, req: CommandRequest) -> None:
    action, name = split_command(req.args)
    if action == "import":
        req.ack()
        req.client.views_open(trigger_id=req.trigger_id, view=views.build_import_modal())
        return
    with deps.sessions() as session:
        try:
            chosen = find_set(session, req.team_id, name) if action == "export" else None
        except UserError as error:
            req.ack(text=error.message)
            return
        sets = list_sets(session, req.team_id)
    if chosen is None:
        if action not in ("", "list"):
            req.ack(text="Use `/challenge templates` to list the sets, `/challenge templates import`, "
                         "or `/challenge templates export NAME`.")
            return
        text, blocks = views.build_sets_list(sets)
        req.ack(text=text, blocks=blocks)
        return
    req.ack(text=f"I'm sending you “{chosen.name}” as a YAML file in a DM.")
    send_set(req.client, req.user_id, chosen)


def send_set(client: WebClient, user_id: str, chosen: ActivitySetData) -> None:
    """The set as a YAML file in the member's DM, ready to adapt and import."""
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    filename = "-".join(chosen.name.lower().split()) + ".yml"
    client.files_upload_v2(channel=dm, content=export_yaml(chosen), filename=filename, title=chosen.name,
                           initial_comment=views.build_export_comment(chosen))


# -- modals ----------------------------------------------------------------------------------------

def _challenge_input(values: dict[str, Any]) -> creation.ChallengeInput:
    return creation.ChallengeInput(
        title=values.get(ChallengeField.TITLE) or "", description=values.get(ChallengeField.DESCRIPTION) or "",
        channel_id=values.get(ChallengeField.CHANNEL), start_date=values.get(ChallengeField.START_DATE),
        days=values.get(ChallengeField.DAYS), post_time=values.get(ChallengeField.POST_TIME),
        timezone=values.get(ChallengeField.TIMEZONE) or "",
        skip_weekends=bool(values.get(ChallengeField.SKIP_WEEKENDS)), template=values.get(ChallengeField.TEMPLATE),
        activities=values.get(ChallengeField.ACTIVITIES) or "", partners=bool(values.get(ChallengeField.PARTNERS)),
        nudge_delay_hours=values.get(ChallengeField.NUDGE_DELAY), meetup_date=values.get(ChallengeField.MEETUP_DATE),
    )


def create_challenge(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = _challenge_input(form_values(view))
    # Checked first, so that a channel the bot cannot post to is shown with every other problem.
    channel_problem = cannot_post_reason(client, values.channel_id) if values.channel_id else None
    try:
        with deps.sessions() as session:
            valid = creation.validate_challenge(session, team_id, values, now=deps.clock(),
                                               channel_problem=channel_problem)
        with deps.sessions.begin() as session:
            challenge = creation.create_challenge(session, team_id, user_id, valid, now=deps.clock())
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(ChallengeField.TITLE))
        return
    ack()
    text, blocks = views.build_announcement(challenge)
    ts = client.chat_postMessage(channel=challenge.channel_id, text=text, blocks=blocks)["ts"]
    with deps.sessions.begin() as session:
        creation.set_announcement(session, challenge.id, ts)


def save_journal_entry(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    challenge_id, day_number = (int(part) for part in view["private_metadata"].split(":"))
    values = form_values(view)
    private = bool(values.get(JournalField.PRIVATE))
    try:
        text = validate_entry(values.get(JournalField.TEXT) or "")
        with deps.sessions() as session:
            challenge = session.get(Challenge, challenge_id)
            if challenge is None or challenge.team_id != team_id:
                raise UserError("That challenge no longer exists.", field=JournalField.TEXT)
            target = journal_target(session, challenge, user_id, now=deps.clock(), day_number=day_number)
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(JournalField.TEXT))
        return
    ack(response_action="update", view=views.build_journal_saved(target, private=private))
    earlier = target.entry.slack_ts if target.entry else None
    # Stored first, so that a Slack failure below loses nothing; the public copy follows.
    with deps.sessions.begin() as session:
        entry = save_modal_entry(session, challenge, user_id, day_number, text=text, private=private, now=deps.clock(),
                                 channel_id=challenge.channel_id, slack_ts=None if private else earlier)
    message = views.build_journal_post(user_id, day_number, text)
    if private:
        if earlier:
            client.chat_delete(channel=challenge.channel_id, ts=earlier)  # now private: take the public copy down
    elif earlier:
        client.chat_update(channel=challenge.channel_id, ts=earlier, text=message)
    elif target.day.post_ts:
        posted = client.chat_postMessage(channel=challenge.channel_id, thread_ts=target.day.post_ts, text=message)
        with deps.sessions.begin() as session:
            record_entry_post(session, entry.id, challenge.channel_id, posted["ts"])


# -- journal capture from message events ----------------------------------------------------------

def on_message(deps: Deps, event: dict[str, Any], team_id: str, client: WebClient) -> None:
    """Thread replies become journal entries; edits update them, deletes remove them (see messages.py)."""
    subtype, channel_id = event.get("subtype"), event.get("channel", "")
    if subtype == "message_changed":
        message = event.get("message") or {}
        if message.get("bot_id") or not message.get("thread_ts"):
            return
        with deps.sessions.begin() as session:
            edited = update_reply(session, team_id, channel_id=channel_id, ts=message.get("ts", ""),
                                  user_id=message.get("user"), text=message.get("text") or "", now=deps.clock())
        if edited is not None:
            _confirm(client, channel_id, edited.slack_ts or "")  # the reaction stays: the edit is captured
    elif subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        with deps.sessions.begin() as session:
            removed = delete_reply(session, team_id, channel_id=channel_id,
                                   ts=event.get("deleted_ts") or previous.get("ts", ""))
        if removed is not None and previous.get("thread_ts"):
            # Nothing is left to react to: the member is told in the thread, where they deleted it.
            client.chat_postEphemeral(channel=channel_id, user=removed.user_id, thread_ts=previous["thread_ts"],
                                      text=views.build_entry_removed(removed.day_number))
    elif subtype in REPLY_SUBTYPES and not event.get("bot_id") and event.get("user"):
        thread_ts, ts = event.get("thread_ts"), event.get("ts", "")
        if not thread_ts or thread_ts == ts:
            return  # not a reply in a thread
        with deps.sessions.begin() as session:
            captured = capture_reply(session, team_id, channel_id=channel_id, thread_ts=thread_ts, ts=ts,
                                     user_id=event["user"], text=event.get("text") or "", now=deps.clock())
        if captured.outcome is Outcome.STORED:
            _confirm(client, channel_id, ts)
        elif captured.outcome is Outcome.NOT_PARTICIPANT:
            assert captured.challenge is not None and captured.day is not None
            text, blocks = views.build_invitation(captured.challenge, captured.day.number)
            client.chat_postEphemeral(channel=channel_id, user=event["user"], thread_ts=thread_ts, text=text, blocks=blocks)


def _confirm(client: WebClient, channel_id: str, ts: str) -> None:
    """The confirming reaction on a captured reply; already there (after an edit) is fine."""
    try:
        client.reactions_add(channel=channel_id, timestamp=ts, name=CONFIRM_REACTION)
    except SlackApiError as error:
        if error.response.get("error") != "already_reacted":
            raise
