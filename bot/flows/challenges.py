"""30-day challenges' use cases that span the database and Slack: creating one, journals, exports, time away."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.community import is_coordinator
from bot.ids import ChallengeField, JournalField
from bot.services.challenges import creation, journal_export, journals, lookup, members, participation, templates
from bot.services.challenges.journal_export import ExportScope
from bot.services.challenges.partners import tell_partners
from bot.services.challenges.progress import MyStatus, my_status
from bot.services.community import get_community
from bot.services.topics import TopicAnswers, offered_topics, tag, untag
from bot.slack.channels import cannot_post_reason
from bot.slack.errors import error_code
from bot.slack.messaging import delete, post, react, update, upload_to_dm, whisper
from bot.slack.people import people
from bot.views.challenges import nudges as nudge_views
from bot.views.challenges import posts
from bot.views.challenges import templates as template_views
from bot.views.challenges.journal import JournalDay
from bot.views.challenges.new import build_new_challenge_modal
from models import Challenge, JournalEntry
from models.social import SocialMessageKind
from models.topic import Tagged

logger = logging.getLogger(__name__)

CONFIRM_REACTION = "memo"  # on a reply once it is kept as a journal entry


# -- creating, joining, leaving ----------------------------------------------------------------------

def new_challenge_modal(deps: Deps, client: WebClient, team_id: str, user_id: str, channel_id: str) -> View:
    """The new-challenge form, with the creator's timezone and the channel they typed in filled in."""
    with deps.sessions() as session:
        sets = templates.list_sets(session, team_id)
        timezone = get_community(session, team_id).default_timezone
        offered = offered_topics(session, team_id)
    try:
        timezone = people(client, [user_id])[user_id].timezone or timezone
    except SlackApiError:
        logger.warning("no timezone for %s; using the community's", user_id)
    channel = channel_id if channel_id[:1] in ("C", "G") else None
    today = members.local_today(timezone, deps.clock())
    return build_new_challenge_modal(sets, timezone=timezone, channel_id=channel, today=today, offered=offered)


def create_challenge(deps: Deps, client: WebClient, team_id: str, user_id: str,
                     values: creation.ChallengeInput, topics: TopicAnswers | None = None) -> Challenge:
    """Check the form, store the challenge and announce it in its channel; UserError by field otherwise.

    A challenge whose announcement cannot be posted is taken back, so no days run unannounced.
    """
    # Checked first, so that a channel the bot cannot post to is shown with every other problem.
    channel_problem = cannot_post_reason(client, values.channel_id) if values.channel_id else None
    with deps.sessions() as session:
        valid = creation.validate_challenge(session, team_id, values, now=deps.clock(), channel_problem=channel_problem)
    with deps.sessions.begin() as session:
        challenge = creation.create_challenge(session, team_id, user_id, valid, now=deps.clock())
        tag(session, team_id, Tagged.CHALLENGE, challenge.id, topics or TopicAnswers(), now=deps.clock())
    try:
        announcement = posts.build_announcement(challenge)
        ts = post(client, challenge.channel_id, announcement)
    except SlackApiError as error:
        with deps.sessions.begin() as session:
            creation.delete_challenge(session, challenge.id)
            untag(session, Tagged.CHALLENGE, challenge.id)
        raise UserError(posts.announcement_failed(challenge.channel_id, error_code(error)),
                        field=ChallengeField.CHANNEL) from error
    with deps.sessions.begin() as session:
        creation.set_announcement(session, challenge.id, ts)
    return challenge


def join_button(deps: Deps, team_id: str, user_id: str, challenge_id: int) -> Challenge:
    """The member joins the challenge behind a Join button."""
    with deps.sessions.begin() as session:
        challenge = lookup.get_open_challenge(session, team_id, challenge_id, deps.clock())
        participation.join(session, challenge, user_id, now=deps.clock())
    return challenge


def join_named(deps: Deps, team_id: str, user_id: str, name: str, *, channel_id: str) -> Challenge:
    """The member joins the challenge `name` (or the one running in the channel)."""
    with deps.sessions.begin() as session:
        challenge = lookup.find_challenge(session, team_id, name, channel_id=channel_id, now=deps.clock())
        participation.join(session, challenge, user_id, now=deps.clock())
    return challenge


def leave_named(deps: Deps, team_id: str, user_id: str, name: str, *, channel_id: str) -> Challenge:
    with deps.sessions.begin() as session:
        challenge = lookup.find_challenge(session, team_id, name, channel_id=channel_id, now=deps.clock())
        participation.leave(session, challenge, user_id, now=deps.clock())
    return challenge


def status_named(deps: Deps, team_id: str, user_id: str, name: str, *, channel_id: str) -> MyStatus:
    with deps.sessions() as session:
        challenge = lookup.find_challenge(session, team_id, name, channel_id=channel_id, now=deps.clock())
        return my_status(session, challenge, user_id, now=deps.clock())


# -- activity sets -------------------------------------------------------------------------------------

def send_set(client: WebClient, user_id: str, chosen: templates.ActivitySetData) -> None:
    """The set as a YAML file in the member's DM, ready to adapt and import."""
    upload_to_dm(client, user_id, filename=template_views.set_file_name(chosen), title=chosen.name,
                 comment=template_views.set_file_comment(chosen), content=templates.export_yaml(chosen))


# -- time away and journal exports ---------------------------------------------------------------------

def _today(deps: Deps, client: WebClient, team_id: str, user_id: str) -> date:
    with deps.sessions() as session:
        zone = members.prefs(session, team_id, user_id).timezone
    if zone is None:
        zone = people(client, [user_id])[user_id].timezone
    return members.local_today(zone, deps.clock())


def go_away(deps: Deps, client: WebClient, team_id: str, user_id: str, text: str) -> tuple[date, int]:
    """Away until the date in `text` (no nudges, streak kept), partners told; the date and how many were."""
    today, now = _today(deps, client, team_id, user_id), deps.clock()
    until = members.parse_until(text, today)
    with deps.sessions.begin() as session:
        period = members.go_away(session, team_id, user_id, until, today=today, now=now)
        told = tell_partners(session, team_id, user_id, SocialMessageKind.PARTNER_AWAY, now,
                             key=f"{period.id}:{until.isoformat()}", until=until.isoformat())
    return until, told


def come_back(deps: Deps, client: WebClient, team_id: str, user_id: str) -> int:
    """Time away ends today, partners told; how many were."""
    today, now = _today(deps, client, team_id, user_id), deps.clock()
    with deps.sessions.begin() as session:
        period = members.come_back(session, team_id, user_id, today=today)
        return tell_partners(session, team_id, user_id, SocialMessageKind.PARTNER_BACK, now,
                             key=f"{period.id}:{today.isoformat()}")


@dataclass(frozen=True)
class JournalExport:
    """A journal export the member may have: which entries, in which format."""

    scope: ExportScope
    fmt: str
    rows: list[JournalEntry]


def find_journal_export(deps: Deps, client: WebClient, team_id: str, user_id: str, text: str) -> JournalExport:
    """The export `/challenge export NAME [csv]` asks for; UserError when there is none to give."""
    coordinator = is_coordinator(deps, client, team_id, user_id)
    with deps.sessions() as session:
        scope, fmt = journal_export.find_export(session, team_id, user_id, text, coordinator=coordinator)
        return JournalExport(scope, fmt, journal_export.export_rows(session, scope, user_id))


def send_journal_export(deps: Deps, client: WebClient, user_id: str, export: JournalExport) -> str | None:
    """The journal as a file in the member's DM, with the authors' names; Slack's error when it could not go."""
    authors = {e.user_id for e in export.rows}
    names = {p.id: p.name for p in people(client, authors).values()} if authors else {}
    with deps.sessions() as session:
        entries = journal_export.export_entries(session, export.scope, export.rows, names)
    title = export.scope.challenge.title
    comment = nudge_views.export_comment(title, everyone=export.scope.everyone,
                                         with_private=any(e.private for e in entries), entries=len(entries))
    try:
        upload_to_dm(client, user_id, filename=journal_export.file_name(title, export.fmt),
                     title=nudge_views.export_file_title(title), comment=comment,
                     file=journal_export.render(export.scope, entries, export.fmt))
    except SlackApiError as error:
        return error_code(error) or "unknown_error"
    return None


# -- journal entries -----------------------------------------------------------------------------------

def journal_target_of(deps: Deps, team_id: str, user_id: str, challenge_id: int) -> journals.JournalTarget:
    """Today's journal day in the challenge behind a Journal button."""
    with deps.sessions() as session:
        challenge = lookup.get_open_challenge(session, team_id, challenge_id, deps.clock())
        return journals.journal_target(session, challenge, user_id, now=deps.clock())


def journal_target_named(deps: Deps, team_id: str, user_id: str, name: str, *,
                         channel_id: str) -> journals.JournalTarget:
    with deps.sessions() as session:
        challenge = lookup.find_challenge(session, team_id, name, channel_id=channel_id, now=deps.clock())
        return journals.journal_target(session, challenge, user_id, now=deps.clock())


def save_journal_entry(deps: Deps, client: WebClient, team_id: str, user_id: str, day: JournalDay, *, text: str,
                       private: bool) -> journals.JournalTarget:
    """Store the member's form entry for the day, then its public copy in the day's thread (or take it down).

    UserError (on the text) before anything is stored; once stored, a Slack failure loses nothing.
    """
    text = journals.validate_entry(text)
    with deps.sessions() as session:
        challenge = lookup.get_challenge(session, team_id, day.challenge_id, field=JournalField.TEXT)
        target = journals.journal_target(session, challenge, user_id, now=deps.clock(), day_number=day.day_number)
    earlier = target.entry.slack_ts if target.entry else None
    with deps.sessions.begin() as session:
        entry = journals.save_modal_entry(session, challenge, user_id, day.day_number, text=text, private=private,
                                          now=deps.clock(), channel_id=challenge.channel_id,
                                          slack_ts=None if private else earlier)
    message = posts.build_journal_post(user_id, day.day_number, text)
    try:
        if private and earlier:
            delete(client, challenge.channel_id, earlier)  # now private: take the public copy down
        elif earlier:
            update(client, challenge.channel_id, earlier, message)
        elif not private and target.day.post_ts:
            ts = post(client, challenge.channel_id, message, thread_ts=target.day.post_ts)
            with deps.sessions.begin() as session:
                journals.record_entry_post(session, entry.id, challenge.channel_id, ts)
    except SlackApiError as error:
        logger.warning("journal entry %s kept, but its copy in %s failed: %s", entry.id, challenge.channel_id,
                       error_code(error))
    return target


def capture_reply(deps: Deps, client: WebClient, team_id: str, *, channel_id: str, thread_ts: str, ts: str,
                  user_id: str, text: str) -> None:
    """A reply in a day's thread becomes the member's entry (confirmed by a reaction); a non-participant is invited."""
    with deps.sessions.begin() as session:
        captured = journals.capture_reply(session, team_id, channel_id=channel_id, thread_ts=thread_ts, ts=ts,
                                          user_id=user_id, text=text, now=deps.clock())
    if captured.outcome is journals.Outcome.STORED:
        react(client, channel_id, ts, CONFIRM_REACTION)
    elif captured.outcome is journals.Outcome.NOT_PARTICIPANT:
        assert captured.challenge is not None and captured.day is not None
        invitation = posts.build_invitation(captured.challenge, captured.day.number)
        whisper(client, channel_id, user_id, invitation, thread_ts=thread_ts)


def edit_reply(deps: Deps, client: WebClient, team_id: str, *, channel_id: str, ts: str, user_id: str | None,
               text: str) -> None:
    """An edited reply updates its entry; the reaction stays (re-added if it was taken off)."""
    with deps.sessions.begin() as session:
        edited = journals.update_reply(session, team_id, channel_id=channel_id, ts=ts, user_id=user_id, text=text,
                                       now=deps.clock())
    if edited is not None:
        react(client, channel_id, edited.slack_ts or "", CONFIRM_REACTION)


def remove_reply(deps: Deps, client: WebClient, team_id: str, *, channel_id: str, ts: str,
                 thread_ts: str | None, user_id: str | None = None) -> None:
    """A deleted reply removes its (author's) entry; the member is told in the thread, where they deleted it."""
    with deps.sessions.begin() as session:
        removed = journals.delete_reply(session, team_id, channel_id=channel_id, ts=ts, user_id=user_id)
    if removed is not None and thread_ts:
        whisper(client, channel_id, removed.user_id, posts.build_entry_removed(removed.day_number), thread_ts=thread_ts)
