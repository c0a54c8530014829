"""Nudge timing: the delay after the post, moved out of the night in the member's timezone; no nagging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.services.challenges.nudge_timing import NAG_LIMIT, ignored_in_a_row, is_last_nudge, may_nudge, nudge_at

UTC = UTC
# A challenge posting at 09:00 in Paris (08:00 UTC in winter), nudging 8 hours later.
POST = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NEXT_POST = POST + timedelta(days=1)
DELAY = timedelta(hours=8)


def test_a_nudge_in_the_members_daytime_goes_after_the_delay() -> None:
    assert nudge_at(POST, DELAY, "Europe/Paris", NEXT_POST) == datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    # 16:00 UTC is 11:00 in New York: daytime there too.
    assert nudge_at(POST, DELAY, "America/New_York", NEXT_POST) == datetime(2026, 11, 23, 16, 0, tzinfo=UTC)


def test_a_nudge_that_would_come_at_night_waits_for_the_morning() -> None:
    # 16:00 UTC is 01:00 in Tokyo: the nudge goes at 09:00 there, 00:00 UTC.
    assert nudge_at(POST, DELAY, "Asia/Tokyo", NEXT_POST) == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)


def test_a_nudge_late_in_the_evening_waits_for_the_next_morning() -> None:
    # 12 hours after the post is 21:00 in Paris.
    assert nudge_at(POST, timedelta(hours=12), "Europe/Paris") == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def test_no_nudge_when_the_next_morning_is_after_the_next_post() -> None:
    assert nudge_at(POST, timedelta(hours=12), "Europe/Paris", NEXT_POST) is None


def test_the_morning_is_local_across_a_dst_change() -> None:
    # Paris leaves summer time on 25 October 2026: 09:00 local is 07:00 UTC before, 08:00 UTC after.
    before = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # 00:00 Paris, summer time
    after = datetime(2026, 10, 25, 22, 0, tzinfo=UTC)  # 23:00 Paris, winter time
    assert nudge_at(before, timedelta(hours=1), "Europe/Paris") == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert nudge_at(after, timedelta(hours=1), "Europe/Paris") == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone", [None, "", "Mars/Olympus_Mons"])
def test_an_unknown_timezone_counts_as_utc(zone: str | None) -> None:
    assert nudge_at(POST, DELAY, zone) == datetime(2026, 11, 23, 16, 0, tzinfo=UTC)


def test_nudges_ignored_in_a_row_are_those_since_the_last_entry() -> None:
    sent = [POST + timedelta(days=d, hours=8) for d in range(4)]
    assert ignored_in_a_row(sent, None) == 4
    assert ignored_in_a_row(sent, POST + timedelta(days=1, hours=10)) == 2
    assert ignored_in_a_row([], POST) == 0


def test_after_three_ignored_nudges_no_more_until_they_journal() -> None:
    assert NAG_LIMIT == 3
    assert [may_nudge(n) for n in range(5)] == [True, True, True, False, False]
    assert [is_last_nudge(n) for n in range(4)] == [False, False, True, False]
