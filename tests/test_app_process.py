"""`python app.py` as a user runs it: config errors, serving over HTTP, and stopping on SIGTERM."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.support.app_process import free_port, run_app
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import SIGNING_SECRET
from tests.support.slack_requests import SlackSender, http


def test_without_tokens_it_names_the_missing_variable_and_exits_non_zero(tmp_path: Path) -> None:
    process = run_app({}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert stderr.strip().splitlines() == [stderr.strip()]
    assert "SLACK_BOT_TOKEN" in stderr


def test_settings_come_from_a_dotenv_file_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nSLACK_SIGNING_SECRET=s\nPORT=nope\n")
    process = run_app({}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert stderr.strip().startswith("cop-bot: PORT must be a number")


def test_it_serves_http_and_stops_cleanly_on_sigterm(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    process = run_app({
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", "PORT": str(port),
    }, tmp_path)
    try:
        assert process.stderr is not None
        for line in process.stderr:  # wait for the line that says it listens
            if "listening on port" in line:
                assert "team=- via=-" in line
                break
        url = f"http://127.0.0.1:{port}"
        assert http("GET", url + "/healthz").status == 200
        response = SlackSender(url, SIGNING_SECRET, fake_slack).command("/challenge", "help")
        assert response.status == 200 and "/challenge new" in response.body
        process.send_signal(signal.SIGTERM)
        remaining = process.stderr.read()
        assert process.wait(timeout=20) == 0
        assert "stopped" in remaining
    finally:
        if process.poll() is None:
            process.kill()
