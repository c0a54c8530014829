"""What the bot keeps about members: timezones, who is gone, nudges off and time away, on a real session."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.challenges import members
from models.social import TimeAway

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def test_timezones_are_asked_again_once_old_and_never_for_members_who_left(session: Session) -> None:
    assert members.stale_timezones(session, "T1", ["U1", "U2"], NOW) == ["U1", "U2"]
    members.remember_people(session, "T1", [("U1", "Europe/Paris", False), ("U2", None, True)], NOW)
    assert members.stale_timezones(session, "T1", ["U1", "U2"], NOW) == []
    assert members.stale_timezones(session, "T1", ["U1", "U2"], NOW + members.TIMEZONE_FRESH * 2) == ["U1"]
    assert members.zones(session, "T1", ["U1", "U3"]) == {"U1": "Europe/Paris", "U3": None}
    assert members.gone(session, "T1", ["U1", "U2"]) == {"U2"}


def test_nudges_off_is_kept_and_defaults_are_not_stored(session: Session) -> None:
    assert members.prefs(session, "T1", "U1").nudges_off is False
    members.set_nudges(session, "T1", "U1", on=False)
    assert members.prefs(session, "T1", "U1").nudges_off is True


@pytest.mark.parametrize(("text", "says"), [
    ("", "Tell me until when"), ("soon", "is not a date I can read"), ("2026-11-01", "is in the past"),
    ("2027-12-01", "at most 90 days"),
])
def test_until_when_says_what_to_type(text: str, says: str) -> None:
    with pytest.raises(UserError, match=says):
        members.parse_until(text, TODAY)


def test_time_away_is_extended_and_coming_back_ends_it(session: Session) -> None:
    first = members.go_away(session, "T1", "U1", TODAY + timedelta(days=3), today=TODAY, now=NOW)
    again = members.go_away(session, "T1", "U1", TODAY + timedelta(days=5), today=TODAY + timedelta(days=1), now=NOW)
    assert again.id == first.id and (again.first_day, again.last_day) == (TODAY, TODAY + timedelta(days=5))
    periods = members.away_periods(session, "T1", ["U1"])["U1"]
    assert members.is_away(periods, TODAY + timedelta(days=5)) and not members.is_away(periods, TODAY + timedelta(6))
    back = members.come_back(session, "T1", "U1", today=TODAY + timedelta(days=2))
    assert back.last_day == TODAY + timedelta(days=1)
    with pytest.raises(UserError, match="You are not away"):
        members.come_back(session, "T1", "U1", today=TODAY + timedelta(days=2))


def test_coming_back_the_day_one_went_away_leaves_no_time_away(session: Session) -> None:
    members.go_away(session, "T1", "U1", TODAY + timedelta(days=3), today=TODAY, now=NOW)
    members.come_back(session, "T1", "U1", today=TODAY)
    assert session.scalars(select(TimeAway)).all() == []
