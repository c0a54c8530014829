"""The record of lasting Slack problems told: once per member, forgotten when mended or reinstalled."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.services import problems
from tests.support.charters import NOW, TEAM, service_session

__all__ = ["service_session"]

CHANNEL = problems.channel_place("C1")
SCOPE = problems.scope_place("im:write")


def first(session: Session, place: str, user_id: str, error: str = "is_archived", team: str = TEAM) -> bool:
    return problems.first_notice(session, team, place=place, error=error, user_id=user_id, now=NOW)


def test_each_member_is_told_once_per_problem(service_session: Session) -> None:
    assert first(service_session, CHANNEL, "U1") and not first(service_session, CHANNEL, "U1")
    assert first(service_session, CHANNEL, "U2")  # another who can mend it
    assert first(service_session, CHANNEL, "U1", error="not_in_channel")  # another problem there
    assert first(service_session, CHANNEL, "U1", team="T9")  # another workspace
    assert [(p.place, p.user_id, p.error) for p in problems.told(service_session, TEAM)] == [
        (CHANNEL, "U1", "is_archived"), (CHANNEL, "U2", "is_archived"), (CHANNEL, "U1", "not_in_channel")]


def test_a_mended_place_is_told_again_when_it_breaks_again(service_session: Session) -> None:
    first(service_session, CHANNEL, "U1")
    first(service_session, SCOPE, "UC", error="missing_scope")
    problems.mended(service_session, TEAM, problems.reached_channel("C1"))
    assert [p.place for p in problems.told(service_session, TEAM)] == [SCOPE]
    assert first(service_session, CHANNEL, "U1")


def test_a_reinstall_forgets_missing_permissions_only(service_session: Session) -> None:
    first(service_session, CHANNEL, "U1")
    first(service_session, SCOPE, "UC", error="missing_scope")
    problems.permissions_renewed(service_session, TEAM)
    assert [p.place for p in problems.told(service_session, TEAM)] == [CHANNEL]
