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

from bot.db import make_engine, make_sessions, upgrade
from models import Challenge, ChallengeDay
from tests.support.app_process import AppLog, app_process, free_port
from tests.support.challenges import DAY_KEY, stored_challenge
from tests.support.fake_slack import BOT_TOKEN, TEAM_ID, Call, FakeSlack
from tests.support.running_app import SIGNING_SECRET
from tests.support.waiting import eventually

CHALLENGES = 50
POST_SECONDS = 0.1  # Slack's answer to each post: 50 posts take 5 s from one process
HELD_SECONDS = 5.0  # the answer the killed process waits for, and never gets
LEASE_SECONDS = 3
SECOND_TOKEN = "xoxb-second-replica"  # tells the two replicas' calls apart at the fake Slack


def test_a_replica_killed_mid_fan_out_leaves_the_rest_to_the_other(postgres_url: str, fake_slack: FakeSlack,
                                                                     tmp_path: Path) -> None:
    channels = seed(postgres_url, fake_slack)
    fake_slack.valid_tokens.add(SECOND_TOKEN)
    with ExitStack() as stack:
        replicas = {token: stack.enter_context(replica(fake_slack, postgres_url, token, tmp_path))
                    for token in (BOT_TOKEN, SECOND_TOKEN)}
        held = kill_while_a_post_is_held(fake_slack, replicas)
        survivor = replicas[SECOND_TOKEN if held.token == BOT_TOKEN else BOT_TOKEN]
        rescue = wait_for_every_day(fake_slack, postgres_url, held)
        assert survivor.process.poll() is None, survivor.log.text
    check_once_each(fake_slack, postgres_url, channels, held, rescue, rescuer=survivor.token)


def test_a_single_sqlite_process_killed_mid_fan_out_finishes_after_a_restart(fake_slack: FakeSlack,
                                                                            tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    channels = seed(url, fake_slack)
    with replica(fake_slack, url, BOT_TOKEN, tmp_path) as first:
        held = kill_while_a_post_is_held(fake_slack, {BOT_TOKEN: first})
    with replica(fake_slack, url, BOT_TOKEN, tmp_path) as restarted:
        rescue = wait_for_every_day(fake_slack, url, held)
        assert restarted.process.poll() is None, restarted.log.text
    check_once_each(fake_slack, url, channels, held, rescue, rescuer=BOT_TOKEN)


def test_two_replicas_started_together_on_an_empty_database_both_serve(postgres_url: str, fake_slack: FakeSlack,
                                                                      tmp_path: Path) -> None:
    # Both bring the schema to head at start-up: one migrates, the other waits and finds it done.
    with ExitStack() as stack:
        replicas = [stack.enter_context(replica(fake_slack, postgres_url, BOT_TOKEN, tmp_path)) for _ in range(2)]
        for started in replicas:
            started.log.wait_for("listening on port", timeout=60)
            assert started.process.poll() is None, started.log.text


# -- the set-up ---------------------------------------------------------------------------------------


def seed(url: str, fake: FakeSlack) -> list[str]:
    """The schema, and CHALLENGES challenges of one workspace whose Day 1 is due at the real now."""
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    channels = [f"CFAN{n:02d}" for n in range(CHALLENGES)]
    with make_sessions(engine).begin() as session:
        for n, channel in enumerate(channels):
            fake.add_channel(channel, name=f"practice-{n:02d}")
            stored_challenge(session, team_id=TEAM_ID, now=now, channel_id=channel, title=f"30 days of DevOps {n}")
    engine.dispose()
    return channels


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
    return Held(call.token or "", call["channel"], killed_at, len(fake.calls))


@dataclass
class Rescue:
    began: float  # seconds from the kill to the first day post after it
    ended: float  # seconds from the kill until every Day 1 is marked done


def wait_for_every_day(fake: FakeSlack, url: str, held: Held) -> Rescue:
    eventually(lambda: any(c.method == "chat.postMessage" and is_day_post(c) for c in fake.calls[held.calls_before:]),
               timeout=30)
    began = time.monotonic() - held.killed_at
    eventually(lambda: all(day.done_at is not None for day in first_days(url)), timeout=60)
    return Rescue(began, time.monotonic() - held.killed_at)


def first_days(url: str) -> list[ChallengeDay]:
    return [day for day in all_days(url) if day.number == 1]


def all_days(url: str) -> list[ChallengeDay]:
    engine = make_engine(url)
    try:
        with make_sessions(engine)() as session:
            return list(session.scalars(select(ChallengeDay)))
    finally:
        engine.dispose()


def check_once_each(fake: FakeSlack, url: str, channels: list[str], held: Held, rescue: Rescue, *,
                    rescuer: str) -> None:
    posts = {channel: [m for m in fake.messages.get(channel, []) if is_day_post(m)] for channel in channels}
    counts = Counter(len(found) for found in posts.values())
    days = first_days(url)
    claimed = [day.id for day in all_days(url) if day.lease_expires_at is not None or (day in days and not day.done_at)]
    print(f"\nday posts expected {CHALLENGES}, delivered {sum(1 for p in posts.values() if p)}, "
          f"doubled {sum(n - 1 for n in map(len, posts.values()) if n > 1)}, rows left claimed {len(claimed)}, "
          f"rescue began {rescue.began:.1f} s and every day was done {rescue.ended:.1f} s after the kill "
          f"(lease {LEASE_SECONDS} s, tick 1 s)")
    assert counts == {1: CHALLENGES}, counts
    assert claimed == []
    assert all(day.post_ts and day.error is None for day in days)
    # The post the killed process never heard back about: found by its metadata, not posted again.
    [held_day] = [day for day in days if day.challenge_id == challenge_in(url, held.channel)]
    assert held_day.post_ts == posts[held.channel][0]["ts"] and held_day.attempts == 2
    assert fake.calls_to("conversations.history", channel=held.channel)
    rescued = [c for c in fake.calls[held.calls_before:] if c.method == "chat.postMessage" and is_day_post(c)]
    assert rescued and {c.token for c in rescued} == {rescuer}
    assert held.channel not in {c["channel"] for c in rescued}


def challenge_in(url: str, channel: str) -> int:
    engine = make_engine(url)
    try:
        with make_sessions(engine)() as session:
            return session.scalars(select(Challenge.id).where(Challenge.channel_id == channel)).one()
    finally:
        engine.dispose()
