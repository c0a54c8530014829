"""The database engine, the session factory, and bringing the schema to Alembic's head."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Connection, Engine, MetaData, create_engine, event, insert, text
from sqlalchemy.orm import Session, sessionmaker

import models

logger = logging.getLogger(__name__)
QUEUE_TIMEOUT = 30  # seconds, as SQLite's own busy timeout
HOLDS_TURN = "cop_bot_holds_sqlite_turn"
READ_ONLY = "cop_bot_read_only"  # an execution option: this connection's transactions only read

MIGRATION_LOCK = 0x636F702D626F74  # "cop-bot": the PostgreSQL advisory lock that one migration holds at a time
# Connections kept open: one for each listener thread (16, bot/slack_app.py) and a few for the
# scheduler. With SQLAlchemy's default of 5, connections past it were closed on return and opened
# again for the next event: under a burst of events that was 8% of the app's CPU (BENCHMARKS.md).
POOL_SIZE = 20
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
Sessions = sessionmaker[Session]


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine; on SQLite, one that behaves well with the app's many threads."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, **kwargs)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, begin transactions, so that BEGIN IMMEDIATE below applies.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL stays consistent after a crash and skips an fsync per commit.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    # SQLite's own wait for a busy database polls with growing sleeps (up to 100 ms), so under a
    # burst (300 members pressing Join) an early waiter keeps losing to newcomers and can wait for
    # seconds, past Slack's 3 s. The app's threads queue here first, and are woken in turn; SQLite's
    # wait remains for other processes (a second replica, Alembic from the shell).
    turn = threading.RLock()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            # A read needs no turn: under WAL it reads a snapshot while a writer writes.
            connection.exec_driver_sql("BEGIN")
            return
        # Take the write lock up front: two deferred transactions that both later write would
        # fail with "database is locked" instead of waiting their turn.
        _take_turn(connection)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _end_turn(connection)
            raise

    @event.listens_for(engine, "before_cursor_execute")
    def _before_execute(connection: Any, _cursor: Any, statement: str, _parameters: Any, context: Any,
                        _executemany: bool) -> None:
        if (connection.get_execution_options().get(READ_ONLY) and HOLDS_TURN not in connection.info
                and _writes(statement, context)):
            # A session opened to read writes after all: queue behind this process's writers from
            # here on. SQLite still refuses if one of them committed since this transaction read.
            logger.warning("a read-only session writes; open it with sessions.begin(): %.60s", statement)
            _take_turn(connection)

    def _take_turn(connection: Any) -> None:
        if not turn.acquire(timeout=QUEUE_TIMEOUT):
            logger.warning("waited %s s for the database; trying anyway", QUEUE_TIMEOUT)
        else:
            connection.info[HOLDS_TURN] = True

    def _end_turn(connection: Any, *_: Any) -> None:
        if connection.info.pop(HOLDS_TURN, False):
            turn.release()

    event.listen(engine, "commit", _end_turn)
    event.listen(engine, "rollback", _end_turn)
    return engine


def _writes(statement: str, context: Any) -> bool:
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        return True
    return statement.lstrip()[:7].upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP",
                                                       "ALTER"))


class ReadsAndWrites(sessionmaker[Session]):
    """`sessions()` for a unit of work that only reads, `sessions.begin()` for one that writes.

    On SQLite a read session's transaction is a plain deferred BEGIN that does not queue behind
    the writers (see make_engine); elsewhere both are the same.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._reads: tuple[Engine, Engine] | None = None  # (the bound engine, its read-only twin)

    def __call__(self, **local_kw: Any) -> Session:
        local_kw.setdefault("bind", self._reading(self.kw["bind"]))
        return super().__call__(**local_kw)

    def _reading(self, engine: Engine) -> Engine:
        if self._reads is None or self._reads[0] is not engine:  # configure(bind=...) may change it
            reads = engine.execution_options(**{READ_ONLY: True}) if engine.dialect.name == "sqlite" else engine
            self._reads = (engine, reads)
        return self._reads[1]

    def begin(self) -> AbstractContextManager[Session]:
        return self._writing()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with super().__call__() as session, session.begin():
            yield session


def make_sessions(engine: Engine) -> Sessions:
    return ReadsAndWrites(engine)


def slack_store_metadata() -> MetaData:
    """The tables of slack_sdk's installation and OAuth-state stores, created by our migrations."""
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(
        metadata, SQLAlchemyInstallationStore.default_installations_table_name)
    SQLAlchemyInstallationStore.build_bots_table(metadata, SQLAlchemyInstallationStore.default_bots_table_name)
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SQLAlchemyOAuthStateStore.default_table_name)
    return metadata


def schema_metadata() -> MetaData:
    """Every table the migrations own: our models and slack_sdk's stores."""
    combined = MetaData(naming_convention=models.Base.metadata.naming_convention)
    for source in (models.Base.metadata, slack_store_metadata()):
        for table in source.tables.values():
            table.to_metadata(combined)
    return combined


# The full-text search index (revision 0015) is no model: an FTS5 table and its shadow tables on
# SQLite, a table with a generated tsvector on PostgreSQL, both kept current by triggers.
SEARCH_INDEX = "search_index"
SEARCH_TABLES = frozenset({SEARCH_INDEX, *(f"{SEARCH_INDEX}_{part}" for part in ("data", "idx", "content", "docsize",
                                                                                   "config"))})


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic's `include_name`: compare everything but the search index's tables with the models."""
    return not (type_ == "table" and name in SEARCH_TABLES)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.connect() as connection:
        _migrate_alone(connection)
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()


def downgrade(engine: Engine, revision: str) -> None:
    with engine.connect() as connection:
        _migrate_alone(connection)
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()


def _migrate_alone(connection: Connection) -> None:
    """On PostgreSQL, wait for any other replica's migration to commit first: replicas started together
    would otherwise all create the same tables, and all but one stop. The lock ends with the transaction.
    SQLite needs nothing: the migration's transaction takes the write lock (see make_engine)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def ping(sessions: Sessions) -> None:
    """Raise if the database does not answer."""
    with sessions() as session:
        session.execute(text("SELECT 1"))


def dialect_insert(session: Session, model: Any) -> Any:
    """An INSERT for `model` with ON CONFLICT (PostgreSQL's or SQLite's, as the session's database)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` in one executemany: thousands of ORM objects would cost far more to build and flush.

    Flushes the session first, so that the rows come after any change pending in it."""
    if rows:
        session.flush()
        session.execute(insert(model), rows)


def insert_missing(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` into `model`'s table, skipping any that a unique constraint says exist already.

    Safe when two workers insert the same row at once (ON CONFLICT DO NOTHING on both databases).
    """
    if not rows:
        return
    session.execute(dialect_insert(session, model).values(rows).on_conflict_do_nothing())
