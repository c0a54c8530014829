"""How long pairing accountability partners takes: median and p95 over repeated runs.

    python bench/pairing.py [--runs N]

Participants get UTC offsets drawn from a spread of real timezones. "with history" means every
participant already had partners in three earlier challenges of the same workspace (each paired
by the same function), the hardest case for avoiding repeats. It also prints how many repeat
pairs and groups wider than MAX_GAP the result holds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.services.challenges.pairing import MAX_GAP, Participant, history_of, pair  # noqa: E402

# Minutes east of UTC, weighted roughly like a global engineering community.
OFFSETS = [-480] * 3 + [-420, -360] + [-300] * 4 + [-180, 0] + [60] * 5 + [120] * 3 + [180, 330, 330, 480, 540, 600]


def participants(count: int, seed: int) -> list[Participant]:
    rng = random.Random(seed)
    return [Participant(f"U{i:05d}", rng.choice(OFFSETS)) for i in range(count)]


def earlier_pairs(everyone: list[Participant], challenges: int) -> list[tuple[str, ...]]:
    pairs: list[tuple[str, ...]] = []
    for _ in range(challenges):
        pairs += pair(everyone, history_of(pairs))
    return pairs


def measure(count: int, runs: int, with_history: bool) -> tuple[float, float, int, int]:
    everyone = participants(count, seed=count)
    history = history_of(earlier_pairs(everyone, 3)) if with_history else {}
    offsets = {p.id: p.utc_offset for p in everyone}
    timings = []
    groups: list[tuple[str, ...]] = []
    for _ in range(runs):
        started = time.perf_counter()
        groups = pair(everyone, history)
        timings.append(time.perf_counter() - started)
    repeats = sum(1 for g in groups for a, b in combinations(g, 2) if b in history.get(a, ()))
    wide = sum(1 for g in groups if max(offsets[m] for m in g) - min(offsets[m] for m in g) > MAX_GAP)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return statistics.median(timings), p95, repeats, wide


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"pairing, {args.runs} runs each (python {sys.version.split()[0]})")
    print(f"{'participants':>12} {'history':>10} {'median ms':>10} {'p95 ms':>8} {'repeats':>8} {'wide':>5}")
    for count in (100, 1_000, 10_000):
        for with_history in (False, True):
            median, p95, repeats, wide = measure(count, args.runs, with_history)
            earlier = "3 earlier" if with_history else "none"
            print(f"{count:>12,} {earlier:>10} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {repeats:>8} {wide:>5}")


if __name__ == "__main__":
    main()
