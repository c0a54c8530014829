"""The real app, served over HTTP on a free loopback port, against a fake Slack and a real database."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


from bot.config import Settings, load_settings
from bot.deps import Deps, build_deps
from bot.jobs.runner import Job, run_jobs
from bot.jobs.scheduler import all_jobs
from bot.services.community import SettingsInput, save_settings
from bot.slack_app import create_app
from bot.web import make_server, make_wsgi_app
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.slack_requests import SlackSender, http

SIGNING_SECRET = "test-signing-secret"


class Clock:
    """The injected time: starts at `now`, moves only when a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class RunningApp:
    url: str
    fake: FakeSlack
    deps: Deps
    slack: SlackSender
    clock: Clock

    def tick(self, now: datetime | None = None, jobs: list[Job] | None = None) -> None:
        """One scheduler tick at `now` (default: the clock's time), as APScheduler would run it."""
        if now is not None:
            self.clock.now = now
        run_jobs(self.deps, all_jobs() if jobs is None else jobs, self.clock.now)

    def set_community(self, channel: str | None = "CCOMMUNITY", coordinators: tuple[str, ...] = (),
                      timezone_name: str = "UTC", team_id: str = "T0001") -> None:
        """Store the workspace's Settings directly, as a coordinator would in App Home."""
        with self.deps.sessions.begin() as session:
            save_settings(session, team_id, SettingsInput(channel, list(coordinators), timezone_name),
                          by="UADMIN", now=self.clock.now)

    def get(self, path: str):  # type: ignore[no-untyped-def]
        return http("GET", self.url + path)


def settings_for(fake: FakeSlack, database_url: str, **env: str) -> Settings:
    return load_settings({
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
    } | env)


@contextmanager
def running_app(fake: FakeSlack, database_url: str, *, now: datetime | None = None, **env: str) -> Iterator[RunningApp]:
    clock = Clock(now or datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    deps = dataclasses.replace(build_deps(settings_for(fake, database_url, **env)), clock=clock)
    server = make_server(
        # A short select() timeout lets the server thread notice the stop at once.
        make_wsgi_app(create_app(deps), deps), "127.0.0.1", 0, asyncore_loop_timeout=0.02
    )
    fake.clock = lambda: clock.now.timestamp()
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    try:
        yield RunningApp(url=url, fake=fake, deps=deps, slack=SlackSender(url, SIGNING_SECRET, fake), clock=clock)
    finally:
        # Close every connection from the server's own loop thread; the loop ends when its map is
        # empty. The listening socket and the trigger's pipe are closed only after the thread: a
        # response's own wake-up can run this thunk before pull_trigger has written to the pipe,
        # which must then still be open.
        trigger = server.trigger  # type: ignore[union-attr]

        def stop() -> None:
            for channel in list(server._map.values()):  # type: ignore[union-attr]
                if channel is server or channel is trigger:
                    channel.del_channel()
                else:
                    channel.close()

        trigger.pull_trigger(stop)
        server.task_dispatcher.shutdown()
        thread.join(timeout=5)
        server.close()  # the listening socket and the trigger
        deps.sessions.kw["bind"].dispose()
