"""Pairing accountability partners: pairs and a triad, no repeats where avoidable, close timezones."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pytest

from bot.services.challenges.pairing import MAX_GAP, Participant, history_of, pair, place

PARIS, HELSINKI, NEW_YORK, LA, TOKYO = 60, 120, -300, -480, 540


def people(*offsets: int, prefix: str = "U") -> list[Participant]:
    return [Participant(f"{prefix}{i}", offset) for i, offset in enumerate(offsets, start=1)]


def members(groups: list[tuple[str, ...]]) -> Counter[str]:
    return Counter(member for group in groups for member in group)


def repeats(groups: list[tuple[str, ...]], history: dict[str, set[str]]) -> int:
    return sum(1 for group in groups for a, b in combinations(group, 2) if b in history.get(a, set()))


def spread(group: tuple[str, ...], offsets: dict[str, int]) -> int:
    return max(offsets[m] for m in group) - min(offsets[m] for m in group)


def test_nobody_and_one_participant_get_no_pairs() -> None:
    assert pair([]) == []
    assert pair(people(PARIS)) == []


@pytest.mark.parametrize("count", [2, 3, 4, 5, 7, 10, 11, 101])
def test_everyone_is_in_exactly_one_group_with_one_triad_when_the_count_is_odd(count: int) -> None:
    everyone = people(*[random.Random(count).choice([PARIS, NEW_YORK, TOKYO]) for _ in range(count)])
    groups = pair(everyone)
    assert members(groups) == Counter(p.id for p in everyone)
    sizes = Counter(len(group) for group in groups)
    assert sizes == Counter({2: count // 2 - 1, 3: 1} if count % 2 else {2: count // 2})


def test_partners_are_in_nearby_timezones() -> None:
    everyone = people(PARIS, NEW_YORK, TOKYO, HELSINKI, LA, TOKYO + 60, NEW_YORK, -360)
    offsets = {p.id: p.utc_offset for p in everyone}
    groups = pair(everyone)
    assert all(spread(group, offsets) <= MAX_GAP for group in groups), groups


def test_partners_of_an_earlier_challenge_are_not_paired_again() -> None:
    everyone = people(PARIS, PARIS, PARIS, PARIS)
    history = history_of([("U1", "U2"), ("U3", "U4")])
    groups = pair(everyone, history)
    assert repeats(groups, history) == 0
    assert {frozenset(g) for g in groups} in ({frozenset({"U1", "U3"}), frozenset({"U2", "U4"})},
                                              {frozenset({"U1", "U4"}), frozenset({"U2", "U3"})})


def test_a_repeat_is_preferred_to_nobody_when_it_is_the_only_pairing() -> None:
    history = history_of([("U1", "U2")])
    assert pair(people(PARIS, PARIS), history) == [("U1", "U2")]


def test_a_new_partner_far_away_is_preferred_to_a_repeat_nearby() -> None:
    everyone = people(PARIS, PARIS, TOKYO, TOKYO)
    history = history_of([("U1", "U2"), ("U3", "U4")])
    groups = pair(everyone, history)
    assert repeats(groups, history) == 0


def test_a_former_triad_counts_as_three_former_pairs() -> None:
    assert history_of([("A", "B", "C")]) == {"A": {"B", "C"}, "B": {"A", "C"}, "C": {"A", "B"}}


def _optimum(everyone: list[Participant], history: dict[str, set[str]]) -> tuple[int, int]:
    """The fewest repeats, then the fewest too-wide groups, over every pairing (brute force)."""
    offsets = {p.id: p.utc_offset for p in everyone}

    def splits(ids: list[str]) -> list[list[tuple[str, ...]]]:
        if not ids:
            return [[]]
        result = []
        first, rest = ids[0], ids[1:]
        for size in (1, 2) if len(ids) % 2 else (1,):
            for chosen in combinations(rest, size):
                remaining = [m for m in rest if m not in chosen]
                if len(ids) % 2 and size == 1 and len(remaining) < 3:
                    continue
                result += [[(first, *chosen), *tail] for tail in splits(remaining)]
        return result

    return min(
        (repeats(groups, history), sum(spread(g, offsets) > MAX_GAP for g in groups))
        for groups in splits([p.id for p in everyone])
    )


@pytest.mark.parametrize("seed", range(40))
def test_small_pairings_are_as_good_as_the_best_possible(seed: int) -> None:
    rng = random.Random(seed)
    everyone = people(*[rng.choice([PARIS, HELSINKI, NEW_YORK, LA, TOKYO]) for _ in range(rng.randint(2, 9))])
    ids = [p.id for p in everyone]
    pairs = list(combinations(ids, 2))
    history = history_of(rng.sample(pairs, k=min(len(pairs), rng.randint(0, len(ids)))))
    offsets = {p.id: p.utc_offset for p in everyone}
    groups = pair(everyone, history)
    assert members(groups) == Counter(ids)
    assert (repeats(groups, history), sum(spread(g, offsets) > MAX_GAP for g in groups)) == _optimum(everyone, history)


def test_ten_thousand_participants_with_three_earlier_challenges_have_no_repeats() -> None:
    rng = random.Random(7)
    everyone = people(*[rng.choice([LA, NEW_YORK, 0, PARIS, HELSINKI, 330, TOKYO]) for _ in range(10_000)])
    offsets = {p.id: p.utc_offset for p in everyone}
    earlier: list[tuple[str, ...]] = []
    for _ in range(3):
        earlier += pair(everyone, history_of(earlier))
    history = history_of(earlier)
    groups = pair(everyone, history)
    assert members(groups) == Counter(p.id for p in everyone)
    assert repeats(groups, history) == 0
    # Only the odd one out of a timezone with nobody within MAX_GAP can be in a wider group.
    assert sum(spread(group, offsets) > MAX_GAP for group in groups) <= 2


def test_late_joiners_pair_with_each_other() -> None:
    existing = [people(PARIS, PARIS, prefix="A")]
    late = people(NEW_YORK, NEW_YORK, prefix="L")
    result = place(late, existing)
    assert result.groups == [("A1", "A2"), ("L1", "L2")]
    assert result.changed == [1]


def test_three_late_joiners_make_a_triad() -> None:
    result = place(people(PARIS, PARIS, PARIS, prefix="L"), [people(PARIS, PARIS, prefix="A")])
    assert result.groups[1:] == [("L1", "L2", "L3")]
    assert result.changed == [1]


def test_one_late_joiner_joins_the_nearest_pair_as_a_third() -> None:
    existing = [people(TOKYO, TOKYO, prefix="A"), people(PARIS, PARIS, prefix="B")]
    result = place(people(HELSINKI, prefix="L"), existing)
    assert result.groups == [("A1", "A2"), ("B1", "B2", "L1")]
    assert result.changed == [1]


def test_one_late_joiner_does_not_join_a_former_partner() -> None:
    existing = [people(PARIS, PARIS, prefix="A"), people(PARIS, PARIS, prefix="B")]
    result = place(people(PARIS, prefix="L"), existing, history_of([("L1", "A1")]))
    assert result.groups == [("A1", "A2"), ("B1", "B2", "L1")]


def test_one_late_joiner_takes_a_member_of_a_triad_when_there_is_no_pair_to_join() -> None:
    existing = [[Participant("A1", PARIS), Participant("A2", PARIS), Participant("A3", NEW_YORK)]]
    result = place([Participant("L1", NEW_YORK)], existing)
    assert result.groups == [("A1", "A2"), ("A3", "L1")]
    assert result.changed == [0, 1]


def test_with_nobody_to_pair_with_the_late_joiner_stays_unpaired() -> None:
    result = place([Participant("L1", PARIS)], [])
    assert result.groups == [] and result.changed == []


def test_whoever_is_left_alone_when_a_partner_leaves_is_placed_again() -> None:
    # U2 left the pair (U1, U2); U1 joins another pair, the nearest in time.
    others = [people(NEW_YORK, NEW_YORK, prefix="N"), people(PARIS, HELSINKI, prefix="E")]
    result = place([Participant("U1", PARIS)], others)
    assert result.groups == [("N1", "N2"), ("E1", "E2", "U1")]
