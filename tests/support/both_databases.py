"""The running app on each database: import `either_app` into a test module to run its tests on SQLite and
PostgreSQL (and, under tests/bot/listeners/, over both transports)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def either_app(request: pytest.FixtureRequest, fake_slack: FakeSlack, transport: str) -> Iterator[RunningApp]:
    """The app against the fake Slack, on SQLite and then on PostgreSQL."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    with running_app(fake_slack, url, transport=transport) as running:
        yield running
