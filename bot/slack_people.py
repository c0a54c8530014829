"""Members' names and timezones from Slack: users.info for a few, users.list pages for many."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

# Slack's answers that mean the member left the workspace (or was deactivated).
GONE_ERRORS = frozenset({"user_not_found", "account_inactive", "user_disabled"})
# Beyond this many members, one users.list page (200 members a call) beats users.info each.
FEW = 20


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    timezone: str | None
    gone: bool = False


def _person(user: dict[str, Any]) -> Person:
    profile = user.get("profile") or {}
    name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name") or user["id"]
    return Person(id=user["id"], name=str(name), timezone=user.get("tz"), gone=bool(user.get("deleted")))


def people(client: WebClient, user_ids: Collection[str]) -> dict[str, Person]:
    """Each member's name and timezone; those Slack no longer knows come back `gone`."""
    wanted = set(user_ids)
    found: dict[str, Person] = {}
    if len(wanted) > FEW:
        cursor = None
        while True:
            page = client.users_list(limit=200, cursor=cursor) if cursor else client.users_list(limit=200)
            for user in page.get("members") or []:
                if user.get("id") in wanted:
                    found[user["id"]] = _person(user)
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor or len(found) == len(wanted):
                break
    for user_id in sorted(wanted - found.keys()):
        try:
            found[user_id] = _person(client.users_info(user=user_id)["user"])
        except SlackApiError as error:
            if error.response.get("error") not in GONE_ERRORS:
                raise
            found[user_id] = Person(id=user_id, name=user_id, timezone=None, gone=True)
    return found
