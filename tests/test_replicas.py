"""Real processes killed with -9 in the middle of a daily fan-out: every day post is sent once, none lost.

50 challenges in 50 channels each have Day 1 due now. The fake Slack answers chat.postMessage slowly, so
the fan-out takes seconds; one `python app.py` is killed while Slack holds its answer to a post it has
taken (posted, not yet marked done). On PostgreSQL a second replica rescues the rest once the lease runs
out; on SQLite the same process is started again on the same file. Counted at the fake Slack.
"""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.db import Sessions, make_engine, make_sessions, upgrade
from models import Challenge, ChallengeDay
from tests.support.app_process import AppLog, app_process, free_port
from tests.support.challenges import DAY_KEY, stored_challenge
from tests.support.fake_slack import BOT_TOKEN, TEAM_ID, Call, FakeSlack
from tests.support.running_app import SIGNING_SECRET
from tests.support.waiting import eventually

CHALLENGES = 50
POST_SECONDS = 0.05  # Slack's wait before answering each post: 2.5 s for 50, on top of the app's own work
HELD_SECONDS = 5.0  # the answer the killed process waits for, and never gets
LEASE_SECONDS = 3
SECOND_TOKEN = "xoxb-second-replica"  # tells the two replicas' calls apart at the fake Slack


def test_a_replica_killed_mid_fan_out_leaves_the_rest_to_the_other(postgres_url: str, fake_slack: FakeSlack,
                                                                     tmp_path: Path) -> None:
    fake_slack.valid_tokens.add(SECOND_TOKEN)
    with ExitStack() as stack:
        db = stack.enter_context(seeded(postgres_url, fake_slack))
        replicas = {token: stack.enter_context(replica(fake_slack, postgres_url, token, tmp_path))
                    for token in (BOT_TOKEN, SECOND_TOKEN)}
        held = kill_while_a_post_is_held(fake_slack, replicas)
        survivor = replicas[SECOND_TOKEN if held.token == BOT_TOKEN else BOT_TOKEN]
        rescue = wait_for_every_day(fake_slack, db, held)
        assert survivor.process.poll() is None, survivor.log.text
        check_once_each(fake_slack, db, held, rescue, rescuer=survivor.token)


def test_a_single_sqlite_process_killed_mid_fan_out_finishes_after_a_restart(fake_slack: FakeSlack,
                                                                            tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    with seeded(url, fake_slack) as db:
        with replica(fake_slack, url, BOT_TOKEN, tmp_path) as first:
            held = kill_while_a_post_is_held(fake_slack, {BOT_TOKEN: first})
        with replica(fake_slack, url, BOT_TOKEN, tmp_path) as restarted:
            rescue = wait_for_every_day(fake_slack, db, held)
            assert restarted.process.poll() is None, restarted.log.text
        check_once_each(fake_slack, db, held, rescue, rescuer=BOT_TOKEN)


def test_two_replicas_started_together_on_an_empty_database_both_serve(postgres_url: str, fake_slack: FakeSlack,
                                                                      tmp_path: Path) -> None:
    # Both bring the schema to head at start-up: one migrates, the other waits and finds it done.
    with ExitStack() as stack:
        replicas = [stack.enter_context(replica(fake_slack, postgres_url, BOT_TOKEN, tmp_path)) for _ in range(2)]
        for started in replicas:
            started.log.wait_for("listening on port", timeout=60)
            assert started.process.poll() is None, started.log.text


# -- the set-up ---------------------------------------------------------------------------------------


@dataclass
class Seeded:
    sessions: Sessions  # the test's own, to read what the app stored
    channels: list[str]  # one challenge in each


@contextmanager
def seeded(url: str, fake: FakeSlack) -> Iterator[Seeded]:
    """The schema, and CHALLENGES challenges of one workspace whose Day 1 is due at the real now."""
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    channels = [f"CFAN{n:02d}" for n in range(CHALLENGES)]
    sessions = make_sessions(engine)
    with sessions.begin() as session:
        for n, channel in enumerate(channels):
            fake.add_channel(channel, name=f"practice-{n:02d}")
            stored_challenge(session, team_id=TEAM_ID, now=now, channel_id=channel, title=f"30 days of DevOps {n}")
    try:
        yield Seeded(sessions, channels)
    finally:
        engine.dispose()


@dataclass
class Replica:
    token: str
    process: subprocess.Popen[str]
    log: AppLog


@contextmanager
def replica(fake: FakeSlack, url: str, token: str, cwd: Path) -> Iterator[Replica]:
    """`python app.py` in HTTP mode, ticking every second with a short lease; killed at the end."""
    env = {"SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url,
           "DATABASE_URL": url, "PORT": str(free_port()), "JOB_TICK_SECONDS": "1",
           "JOB_LEASE_SECONDS": str(LEASE_SECONDS)}
    with app_process(env, cwd) as (process, log):
        yield Replica(token, process, log)


def is_day_post(sent: Call | dict[str, Any]) -> bool:
    """A call to post, or a message posted, that is a challenge's day post (by its metadata)."""
    return str((sent.get("metadata") or {}).get("event_payload", {}).get("key", "")).startswith(DAY_KEY)


@dataclass
class Held:
    """The post Slack took from the killed process without its answer reaching it."""

    token: str
    channel: str
    killed_at: float  # time.monotonic()
    calls_before: int  # how many calls the fake Slack had recorded when the process was dead
    posts_before: int  # how many of them were day posts


def kill_while_a_post_is_held(fake: FakeSlack, replicas: dict[str, Replica]) -> Held:
    fake.slow_down("chat.postMessage", POST_SECONDS)
    fake.wait_for("chat.postMessage", is_day_post, count=5, timeout=60)
    # Every post Slack takes from now on waits HELD_SECONDS for its answer: the next one is killed waiting.
    fake.slow_down("chat.postMessage", HELD_SECONDS)
    before = len([c for c in fake.calls_to("chat.postMessage") if is_day_post(c)])
    call = fake.wait_for("chat.postMessage", is_day_post, count=before + 1, timeout=30)
    replicas[call.token or ""].process.kill()
    killed_at = time.monotonic()
    replicas[call.token or ""].process.wait(timeout=10)
    fake.slow_down("chat.postMessage", POST_SECONDS)
    return Held(call.token or "", call["channel"], killed_at, len(fake.calls), before + 1)


@dataclass
class Rescue:
    began: float  # seconds from the kill to the first day post after it
    ended: float  # seconds from the kill until every Day 1 is marked done


def wait_for_every_day(fake: FakeSlack, db: Seeded, held: Held) -> Rescue:
    fake.wait_for("chat.postMessage", is_day_post, count=held.posts_before + 1, timeout=30)
    began = time.monotonic() - held.killed_at
    fake.wait_for("chat.postMessage", is_day_post, count=CHALLENGES, timeout=60)
    eventually(lambda: all(day.done_at is not None for day in first_days(db)), timeout=30)
    return Rescue(began, time.monotonic() - held.killed_at)


def all_days(db: Seeded) -> list[ChallengeDay]:
    with db.sessions() as session:
        return list(session.scalars(select(ChallengeDay)))


def first_days(db: Seeded) -> list[ChallengeDay]:
    return [day for day in all_days(db) if day.number == 1]


def check_once_each(fake: FakeSlack, db: Seeded, held: Held, rescue: Rescue, *, rescuer: str) -> None:
    posts = {channel: [m for m in fake.messages.get(channel, []) if is_day_post(m)] for channel in db.channels}
    counts = Counter(len(found) for found in posts.values())
    days = first_days(db)
    claimed = [day.id for day in all_days(db) if day.lease_expires_at is not None or (day in days and not day.done_at)]
    print(f"\nday posts expected {CHALLENGES}, delivered {sum(1 for p in posts.values() if p)}, "
          f"doubled {sum(n - 1 for n in map(len, posts.values()) if n > 1)}, rows left claimed {len(claimed)}, "
          f"rescue began {rescue.began:.1f} s and every day was done {rescue.ended:.1f} s after the kill "
          f"(lease {LEASE_SECONDS} s, tick 1 s)")
    assert counts == {1: CHALLENGES}, counts
    assert claimed == []
    assert all(day.post_ts and day.error is None for day in days)
    # The post the killed process never heard back about: found by its metadata, not posted again.
    [held_day] = [day for day in days if day.challenge_id == challenge_in(db, held.channel)]
    assert held_day.post_ts == posts[held.channel][0]["ts"] and held_day.attempts == 2
    assert fake.calls_to("conversations.history", channel=held.channel)
    rescued = [c for c in fake.calls[held.calls_before:] if c.method == "chat.postMessage" and is_day_post(c)]
    assert rescued and {c.token for c in rescued} == {rescuer}
    assert held.channel not in {c["channel"] for c in rescued}


def challenge_in(db: Seeded, channel: str) -> int:
    with db.sessions() as session:
        return session.scalars(select(Challenge.id).where(Challenge.channel_id == channel)).one()
