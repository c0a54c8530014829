"""Fixtures: a fake Slack, databases (SQLite always, PostgreSQL when configured) and the running app."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.db import make_engine, upgrade
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app

# PostgreSQL tests run when this names a database they may wipe; CI sets it and COPBOT_REQUIRE_POSTGRES=1.
POSTGRES_URL = os.environ.get("COPBOT_TEST_POSTGRES_URL")
REQUIRE_POSTGRES = os.environ.get("COPBOT_REQUIRE_POSTGRES") == "1"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A fake Slack with a few members and channels; `CCOMMUNITY` has the bot in it."""
    fake = FakeSlack().start()
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    fake.add_user("U2", name="Grace", tz="America/New_York")
    fake.add_user("U3", name="Linus", tz="Europe/Helsinki")
    fake.add_user("UADMIN", name="Admin", tz="UTC", is_admin=True)
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_channel("CPUBLIC", name="open-channel", is_member=False)
    fake.add_channel("GPRIVATE", name="secret", is_private=True, is_member=False)
    fake.add_channel("CARCHIVED", name="old", is_archived=True)
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at Alembic's head, copied for each test instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_sqlite_template: Path) -> str:
    path = tmp_path / "cop-bot.db"
    shutil.copy(migrated_sqlite_template, path)
    return f"sqlite:///{path}"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def postgres_url() -> str:
    """An empty PostgreSQL database (every table dropped); skipped when none is configured."""
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("COPBOT_REQUIRE_POSTGRES=1 but COPBOT_TEST_POSTGRES_URL is not set")
        pytest.skip("set COPBOT_TEST_POSTGRES_URL to run the PostgreSQL tests")
    try:
        _reset_postgres(POSTGRES_URL)
    except Exception as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is unreachable at {POSTGRES_URL}: {error}")
        pytest.skip(f"PostgreSQL is unreachable: {error}")
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind: the test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def transport(request: pytest.FixtureRequest) -> str:
    """How Slack's requests reach `app`: HTTP, unless a directory's conftest runs its tests over both.

    tests/bot/listeners/conftest.py does: every end-to-end listener test runs over HTTP and over
    Socket Mode. The rest (jobs, the HTTP surface, signatures, OAuth) stays on HTTP, which keeps
    the suite's time in bounds.
    """
    return str(getattr(request, "param", "http"))


@pytest.fixture
def app(fake_slack: FakeSlack, sqlite_url: str, transport: str) -> Iterator[RunningApp]:
    """The app running on SQLite against the fake Slack, over `transport`."""
    with running_app(fake_slack, sqlite_url, transport=transport) as running:
        yield running


@pytest.fixture
def pg_app(fake_slack: FakeSlack, postgres_url: str, transport: str) -> Iterator[RunningApp]:
    """The app running on PostgreSQL against the fake Slack, over `transport`."""
    with running_app(fake_slack, postgres_url, transport=transport) as running:
        yield running
