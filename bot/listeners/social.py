"""`/challenge nudges|away|back|export`: the participant's side of partners, nudges and journals."""

from __future__ import annotations

from datetime import date, datetime

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.errors import UserError
from bot.listeners.commands import CommandRequest, SubcommandHandler
from bot.flows.community import is_coordinator
from bot.services.challenges import journal_export, members
from bot.services.challenges.participation import participant
from bot.services.challenges.partners import my_partners, tell_partners
from bot.services.challenges.home import away_until
from bot.slack.people import people
from bot.views import nudges as views
from bot.views.social import status_lines
from models import Challenge
from models.social import SocialMessageKind

NUDGES_USAGE = "Use `/challenge nudges off` to stop reminders to journal, or `/challenge nudges on` to get them again."


def handlers(deps: Deps) -> dict[str, SubcommandHandler]:
    """The sub-commands of `/challenge` this module answers."""
    return {
        "nudges": lambda req: nudges(deps, req),
        "away": lambda req: away(deps, req),
        "back": lambda req: back(deps, req),
        "export": lambda req: export(deps, req),
    }


def nudges(deps: Deps, req: CommandRequest) -> None:
    choice = req.args.strip().lower()
    if choice not in ("on", "off"):
        req.ack(text=NUDGES_USAGE)
        return
    with deps.sessions.begin() as session:
        members.set_nudges(session, req.team_id, req.user_id, on=choice == "on")
    req.ack(text=views.nudges_answer(choice == "on"))


def _today(deps: Deps, req: CommandRequest) -> date:
    with deps.sessions() as session:
        zone = members.prefs(session, req.team_id, req.user_id).timezone
    if zone is None:
        zone = people(req.client, [req.user_id])[req.user_id].timezone
    return members.local_today(zone, deps.clock())


def away(deps: Deps, req: CommandRequest) -> None:
    now = deps.clock()
    try:
        today = _today(deps, req)
        until = members.parse_until(req.args, today)
        with deps.sessions.begin() as session:
            period = members.go_away(session, req.team_id, req.user_id, until, today=today, now=now)
            told = tell_partners(session, req.team_id, req.user_id, SocialMessageKind.PARTNER_AWAY, now,
                                 key=f"{period.id}:{until.isoformat()}", until=until.isoformat())
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=views.away_answer(until, told))


def back(deps: Deps, req: CommandRequest) -> None:
    now = deps.clock()
    try:
        today = _today(deps, req)
        with deps.sessions.begin() as session:
            period = members.come_back(session, req.team_id, req.user_id, today=today)
            told = tell_partners(session, req.team_id, req.user_id, SocialMessageKind.PARTNER_BACK, now,
                                 key=f"{period.id}:{today.isoformat()}")
    except UserError as error:
        req.ack(text=error.message)
        return
    req.ack(text=views.back_answer(told))


def export(deps: Deps, req: CommandRequest) -> None:
    coordinator = is_coordinator(deps, req.client, req.team_id, req.user_id)
    try:
        with deps.sessions() as session:
            scope, fmt = journal_export.find_export(session, req.team_id, req.user_id, req.args, coordinator=coordinator)
            rows = journal_export.export_rows(session, scope, req.user_id)
    except UserError as error:
        req.ack(text=error.message)
        return
    title = scope.challenge.title
    req.ack(text=views.export_answer(title, fmt))
    authors = {e.user_id for e in rows}
    names = {p.id: p.name for p in people(req.client, authors).values()} if authors else {}
    with deps.sessions() as session:
        entries = journal_export.export_entries(session, scope, rows, names)
    comment = views.export_comment(title, everyone=scope.everyone, with_private=any(e.private for e in entries),
                                   entries=len(entries))
    try:
        dm = req.client.conversations_open(users=req.user_id)["channel"]["id"]
        req.client.files_upload_v2(
            channel=dm, content=journal_export.render(scope, entries, fmt), filename=journal_export.file_name(title, fmt),
            title=f"{title} — journal", initial_comment=comment,
        )
    except SlackApiError as error:
        req.respond(text=views.export_failed(error.response.get("error")), response_type="ephemeral",
                    replace_original=False)


def partner_status(session: Session, challenge: Challenge, user_id: str, *, now: datetime) -> str:
    """The `/challenge status` lines about partners and time away."""
    mine = my_partners(session, challenge, user_id, now) if participant(session, challenge.id, user_id) else None
    return status_lines(mine, away_until(session, challenge.team_id, user_id, now))
