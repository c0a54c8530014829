"""How long the first tick of a big challenge takes: post Day 1, pair everyone, queue and send intros.

    python bench/start_tick.py [--sizes 300 3000]

The real app on a fresh SQLite file against the fake Slack over HTTP (as the tests run it). The
participants are stored directly (joining by command is not what is measured); each job of the
tick is then run once at the first post time, and its time printed. Intro DMs go out at most
DueRowJob.batch per tick, so the table also shows how many ticks sending all of them takes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from bot.jobs.runner import run_jobs  # noqa: E402
from bot.jobs.scheduler import all_jobs  # noqa: E402
from models import Participant  # noqa: E402
from models.social import SocialMessage  # noqa: E402
from tests.support.challenges import create_challenge  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.running_app import running_app  # noqa: E402

ZONES = ("Europe/Paris", "Europe/London", "America/New_York", "America/Chicago", "Asia/Kolkata", "Asia/Tokyo",
         "America/Los_Angeles", "Europe/Berlin", "Australia/Sydney", "America/Sao_Paulo")


def measure(count: int) -> None:
    fake = FakeSlack().start()
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    fake.add_channel("CCOMMUNITY", name="community")
    users = [f"UB{i:05d}" for i in range(count)]
    for i, user_id in enumerate(users):
        fake.add_user(user_id, name=f"Member {i}", tz=ZONES[i % len(ZONES)])
    with tempfile.TemporaryDirectory() as folder, running_app(fake, f"sqlite:///{folder}/bench.db") as app:
        challenge = create_challenge(app, start_date="2026-11-24")
        with app.deps.sessions.begin() as session:
            session.add_all(Participant(team_id=challenge.team_id, challenge_id=challenge.id, user_id=u,
                                        joined_at=app.clock.now) for u in users)
        start = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
        fake.reset_calls()
        timings = []
        for job in all_jobs():
            began = time.perf_counter()
            run_jobs(app.deps, [job], start)
            timings.append((job.name, time.perf_counter() - began))
        with app.deps.sessions() as session:
            queued = session.scalar(select(func.count()).select_from(SocialMessage)) or 0
            unsent = select(func.count()).select_from(SocialMessage).where(SocialMessage.done_at.is_(None))
            left = session.scalar(unsent)
        total = sum(t for _, t in timings)
        slow = ", ".join(f"{name} {t:.2f}" for name, t in sorted(timings, key=lambda x: -x[1])[:3])
        print(f"{count:>12,} {total:>8.2f} {queued:>7} {left:>6} {len(fake.calls):>10}   {slow}")
    fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3_000])
    args = parser.parse_args()
    print(f"first tick of a challenge, SQLite, fake Slack over HTTP (python {sys.version.split()[0]})")
    print(f"{'participants':>12} {'tick s':>8} {'intros':>7} {'unsent':>6} {'Slack calls':>10}   slowest jobs (s)")
    for count in args.sizes:
        measure(count)


if __name__ == "__main__":
    main()
