"""The real app against a fake Slack and a real database, taking Slack's requests over HTTP or Socket Mode.

Over HTTP, requests are signed and POSTed to the app on a free loopback port. In Socket Mode the
app runs the bot's own `SocketModeServer` (what app.py runs) against a fake Socket Mode server,
and requests arrive as envelopes on its websocket; the HTTP server still serves /healthz.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_bolt import App

from bot.config import Settings, load_settings
from bot.deps import Deps, build_deps
from bot.jobs.runner import Job, run_jobs
from bot.jobs.scheduler import all_jobs
from bot.services.community import SettingsInput, save_settings
from bot.slack_app import create_app
from bot.socket_mode import SocketModeServer
from bot.web import WSGIApp, make_server, make_wsgi_app
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.slack_requests import SlackSender, SocketModeSender, http
from tests.support.waiting import eventually

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
    transport: str = "http"  # or "socket"
    socket_mode: FakeSocketMode | None = None  # Slack's side of the websocket, in Socket Mode
    socket_server: SocketModeServer | None = None  # the bot's side
    bolt: App | None = None  # the Bolt app itself, e.g. to wait for its listeners (tests/support/settling.py)

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


TRANSPORTS = ("http", "socket")


@contextmanager
def running_app(fake: FakeSlack, database_url: str, *, now: datetime | None = None, transport: str = "http",
                **env: str) -> Iterator[RunningApp]:
    assert transport in TRANSPORTS, transport
    clock = Clock(now or datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    if transport == "socket":
        env = {"SLACK_APP_TOKEN": APP_TOKEN} | env
    deps = dataclasses.replace(build_deps(settings_for(fake, database_url, **env)), clock=clock)
    app = create_app(deps)
    fake.clock = lambda: clock.now.timestamp()
    try:
        with _socket_mode(app, fake, transport) as (socket_mode, socket_server), \
                _http(make_wsgi_app(app, deps, socket_server)) as url:
            slack = (SlackSender(url, SIGNING_SECRET, fake) if socket_mode is None
                     else SocketModeSender(socket_mode, fake))
            yield RunningApp(url=url, fake=fake, deps=deps, slack=slack, clock=clock, transport=transport,
                             socket_mode=socket_mode, socket_server=socket_server, bolt=app)
        # The app-level token opens connections and nothing else, whatever a test did.
        leaked = sorted({c.method for c in fake.calls if c.token == APP_TOKEN and c.method != "apps.connections.open"})
        assert not leaked, f"the app-level token was sent to {leaked}"
    finally:
        # Listeners go on working after their ack: none may outlive its app, or it would still be
        # writing while the next test empties the database.
        app.listener_runner.listener_executor.shutdown(wait=True)
        deps.sessions.kw["bind"].dispose()


@contextmanager
def _socket_mode(app: App, fake: FakeSlack,
                 transport: str) -> Iterator[tuple[FakeSocketMode | None, SocketModeServer | None]]:
    """In Socket Mode, the bot connected to a fake Socket Mode server (and greeted there)."""
    if transport != "socket":
        yield None, None
        return
    socket_mode = FakeSocketMode().start().attach(fake)
    server = SocketModeServer(app, APP_TOKEN)
    stopping = threading.Event()
    thread = threading.Thread(target=server.serve, args=(stopping,), daemon=True)
    thread.start()
    try:
        socket_mode.wait_for_connection(1)
        eventually(lambda: server.connected, timeout=10)  # hello read: the first request is not early
        yield socket_mode, server
    finally:
        stopping.set()
        thread.join(timeout=10)
        socket_mode.stop()


@contextmanager
def _http(wsgi: WSGIApp) -> Iterator[str]:
    """`wsgi` served on a free loopback port; yields its URL."""
    # waitress's own select() timeout (1 s): stop() below wakes the loop through the trigger. (A timeout
    # under a second is read as int, 0, and the loop then spins a core, slowing every test and bench.)
    server = make_server(wsgi, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
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
