"""The wiring of listeners: every id in bot/ids.py reaches a listener, every documented sub-command a handler.

Bolt passes a misspelled listener argument as None with only a log warning, so the names are checked too.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from slack_bolt.kwargs_injection.args import Args
from slack_bolt.util.utils import get_arg_names_of_callable

from bot import ids
from bot.views.usage import SUBCOMMANDS
from tests.support.ids import action_ids, callback_ids
from tests.support.recording_app import RecordingApp, registered_app


@pytest.fixture(scope="module")
def registered() -> RecordingApp:
    return registered_app()



def test_every_action_id_has_a_listener_and_back(registered: RecordingApp) -> None:
    assert set(registered.actions) == action_ids()


def test_every_modal_callback_id_has_a_listener_and_back(registered: RecordingApp) -> None:
    assert set(registered.views) == callback_ids()


def test_every_command_id_has_a_listener(registered: RecordingApp) -> None:
    assert set(registered.commands) == {str(c) for c in ids.Command}


@pytest.mark.parametrize("command", list(ids.Command))
def test_every_documented_sub_command_has_a_handler_and_back(registered: RecordingApp, command: ids.Command) -> None:
    handlers = registered.commands[str(command)].subcommands  # type: ignore[attr-defined]
    documented = {syntax.split()[0] for syntax, _ in SUBCOMMANDS[command]}
    assert set(handlers) == documented


def test_every_listener_asks_only_for_arguments_bolt_gives(registered: RecordingApp) -> None:
    bolt_gives = set(inspect.signature(Args.__init__).parameters) - {"self"}
    listeners: dict[str, Any] = {**registered.commands, **registered.events, **registered.actions, **registered.views}
    wrong = {key: sorted(set(get_arg_names_of_callable(f)) - bolt_gives) for key, f in listeners.items()}
    assert {key: names for key, names in wrong.items() if names} == {}
