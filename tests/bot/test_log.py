"""Log lines as text (the default) or as one JSON object a line, tagged with the workspace and the source."""

from __future__ import annotations

import json
import logging
import signal
from pathlib import Path

import pytest

from bot import log
from tests.support.app_process import free_port, run_app
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import SIGNING_SECRET


@pytest.fixture
def restore_logging() -> object:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_the_workspace_the_source_and_the_exception(
    restore_logging: object, capsys: pytest.CaptureFixture[str]
) -> None:
    log.configure("INFO", "json")
    with log.tagged("T0001", "digest"):
        try:
            raise ValueError("the database is away")
        except ValueError:
            logging.getLogger("cop-bot").exception("posting the digest failed: %s", "retrying")
    [line] = capsys.readouterr().err.splitlines()
    record = json.loads(line)
    assert (record["level"], record["logger"], record["workspace"], record["via"]) == (
        "ERROR", "cop-bot", "T0001", "digest")
    assert record["message"] == "posting the digest failed: retrying"
    assert "ValueError: the database is away" in record["exception"]


def test_text_is_the_default(restore_logging: object, capsys: pytest.CaptureFixture[str]) -> None:
    log.configure("INFO")
    logging.getLogger("cop-bot").info("hello")
    assert capsys.readouterr().err.rstrip().endswith("INFO cop-bot team=- via=- hello")


def test_the_running_bot_logs_json_lines_with_log_format_json(tmp_path: Path, fake_slack: FakeSlack) -> None:
    process = run_app({
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", "PORT": str(free_port()), "LOG_FORMAT": "json",
    }, tmp_path)
    try:
        assert process.stderr is not None
        lines = []
        for line in process.stderr:
            lines.append(json.loads(line))  # every line is one JSON object
            if "listening on port" in lines[-1]["message"]:
                break
        process.send_signal(signal.SIGTERM)
        lines += [json.loads(line) for line in process.stderr.read().splitlines()]
        assert process.wait(timeout=20) == 0
        assert lines[-1]["message"] == "stopped" and {"time", "level", "workspace", "via"} <= set(lines[-1])
    finally:
        if process.poll() is None:
            process.kill()
