"""Journal capture at community scale: the real app over HTTP against the fake Slack.

    python bench/journal_capture.py [--participants 300] [--concurrency 16] [--database-url URL]

Creates a challenge through `/challenge new`, has every participant join, posts Day 1, then every
participant replies in Day 1's thread at once (`--concurrency` senders, as Slack delivers events
in parallel). It prints the ack latency of those events (p50/p95/max), the capture throughput
(replies stored and confirmed per second), and for the daily post, one reply and `/challenge
status`: the Slack calls and SQL statements each makes, so per-participant work shows up as a
number that grows with `--participants`.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from bot.jobs.scheduler import all_jobs  # noqa: E402
from tests.support.challenges import answers, day_posts, open_new_challenge  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.running_app import RunningApp, running_app  # noqa: E402


@contextmanager
def counting(app: RunningApp) -> Iterator[dict[str, int]]:
    """Counts the SQL statements the app's engine runs and the Slack calls it makes meanwhile."""
    engine = app.deps.sessions.kw["bind"]
    counts = {"sql": 0, "slack": 0}
    lock = threading.Lock()

    def on_execute(*_: Any) -> None:
        with lock:
            counts["sql"] += 1

    before = len(app.fake.calls)
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        counts["slack"] = len(app.fake.calls) - before


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def reply_event(user: str, thread_ts: str, n: int) -> dict[str, Any]:
    ts = f"1795500000.{n:06d}"
    return {"type": "message", "channel": "CCOMMUNITY", "channel_type": "channel", "user": user,
            "text": f"Day 1: mapped our path to production, step {n}.", "ts": ts, "thread_ts": thread_ts,
            "event_ts": ts}


UNACKED: list[str] = []


def timed(call: Callable[[], Any]) -> float:
    """Seconds until the app answered; an answer other than 200 (no ack within 3 s) is noted."""
    started = time.perf_counter()
    response = call()
    if response.status != 200:
        UNACKED.append(f"{response.status} {response.body}")
    return time.perf_counter() - started


def run(app: RunningApp, participants: int, concurrency: int) -> None:
    fake = app.fake
    users = [f"UP{n:05d}" for n in range(participants)]
    for user in users:
        fake.add_user(user, tz="Europe/Paris")
    app.set_community("CCOMMUNITY")
    response = app.slack.submit(open_new_challenge(app), answers(partners=[]))
    assert response.status == 200 and response.body == "", response.body
    fake.wait_for("chat.postMessage", lambda c: "New challenge" in c.text)

    with ThreadPoolExecutor(concurrency) as pool:
        joins = list(pool.map(lambda u: timed(lambda: app.slack.command("/challenge", "join", user=u)), users))
    print(f"{participants} × /challenge join: ack p50 {statistics.median(joins) * 1000:.1f} ms, "
          f"p95 {percentile(joins, 0.95) * 1000:.1f} ms, max {max(joins) * 1000:.1f} ms; not acked: {len(UNACKED)}")

    for job in all_jobs():  # each job alone, so that the one doing per-participant work shows
        with counting(app) as work:
            app.tick(jobs=[job])
        if work["sql"] > 2:
            print(f"Day 1 tick, job {job.name}: {work['sql']} SQL statements, {work['slack']} Slack calls")
    day1 = day_posts(app)[-1]["ts"]

    fake.reset_calls()
    with counting(app) as one:
        timed(lambda: app.slack.event(reply_event(users[0], day1, 0)))
        fake.wait_for("reactions.add")
    print(f"one reply captured: {one['sql']} SQL statements, {one['slack']} Slack calls")

    fake.reset_calls()
    events = [reply_event(user, day1, n) for n, user in enumerate(users[1:], start=1)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        acks = list(pool.map(lambda e: timed(lambda: app.slack.event(e)), events))
    acked = time.perf_counter() - started
    fake.wait_for("reactions.add", count=len(events), timeout=120)
    done = time.perf_counter() - started
    print(f"{len(events)} replies at once ({concurrency} senders): ack p50 {statistics.median(acks) * 1000:.1f} ms, "
          f"p95 {percentile(acks, 0.95) * 1000:.1f} ms, max {max(acks) * 1000:.1f} ms; all acked in {acked:.2f} s, "
          f"all stored and confirmed in {done:.2f} s ({len(events) / done:.0f} replies/s); "
          f"not acked: {len(UNACKED)}")

    with counting(app) as status:
        elapsed = timed(lambda: app.slack.command("/challenge", "status", user=users[-1]))
    print(f"/challenge status: {elapsed * 1000:.1f} ms, {status['sql']} SQL statements, {status['slack']} Slack calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    fake = FakeSlack().start()
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{folder}/bench.db"
            print(f"database: {url.split(':')[0]}, {args.participants} participants")
            with running_app(fake, url) as app:
                run(app, args.participants, args.concurrency)
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
