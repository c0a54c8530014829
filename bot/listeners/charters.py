"""`/charter`: charters of practice development projects."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.ids import Command
from bot.listeners.commands import SubcommandHandler, command_listener


def register(app: App, deps: Deps) -> None:
    handlers: dict[str, SubcommandHandler] = {}
    app.command(Command.CHARTER)(command_listener(Command.CHARTER, handlers))
