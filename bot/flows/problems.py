"""Telling the people who can mend a lasting Slack problem, each once: until it is mended and comes back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from bot.deps import Deps
from bot.services import problems
from bot.services.community import get_community
from bot.slack.messaging import dm_each
from bot.slack.people import all_coordinators
from bot.views import problems as views
from bot.views.message import Message

logger = logging.getLogger(__name__)

# A channel the bot cannot post in: its owner can invite the bot, unarchive it or choose another one.
CHANNEL_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived"})

Recipients = Callable[[], Iterable[str]]


def tell_once(deps: Deps, team_id: str, *, place: str, error: str, to: Recipients, message: Message,
              now: datetime) -> list[str]:
    """DM `message` to those of `to()` not yet told about `error` at `place`; who was told now.

    Each member is noted before the DM, in one transaction: two workers never both tell them.
    """
    recipients = sorted(set(to()))  # one order for every worker, so that their inserts never deadlock
    with deps.sessions.begin() as session:
        first = [u for u in recipients
                 if problems.first_notice(session, team_id, place=place, error=error, user_id=u, now=now)]
    if len(first) < len(recipients):
        logger.info("%s at %s: told already: %s", error, place, sorted(set(recipients) - set(first)))
    if first:
        dm_each(deps.clients.for_team(team_id), first, message)
    return first


def coordinators(deps: Deps, team_id: str) -> list[str]:
    """The coordinators listed in Settings, and the workspace's admins and owners."""
    with deps.sessions() as session:
        listed = get_community(session, team_id).coordinator_ids
    return all_coordinators(deps.clients.for_team(team_id), listed)


def tell_channel_problem(deps: Deps, team_id: str, *, channel_id: str, error: str, to: Recipients,
                         message: Message, now: datetime) -> list[str]:
    """The channel cannot be posted in: tell those who can mend it, each once."""
    return tell_once(deps, team_id, place=problems.channel_place(channel_id), error=error, to=to,
                     message=message, now=now)


def tell_missing_scope(deps: Deps, team_id: str, *, scope: str, what: str, now: datetime) -> list[str]:
    """The app lacks a permission: the coordinators, who can reinstall it, are told once each."""
    return tell_once(deps, team_id, place=problems.scope_place(scope), error="missing_scope",
                     to=lambda: coordinators(deps, team_id), message=views.missing_scope(scope, what), now=now)
