"""`python app.py` in Socket Mode against a fake Slack: the Web API and the Socket Mode websocket.

Nothing of the bot's is mocked: the app process opens a connection through apps.connections.open,
gets envelopes over a real websocket and acks them there, and moves to a new connection when
Slack asks it to or closes the old one.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.app_process import AppLog, app_process, free_port
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.slack_requests import http
from tests.support.waiting import eventually

# Slack wants an ack within 3 s; on loopback one takes milliseconds, so this bound only fails
# when the bot is not reading the connection the command came on.
PROMPT = 1.5
# From Slack asking for a new connection to the ack of a command sent on it, right after `hello`.
SLACK_ACK_WINDOW = 3.0


@pytest.fixture
def socket_mode(fake_slack: FakeSlack) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode().start().attach(fake_slack)
    yield server
    server.stop()


def socket_mode_env(fake_slack: FakeSlack, database_url: str, **extra: str) -> dict[str, str]:
    return {"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake_slack.api_url,
            "DATABASE_URL": database_url, "PORT": str(free_port())} | extra


@contextmanager
def socket_mode_app(fake_slack: FakeSlack, sqlite_url: str, tmp_path: Path,
                    **extra: str) -> Iterator[tuple[subprocess.Popen[str], AppLog]]:
    with app_process(socket_mode_env(fake_slack, sqlite_url, **extra), tmp_path) as (process, log):
        yield process, log


def stop(process: subprocess.Popen[str], log: AppLog) -> str:
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    return log.wait_for_end()


def test_a_command_is_answered_over_socket_mode(fake_slack: FakeSlack, socket_mode: FakeSocketMode,
                                                sqlite_url: str, tmp_path: Path) -> None:
    with socket_mode_app(fake_slack, sqlite_url, tmp_path) as (process, log):
        first = socket_mode.wait_for_connection(1, timeout=60)
        log.wait_for("connected to Slack in Socket Mode")
        ack = socket_mode.wait_for_ack(socket_mode.send_command(first, "/practice", "help"))
        assert ack.connection == 1
        assert ack.payload is not None and "/practice propose" in ack.payload["text"]
        assert "stopped" in stop(process, log)
    assert fake_slack.calls_to("apps.connections.open")


@pytest.mark.parametrize("how", ["disconnect envelope", "server closes the socket"])
def test_a_command_right_after_a_reconnect_is_acked_at_once_on_the_new_connection(
        how: str, fake_slack: FakeSlack, socket_mode: FakeSocketMode, sqlite_url: str, tmp_path: Path) -> None:
    with socket_mode_app(fake_slack, sqlite_url, tmp_path) as (process, log):
        current = socket_mode.wait_for_connection(1, timeout=60)
        for _ in range(5):  # each reconnect has its own timing; a stall shows up in one of a few
            envelope_id = socket_mode.send_command_after_next_hello("/practice", "help")
            asked = time.monotonic()
            if how == "disconnect envelope":
                socket_mode.send_disconnect(current)
            else:
                socket_mode.close(current)
            ack = socket_mode.wait_for_ack(envelope_id, timeout=20)
            new = socket_mode.connections[ack.connection - 1]
            assert new.number > current.number and socket_mode.envelopes[envelope_id].connection == new.number
            assert ack.payload is not None and "/practice propose" in ack.payload["text"]
            assert new.hello_at is not None and ack.at - new.hello_at < PROMPT
            assert ack.at - asked < SLACK_ACK_WINDOW
            current = new
        stop(process, log)


@pytest.mark.parametrize("error", ["invalid_auth", "not_authed", "token_revoked"])
def test_an_app_token_slack_refuses_stops_the_bot_with_one_line_naming_it(
        error: str, fake_slack: FakeSlack, socket_mode: FakeSocketMode, sqlite_url: str, tmp_path: Path) -> None:
    env: dict[str, str] = {}
    if error == "invalid_auth":
        env["SLACK_APP_TOKEN"] = "xapp-1-not-a-token-slack-knows"  # the fake answers invalid_auth, as Slack does
    else:
        fake_slack.fail("apps.connections.open", error)
    with socket_mode_app(fake_slack, sqlite_url, tmp_path, **env) as (process, log):
        assert process.wait(timeout=60) == 2
        stderr = log.wait_for_end()
    assert stderr.splitlines() == [
        f"cop-bot: SLACK_APP_TOKEN was refused by Slack ({error}): create an app-level token with connections:write"
        " under Basic Information → App-Level Tokens"
    ]
    assert socket_mode.connections == []


def test_a_refused_handshake_is_reported_and_retried_and_connected_only_once_slack_says_hello(
        fake_slack: FakeSlack, socket_mode: FakeSocketMode, sqlite_url: str, tmp_path: Path) -> None:
    socket_mode.refuse_handshakes(403)
    with socket_mode_app(fake_slack, sqlite_url, tmp_path) as (process, log):
        log.wait_for("could not open the Socket Mode connection: handshake refused (HTTP 403); retrying in 1 s",
                     timeout=60)
        log.wait_for("could not open the Socket Mode connection: handshake refused (HTTP 403); retrying in 2 s")
        assert not [line for line in log.lines if "connected" in line.lower()]
        opened = len(fake_slack.calls_to("apps.connections.open"))
        socket_mode.refuse_handshakes(None)
        connection = socket_mode.wait_for_connection(1)
        log.wait_for("connected to Slack in Socket Mode")
        assert socket_mode.wait_for_ack(socket_mode.send_command(connection, "/practice", "help")).connection == 1
        assert len(fake_slack.calls_to("apps.connections.open")) <= opened + 2  # one more attempt, not a storm
        stop(process, log)
    assert len(log.lines) == len(set(log.lines))  # no line twice: the libraries' own lines for it are dropped


def test_reconnects_are_logged_once_slack_says_hello_on_the_new_connection(
        fake_slack: FakeSlack, socket_mode: FakeSocketMode, sqlite_url: str, tmp_path: Path) -> None:
    with socket_mode_app(fake_slack, sqlite_url, tmp_path) as (process, log):
        first = socket_mode.wait_for_connection(1, timeout=60)
        log.wait_for("connected to Slack in Socket Mode")
        socket_mode.send_disconnect(first)
        log.wait_for("Slack asked for a new Socket Mode connection (refresh_requested)")
        second = socket_mode.wait_for_connection(2)
        log.wait_for("reconnected to Slack in Socket Mode")
        socket_mode.close(second)
        log.wait_for("the Socket Mode connection was closed by Slack (code 1001: going away); reconnecting")
        socket_mode.wait_for_connection(3)
        log.wait_for("reconnected to Slack in Socket Mode", count=2)
        text = stop(process, log)
    unexpected = [line for line in text.splitlines() if " ERROR " in line or " WARNING " in line]
    assert [line for line in unexpected if "`token` will be unused" not in line] == []  # Bolt's, at start-up


def test_health_in_socket_mode_is_served_on_port_and_says_whether_the_websocket_is_connected(
        fake_slack: FakeSlack, socket_mode: FakeSocketMode, sqlite_url: str, tmp_path: Path) -> None:
    env = socket_mode_env(fake_slack, sqlite_url)
    health = f"http://127.0.0.1:{env['PORT']}/healthz"
    with app_process(env, tmp_path) as (process, log):
        log.wait_for("listening on port", timeout=60)
        first = socket_mode.wait_for_connection(1, timeout=60)
        connected = eventually(lambda: (r := http("GET", health)).status == 200 and r, timeout=10)
        assert connected.json() == {"ok": True, "database": "ok", "socket_mode": "connected"}
        assert http("POST", f"http://127.0.0.1:{env['PORT']}/slack/events", b"{}").status == 404  # no secret here
        socket_mode.refuse_handshakes(503)
        socket_mode.close(first)
        socket_mode.wait_for_refusals(1)
        down = http("GET", health)
        assert down.status == 503
        assert down.json() == {"ok": False, "database": "ok", "socket_mode": "disconnected"}
        socket_mode.refuse_handshakes(None)
        socket_mode.wait_for_connection(2)
        assert eventually(lambda: http("GET", health).status == 200, timeout=10)
        stop(process, log)
