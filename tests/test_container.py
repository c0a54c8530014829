"""The Dockerfile and compose.yaml, checked without a Docker daemon: what they name exists and works.

The image is not built here (no daemon on the development machine); its entry command is the same
`python app.py` the other process tests run, and its health check is run against a real bot.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot.config import load_settings
from tests.support.app_process import free_port, run_app
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import SIGNING_SECRET

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def instructions(name: str) -> list[str]:
    """The arguments of every `name` instruction, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_the_image_is_slim_runs_as_a_non_root_user_and_starts_app_py() -> None:
    assert instructions("FROM") == ["python:3.11-slim"]
    [user] = instructions("USER")
    assert user not in ("root", "0")
    assert json.loads(instructions("CMD")[0]) == ["python", "app.py"]


def test_everything_the_image_copies_exists() -> None:
    for copy in instructions("COPY"):
        *sources, _destination = copy.split()
        for source in sources:
            assert (ROOT / source).exists(), source


def test_the_images_health_check_passes_against_a_running_bot(tmp_path: Path, fake_slack: FakeSlack) -> None:
    [check] = instructions("HEALTHCHECK")
    command = check.split(" CMD ", 1)[1]
    port = str(free_port())
    process = run_app({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                       "SLACK_API_URL": fake_slack.api_url, "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
                       "PORT": port}, tmp_path)
    try:
        assert process.stderr is not None
        next(line for line in process.stderr if "listening on port" in line)
        python_code = command.split(" -c ", 1)[1].strip().strip('"').replace('\\"', '"')
        healthy = subprocess.run([sys.executable, "-c", python_code], env=os.environ | {"PORT": port}, timeout=30)
        assert healthy.returncode == 0
    finally:
        process.kill()
        process.wait(timeout=20)


def test_compose_runs_postgresql_and_two_replicas_of_the_bot_on_it() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    assert bot["build"] == "." and bot["deploy"]["replicas"] == 2
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"} | bot["environment"])
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.database_url.endswith("@db:5432/" + db["environment"]["POSTGRES_DB"])
