"""SQLite and the app's threads: reads never queue behind a writer, writes take turns and never fail as locked."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from bot.db import Sessions, make_engine, make_sessions


@pytest.fixture
def sessions(database_url: str) -> Iterator[Sessions]:
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO scratch (n) VALUES (0)"))
    yield make_sessions(engine)
    engine.dispose()


def count(sessions: Sessions) -> int:
    with sessions() as session:
        return int(session.execute(text("SELECT count(*) FROM scratch")).scalar_one())


def test_a_read_goes_on_while_a_writer_holds_its_transaction(sessions: Sessions) -> None:
    written, read = threading.Event(), threading.Event()
    seen: list[int] = []

    def reader() -> None:
        written.wait(10)
        seen.append(count(sessions))
        read.set()

    thread = threading.Thread(target=reader)
    thread.start()
    with sessions.begin() as session:
        session.execute(text("INSERT INTO scratch (n) VALUES (1)"))
        written.set()
        # Were reads queued behind writers, this one would wait for this block (30 s, then fail).
        assert read.wait(10)
    thread.join()

    assert seen == [1]  # what was committed when it read; the writer's row came after
    assert count(sessions) == 2


def test_concurrent_writers_and_readers_all_succeed(sessions: Sessions) -> None:
    def write(n: int) -> None:
        with sessions.begin() as session:
            # Read, then write: two such deferred transactions would fail with "database is locked".
            session.execute(text("SELECT max(n) FROM scratch")).scalar_one()
            session.execute(text("INSERT INTO scratch (n) VALUES (:n)"), {"n": 1000 + n})

    with ThreadPoolExecutor(16) as pool:
        writes = [pool.submit(write, n) for n in range(200)]
        reads = [pool.submit(count, sessions) for _ in range(200)]
        for future in writes + reads:
            future.result()

    assert count(sessions) == 201


def test_a_session_opened_to_read_can_still_write(sessions: Sessions) -> None:
    with sessions() as session:
        session.execute(text("INSERT INTO scratch (n) VALUES (5)"))
        session.commit()

    assert count(sessions) == 2
