"""`/challenge`: 30-day challenges."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.ids import Command
from bot.listeners.commands import SubcommandHandler, command_listener


def register(app: App, deps: Deps) -> None:
    handlers: dict[str, SubcommandHandler] = {}
    app.command(Command.CHALLENGE)(command_listener(Command.CHALLENGE, handlers))
