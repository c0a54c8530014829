"""Telling the person who can mend a lasting Slack problem, once: until it is mended and comes back."""

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


def tell_once(deps: Deps, team_id: str, *, place: str, error: str, audience: str, to: Recipients,
              message: Message, now: datetime) -> bool:
    """DM `message` to `to()` unless `audience` was told about `error` at `place` already; True when told now."""
    with deps.sessions.begin() as session:
        first = problems.first_notice(session, team_id, place=place, error=error, audience=audience, now=now)
    if not first:
        logger.info("%s at %s: %s was told already", error, place, audience)
        return False
    dm_each(deps.clients.for_team(team_id), to(), message)
    return True


def coordinators(deps: Deps, team_id: str) -> list[str]:
    """The coordinators listed in Settings, and the workspace's admins and owners."""
    with deps.sessions() as session:
        listed = get_community(session, team_id).coordinator_ids
    return all_coordinators(deps.clients.for_team(team_id), listed)


def tell_channel_problem(deps: Deps, team_id: str, *, channel_id: str, error: str, audience: str,
                         to: Recipients, message: Message, now: datetime) -> bool:
    """The channel cannot be posted in: tell `audience` (who can mend it) once."""
    return tell_once(deps, team_id, place=problems.channel_place(channel_id), error=error, audience=audience,
                     to=to, message=message, now=now)


def tell_missing_scope(deps: Deps, team_id: str, *, scope: str, what: str, now: datetime) -> bool:
    """The app lacks a permission: the coordinators, who can reinstall it, are told once."""
    return tell_once(deps, team_id, place=problems.scope_place(scope), error="missing_scope",
                     audience=problems.COORDINATORS, to=lambda: coordinators(deps, team_id),
                     message=views.missing_scope(scope, what), now=now)
