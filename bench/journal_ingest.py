"""Journal ingest: thousands of thread replies to a day's post, some redelivered as Slack retries.

    python bench/journal_ingest.py [--replies 20000] [--retries 0.05] [--senders 16]
                                   [--participants 2000] [--database-url URL]

The challenge, its participants and Day 1's post are set up first (through the real app against
the fake Slack, participants stored directly). Then app.py itself serves, in its own process as in
production (waitress, the scheduler ticking), while this process plays Slack: the fake Web API,
and `--senders` concurrent deliveries of `--replies` `message` events in Day 1's thread, of which
a share `--retries` is delivered a second time (same event_id, X-Slack-Retry-Num: 1), some while
the first delivery is still being handled. It prints events/s (from the first delivery until
every reply is stored and confirmed by a reaction), ack p50/p95/p99, the entries stored, and
duplicates (entries or reactions beyond one a reply: must be 0).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.processes import cpu_seconds, percentile, start_app_py  # noqa: E402
from bot.db import make_engine  # noqa: E402
from models import JournalEntry, Participant  # noqa: E402
from tests.support.challenges import create_challenge, day_posts  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.running_app import SIGNING_SECRET, running_app  # noqa: E402
from tests.support.slack_requests import SlackSender  # noqa: E402


def set_up(fake: FakeSlack, database_url: str, participants: int) -> tuple[list[str], str]:
    """A challenge that starts today at 00:00 UTC, its participants, and Day 1 posted: its ts."""
    now = datetime.now(UTC)
    users = [f"UI{n:05d}" for n in range(participants)]
    with running_app(fake, database_url, now=now) as app:
        app.set_community("CCOMMUNITY")
        challenge = create_challenge(app, partners=[], start_date=f"{now:%Y-%m-%d}", post_time="00:00",
                                     timezone="UTC")
        with app.deps.sessions.begin() as session:
            session.add_all(Participant(team_id=challenge.team_id, challenge_id=challenge.id, user_id=u,
                                        joined_at=now) for u in users)
        app.tick()
        return users, day_posts(app)[-1]["ts"]


def deliveries(users: list[str], thread_ts: str, replies: int, retry_share: float) -> list[tuple[dict, str, int]]:
    """(event, event_id, retry number) in delivery order; a retry follows its first delivery closely."""
    rng = random.Random(12)
    order: list[tuple[dict, str, int]] = []
    retried: list[tuple[int, tuple[dict, str, int]]] = []
    for n in range(replies):
        ts = f"{float(thread_ts) + 1 + n / 1000:.6f}"
        event = {"type": "message", "channel": "CCOMMUNITY", "channel_type": "channel", "user": users[n % len(users)],
                 "text": f"Day 1, reply {n}: what I practised today.", "ts": ts, "thread_ts": thread_ts,
                 "event_ts": ts}
        order.append((event, f"EvI{n:06d}", 0))
        if rng.random() < retry_share:
            retried.append((len(order) + rng.randint(0, 40), (event, f"EvI{n:06d}", 1)))
    for position, delivery in sorted(retried, key=lambda r: r[0], reverse=True):
        order.insert(min(position, len(order)), delivery)
    return order


def counts(engine: object, fake: FakeSlack) -> tuple[int, int, int]:
    """Entries stored, distinct replies among them, and reactions added."""
    with engine.connect() as connection:  # type: ignore[attr-defined]
        stored = connection.scalar(select(func.count()).select_from(JournalEntry))
        distinct = connection.scalar(select(func.count(func.distinct(JournalEntry.slack_ts))))
    return int(stored or 0), int(distinct or 0), len(fake.calls_to("reactions.add"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=20000)
    parser.add_argument("--retries", type=float, default=0.05, help="share of replies delivered twice")
    parser.add_argument("--senders", type=int, default=16, help="deliveries in flight at once")
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    fake = FakeSlack().start()
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_user("U1", name="Ada", tz="UTC")
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{folder}/bench.db"
            users, thread_ts = set_up(fake, url, args.participants)
            engine = make_engine(url)
            app_url, app = start_app_py(fake, url)
            try:
                fake.reset_calls()
                sender = SlackSender(app_url, SIGNING_SECRET, fake)
                plan = deliveries(users, thread_ts, args.replies, args.retries)
                failed: list[int] = []

                def deliver(delivery: tuple[dict, str, int]) -> float:
                    event, event_id, retry = delivery
                    started = time.perf_counter()
                    status = sender.event(event, event_id=event_id, retry_num=retry or None).status
                    if status != 200:
                        failed.append(status)
                    return time.perf_counter() - started

                cpu_before = cpu_seconds(app.pid)
                started = time.perf_counter()
                with ThreadPoolExecutor(args.senders) as pool:
                    acks = list(pool.map(deliver, plan))
                acked = time.perf_counter() - started
                # Acked events wait in the listeners' queue: wait while they are still being captured.
                progress, stalled = counts(engine, fake)[2], time.perf_counter()
                while progress < args.replies and time.perf_counter() - stalled < 30:
                    time.sleep(0.5)
                    if (now := counts(engine, fake)[2]) > progress:
                        progress, stalled = now, time.perf_counter()
                done = time.perf_counter() - started
                stored, distinct, reactions = counts(engine, fake)
                cpu = cpu_seconds(app.pid) - cpu_before
                print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {url.split(':')[0]}: "
                      f"{args.replies} replies + {len(plan) - args.replies} retries, {args.senders} senders")
                print(f"  {len(plan) / done:.0f} events/s ({len(plan)} events; {reactions} replies stored and "
                      f"confirmed in {done:.1f} s, all acked in {acked:.1f} s: {len(plan) / acked:.0f}/s); "
                      f"app CPU {cpu / len(plan) * 1000:.2f} ms an event")
                print(f"  ack p50 {percentile(acks, 0.5) * 1000:.1f} ms, p95 {percentile(acks, 0.95) * 1000:.1f} ms, "
                      f"p99 {percentile(acks, 0.99) * 1000:.1f} ms, max {max(acks) * 1000:.1f} ms; "
                      f"not 200: {len(failed)}")
                print(f"  entries {stored} of {args.replies}; duplicate entries {stored - distinct}, "
                      f"reactions {reactions} (duplicates {max(0, reactions - distinct)})")
            finally:
                app.terminate()
                try:
                    app.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    app.kill()  # still working through acked events: they are lost, as in a crash
                    app.wait()
                engine.dispose()
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
