"""`/challenge new|join|leave|status|nudges|away|back|export`: a participant's sub-commands."""

from __future__ import annotations

from collections.abc import Callable

from bot.errors import UserError
from bot.flows import challenges as flows
from bot.listeners.commands import CommandRequest, SubcommandHandler
from bot.services.challenges.members import set_nudges
from bot.views.challenges import nudges as nudge_views
from bot.views.challenges.journal import build_joined, build_left, build_status
from bot.views.message import Message


def new(req: CommandRequest) -> None:
    req.ack()
    modal = flows.new_challenge_modal(req.deps, req.client, req.team_id, req.user_id, req.channel_id)
    req.client.views_open(trigger_id=req.trigger_id, view=modal)


def join(req: CommandRequest) -> None:
    _answer(req, lambda: build_joined(
        flows.join_named(req.deps, req.team_id, req.user_id, req.args, channel_id=req.channel_id)))


def leave(req: CommandRequest) -> None:
    _answer(req, lambda: build_left(
        flows.leave_named(req.deps, req.team_id, req.user_id, req.args, channel_id=req.channel_id)))


def status(req: CommandRequest) -> None:
    def answer() -> Message:
        mine = flows.status_named(req.deps, req.team_id, req.user_id, req.args, channel_id=req.channel_id)
        return build_status(mine.progress, mine.partners, mine.away_until)

    _answer(req, answer)


def _answer(req: CommandRequest, answer: Callable[[], Message]) -> None:
    """Ack with `answer()`, or with the reason it was refused."""
    try:
        message = answer()
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**message.as_kwargs())


def nudges(req: CommandRequest) -> None:
    choice = req.args.strip().lower()
    if choice not in ("on", "off"):
        req.ack(**nudge_views.build_nudges_usage().as_kwargs())
        return
    with req.deps.sessions.begin() as session:
        set_nudges(session, req.team_id, req.user_id, on=choice == "on")
    req.ack(**nudge_views.build_nudges_answer(choice == "on").as_kwargs())


def away(req: CommandRequest) -> None:
    try:
        until, told = flows.go_away(req.deps, req.client, req.team_id, req.user_id, req.args)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**nudge_views.build_away_answer(until, told).as_kwargs())


def back(req: CommandRequest) -> None:
    try:
        told = flows.come_back(req.deps, req.client, req.team_id, req.user_id)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**nudge_views.build_back_answer(told).as_kwargs())


def export(req: CommandRequest) -> None:
    try:
        wanted = flows.find_journal_export(req.deps, req.client, req.team_id, req.user_id, req.args)
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(**nudge_views.build_export_answer(wanted.scope.challenge.title, wanted.fmt).as_kwargs())
    failure = flows.send_journal_export(req.deps, req.client, req.user_id, wanted)
    if failure:
        req.respond(**nudge_views.build_export_failed(failure).as_kwargs(), response_type="ephemeral",
                    replace_original=False)


SUBCOMMANDS: dict[str, SubcommandHandler] = {
    "new": new, "join": join, "leave": leave, "status": status,
    "nudges": nudges, "away": away, "back": back, "export": export,
}
