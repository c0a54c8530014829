"""The Alembic migrations: one head, a clean round trip, and agreement with the models."""

from __future__ import annotations

from collections import Counter

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from bot.db import SEARCH_INDEX, alembic_config, downgrade, include_name, make_engine, schema_metadata, upgrade


def test_there_is_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    assert len(script.get_heads()) == 1


def test_upgrade_downgrade_round_trip(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(schema_metadata().tables) <= tables
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) == tables
    finally:
        engine.dispose()


def test_every_revision_downgrades_one_step(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        script = ScriptDirectory.from_config(alembic_config(engine))
        revisions = list(reversed(list(script.walk_revisions())))
        for revision in revisions:
            upgrade(engine, revision.revision)
            with engine.connect() as connection:
                assert MigrationContext.configure(connection).get_current_revision() == revision.revision
        for revision in reversed(revisions):
            downgrade(engine, revision.down_revision or "base")  # type: ignore[arg-type]
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_models_and_migrations_agree(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            # The search index (an FTS5 table or a tsvector one, kept by triggers) is no model's: only it is left out.
            context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
            assert compare_metadata(context, schema_metadata()) == []
            assert SEARCH_INDEX in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_the_search_index_has_its_triggers_at_head(database_url: str) -> None:
    """Each source of the search index keeps it current through its triggers (see revision 0015).

    On SQLite a later revision that rebuilds one of these tables (batch "move and copy") drops its
    triggers: it must create them again, or search stops seeing what is written there.
    """
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                rows = connection.execute(text("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'"))
            else:
                rows = connection.execute(text(
                    "SELECT event_object_table FROM information_schema.triggers GROUP BY event_object_table, "
                    "trigger_name, event_manipulation"))
            tables = Counter(row[0] for row in rows)
        assert tables == {"reports": 3, "report_feedback": 3, "charters": 3, "journal_entries": 3}
    finally:
        engine.dispose()
