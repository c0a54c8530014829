"""A finished challenge's figures and its participation chart."""

from __future__ import annotations

from datetime import date, timedelta

from bot.services.challenges.participation_chart import MAX_ROWS, chart_png
from bot.services.challenges.wrapup_stats import Mark, Member, longest_streak, wrapup_stats

DAYS = [date(2026, 11, 2) + timedelta(days=d) for d in range(10)]
PNG = b"\x89PNG\r\n\x1a\n"


def test_a_streak_counts_challenge_days_in_a_row_and_days_away_do_not_break_it() -> None:
    assert longest_streak([1, 2, 3, 5, 6], 1, 10) == 3
    assert longest_streak([1, 2, 3, 5, 6], 1, 10, away_days=[4]) == 5
    assert longest_streak([], 1, 10) == 0


def test_the_figures_of_a_challenge() -> None:
    members = [
        Member("U1", "Ada"),
        Member("U2", "Grace", away_days=frozenset({4, 5})),
        Member("U3", "Linus", first_day=6),
    ]
    entries = [("U1", d) for d in range(1, 11)] + [("U2", d) for d in (1, 2, 3, 6, 7)] + [("U3", 6), ("U3", 6)]
    stats = wrapup_stats("Public speaking", DAYS, members, entries)
    assert (stats.participants, stats.entries, stats.days) == (3, 16, 10)
    # Expected: Ada 10, Grace 10 - 2 away, Linus days 6–10.
    assert stats.expected == 23
    assert round(stats.completion, 3) == round(16 / 23, 3)
    assert [(s.name, s.days) for s in stats.longest_streaks] == [("Ada", 10), ("Grace", 5), ("Linus", 1)]
    assert [(d.number, d.entries) for d in stats.busiest_days] == [(6, 3), (1, 2), (2, 2)]
    assert stats.busiest_days[0].date == date(2026, 11, 7)
    assert stats.entries_per_day == [2, 2, 2, 1, 1, 3, 2, 1, 1, 1]
    assert stats.names == ["Ada", "Grace", "Linus"]
    assert stats.grid[1][3] is Mark.AWAY and stats.grid[1][7] is Mark.MISSED
    assert stats.grid[2][0] is Mark.NOT_YET and stats.grid[2][5] is Mark.JOURNALED


def test_entries_of_strangers_or_outside_the_challenge_are_not_counted() -> None:
    stats = wrapup_stats("T", DAYS, [Member("U1", "Ada")], [("U9", 1), ("U1", 0), ("U1", 11), ("U1", 2)])
    assert stats.entries == 1 and stats.entries_per_day[1] == 1


def test_a_challenge_without_entries_has_no_streaks_or_busy_days() -> None:
    stats = wrapup_stats("T", DAYS, [Member("U1", "Ada")], [])
    assert stats.completion == 0.0 and stats.longest_streaks == [] and stats.busiest_days == []
    assert wrapup_stats("T", DAYS, [], []).completion == 0.0


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_a_small_challenge_is_charted_as_a_grid_and_a_large_one_as_entries_per_day() -> None:
    small = wrapup_stats("Public speaking", DAYS, [Member(f"U{i}", f"Member {i}") for i in range(5)],
                         [(f"U{i}", d) for i in range(5) for d in range(1, 11) if (i + d) % 3])
    grid = chart_png(small)
    many = [Member(f"U{i}", f"M{i}") for i in range(MAX_ROWS + 1)]
    large = chart_png(wrapup_stats("DevOps", DAYS, many, [(m.id, 1) for m in many]))
    assert grid.startswith(PNG) and large.startswith(PNG)
    width, height = _size(grid)
    assert width >= 600 and height >= 250
    assert _size(large)[1] == 350  # one bar chart row, whatever the number of participants


def test_a_challenge_with_no_participants_still_gets_a_chart() -> None:
    assert chart_png(wrapup_stats("Empty", DAYS, [], [])).startswith(PNG)
