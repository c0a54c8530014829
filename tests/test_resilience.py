"""Slack failing under the app: retries on every client, and failures logged with their workspace."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest

from bot import log
from tests.support.running_app import RunningApp


class LogCapture(logging.Handler):
    """The log as the app writes it to stderr, with a way to wait for a line."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter(log.FORMAT))
        self.addFilter(log.ContextFilter())
        self.lines: list[str] = []
        self.changed = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        with self.changed:
            self.lines.append(self.format(record))
            self.changed.notify_all()

    def wait_for(self, text: str, timeout: float = 5) -> str:
        with self.changed:
            assert self.changed.wait_for(lambda: any(text in line for line in self.lines), timeout), self.lines
            return next(line for line in self.lines if text in line)


@pytest.fixture
def app_log() -> Iterator[LogCapture]:
    capture = LogCapture()
    logging.getLogger().addHandler(capture)
    yield capture
    logging.getLogger().removeHandler(capture)


def open_home(app: RunningApp) -> None:
    assert app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200


def test_a_rate_limited_call_is_retried_after_retry_after(app: RunningApp) -> None:
    app.fake.fail("views.publish", status=429, retry_after=0)
    open_home(app)
    app.fake.wait_for("views.publish", lambda call: "_failed" not in call.params)
    assert [call.get("_failed") for call in app.fake.calls_to("views.publish")] == [429, None]


def test_a_server_error_is_retried(app: RunningApp) -> None:
    app.fake.fail("views.publish", status=503)
    open_home(app)
    app.fake.wait_for("views.publish", lambda call: "_failed" not in call.params)


def test_a_listener_failure_is_logged_with_its_workspace_and_source(app: RunningApp, app_log: LogCapture) -> None:
    app.fake.fail("views.publish", "fatal_error")
    open_home(app)
    entry = app_log.wait_for("listener failed")
    first_line, traceback = entry.split("\n", 1)
    assert "team=T0001 via=event:app_home_opened" in first_line
    assert "fatal_error" in traceback
