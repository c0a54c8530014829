"""Streaks are counted in challenge days: skipped weekends never break one, today is still open."""

from __future__ import annotations

from bot.services.challenges.progress import streaks


def test_no_entries_no_streak() -> None:
    assert streaks([], 5) == (0, 0)
    assert streaks([], 0) == (0, 0)


def test_today_without_an_entry_yet_does_not_break_the_streak() -> None:
    assert streaks([1, 2, 3], 4) == (3, 3)
    assert streaks([1, 2, 3, 4], 4) == (4, 4)


def test_a_missed_day_breaks_the_current_streak_and_the_longest_is_kept() -> None:
    assert streaks([1, 2, 3, 5], 5) == (1, 3)
    assert streaks([1, 2, 3], 6) == (0, 3)


def test_several_entries_on_one_day_count_once() -> None:
    assert streaks([1, 1, 2, 2, 2], 2) == (2, 2)


def test_excused_days_neither_count_nor_break() -> None:
    assert streaks([1, 2, 5], 5, excused=[3, 4]) == (3, 3)
