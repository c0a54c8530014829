"""Claiming due rows and delivering each exactly once, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
from sqlalchemy import MetaData, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.config import DEFAULT_JOB_LEASE_SECONDS
from bot.db import make_engine, make_sessions, upgrade
from bot.deps import Deps
from bot.jobs.claims import claim_due, hold
from bot.jobs.runner import DueRowJob, run_jobs
from bot.slack.clients import TeamClients
from bot.slack.messaging import post_once
from bot.views.message import Message
from models.base import DueWork, UTCDateTime
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import settings_for

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=DEFAULT_JOB_LEASE_SECONDS)


class ExampleBase(DeclarativeBase):
    metadata = MetaData()
    type_annotation_map = {datetime: UTCDateTime()}


class Ping(DueWork, ExampleBase):
    """A due message, as a feature's table would hold it."""

    __tablename__ = "example_pings"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="T0001")
    channel: Mapped[str] = mapped_column(String(32), default="CCOMMUNITY")
    text: Mapped[str] = mapped_column(String(200), default="hello")


class PingJob(DueRowJob):
    name = "ping"
    model = Ping
    given_up: ClassVar[list[tuple[int, str]]] = []

    def deliver(self, deps: Deps, row: Any, now: datetime) -> None:
        client = deps.clients.for_team(row.team_id)
        post_once(client, key=f"ping:{row.id}", attempt=row.attempts, since=row.due_at, channel=row.channel,
                  message=Message(row.text))

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        self.given_up.append((row.id, error))


@pytest.fixture
def deps(database_url: str, fake_slack: FakeSlack) -> Deps:
    settings = settings_for(fake_slack, database_url)
    fake_slack.clock = lambda: T0.timestamp()
    engine = make_engine(database_url)
    upgrade(engine)  # the app's tables: claims skip the workspaces it was uninstalled from
    ExampleBase.metadata.create_all(engine)
    PingJob.given_up.clear()
    return Deps(settings=settings, sessions=make_sessions(engine), clients=TeamClients(settings))


def add_pings(deps: Deps, count: int, **values: Any) -> list[int]:
    with deps.sessions.begin() as session:
        rows = [Ping(due_at=T0, **values) for _ in range(count)]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def row(deps: Deps, row_id: int) -> Ping:
    with deps.sessions() as session:
        return session.get_one(Ping, row_id)


def test_a_due_row_is_claimed_once_and_not_before_it_is_due(deps: Deps) -> None:
    [ping] = add_pings(deps, 1)
    lease = timedelta(minutes=5)
    assert claim_due(deps.sessions, Ping, now=T0 - timedelta(seconds=1), lease=lease) == []
    assert claim_due(deps.sessions, Ping, now=T0, lease=lease, worker="a") == [ping]
    assert claim_due(deps.sessions, Ping, now=T0 + timedelta(minutes=4), lease=lease, worker="b") == []
    # The first worker died: its lease runs out and another worker rescues the row.
    assert claim_due(deps.sessions, Ping, now=T0 + timedelta(minutes=5), lease=lease, worker="b") == [ping]
    assert (row(deps, ping).claimed_by, row(deps, ping).attempts) == ("b", 2)


def test_the_job_posts_each_due_row_once_however_often_it_runs(deps: Deps, fake_slack: FakeSlack) -> None:
    add_pings(deps, 3)
    run_jobs(deps, [PingJob()], T0)
    run_jobs(deps, [PingJob()], T0 + timedelta(minutes=1))
    run_jobs(deps, [PingJob()], T0 + timedelta(hours=1))
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_a_rescuer_does_not_post_again_what_a_dead_worker_sent(deps: Deps, fake_slack: FakeSlack) -> None:
    [ping] = add_pings(deps, 1)
    # Worker "a" claimed and posted, then died before marking the row done.
    claim_due(deps.sessions, Ping, now=T0, lease=LEASE, worker="a")
    client = deps.clients.for_team("T0001")
    post_once(client, key=f"ping:{ping}", attempt=1, since=T0, channel="CCOMMUNITY", message=Message("hello"))
    run_jobs(deps, [PingJob()], T0 + LEASE)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert fake_slack.calls_to("conversations.history")
    assert row(deps, ping).done_at is not None


class OutlastingPingJob(PingJob):
    """Its first delivery outlasts the lease: meanwhile worker "b" takes the rest of the batch over."""

    def deliver(self, deps: Deps, row: Any, now: datetime) -> None:
        super().deliver(deps, row, now)
        claim_due(deps.sessions, Ping, now=deps.clock() + LEASE, lease=LEASE, worker="b")


def test_a_worker_whose_lease_ran_out_mid_batch_leaves_alone_the_rows_taken_over(
    deps: Deps, fake_slack: FakeSlack
) -> None:
    first, *rest = add_pings(deps, 3)
    run_jobs(deps, [OutlastingPingJob()], T0)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert row(deps, first).done_at is not None
    assert [(row(deps, r).claimed_by, row(deps, r).done_at) for r in rest] == [("b", None), ("b", None)]
    # "b" holds them now; the first worker may not renew them.
    assert hold(deps.sessions, Ping, rest, until=T0 + 2 * LEASE) == set()
    assert hold(deps.sessions, Ping, [first, *rest], until=T0 + 2 * LEASE, worker="b") == set(rest)


def test_a_server_error_is_retried_later_and_a_lost_channel_is_given_up(deps: Deps, fake_slack: FakeSlack) -> None:
    [flaky] = add_pings(deps, 1)
    [lost] = add_pings(deps, 1, channel="CGONE")
    fake_slack.fail("chat.postMessage", status=500, times=3)  # one try and its two retries
    run_jobs(deps, [PingJob()], T0)
    assert row(deps, flaky).done_at is None and row(deps, flaky).error == "internal_error"
    assert row(deps, lost).error == "channel_not_found" and row(deps, lost).done_at is not None
    assert PingJob.given_up == [(lost, "channel_not_found")]
    run_jobs(deps, [PingJob()], T0 + PingJob.retry_after)
    assert row(deps, flaky).done_at is not None
    posts = fake_slack.calls_to("chat.postMessage", channel="CCOMMUNITY")
    assert [call.get("_failed") for call in posts] == [500, 500, 500, None]


def test_a_rate_limit_is_waited_out_by_the_client(deps: Deps, fake_slack: FakeSlack) -> None:
    [ping] = add_pings(deps, 1)
    fake_slack.fail("chat.postMessage", status=429, retry_after=0)
    run_jobs(deps, [PingJob()], T0)
    assert row(deps, ping).done_at is not None and row(deps, ping).error is None


def test_two_workers_ticking_at_once_post_each_row_once(deps: Deps, fake_slack: FakeSlack) -> None:
    ids = add_pings(deps, 40)
    start = threading.Barrier(2)

    def worker() -> None:
        start.wait()
        run_jobs(deps, [PingJob()], T0)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(fake_slack.calls_to("chat.postMessage")) == len(ids)
    with deps.sessions() as session:
        assert session.scalars(select(Ping).where(Ping.done_at.is_(None))).all() == []
