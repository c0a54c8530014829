"""The social jobs with two scheduler instances on PostgreSQL: each pairing, intro, nudge and wrap-up once."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta

from bot.deps import Deps, build_deps
from bot.jobs.runner import run_jobs
from bot.jobs.scheduler import all_jobs
from bot.services.challenges.partners import groups_of
from tests.support.challenges import create_challenge
from tests.support.running_app import RunningApp, settings_for


def both_tick(first: Deps, second: Deps, at: datetime) -> None:
    start = threading.Barrier(2)

    def worker(deps: Deps) -> None:
        start.wait()
        run_jobs(deps, all_jobs(), at)

    threads = [threading.Thread(target=worker, args=(d,)) for d in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def test_two_instances_pair_introduce_nudge_and_wrap_up_once(pg_app: RunningApp) -> None:
    other = dataclasses.replace(build_deps(settings_for(pg_app.fake, str(pg_app.deps.settings.database_url))),
                                clock=pg_app.clock)
    users = [f"UP{i}" for i in range(1, 8)]
    for user in users:
        pg_app.fake.add_user(user, tz="Europe/Paris")
    challenge = create_challenge(pg_app, days="2", start_date="2026-11-24")
    for user in users:
        pg_app.slack.command("/challenge", "join", user=user)
    try:
        moment = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
        for step in (timedelta(0), timedelta(hours=6), timedelta(hours=18), timedelta(hours=6), timedelta(hours=18)):
            moment += step
            pg_app.clock.now = moment
            both_tick(pg_app.deps, other, moment)
        with pg_app.deps.sessions() as session:
            groups = groups_of(session, challenge.id)
        assert sorted(len(g) for g in groups) == [2, 2, 3]
        intros = [c for c in pg_app.fake.calls_to("chat.postMessage") if str(c["channel"]).startswith("G")]
        assert len(intros) == 3
        for user in users:  # nobody journaled: one nudge a day each, two days
            assert len([c for c in pg_app.fake.calls_to("chat.postMessage", channel=f"D{user}")
                        if "haven't journaled" in c.text]) == 2
        assert len([m for m in pg_app.fake.messages["CCOMMUNITY"] if "is complete" in m["text"]]) == 1
        assert len(pg_app.fake.calls_to("files.completeUploadExternal")) == 1
    finally:
        other.sessions.kw["bind"].dispose()
