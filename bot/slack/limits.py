"""Slack's rate limits, shared by every replica through the database: each job's call waits for its slot.

Slack limits each Web API method per workspace by tier, and chat.postMessage to about one message
a second per channel with a workspace-wide cap besides (https://docs.slack.dev/apis/web-api/rate-limits).
Before a scheduled job's call, `SharedLimits.wait` reserves the call's slot in the method's bucket
(models.RateBucket) with one UPDATE … RETURNING (a GCRA: each call moves the bucket's next time on
by one interval, and may go up to a burst of intervals before it), then sleeps until the slot; a
429's Retry-After is recorded in the same row, so no replica calls the method before it ends.
Listeners' direct answers do not wait here: they use Bolt's own clients.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db import Sessions
from models import RateBucket


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: int

    def interval(self, speed: float) -> float:
        return 60.0 / (self.per_minute * speed)


# Slack's tiers, kept a little under (1% slower, one call less of burst) so that the network's jitter
# between two calls never makes Slack see them closer than it allows.
TIER2, TIER3, TIER4 = Limit(20 * 0.99, 2), Limit(50 * 0.99, 4), Limit(100 * 0.99, 9)
METHODS = {
    "conversations.open": TIER3, "conversations.history": TIER3, "conversations.info": TIER3,
    "conversations.join": TIER3, "chat.update": TIER3, "chat.delete": TIER3, "reactions.add": TIER3,
    "users.info": TIER4, "users.list": TIER2, "views.publish": TIER4, "chat.getPermalink": TIER4,
    "files.getUploadURLExternal": TIER4, "files.completeUploadExternal": TIER4,
}
POST = "chat.postMessage"
POST_PER_CHANNEL = Limit(60 * 0.99, 2)  # about one a second in each channel, short bursts
POST_WORKSPACE = Limit(600 * 0.99, 9)  # the workspace-wide cap Slack keeps without a figure: ten a second


class SharedLimits:
    """The buckets of every workspace, in the database. `speed` > 1 is for a fake Slack that many times faster."""

    def __init__(self, sessions: Sessions, *, speed: float = 1.0, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._sessions = sessions
        self._speed = speed
        self._clock = clock
        self._sleep = sleep
        self._known: set[tuple[str, str]] = set()  # buckets known to have their row

    def wait(self, team_id: str, method: str, channel: str | None = None) -> None:
        """Sleep until `method` (in `channel`) may be called for `team_id`; at once for a method not limited."""
        if method == POST:
            if channel:
                self._take(team_id, f"{POST}:{channel}", POST_PER_CHANNEL)
            self._take(team_id, POST, POST_WORKSPACE)
        elif (limit := METHODS.get(method)) is not None:
            self._take(team_id, method, limit)

    def hold(self, team_id: str, method: str, seconds: float) -> None:
        """Slack answered 429: no replica calls `method` for `team_id` for `seconds`; slots start again after."""
        until = self._clock() + seconds
        self._ensure(team_id, method)
        with self._sessions.begin() as session:
            session.execute(update(RateBucket).where(RateBucket.team_id == team_id, RateBucket.bucket == method)
                            .values(held_until=case((RateBucket.held_until > until, RateBucket.held_until),
                                                    else_=until),
                                    next_at=case((RateBucket.next_at > until, RateBucket.next_at), else_=until)))

    def _take(self, team_id: str, bucket: str, limit: Limit) -> None:
        interval = limit.interval(self._speed)
        self._ensure(team_id, bucket)
        method = bucket.split(":", 1)[0]
        while True:
            now = self._clock()
            reserve = (
                update(RateBucket)
                .where(RateBucket.team_id == team_id, RateBucket.bucket == bucket)
                .values(next_at=case((RateBucket.next_at > now, RateBucket.next_at), else_=now) + interval)
                .returning(RateBucket.next_at, RateBucket.held_until)
            )
            with self._sessions.begin() as session:
                next_at, held_until = session.execute(reserve).one()
            slot = max(next_at - limit.burst * interval, held_until)
            if (left := slot - self._clock()) > 0.001:
                self._sleep(left)
            # A 429 that came while this call waited holds the method past its slot: the calls that
            # had slots in the hold would all go at once when it ends, so each takes a new slot.
            if method != bucket or (held := self._held_until(team_id, method)) <= slot + 0.001:
                return
            if (left := held - self._clock()) > 0.001:
                self._sleep(left)

    def _held_until(self, team_id: str, method: str) -> float:
        with self._sessions() as session:
            row = session.get(RateBucket, (team_id, method))
            return row.held_until if row is not None else 0.0

    def _ensure(self, team_id: str, bucket: str) -> None:
        if (team_id, bucket) in self._known:
            return
        with self._sessions.begin() as session:
            dialect = session.get_bind().dialect.name
            insert: Any = pg_insert if dialect == "postgresql" else sqlite_insert
            session.execute(insert(RateBucket).values(team_id=team_id, bucket=bucket, next_at=0.0, held_until=0.0)
                            .on_conflict_do_nothing())
        self._known.add((team_id, bucket))

    def for_team(self, team_id: str) -> TeamLimits:
        return TeamLimits(self, team_id)


@dataclass(frozen=True)
class TeamLimits:
    """One workspace's limits, as a PacedWebClient consults them before each call."""

    limits: SharedLimits
    team_id: str

    def wait(self, method: str, arguments: dict[str, Any]) -> None:
        channel = arguments.get("channel")
        self.limits.wait(self.team_id, method, str(channel) if channel else None)

    def hold(self, method: str, seconds: float) -> None:
        self.limits.hold(self.team_id, method, seconds)
