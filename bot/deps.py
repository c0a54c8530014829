"""What listeners and jobs share: settings, the session factory, and per-workspace Slack clients."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from slack_sdk.oauth.installation_store import InstallationStore

from bot.config import Settings
from bot.db import Sessions
from bot.slack.clients import TeamClients


@dataclass(frozen=True)
class Deps:
    settings: Settings
    sessions: Sessions
    clients: TeamClients
    installation_store: InstallationStore | None = None
    # Listeners read the time from here, so that tests can set it.
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def build_deps(settings: Settings) -> Deps:
    """The database brought to Alembic's head, and everything listeners and jobs share."""
    from bot.db import make_engine, make_sessions, upgrade
    from bot.flows.installs import ResumingInstallationStore
    from bot.slack.limits import SharedLimits

    engine = make_engine(settings.database_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    installation_store = (
        ResumingInstallationStore(client_id=settings.client_id, sessions=sessions) if settings.client_id else None
    )
    return Deps(
        settings=settings,
        sessions=sessions,
        clients=TeamClients(settings, installation_store, limits=SharedLimits(
            sessions, speed=settings.slack_rate_speed) if settings.slack_rate_limits else None),
        installation_store=installation_store,
    )
