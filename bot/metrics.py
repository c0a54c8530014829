"""What the bot counts for operators, in Prometheus' format at GET /metrics (prometheus_client).

Counters and histograms live in the process-wide registry; the due rows are counted from the
database when /metrics is scraped, so every replica reports the same shared queue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import case, func, select

from bot.db import Sessions

SLACK_REQUESTS = Counter("copbot_slack_requests", "Requests from Slack, by kind and name", ["kind", "name"])
ACK_SECONDS = Histogram(
    "copbot_ack_seconds", "Time from a Slack request's arrival to its acknowledgement", ["kind"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5),
)
SLACK_CALLS = Counter("copbot_slack_api_calls", "Web API calls (each attempt), by method and outcome",
                      ["method", "outcome"])
TICK_SECONDS = Histogram("copbot_tick_seconds", "Duration of one scheduler tick (every job once)",
                         buckets=(0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 20, 60))
JOB_SECONDS = Histogram("copbot_job_seconds", "Duration of one job's run within a tick", ["job"],
                        buckets=(0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 20))


def slack_call_outcome(status: int | None, body: dict[str, Any] | None) -> str:
    """ok, 429 (rate limited) or error (an error code, a 5xx, or no answer)."""
    if status == 429:
        return "429"
    return "ok" if status == 200 and body and body.get("ok") else "error"


class DueRowsCollector(Collector):
    """copbot_due_rows{job, state}: scheduled, due, claimed, done and failed rows of each job's table."""

    def __init__(self, sessions: Sessions, tables: Sequence[tuple[str, Any]], clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._tables = tables
        self._clock = clock

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily("copbot_due_rows", "Rows of scheduled work by job and state",
                                   labels=["job", "state"])
        now = self._clock()
        with self._sessions() as session:
            for job, model in self._tables:
                state = case(
                    (model.done_at.is_not(None) & model.error.is_not(None), "failed"),
                    (model.done_at.is_not(None), "done"),
                    (model.claimed_by.is_not(None), "claimed"),
                    (model.due_at <= now, "due"),
                    else_="scheduled",
                )
                counts: dict[str, int] = {s: n for s, n in session.execute(select(state, func.count()).group_by(state))}
                for name in ("scheduled", "due", "claimed", "done", "failed"):
                    family.add_metric([job, name], counts.get(name, 0))
        yield family


def exposition(due_rows: DueRowsCollector) -> bytes:
    """The whole /metrics page: the process's counters, then the database's due rows."""
    registry = CollectorRegistry()
    registry.register(due_rows)
    return generate_latest(REGISTRY) + generate_latest(registry)
