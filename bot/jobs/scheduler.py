"""APScheduler drives the jobs; what is due lives in the database, so the scheduler holds no state."""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.deps import Deps
from bot.jobs.challenge_days import DailyPostJob
from bot.jobs.reports import DigestJob, ReportReminderJob, ScheduleDigestsJob
from bot.jobs.runner import Job, run_jobs
from bot.jobs.social import (
    MilestoneJob,
    NudgeJob,
    PairPartnersJob,
    PlanMilestonesJob,
    PlanNudgesJob,
    SocialMessageJob,
)


def all_jobs() -> list[Job]:
    """Every periodic job, in the order a tick runs them."""
    return [
        DailyPostJob(), ReportReminderJob(), ScheduleDigestsJob(), DigestJob(),
        # The social jobs queue DMs (introductions, notes to partners); the last one sends them.
        PairPartnersJob(), PlanNudgesJob(), NudgeJob(), PlanMilestonesJob(), MilestoneJob(), SocialMessageJob(),
    ]


def _tick(deps: Deps, jobs: list[Job]) -> None:
    """Run the jobs, and again at once while a fan-out has more due than one tick's time sends."""
    while run_jobs(deps, jobs, deps.clock()):
        pass


def start_scheduler(deps: Deps, jobs: list[Job] | None = None) -> BackgroundScheduler:
    """Tick every JOB_TICK_SECONDS: each tick runs every job once with the current time."""
    scheduled = all_jobs() if jobs is None else jobs
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(
        lambda: _tick(deps, scheduled),
        IntervalTrigger(seconds=deps.settings.job_tick_seconds),
        id="tick",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),  # APScheduler's own (real) time: run at once
    )
    scheduler.start()
    return scheduler
