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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bot.services.challenges.pairing_cost import (
    MAX_GAP,
    Group,
    History,
    Participant,
    cost,
    minus,
    plus,
    seat_third,
    total,
)
from bot.services.challenges.pairing_repair import exact, repair

__all__ = ["MAX_GAP", "Group", "History", "Participant", "Regrouping", "history_of", "pair", "place"]

# How many free participants, nearest first, the greedy pass looks at for a non-repeat partner.
WINDOW = 64
# Up to this many participants, a pairing with a repeat or a wide group is checked against every other.
EXACT_LIMIT = 10


@dataclass(frozen=True)
class Regrouping:
    """The groups after a change: the existing ones first, in their order, then the new ones.

    `changed` holds the indexes of groups whose members changed (new groups included): each
    of those needs an introduction.
    """

    groups: list[Group]
    changed: list[int]


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
    repair(groups, offsets, history)
    if len(participants) <= EXACT_LIMIT and total(groups, offsets, history)[:2] != (0, 0):
        groups = exact(ordered, offsets, history)
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
        before = cost(ids, offsets, history)
        if len(group) < 3:
            options.append((minus(cost([*ids, newcomer.id], offsets, history), before) + (0,), index, None))
            continue
        for leaving in group:
            rest = [i for i in ids if i != leaving.id]
            after = plus(cost(rest, offsets, history), cost([leaving.id, newcomer.id], offsets, history))
            options.append((minus(after, before) + (1,), index, leaving))
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
        seat_third(groups, leftover, {p.id: p.utc_offset for p in ordered}, history)
    return groups
