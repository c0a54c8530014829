"""A finished challenge in figures: participants, entries, completion, streaks, busiest days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from bot.words import plural

TOP = 3


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    first_day: int = 1  # the challenge day they joined on; late joiners start later
    away_days: frozenset[int] = field(default_factory=frozenset)


class Mark(Enum):
    """One cell of the participation grid."""

    NOT_YET = 0  # before they joined
    MISSED = 1
    AWAY = 2
    JOURNALED = 3


@dataclass(frozen=True)
class Streak:
    member_id: str
    name: str
    days: int


@dataclass(frozen=True)
class BusyDay:
    number: int
    date: date
    entries: int


@dataclass(frozen=True)
class WrapUpStats:
    title: str
    day_dates: list[date]  # day 1 is day_dates[0]
    participants: int
    entries: int
    expected: int  # participant-days with an entry, or on which one was expected (joined, not away)
    longest_streaks: list[Streak]
    busiest_days: list[BusyDay]
    entries_per_day: list[int]
    names: list[str]  # the grid's rows
    grid: list[list[Mark]]  # one row a member, one column a day

    @property
    def completion(self) -> float:
        """The share of expected participant-days that have an entry (0.0–1.0)."""
        journaled = sum(row.count(Mark.JOURNALED) for row in self.grid)
        return journaled / self.expected if self.expected else 0.0

    @property
    def days(self) -> int:
        return len(self.day_dates)


def longest_streak(entry_days: Iterable[int], first_day: int, last_day: int, away_days: Iterable[int] = ()) -> int:
    """The most challenge days in a row with an entry; days away neither break nor extend it."""
    journaled, away = set(entry_days), set(away_days)
    best = current = 0
    for day in range(first_day, last_day + 1):
        if day in journaled:
            current += 1
            best = max(best, current)
        elif day not in away:
            current = 0
    return best


def wrapup_stats(title: str, day_dates: Sequence[date], members: Sequence[Member],
                 entries: Iterable[tuple[str, int]]) -> WrapUpStats:
    """The figures of a challenge of `len(day_dates)` days; `entries` are (member id, day number)."""
    last = len(day_dates)
    days_of: dict[str, set[int]] = {m.id: set() for m in members}
    for member_id, day in set(entries):
        if member_id in days_of and 1 <= day <= last:
            days_of[member_id].add(day)
    ordered = sorted(members, key=lambda m: (m.name.casefold(), m.id))
    grid = [[_mark(m, day, days_of[m.id]) for day in range(1, last + 1)] for m in ordered]
    per_day = Counter(day for days in days_of.values() for day in days)
    streaks = sorted(
        (Streak(m.id, m.name, longest_streak(days_of[m.id], m.first_day, last, m.away_days)) for m in ordered),
        key=lambda s: -s.days,
    )
    busiest = sorted(((n, c) for n, c in per_day.items() if c), key=lambda item: (-item[1], item[0]))
    return WrapUpStats(
        title=title,
        day_dates=list(day_dates),
        participants=len(members),
        entries=sum(len(days) for days in days_of.values()),
        expected=sum(row.count(Mark.JOURNALED) + row.count(Mark.MISSED) for row in grid),
        longest_streaks=[s for s in streaks if s.days][:TOP],
        busiest_days=[BusyDay(n, day_dates[n - 1], c) for n, c in busiest[:TOP]],
        entries_per_day=[per_day.get(day, 0) for day in range(1, last + 1)],
        names=[m.name for m in ordered],
        grid=grid,
    )


def _mark(member: Member, day: int, journaled: set[int]) -> Mark:
    if day in journaled:
        return Mark.JOURNALED  # an entry counts even on a day away or written before joining
    if day < member.first_day:
        return Mark.NOT_YET
    return Mark.AWAY if day in member.away_days else Mark.MISSED


@dataclass(frozen=True)
class Summary:
    """What the wrap-up message, App Home and the digest show; stored as JSON with the wrap-up."""

    participants: int
    entries: int
    completion: float
    streaks: list[tuple[str, int]]  # (member id, days)
    busiest: list[tuple[int, str, int]]  # (day number, ISO date, entries)
    days: int

    def figures(self) -> str:
        """"12 participants, 1 journal entry, 40% completion": for plain text (notifications, the digest)."""
        entries = plural(self.entries, "journal entry", "journal entries")
        return f"{plural(self.participants, 'participant')}, {entries}, {self.completion:.0%} completion"

    @classmethod
    def of(cls, stats: WrapUpStats) -> Summary:
        return cls(
            participants=stats.participants,
            entries=stats.entries,
            completion=round(stats.completion, 4),
            streaks=[(s.member_id, s.days) for s in stats.longest_streaks],
            busiest=[(d.number, d.date.isoformat(), d.entries) for d in stats.busiest_days],
            days=stats.days,
        )

    def to_json(self) -> dict[str, object]:
        return {"participants": self.participants, "entries": self.entries, "completion": self.completion,
                "streaks": [list(s) for s in self.streaks], "busiest": [list(b) for b in self.busiest],
                "days": self.days}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Summary:
        return cls(
            participants=int(data["participants"]),  # type: ignore[call-overload]
            entries=int(data["entries"]),  # type: ignore[call-overload]
            completion=float(data["completion"]),  # type: ignore[arg-type]
            streaks=[(str(u), int(d)) for u, d in data.get("streaks") or []],  # type: ignore[attr-defined]
            busiest=[(int(n), str(w), int(c)) for n, w, c in data.get("busiest") or []],  # type: ignore[attr-defined]
            days=int(data["days"]),  # type: ignore[call-overload]
        )
