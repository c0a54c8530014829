"""APScheduler runs every job at start-up and then on its interval; a failing job stops nothing."""

from __future__ import annotations

import threading
from datetime import datetime

from bot.deps import Deps
from bot.jobs.scheduler import start_scheduler
from tests.support.running_app import RunningApp


class Recorder:
    def __init__(self, name: str, fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.ran = threading.Event()
        self.at: datetime | None = None

    def run(self, deps: Deps, now: datetime) -> None:
        self.at = now
        self.ran.set()
        if self.fail:
            raise RuntimeError("boom")


def test_jobs_run_at_start_with_the_injected_time_even_after_one_fails(app: RunningApp) -> None:
    failing, healthy = Recorder("failing", fail=True), Recorder("healthy")
    scheduler = start_scheduler(app.deps, [failing, healthy])
    try:
        assert healthy.ran.wait(timeout=10)
        assert failing.ran.is_set()
        assert healthy.at == app.clock.now
        [tick] = scheduler.get_jobs()
        assert tick.trigger.interval.total_seconds() == app.deps.settings.job_tick_seconds == 20
    finally:
        scheduler.shutdown(wait=True)
