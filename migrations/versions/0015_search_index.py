"""Search what the community learned: a full-text index of reports, feedback, findings and journals.

SQLite gets an FTS5 table, PostgreSQL a table with a generated `tsvector` column and a GIN index.
Triggers on the source tables keep either current whichever code writes, so no write path needs to
know about search. Both engines see the same words: runs of letters and digits, lower-cased, accents
kept (FTS5's unicode61 without diacritics removal; on PostgreSQL the `simple` configuration over the
text with everything but letters and digits turned into spaces).

A document's id is the source row's id * 4 + its kind's code, so a trigger finds it by primary key.
Later revisions that rebuild a source table on SQLite (batch "move and copy") drop its triggers:
they must create them again as `create_sqlite_triggers()` does here
(tests/test_migrations.py::test_the_search_index_has_its_triggers_at_head fails at head otherwise).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 14:05:00
"""

from __future__ import annotations

from typing import NamedTuple

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

INDEX = 'search_index'
COLUMNS = 'team_id, kind, owner_id, private, created_at, body'


class Source(NamedTuple):
    """How rows of `table` become documents; `{r}` stands for the row (NEW or OLD)."""

    table: str
    code: int
    kind: str
    body: str
    owner: str
    private: str
    created_at: str
    indexed_when: str  # which rows are searchable
    columns: str  # the columns whose update re-indexes the row

    def values(self, r: str) -> str:
        f = {'r': r}
        return (f"{r}.id * 4 + {self.code}, {r}.team_id, '{self.kind}', {self.owner.format(**f)}, "
                f"{self.private.format(**f)}, {self.created_at.format(**f)}, {self.body.format(**f)}")

    def insert(self, r: str) -> str:
        return (f"INSERT INTO {INDEX} (doc_id, {COLUMNS}) SELECT {self.values(r)} "
                f"WHERE {self.indexed_when.format(r=r)}")

    def delete(self, r: str) -> str:
        return f"DELETE FROM {INDEX} WHERE doc_id = {r}.id * 4 + {self.code}"


SOURCES = (
    Source('reports', 0, 'report', "{r}.progress || ' ' || {r}.learnings || ' ' || {r}.asks", '{r}.author_id',
           'false', '{r}.created_at', 'true', 'team_id, progress, learnings, asks'),
    Source('report_feedback', 1, 'feedback', '{r}.text', '{r}.user_id', 'false', '{r}.created_at',
           "{r}.text <> ''", 'team_id, text'),
    Source('charters', 2, 'findings', "{r}.findings || ' ' || coalesce({r}.next_steps, '')",
           'coalesce({r}.closed_by, {r}.proposer_id)', 'false', 'coalesce({r}.closed_at, {r}.created_at)',
           '{r}.findings IS NOT NULL AND {r}.findings_ts IS NOT NULL',
           'team_id, findings, next_steps, findings_ts, closed_by, closed_at'),
    Source('journal_entries', 3, 'journal', '{r}.text', '{r}.user_id', '{r}.private', '{r}.created_at', 'true',
           'team_id, text, private, user_id'),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            # team_id, private and owner_id are indexed too, so the workspace and who may see an entry are
            # part of the MATCH (the service gives them no weight in bm25); the rest only comes back.
            f"CREATE VIRTUAL TABLE {INDEX} USING fts5(body, team_id, private, owner_id, kind UNINDEXED, "
            "created_at UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')"
        )
        create_sqlite_triggers()
    else:
        op.execute(
            f"CREATE TABLE {INDEX} (doc_id bigint PRIMARY KEY, team_id varchar(32) NOT NULL, "
            "kind varchar(16) NOT NULL, owner_id varchar(32) NOT NULL, private boolean NOT NULL, "
            "created_at timestamptz NOT NULL, body text NOT NULL, document tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g'))) STORED)"
        )
        op.execute(f"CREATE INDEX ix_{INDEX}_document ON {INDEX} USING gin (document)")
        op.execute(f"CREATE INDEX ix_{INDEX}_team_id ON {INDEX} (team_id)")
        _create_postgres_triggers()
    for source in SOURCES:  # what was written before this revision
        backfill = source.insert('r').replace(' WHERE ', f' FROM {source.table} AS r WHERE ', 1)
        op.execute(_sqlite(backfill) if op.get_bind().dialect.name == 'sqlite' else backfill)


def create_sqlite_triggers() -> None:
    """The triggers that keep the FTS5 table current (SQLite's rowid is the document id)."""
    for s in SOURCES:
        insert_new, delete_old = _sqlite(s.insert('new')), _sqlite(s.delete('old'))
        op.execute(f"CREATE TRIGGER {INDEX}_{s.table}_insert AFTER INSERT ON {s.table} BEGIN {insert_new}; END")
        op.execute(f"CREATE TRIGGER {INDEX}_{s.table}_update AFTER UPDATE OF {s.columns} ON {s.table} "
                   f"BEGIN {delete_old}; {insert_new}; END")
        op.execute(f"CREATE TRIGGER {INDEX}_{s.table}_delete AFTER DELETE ON {s.table} BEGIN {delete_old}; END")


def _sqlite(statement: str) -> str:
    return statement.replace('(doc_id,', '(rowid,').replace('doc_id =', 'rowid =')


def _create_postgres_triggers() -> None:
    for s in SOURCES:
        op.execute(
            f"CREATE FUNCTION {INDEX}_{s.table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {s.delete('OLD')}; END IF; "
            f"IF TG_OP <> 'DELETE' THEN {s.insert('NEW')}; END IF; "
            "RETURN NULL; END $$"
        )
        op.execute(f"CREATE TRIGGER {INDEX}_{s.table} AFTER INSERT OR DELETE OR UPDATE OF {s.columns} "
                   f"ON {s.table} FOR EACH ROW EXECUTE FUNCTION {INDEX}_{s.table}()")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for s in SOURCES:
        if sqlite:
            for event in ('insert', 'update', 'delete'):
                op.execute(f"DROP TRIGGER {INDEX}_{s.table}_{event}")
        else:
            op.execute(f"DROP TRIGGER {INDEX}_{s.table} ON {s.table}")
            op.execute(f"DROP FUNCTION {INDEX}_{s.table}()")
    op.execute(f"DROP TABLE {INDEX}")
