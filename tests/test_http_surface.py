"""The app's HTTP endpoint: health, signatures, and every command's usage."""

from __future__ import annotations

import json
import time
import urllib.parse

import pytest
from sqlalchemy import create_engine

from bot.ids import Command
from bot.views.usage import SUBCOMMANDS
from tests.support.running_app import RunningApp
from tests.support.slack_requests import sign


def test_healthz_checks_the_database(app: RunningApp) -> None:
    response = app.get("/healthz")
    assert response.status == 200
    assert response.json() == {"ok": True, "database": "ok"}


def test_healthz_says_when_the_database_is_gone(app: RunningApp) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    app.deps.sessions.configure(bind=create_engine("postgresql+psycopg://postgres@127.0.0.1:1/test"))
    response = app.get("/healthz")
    assert response.status == 503
    assert response.json() == {"ok": False, "database": "unreachable"}


@pytest.mark.parametrize("command", list(Command))
@pytest.mark.parametrize("text", ["help", "", "  HELP  "])
def test_help_answers_with_the_usage_within_three_seconds(app: RunningApp, command: Command, text: str) -> None:
    started = time.monotonic()
    response = app.slack.command(command, text)
    elapsed = time.monotonic() - started
    assert response.status == 200
    assert elapsed < 3
    body = response.json()
    assert body.get("response_type", "ephemeral") == "ephemeral"
    rendered = json.dumps(body)
    for syntax, _purpose in SUBCOMMANDS[command]:
        assert f"{command} {syntax}" in rendered
    assert ":warning:" not in rendered


def test_unknown_subcommand_gets_a_short_error_and_the_usage(app: RunningApp) -> None:
    response = app.slack.command("/practice", "dance wildly")
    assert response.status == 200
    rendered = json.dumps(response.json())
    assert "I don't know `/practice dance`" in rendered
    assert "/practice propose" in rendered


def _help_body(app: RunningApp) -> bytes:
    return urllib.parse.urlencode({
        "team_id": "T0001", "user_id": "U1", "channel_id": "CCOMMUNITY", "command": "/challenge", "text": "help",
        "response_url": app.fake.response_url(), "trigger_id": "t1",
    }).encode()


@pytest.mark.parametrize("case", ["unsigned", "tampered", "six minutes old", "wrong secret"])
def test_requests_not_signed_by_slack_get_401_and_change_nothing(app: RunningApp, case: str) -> None:
    body = _help_body(app)
    now = int(time.time())
    headers: dict[str, str] = {}
    timestamp = now
    if case == "unsigned":
        signature = ""
    elif case == "tampered":
        signature = sign(body, app.slack.secret, now)
        body = body.replace(b"help", b"hell")
    elif case == "six minutes old":
        timestamp = now - 6 * 60
        signature = sign(body, app.slack.secret, timestamp)
    else:
        signature = sign(body, "not-the-secret", now)
    calls_before = len(app.fake.calls)
    response = app.slack.post(body, "application/x-www-form-urlencoded", timestamp=timestamp,
                              signature=signature, headers=headers)
    assert response.status == 401
    assert len(app.fake.calls) == calls_before


def test_unknown_path_is_404(app: RunningApp) -> None:
    assert app.get("/nowhere").status == 404
