"""Accountability partners: who works with whom, as a pure function of the participants.

Priorities, in order: nobody is paired with someone they were partners with in an earlier
challenge when any other pairing exists; partners' UTC offsets stay within MAX_GAP of each other
where the participants allow it; then the smaller the gaps the better. An odd count makes one
triad. The approach is greedy over participants sorted by offset (neighbours are close in time),
then a repair pass that swaps members between groups while that lowers the cost. Small inputs the
heuristic left with a repeat or a wide group are searched exhaustively. 10,000 participants take
milliseconds (bench/pairing.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

# Partners further apart than this (minutes) are paired only when nobody closer is free.
MAX_GAP = 180
# How many free participants, nearest first, the greedy pass looks at for a non-repeat partner.
WINDOW = 64
# How many groups on each side of a bad group (in offset order) the repair pass tries to swap with.
NEIGHBOURS = 32
# How many groups on each side of a bad group are paired afresh when swaps cannot mend it.
REGION = 6
# Up to this many participants, a pairing with a repeat or a wide group is checked against every other.
EXACT_LIMIT = 10

Group = tuple[str, ...]


@dataclass(frozen=True)
class Participant:
    id: str
    utc_offset: int  # minutes east of UTC, from the member's Slack timezone


@dataclass(frozen=True)
class Regrouping:
    """The groups after a change: the existing ones first, in their order, then the new ones.

    `changed` holds the indexes of groups whose members changed (new groups included): each
    of those needs an introduction.
    """

    groups: list[Group]
    changed: list[int]


History = Mapping[str, set[str]]


def history_of(pairs: Iterable[Iterable[str]]) -> dict[str, set[str]]:
    """Earlier partnerships as `member → former partners`; a group of three counts as three pairs."""
    partners: dict[str, set[str]] = {}
    for group in pairs:
        members = list(group)
        for a, b in combinations(members, 2):
            partners.setdefault(a, set()).add(b)
            partners.setdefault(b, set()).add(a)
    return partners


def pair(participants: Sequence[Participant], history: History | None = None) -> list[Group]:
    """Pairs, and one triad when the count is odd; nobody is paired when there is only one.

    `participants` come in join order, which breaks ties; `history` is `history_of(...)` of the
    workspace's earlier partner groups.
    """
    history = history or {}
    if len(participants) < 2:
        return []
    offsets = {p.id: p.utc_offset for p in participants}
    ordered = sorted(participants, key=lambda p: p.utc_offset)  # stable: join order breaks ties
    groups = _greedy(ordered, history)
    _repair(groups, offsets, history)
    if len(participants) <= EXACT_LIMIT and _total(groups, offsets, history)[:2] != (0, 0):
        groups = _exact(ordered, offsets, history)
    return [tuple(group) for group in groups]


def place(unpaired: Sequence[Participant], groups: Sequence[Sequence[Participant]],
          history: History | None = None) -> Regrouping:
    """Find partners for `unpaired` (late joiners, or someone whose partner left) among `groups`.

    Two or more pair with each other (a triad when odd). One alone joins a pair as its third;
    when every group is already a triad, the triad's best-placed member pairs with them instead;
    with no group at all they stay unpaired.
    """
    history = history or {}
    current: list[list[Participant]] = [list(group) for group in groups]
    if len(unpaired) >= 2:
        by_id = {p.id: p for p in unpaired}
        new = [[by_id[member] for member in group] for group in pair(unpaired, history)]
        return _regrouping(current + new, changed=range(len(current), len(current) + len(new)))
    if not unpaired or not current:
        return _regrouping(current, changed=())
    newcomer = unpaired[0]
    offsets = {p.id: p.utc_offset for group in current for p in group} | {newcomer.id: newcomer.utc_offset}
    options: list[tuple[tuple[int, int, int, int], int, Participant | None]] = []
    for index, group in enumerate(current):
        ids = [p.id for p in group]
        before = _cost(ids, offsets, history)
        if len(group) < 3:
            options.append((_minus(_cost([*ids, newcomer.id], offsets, history), before) + (0,), index, None))
            continue
        for leaving in group:
            rest = [i for i in ids if i != leaving.id]
            after = _plus(_cost(rest, offsets, history), _cost([leaving.id, newcomer.id], offsets, history))
            options.append((_minus(after, before) + (1,), index, leaving))
    _, index, moved = min(options, key=lambda option: (option[0], option[1]))
    if moved is None:
        current[index].append(newcomer)
        return _regrouping(current, changed=(index,))
    current[index].remove(moved)
    current.append([moved, newcomer])
    return _regrouping(current, changed=(index, len(current) - 1))


def _regrouping(groups: list[list[Participant]], changed: Iterable[int]) -> Regrouping:
    return Regrouping(groups=[tuple(p.id for p in group) for group in groups], changed=sorted(changed))


# -- the greedy pass ---------------------------------------------------------------------------


def _greedy(ordered: Sequence[Participant], history: History) -> list[list[str]]:
    """Walk the participants by offset; each free one takes the nearest free non-repeat after it."""
    count = len(ordered)
    taken = [False] * count
    # nxt[i]: the next index after i that may still be free (path-compressed skip list).
    nxt = list(range(1, count + 1))

    def next_free(i: int) -> int:
        j = nxt[i]
        while j < count and taken[j]:
            j = nxt[j]
        nxt[i] = j
        return j

    groups: list[list[str]] = []
    leftover: str | None = None
    for i in range(count):
        if taken[i]:
            continue
        me = ordered[i]
        former = history.get(me.id, ())
        chosen, j, looked = -1, next_free(i), 0
        first = j
        while j < count and looked < WINDOW:
            if ordered[j].id not in former:
                chosen = j
                break
            looked += 1
            j = next_free(j)
        if chosen < 0:
            chosen = first  # only repeats nearby: take the nearest, the repair pass may mend it
        if chosen >= count:
            leftover = me.id
            break
        taken[i] = taken[chosen] = True
        groups.append([me.id, ordered[chosen].id])
    if leftover is not None:
        _seat_third(groups, leftover, {p.id: p.utc_offset for p in ordered}, history)
    return groups


def _seat_third(groups: list[list[str]], member: str, offsets: Mapping[str, int], history: History) -> None:
    """Add the odd one out to the pair where they fit best, making the triad."""
    if not groups:
        return
    best = min(
        range(len(groups)),
        key=lambda g: (_minus(_cost([*groups[g], member], offsets, history), _cost(groups[g], offsets, history)), g),
    )
    groups[best].append(member)


# -- costs -------------------------------------------------------------------------------------

Cost = tuple[int, int, int]  # (repeat pairs, groups wider than MAX_GAP, total spread in minutes)


def _cost(group: Sequence[str], offsets: Mapping[str, int], history: History) -> Cost:
    repeats = sum(1 for a, b in combinations(group, 2) if b in history.get(a, ()))
    times = [offsets[m] for m in group]
    spread = max(times) - min(times)
    return (repeats, int(spread > MAX_GAP), spread)


def _plus(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _minus(a: Cost, b: Cost) -> Cost:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _total(groups: Sequence[Sequence[str]], offsets: Mapping[str, int], history: History) -> Cost:
    total: Cost = (0, 0, 0)
    for group in groups:
        total = _plus(total, _cost(group, offsets, history))
    return total


# -- repair ------------------------------------------------------------------------------------


def _repair(groups: list[list[str]], offsets: Mapping[str, int], history: History) -> None:
    """Swap members between a bad group (a repeat, or too wide) and another while it lowers the cost.

    Groups are kept in offset order and only the NEIGHBOURS nearest on each side are tried: a
    group too wide for its neighbours to mend cannot be mended further away either, and only bad
    groups start a search, which keeps the pass cheap.
    """
    groups.sort(key=lambda g: min(offsets[m] for m in g))
    for _round in range(3):
        improved = False
        for g in range(len(groups)):
            if _cost(groups[g], offsets, history)[:2] == (0, 0):
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
        _seat_third(fresh, free.pop(), offsets, history)
    if _total(fresh, offsets, history) >= _total(region, offsets, history):
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
    before = _plus(_cost(a, offsets, history), _cost(b, offsets, history))
    best: tuple[Cost, int, int] | None = None
    for i in range(len(a)):
        for j in range(len(b)):
            new_a = a[:i] + [b[j]] + a[i + 1:]
            new_b = b[:j] + [a[i]] + b[j + 1:]
            after = _plus(_cost(new_a, offsets, history), _cost(new_b, offsets, history))
            if after < before and (best is None or after < best[0]):
                best = (after, i, j)
    if best is None:
        return False
    _, i, j = best
    a[i], b[j] = b[j], a[i]
    return True


# -- exhaustive search for small inputs --------------------------------------------------------


def _exact(ordered: Sequence[Participant], offsets: Mapping[str, int], history: History) -> list[list[str]]:
    """The best pairing by cost, over every way to split a small group into pairs (and a triad)."""
    best: tuple[Cost, list[list[str]]] | None = None
    for groups in _partitions([p.id for p in ordered]):
        cost = _total(groups, offsets, history)
        if best is None or cost < best[0]:
            best = (cost, groups)
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
