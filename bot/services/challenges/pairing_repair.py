"""Mending a pairing: swaps between neighbouring groups, pairing a region afresh, and the exhaustive search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from bot.services.challenges.pairing_cost import MAX_GAP, Cost, History, Participant, cost, plus, seat_third, total

# How many groups on each side of a bad group (in offset order) the repair pass tries to swap with.
NEIGHBOURS = 32
# How many groups on each side of a bad group are paired afresh when swaps cannot mend it.
REGION = 6


def repair(groups: list[list[str]], offsets: Mapping[str, int], history: History) -> None:
    """Swap members between a bad group (a repeat, or too wide) and another while it lowers the cost.

    Groups are kept in offset order and only the NEIGHBOURS nearest on each side are tried: a
    group too wide for its neighbours to mend cannot be mended further away either, and only bad
    groups start a search, which keeps the pass cheap.
    """
    groups.sort(key=lambda g: min(offsets[m] for m in g))
    for _round in range(3):
        improved = False
        for g in range(len(groups)):
            if cost(groups[g], offsets, history)[:2] == (0, 0):
                continue
            if any(_best_swap(groups, g, h, offsets, history) for h in _nearest(g, len(groups))) or _resolve_region(
                groups, g, offsets, history
            ):
                improved = True
        if not improved:
            return


def _resolve_region(groups: list[list[str]], g: int, offsets: Mapping[str, int], history: History) -> bool:
    """Pair the members of the REGION groups around bad group g afresh, most constrained first.

    Swaps cannot mend leftovers at a timezone's edge who were partners before (mending them
    moves three or four groups at once); pairing the region again, each time taking the member
    with the fewest acceptable partners, does. Kept only when the region's cost goes down.
    """
    lo, hi = max(0, g - REGION), min(len(groups), g + REGION + 1)
    region = groups[lo:hi]
    people = [m for group in region for m in group]

    def fine(a: str, b: str) -> bool:
        return b not in history.get(a, ()) and abs(offsets[a] - offsets[b]) <= MAX_GAP

    free = set(people)
    options = {a: {b for b in people if b != a and fine(a, b)} for a in people}
    fresh: list[list[str]] = []
    while len(free) >= 2:
        a = min(free, key=lambda m: (len(options[m] & free), offsets[m], m))
        candidates = options[a] & free or free - {a}
        b = min(candidates, key=lambda m: (len(options[m] & free), abs(offsets[m] - offsets[a]), m))
        free -= {a, b}
        fresh.append([a, b])
    if free:
        seat_third(fresh, free.pop(), offsets, history)
    if total(fresh, offsets, history) >= total(region, offsets, history):
        return False
    fresh.sort(key=lambda group: min(offsets[m] for m in group))
    groups[lo:hi] = fresh
    return True


def _nearest(g: int, count: int) -> Iterable[int]:
    for step in range(1, NEIGHBOURS + 1):
        for h in (g - step, g + step):
            if 0 <= h < count:
                yield h


def _best_swap(groups: list[list[str]], g: int, h: int, offsets: Mapping[str, int], history: History) -> bool:
    """Exchange one member of group g with one of group h when that lowers their joint cost."""
    a, b = groups[g], groups[h]
    before = plus(cost(a, offsets, history), cost(b, offsets, history))
    best: tuple[Cost, int, int] | None = None
    for i in range(len(a)):
        for j in range(len(b)):
            new_a = a[:i] + [b[j]] + a[i + 1:]
            new_b = b[:j] + [a[i]] + b[j + 1:]
            after = plus(cost(new_a, offsets, history), cost(new_b, offsets, history))
            if after < before and (best is None or after < best[0]):
                best = (after, i, j)
    if best is None:
        return False
    _, i, j = best
    a[i], b[j] = b[j], a[i]
    return True


# -- exhaustive search for small inputs --------------------------------------------------------


def exact(ordered: Sequence[Participant], offsets: Mapping[str, int], history: History) -> list[list[str]]:
    """The best pairing by cost, over every way to split a small group into pairs (and a triad)."""
    best: tuple[Cost, list[list[str]]] | None = None
    for groups in _partitions([p.id for p in ordered]):
        groups_cost = total(groups, offsets, history)
        if best is None or groups_cost < best[0]:
            best = (groups_cost, groups)
    assert best is not None
    return best[1]


def _partitions(members: list[str]) -> Iterable[list[list[str]]]:
    """Every split into pairs, with one triad when the count is odd."""
    if not members:
        yield []
        return
    first, rest = members[0], members[1:]
    sizes = (1, 2) if len(members) % 2 == 1 else (1,)
    for size in sizes:
        if len(members) % 2 == 1 and size == 1 and len(members) == 3:
            continue  # three left with the triad still to make: they are the triad
        for partners in combinations(range(len(rest)), size):
            group = [first, *(rest[k] for k in partners)]
            remaining = [m for k, m in enumerate(rest) if k not in partners]
            for tail in _partitions(remaining):
                yield [group, *tail]
