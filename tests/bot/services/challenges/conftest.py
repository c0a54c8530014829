"""A real database session for the challenge service tests (SQLite at Alembic's head)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.db import make_engine, make_sessions


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    try:
        with make_sessions(engine)() as session:
            yield session
    finally:
        engine.dispose()
