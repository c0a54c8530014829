"""Slack's rate limits kept in the database: every replica's calls share one bucket per workspace and method.

The limiter's clock and sleep are injected: nothing here waits. The last tests run jobs against the
fake Slack enforcing Slack's limits (many times faster, so that a second of Slack's is a few ms).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.db import Sessions, make_engine, make_sessions, upgrade
from bot.deps import Deps
from bot.jobs.runner import run_jobs
from bot.slack.clients import TeamClients
from bot.slack.limits import POST_PER_CHANNEL, TIER3, SharedLimits
from models import RateBucket
from tests.bot.jobs.test_due_rows import ExampleBase, Ping, PingJob
from tests.support.fake_limits import RateLimits
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import settings_for

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class FakeTime:
    """A wall clock that moves only when a caller sleeps."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def sessions(database_url: str) -> Sessions:
    engine = make_engine(database_url)
    upgrade(engine)
    return make_sessions(engine)


def test_two_replicas_share_one_bucket_a_burst_then_one_interval_a_call(sessions: Sessions) -> None:
    clock = FakeTime()
    replicas = [SharedLimits(sessions, clock=clock, sleep=clock.sleep) for _ in range(2)]
    for n in range(TIER3.burst + 2):
        replicas[n % 2].wait("T1", "conversations.open")
    interval = round(60 / TIER3.per_minute, 3)
    assert clock.slept == [interval, interval]  # the burst went at once; then each call waited its turn
    replicas[0].wait("T2", "conversations.open")  # another workspace has its own bucket
    assert len(clock.slept) == 2


def test_a_retry_after_holds_the_method_for_every_replica(sessions: Sessions) -> None:
    clock = FakeTime()
    one, other = (SharedLimits(sessions, clock=clock, sleep=clock.sleep) for _ in range(2))
    one.hold("T1", "users.info", 7)
    other.wait("T1", "users.info")
    assert clock.slept == [7.0]
    other.wait("T1", "views.publish")  # another method is not held
    assert clock.slept == [7.0]


def test_a_call_whose_slot_a_429_held_up_takes_a_new_slot_after_it(sessions: Sessions) -> None:
    clock = FakeTime()
    limits = SharedLimits(sessions, clock=clock, sleep=clock.sleep)
    for _ in range(TIER3.burst):
        limits.wait("T1", "conversations.open")

    def sleep_through_a_429(seconds: float) -> None:  # another replica's call meets a 429 meanwhile
        if not clock.slept:
            limits.hold("T1", "conversations.open", 5)
        clock.sleep(seconds)

    SharedLimits(sessions, clock=clock, sleep=sleep_through_a_429).wait("T1", "conversations.open")
    interval = round(60 / TIER3.per_minute, 3)
    # Its slot, then the rest of the hold; then a new slot, at once: the bucket's burst is there again.
    assert clock.slept[0] == interval and sum(clock.slept) == pytest.approx(5, abs=0.01)
    assert len(clock.slept) == 2


def test_posts_wait_per_channel_not_for_each_other(sessions: Sessions) -> None:
    clock = FakeTime()
    limits = SharedLimits(sessions, clock=clock, sleep=clock.sleep)
    for channel in ("C1", "C2", "C3", "C4"):
        for _ in range(POST_PER_CHANNEL.burst):
            limits.wait("T1", "chat.postMessage", channel)
    assert clock.slept == []
    limits.wait("T1", "chat.postMessage", "C1")
    assert clock.slept == [round(60 / POST_PER_CHANNEL.per_minute, 3)]


def test_the_fake_answers_429_over_a_limit_and_knows_the_floor() -> None:
    now = [0.0]
    limits = RateLimits(clock=lambda: now[0])
    assert [limits.check("xoxb", "conversations.open", {}) for _ in range(6)] == [None] * 5 + [2]
    now[0] = 1.2  # one interval of 50 a minute later: room for one more
    assert limits.check("xoxb", "conversations.open", {}) is None
    assert limits.check("xoxb", "chat.postMessage", {"channel": "C1"}) is None
    assert limits.floor() == pytest.approx(1.2)  # 6 opens: one beyond the burst of 5, at 1.2 s each


def shared_deps(database_url: str, fake_slack: FakeSlack) -> Deps:
    settings = settings_for(fake_slack, database_url, SLACK_RATE_LIMITS="shared", SLACK_RATE_LIMITS_SPEED="60")
    fake_slack.clock = lambda: T0.timestamp()
    engine = make_engine(database_url)
    upgrade(engine)
    ExampleBase.metadata.create_all(engine)
    sessions = make_sessions(engine)
    return Deps(settings=settings, sessions=sessions,
                clients=TeamClients(settings, limits=SharedLimits(sessions, speed=settings.slack_rate_speed)))


def test_a_fan_out_goes_concurrently_within_slacks_limits_each_row_once(database_url: str,
                                                                        fake_slack: FakeSlack) -> None:
    channels = [f"CFAN{n}" for n in range(4)]
    for channel in channels:
        fake_slack.add_channel(channel)
    limits = fake_slack.rate_limits(speed=60)  # a second of Slack's in 17 ms
    deps = shared_deps(database_url, fake_slack)
    with deps.sessions.begin() as session:
        session.add_all(Ping(due_at=T0, channel=channels[n % 4], text=f"ping {n}") for n in range(60))
    started = time.monotonic()
    run_jobs(deps, [PingJob()], T0)
    elapsed = time.monotonic() - started
    posts = [c for c in fake_slack.calls_to("chat.postMessage") if not c.get("_failed")]
    assert sorted(c["text"] for c in posts) == sorted(f"ping {n}" for n in range(60))
    assert limits.limited == {}  # never over a limit: each call waited for its slot
    assert elapsed >= limits.floor() > 0  # 15 posts in each channel: 12 beyond the burst, a second each


def test_a_429_is_recorded_for_every_replica(database_url: str, fake_slack: FakeSlack) -> None:
    deps = shared_deps(database_url, fake_slack)
    fake_slack.fail("users.info", status=429, retry_after=0, times=1)
    deps.clients.for_team("T0001").users_info(user="U1")
    with deps.sessions() as session:
        bucket = session.get_one(RateBucket, ("T0001", "users.info"))
    assert bucket.held_until > 0
    assert timedelta(seconds=time.time() - bucket.held_until) < timedelta(seconds=60)
