"""A Bolt app that records what each listener is registered for, to check the wiring without Slack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.config import load_settings
from bot.deps import build_deps
from bot.listeners import register_all


class RecordingApp(App):
    """Notes the commands, events, actions and views listeners are registered for, with their functions."""

    def __init__(self) -> None:
        super().__init__(token="xoxb-unused", signing_secret="unused", token_verification_enabled=False)
        self.commands: dict[str, Callable[..., Any]] = {}
        self.events: dict[str, Callable[..., Any]] = {}
        self.actions: dict[str, Callable[..., Any]] = {}
        self.views: dict[str, Callable[..., Any]] = {}

    def _noting(self, into: dict[str, Callable[..., Any]], key: str, register: Callable[..., Any]) -> Any:
        def decorator(function: Callable[..., Any]) -> Any:
            into[key] = function
            return register(function)

        return decorator

    def command(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        return self._noting(self.commands, str(command), super().command(command, *args, **kwargs))

    def event(self, event: Any, *args: Any, **kwargs: Any) -> Any:
        key = event if isinstance(event, str) else event["type"]
        return self._noting(self.events, key, super().event(event, *args, **kwargs))

    def action(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        return self._noting(self.actions, str(constraints), super().action(constraints, *args, **kwargs))

    def view(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        return self._noting(self.views, str(constraints), super().view(constraints, *args, **kwargs))


def registered_app() -> RecordingApp:
    """Every listener of the app, registered on a RecordingApp."""
    recording = RecordingApp()
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-x", "SLACK_SIGNING_SECRET": "s", "DATABASE_URL": "sqlite://"})
    register_all(recording, build_deps(settings))
    return recording
