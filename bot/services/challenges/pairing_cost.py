"""What a pairing costs: repeat partners first, then groups too wide in time, then the total spread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

# Partners further apart than this (minutes) are paired only when nobody closer is free.
MAX_GAP = 180

Group = tuple[str, ...]
History = Mapping[str, set[str]]
Cost = tuple[int, int, int]  # (repeat pairs, groups wider than MAX_GAP, total spread in minutes)


@dataclass(frozen=True)
class Participant:
    id: str
    utc_offset: int  # minutes east of UTC, from the member's Slack timezone


def cost(group: Sequence[str], offsets: Mapping[str, int], history: History) -> Cost:
    """The cost of one group."""
    repeats = sum(1 for a, b in combinations(group, 2) if b in history.get(a, ()))
    times = [offsets[m] for m in group]
    spread = max(times) - min(times)
    return (repeats, int(spread > MAX_GAP), spread)


def plus(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def minus(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def total(groups: Sequence[Sequence[str]], offsets: Mapping[str, int], history: History) -> Cost:
    """The cost of a whole pairing."""
    result: Cost = (0, 0, 0)
    for group in groups:
        result = plus(result, cost(group, offsets, history))
    return result


def seat_third(groups: list[list[str]], member: str, offsets: Mapping[str, int], history: History) -> None:
    """Add the odd one out to the pair where they fit best, making the triad."""
    if not groups:
        return
    best = min(
        range(len(groups)),
        key=lambda g: (minus(cost([*groups[g], member], offsets, history), cost(groups[g], offsets, history)), g),
    )
    groups[best].append(member)
