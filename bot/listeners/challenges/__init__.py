"""`/challenge`: 30-day challenges — creating, joining, journals (modal, thread replies), activity sets, time away."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.ids import ChallengeAction, ChallengeView, Command
from bot.listeners.challenges import commands, creation, journals, templates
from bot.listeners.challenges.journals import on_message
from bot.listeners.commands import command_listener
from bot.listeners.common import with_deps

__all__ = ["SUBCOMMANDS", "on_message", "register"]

SUBCOMMANDS = {**commands.SUBCOMMANDS, **journals.SUBCOMMANDS, **templates.SUBCOMMANDS}


def register(app: App, deps: Deps) -> None:
    app.command(Command.CHALLENGE)(command_listener(Command.CHALLENGE, deps, SUBCOMMANDS))
    app.view(ChallengeView.NEW)(with_deps(deps, creation.submit_new))
    app.action(ChallengeAction.JOIN)(with_deps(deps, creation.join_clicked))
    app.view(ChallengeView.JOURNAL)(with_deps(deps, journals.save_entry))
    app.action(ChallengeAction.OPEN_JOURNAL)(with_deps(deps, journals.journal_clicked))
    app.view(ChallengeView.IMPORT_SET)(with_deps(deps, templates.save_set))
    app.action(ChallengeAction.IMPORT_SET)(with_deps(deps, templates.import_clicked))
    app.action(ChallengeAction.EXPORT_SET)(with_deps(deps, templates.export_clicked))
