"""Slack listeners, one module a domain, each with register(app, deps)."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners import calendar, challenges, charters, home, install, messages, practice, reports, search

DOMAINS = (install, home, reports, practice, charters, challenges, calendar, search)


def register_all(app: App, deps: Deps) -> None:
    for domain in DOMAINS:
        domain.register(app, deps)
    messages.register(app, deps, [domain.on_message for domain in DOMAINS if hasattr(domain, "on_message")])
