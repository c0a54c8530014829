"""manifest.yml: valid for Slack, and in step with the listeners the app registers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.slack_app import BOT_SCOPES
from tests.support.recording_app import RecordingApp, registered_app
from tests.support.running_app import RunningApp

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(__file__).resolve().parent / "slack_manifest_schema" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def test_manifest_is_valid_for_slack(manifest: dict[str, Any]) -> None:
    jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))


def test_manifest_asks_for_the_scopes_the_oauth_install_asks_for(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)


@pytest.fixture(scope="module")
def registered() -> RecordingApp:
    return registered_app()


def test_every_command_in_the_manifest_has_a_listener_and_back(
    manifest: dict[str, Any], registered: RecordingApp
) -> None:
    in_manifest = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert in_manifest == set(registered.commands)


def test_every_event_in_the_manifest_has_a_listener_and_back(
    manifest: dict[str, Any], registered: RecordingApp
) -> None:
    # "message.channels" and "message.groups" both reach the "message" listener.
    in_manifest = {e.split(".")[0] for e in manifest["settings"]["event_subscriptions"]["bot_events"]}
    assert in_manifest == set(registered.events)


def test_no_shortcuts_without_listeners(manifest: dict[str, Any]) -> None:
    assert not manifest["features"].get("shortcuts")


def test_every_manifest_command_is_answered_over_http(manifest: dict[str, Any], app: RunningApp) -> None:
    for command in manifest["features"]["slash_commands"]:
        assert app.slack.command(command["command"], "help").status == 200
