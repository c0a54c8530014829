"""Members from Slack: names and timezones (users.info for a few, users.list pages for many), admins, the
workspace's name, and the member a command names."""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from cachetools import TTLCache
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.errors import GONE_ERRORS

# Beyond this many members, one users.list page (200 members a call) beats users.info each.
FEW = 20

# Who is a workspace admin changes rarely; a coordinator's clicks should not each cost a users.info
# call. Keyed by the API and the token too: each workspace (and each test's fake Slack) has its own.
ADMIN_TTL_SECONDS = 60
_admins: TTLCache[tuple[str, str | None, str], bool] = TTLCache(maxsize=10_000, ttl=ADMIN_TTL_SECONDS)
# One question at a time per member: clicks in quick succession (each acked before it checks) wait for
# the first answer instead of each asking Slack.
_asking: dict[tuple[str, str | None, str], threading.Lock] = {}
_asking_guard = threading.Lock()


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    timezone: str | None
    gone: bool = False


def _person(user: dict[str, Any]) -> Person:
    profile = user.get("profile") or {}
    name = (profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name")
            or user["id"])
    return Person(id=user["id"], name=str(name), timezone=user.get("tz"), gone=bool(user.get("deleted")))


def people(client: WebClient, user_ids: Collection[str]) -> dict[str, Person]:
    """Each member's name and timezone; those Slack no longer knows come back `gone`."""
    wanted = set(user_ids)
    found: dict[str, Person] = {}
    if len(wanted) > FEW:
        for user in _pages(client):
            if user.get("id") in wanted:
                found[user["id"]] = _person(user)
                if len(found) == len(wanted):
                    break
    for user_id in sorted(wanted - found.keys()):
        try:
            found[user_id] = _person(client.users_info(user=user_id)["user"])
        except SlackApiError as error:
            if error.response.get("error") not in GONE_ERRORS:
                raise
            found[user_id] = Person(id=user_id, name=user_id, timezone=None, gone=True)
    return found


def _pages(client: WebClient) -> Iterator[dict[str, Any]]:
    """Every member of the workspace, one users.list page (200 a call) after another."""
    cursor = None
    while True:
        page = client.users_list(limit=200, cursor=cursor) if cursor else client.users_list(limit=200)
        yield from page.get("members") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return


def _is_person(user: dict[str, Any]) -> bool:
    return not (user.get("deleted") or user.get("is_bot") or user.get("id") == "USLACKBOT")


def all_coordinators(client: WebClient, listed: Collection[str]) -> list[str]:
    """The coordinators listed in Settings and every workspace admin and owner, each once.

    Listed ones first, in their order; deactivated members and bots are left out.
    """
    listed = list(dict.fromkeys(listed))
    people_by_id = {user["id"]: user for user in _pages(client) if user.get("id")}
    coordinators = [u for u in listed if u not in people_by_id or _is_person(people_by_id[u])]
    admins = [u for u, user in people_by_id.items()
              if _is_person(user) and (user.get("is_admin") or user.get("is_owner")) and u not in listed]
    return coordinators + admins


def is_admin(client: WebClient, user_id: str) -> bool:
    """A workspace admin or owner (who is always a coordinator); asked of Slack once a minute at most."""
    key = (client.base_url, client.token, user_id)
    if (known := _admins.get(key)) is not None:
        return known
    with _asking_guard:
        asking = _asking.setdefault(key, threading.Lock())
    try:
        with asking:
            if (known := _admins.get(key)) is not None:
                return known  # asked while this click waited
            user = client.users_info(user=user_id)["user"]
            _admins[key] = admin = bool(user.get("is_admin") or user.get("is_owner"))
            return admin
    finally:
        with _asking_guard:
            if not asking.locked():
                _asking.pop(key, None)


# A member mentioned in a command: <@U123> or <@U123|name>, as Slack escapes it.
MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def find_member(client: WebClient, ref: str) -> str | None:
    """The id of the member `ref` names: a mention, or their @name, display name or full name; None for nobody."""
    ref = ref.strip()
    if found := MENTION.match(ref):
        return found.group(1)
    wanted = ref.removeprefix("@").strip().lower()
    if not wanted:
        return None
    for user in _pages(client):
        profile = user.get("profile") or {}
        names = (user.get("name"), user.get("real_name"), profile.get("display_name"), profile.get("real_name"))
        if wanted in {str(name).lower() for name in names if name}:
            return str(user["id"])
    return None


def workspace_name(client: WebClient) -> str:
    """The workspace's name, as Slack shows it to its members."""
    return str(client.auth_test()["team"])
