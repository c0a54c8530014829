"""The periodic jobs' common shape, and the loop that claims due rows and delivers each."""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol

from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.deps import Deps
from bot.flows.problems import tell_missing_scope
from bot.jobs.claims import claim_due, finish, hold, retry_later
from bot.log import tagged
from bot.metrics import JOB_SECONDS, TICK_SECONDS
from bot.services.problems import mended
from bot.slack.clients import NotInstalled
from bot.slack.errors import PERMANENT_ERRORS

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Under shared rate limits (SLACK_RATE_LIMITS=shared) the rows of a batch are delivered this many at a
# time, each Slack call waiting for its slot (bot/slack/limits.py), so a batch goes as fast as Slack
# allows. Without them rows go one after another: concurrent calls would only meet Slack's 429s.
WORKERS = 8


class Job(Protocol):
    """A periodic job: a class with a name for its logs, run once a tick."""

    @property
    def name(self) -> str: ...

    def run(self, deps: Deps, now: datetime) -> bool | None:
        """Do what is due at `now`; True when the tick's time ran out with more due (run again at once)."""


class DueRowJob(ABC):
    """Claims the due rows of `model` and delivers each, at most once even across workers.

    Rows are claimed under a lease of JOB_LEASE_SECONDS, renewed before each row is sent, so a
    live worker keeps its batch however long Slack takes, and a dead one's rows are rescued by
    another worker once the lease runs out. A subclass says how to deliver one row; a Slack error that
    will not mend (see PERMANENT_ERRORS) ends the row with `on_give_up`, any other failure is
    retried later. A missing permission is the coordinators' to mend: they are told once, in words
    naming `what`.
    """

    name: ClassVar[str]
    model: ClassVar[Any]
    retry_after: ClassVar[timedelta] = timedelta(minutes=2)
    batch: ClassVar[int] = 100
    what: ClassVar[str] = "do my scheduled work"  # e.g. "post the weekly digest"
    scope: ClassVar[str] = "chat:write"  # the permission it needs most, when Slack does not name one

    @abstractmethod
    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        """Send what `row` stands for. `row.attempts > 1` means an earlier try may have sent it.

        Returns the places it reached (bot/services/problems.py), whose problems are then over.
        """

    def in_order(self, row: Any) -> Hashable:
        """Rows with the same answer are delivered one after another, in claim order; by default none."""
        return int(row.id)

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:  # noqa: B027 (optional)
        """Tell the right person that `row` could not be delivered; by default, only log it."""

    def run(self, deps: Deps, now: datetime) -> bool:
        """Deliver due rows, a batch at a time, until none is left or the tick's time is spent (True).

        Under shared rate limits batches are small (a few rows a worker): the limits, not the batch,
        say how fast rows go, and replicas share the work a few rows at a time. A tick that ends with
        rows left claims again at once, so a big fan-out keeps Slack's limits busy from tick to tick.
        """
        shared = deps.settings.slack_rate_limits
        batch = min(self.batch, 4 * WORKERS) if shared else self.batch
        started = time.monotonic()
        while True:
            claimed = self._run_batch(deps, now, batch)
            if not shared or claimed < batch:
                return False
            if time.monotonic() - started >= deps.settings.job_tick_seconds:
                return True

    def _run_batch(self, deps: Deps, now: datetime, batch: int) -> int:
        lease = timedelta(seconds=deps.settings.job_lease_seconds)
        claimed = claim_due(deps.sessions, self.model, now=now, lease=lease, limit=batch)
        shared = deps.settings.slack_rate_limits
        lanes: dict[Hashable, list[int]] = {} if shared else {None: claimed}
        if shared:  # rows that must keep their order share a lane; lanes go concurrently
            with deps.sessions() as session:
                rows = session.scalars(select(self.model).where(self.model.id.in_(claimed)).order_by(self.model.id))
                for row in rows:
                    lanes.setdefault(self.in_order(row), []).append(row.id)
        waiting, lock = list(claimed), threading.Lock()

        def lane(row_ids: list[int]) -> None:
            for row_id in row_ids:
                # The tick started at `now`; the rows before this one may have taken a while: the rows
                # not started yet stay this worker's for another lease. One lane renews at a time (two
                # renewals of the same rows in another order would deadlock on PostgreSQL).
                try:
                    with lock:
                        waiting.remove(row_id)
                        kept = hold(deps.sessions, self.model, [row_id, *waiting], until=max(now, deps.clock()) + lease)
                except Exception:  # the row stays claimed: another worker rescues it when the lease runs out
                    logger.exception("renewing the lease of %s %s failed", self.model.__tablename__, row_id)
                    continue
                if row_id in kept:
                    self._deliver_one(deps, row_id, now)

        with ThreadPoolExecutor(WORKERS if shared else 1, thread_name_prefix=self.name) as pool:
            list(pool.map(lane, lanes.values()))
        return len(claimed)

    def _deliver_one(self, deps: Deps, row_id: int, now: datetime) -> None:
        with deps.sessions() as session:
            row = session.get(self.model, row_id)
        with tagged(getattr(row, "team_id", None), self.name):
            try:
                reached = self.deliver(deps, row, now)
            except (SlackApiError, NotInstalled) as failure:
                code, needed = "not_installed", None
                if isinstance(failure, SlackApiError):
                    code, needed = str(failure.response.get("error", "unknown")), failure.response.get("needed")
                permanent = code in PERMANENT_ERRORS or code == "not_installed"
                self._failed(deps, row, code, now, permanent=permanent, scope=str(needed or self.scope))
                return
            except Exception:
                logger.exception("delivering %s %s failed", self.model.__tablename__, row_id)
                self._failed(deps, row, "internal_error", now, permanent=False)
                return
            with deps.sessions.begin() as session:
                finish(session, self.model, row_id, now=now)
                if reached and row is not None:
                    mended(session, row.team_id, reached)

    def _failed(self, deps: Deps, row: Any, code: str, now: datetime, *, permanent: bool,
                scope: str | None = None) -> None:
        give_up = permanent or row.attempts >= MAX_ATTEMPTS
        outcome = "giving up" if give_up else "will retry"
        logger.warning("%s %s: %s (%s)", self.model.__tablename__, row.id, code, outcome)
        with deps.sessions.begin() as session:
            if give_up:
                finish(session, self.model, row.id, now=now, error=code)
            else:
                # A fake Slack that runs faster (the benchmarks) has its retries come sooner too.
                wait = self.retry_after / deps.settings.slack_rate_speed
                retry_later(session, self.model, row.id, at=now + wait, error=code)
        if give_up:
            try:
                if code == "missing_scope":
                    tell_missing_scope(deps, row.team_id, scope=scope or self.scope, what=self.what, now=now)
                self.on_give_up(deps, row, code, now)
            except Exception:
                logger.exception("reporting the failure of %s %s failed", self.model.__tablename__, row.id)


def run_jobs(deps: Deps, jobs: list[Job], now: datetime) -> bool:
    """Run every job once; one job's failure never stops the others, nor the next tick.

    True when a job ran out of the tick's time with more due: the scheduler runs them all again at
    once rather than leave Slack's limits idle until the next tick.
    """
    more = False
    with TICK_SECONDS.time():
        for job in jobs:
            with tagged(None, job.name), JOB_SECONDS.labels(job=job.name).time():
                try:
                    more = bool(job.run(deps, now)) or more
                except Exception:
                    logger.exception("job %s failed", job.name)
    return more
