"""Search over 100,000 entries: how long indexing and querying take, p50/p95, on SQLite and PostgreSQL.

    python bench/search.py [--entries 100000] [--queries 300] [--database-url postgresql+psycopg://…]

Seeds a database at Alembic's head with a mix like a busy community's: journal entries (a tenth of
them private), reports, their feedback and charters' findings, in one big workspace and a few
small ones, written from the sentences of the bundled activity sets and the playbook pages. The
triggers index every row as it is inserted (the insert rate includes them). Then runs `--queries`
searches of one to three words (the last one sometimes half-typed) through the search service, as
members of the big workspace, and prints the query time's p50/p95/max and the results' sizes.
SQLite runs always; PostgreSQL too with --database-url (its tables are dropped first). With both, it also
prints how often the two engines agree on the top results.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bot.db import downgrade, make_engine, make_sessions, upgrade  # noqa: E402
from bot.services.search import STOP_WORDS, parse_query, search  # noqa: E402
from models.challenge import Challenge, JournalEntry  # noqa: E402
from models.charter import Charter  # noqa: E402
from models.report import Feedback, Report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/seeds")
TEAMS = ["T1"] * 9 + ["T2", "T3"]  # most entries in one big workspace
USERS = [f"U{n:04d}" for n in range(400)]
T0 = datetime(2026, 1, 1, tzinfo=UTC)
BATCH = 5000


def sentences() -> list[str]:
    """Real sentences a community writes about its practice: the activity sets' and the playbook's."""
    found: list[str] = []
    for path in sorted((ROOT / "bot" / "templates").glob("*.yml")):
        for activity in yaml.safe_load(path.read_text())["activities"]:
            found += [str(v) for v in (activity.values() if isinstance(activity, dict) else [activity])]
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", path.read_text()) if len(s.split()) > 3]
    return found


def entry_text(rng: random.Random, corpus: list[str]) -> str:
    return " ".join(rng.choice(corpus) for _ in range(rng.choice((1, 1, 2, 2, 3, 4))))


def seed(url: str, count: int, rng: random.Random, corpus: list[str]) -> float:
    """Insert `count` entries of mixed kinds; returns the seconds it took (triggers indexing each row)."""
    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    with engine.begin() as db:
        challenges = [db.execute(insert(Challenge.__table__).values(_challenge(team)).returning(Challenge.id)).scalar()
                      for team in sorted(set(TEAMS))]
        reports: list[tuple[int, str]] = []
        for kind, n in (("report", count * 15 // 100), ("findings", count * 5 // 100),
                        ("feedback", count * 15 // 100), ("journal", count * 65 // 100)):
            for start in range(0, n, BATCH):
                rows = [_row(kind, i, rng, corpus, challenges, reports) for i in range(start, min(n, start + BATCH))]
                table = {"report": Report, "findings": Charter, "feedback": Feedback, "journal": JournalEntry}[kind]
                if kind == "report":
                    ids = db.execute(insert(Report.__table__).returning(Report.id, Report.team_id), rows).all()
                    reports += [(row[0], row[1]) for row in ids]
                else:
                    db.execute(insert(table.__table__), rows)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def _challenge(team: str) -> dict[str, Any]:
    return dict(team_id=team, title=f"30 days of DevOps ({team})", description="", channel_id="C1", creator_id="U0000",
                start_date=T0.date(), end_date=(T0 + timedelta(days=29)).date(), days=30, post_time=T0.time(),
                timezone="UTC", skip_weekends=False, partners=True, activities=[], status="active", created_at=T0)


def _row(kind: str, i: int, rng: random.Random, corpus: list[str], challenges: list[int | None],
         reports: list[tuple[int, str]]) -> dict[str, Any]:
    team, user = rng.choice(TEAMS), rng.choice(USERS)
    at = T0 + timedelta(minutes=rng.randrange(60 * 24 * 300))
    words = entry_text(rng, corpus)
    if kind == "report":
        return dict(team_id=team, subject_kind="group", subject_id=1, subject_name="Group", author_id=user,
                    final=False, progress=words, learnings=entry_text(rng, corpus), asks=rng.choice(corpus),
                    created_at=at, channel_id="C1", message_ts=f"{at.timestamp():.6f}")
    if kind == "feedback":
        report_id, team = rng.choice(reports)
        return dict(team_id=team, report_id=report_id, user_id=user, kind="critique", text=words, created_at=at,
                    endorser_id=None, view_id=None)
    if kind == "findings":
        return dict(team_id=team, status="completed", proposer_id=user, title="Charter", goal="g", scope_in="s",
                    scope_out="s", deliverable="d", origin="team", seats_needed=0, hours_per_week=2, weeks=6,
                    learning_sponsor_id=user, cadence="weekly", variation="standard", created_at=at, findings=words,
                    next_steps=rng.choice(corpus), findings_ts=f"{at.timestamp():.6f}", closed_by=user, closed_at=at)
    private = rng.random() < 0.1
    return dict(team_id=team, challenge_id=challenges[sorted(set(TEAMS)).index(team)], user_id=user,
                day_number=rng.randint(1, 30), text=words, private=private, source="thread",
                channel_id=None if private else "C1", slack_ts=None if private else f"{at.timestamp():.6f}.{i}",
                created_at=at, updated_at=None)


def queries(rng: random.Random, corpus: list[str], count: int) -> list[str]:
    """What members type: one to three words of what was written, sometimes the last one half-typed."""
    words = [w for w in re.findall(r"[^\W_]+", " ".join(corpus).lower()) if len(w) > 2 and w not in STOP_WORDS]
    made = []
    for _ in range(count):
        picked = rng.sample(words, rng.choice((1, 1, 2, 2, 3)))
        if rng.random() < 0.3 and len(picked[-1]) > 4:
            picked[-1] = picked[-1][: rng.randint(3, len(picked[-1]) - 1)]
        made.append(" ".join(picked))
    return made


def run_queries(url: str, typed: list[str]) -> tuple[list[float], list[list[tuple[str, datetime]]]]:
    engine = make_engine(url)
    sessions = make_sessions(engine)
    times, tops = [], []
    for words in typed:
        user = random.Random(words).choice(USERS)
        started = time.perf_counter()
        with sessions() as session:
            hits = search(session, "T1", user, parse_query(words)).hits
        times.append((time.perf_counter() - started) * 1000)
        tops.append([(h.snippet, h.created_at) for h in hits])
    engine.dispose()
    return times, tops


def report(name: str, seconds: float, count: int, times: list[float], tops: list[list[Any]]) -> None:
    cuts = statistics.quantiles(times, n=100)
    sizes = [len(t) for t in tops]
    print(f"{name}: seeded {count:,} entries in {seconds:.1f} s ({count / seconds:,.0f}/s, indexed by the triggers)")
    print(f"  {len(times)} queries: p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, max {max(times):.1f} ms; "
          f"{sum(1 for s in sizes if s == 0)} found nothing, {sum(1 for s in sizes if s == 10)} found 10 or more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", help="a PostgreSQL database to wipe and use as well")
    args = parser.parse_args()
    corpus = sentences()
    typed = queries(random.Random(7), corpus, args.queries)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite (FTS5)": f"sqlite:///{tmp}/search.db"}
        if args.database_url:
            _wipe(args.database_url)
            urls["PostgreSQL (tsvector + GIN)"] = args.database_url
        for name, url in urls.items():
            seconds = seed(url, args.entries, random.Random(1), corpus)
            run_queries(url, typed[:20])  # warm the caches
            times, tops = run_queries(url, typed)
            report(name, seconds, args.entries, times, tops)
            results[name] = tops
    if len(results) == 2:
        a, b = results.values()
        same_first = sum(1 for x, y in zip(a, b, strict=True) if x[:1] == y[:1])
        same_set = sum(1 for x, y in zip(a, b, strict=True) if set(x) == set(y))
        overlap = statistics.mean(len(set(x) & set(y)) / max(1, len(x)) for x, y in zip(a, b, strict=True) if x)
        print(f"Both engines: the same best result for {same_first}/{len(a)} queries, the same top-10 set for "
              f"{same_set}/{len(a)}, {overlap:.0%} of each top 10 in common on average")


def _wipe(url: str) -> None:
    """Every table of ours gone from the PostgreSQL database, so that seeding starts empty."""
    engine = make_engine(url)
    downgrade(engine, "base")
    engine.dispose()


if __name__ == "__main__":
    main()
