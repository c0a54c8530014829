"""Each challenge day's post time, computed in the challenge's IANA timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.services.challenges.creation import schedule


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_the_local_time_stays_put_across_the_autumn_change_in_new_york() -> None:
    days = schedule(date(2026, 10, 30), 4, time(9, 0), "America/New_York", skip_weekends=False)
    assert [d for d, _ in days] == [date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)]
    assert [at for _, at in days] == [utc(2026, 10, 30, 13), utc(2026, 10, 31, 13), utc(2026, 11, 1, 14),
                                      utc(2026, 11, 2, 14)]


def test_a_time_in_the_spring_forward_gap_posts_after_the_change() -> None:
    # 02:30 does not exist in Paris on 28 March 2027; it is read with the winter offset (03:30 summer time).
    [(_, before), (_, gap), (_, after)] = schedule(date(2027, 3, 27), 3, time(2, 30), "Europe/Paris",
                                                   skip_weekends=False)
    assert (before, gap, after) == (utc(2027, 3, 27, 1, 30), utc(2027, 3, 28, 1, 30), utc(2027, 3, 29, 0, 30))


def test_weekends_are_skipped_without_losing_days() -> None:
    days = schedule(date(2026, 11, 27), 3, time(8, 0), "Asia/Tokyo", skip_weekends=True)  # a Friday
    assert [d.isoformat() for d, _ in days] == ["2026-11-27", "2026-11-30", "2026-12-01"]
    assert days[0][1] == utc(2026, 11, 26, 23)  # 08:00 in Tokyo is the evening before in UTC


def test_a_zone_without_dst_keeps_one_offset() -> None:
    days = schedule(date(2026, 3, 1), 60, time(7, 15), "Asia/Kolkata", skip_weekends=False)
    assert {(at.hour, at.minute) for _, at in days} == {(1, 45)}
