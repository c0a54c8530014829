"""The end-to-end listener tests run over both transports: HTTP and Socket Mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.fake_slack import FakeSlack
from tests.support.running_app import TRANSPORTS, RunningApp, running_app


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test that uses `app` (or `pg_app`) runs once over HTTP and once over Socket Mode.

    A fixture that asks for `app` only at run time (`request.getfixturevalue`) gets HTTP: pytest
    cannot parametrize what it does not see when collecting.
    """
    if "transport" in metafunc.fixturenames:
        metafunc.parametrize("transport", TRANSPORTS, indirect=True)


@pytest.fixture
def any_app(fake_slack: FakeSlack, database_url: str) -> Iterator[RunningApp]:
    """The app over HTTP, once on SQLite and once on PostgreSQL."""
    with running_app(fake_slack, database_url) as running:
        yield running
