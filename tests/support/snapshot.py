"""Every row of every table, so that "changes nothing" is a precise assertion.

`snapshot(engine)` reads each table the database has (ours, Alembic's, the OAuth installation
store's), rows keyed by primary key. `changes(before, after)` lists what was added, removed or
changed, row by row; `foreign_changes(before, after, team_id)` only what belongs to workspaces other
than `team_id` (or to none). A row's workspace is its `team_id`, or, in a table without one (charter
members, endorsements …), its parent's through a foreign key.

Time is injected in the tests, so no timestamp moves on its own: nothing is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, MetaData, select

Row = dict[str, Any]
Rows = dict[str, dict[tuple[Any, ...], Row]]  # table → primary key → row


@dataclass(frozen=True)
class Snapshot:
    rows: Rows
    parents: dict[str, list[tuple[str, str, str]]]  # table → (its column, parent table, the parent's column)

    def team_of(self, table: str, row: Row) -> str | None:
        """The workspace a row belongs to: its own `team_id`, or its parent's."""
        if "team_id" in row:
            return None if row["team_id"] is None else str(row["team_id"])
        for column, parent, parent_column in self.parents.get(table, []):
            if row[column] is None:
                continue
            for candidate in self.rows.get(parent, {}).values():
                if candidate.get(parent_column) == row[column]:
                    return self.team_of(parent, candidate)
        return None

    def not_of(self, team_id: str) -> Rows:
        """Every row that is not workspace `team_id`'s."""
        return {table: {key: row for key, row in rows.items() if self.team_of(table, row) != team_id}
                for table, rows in self.rows.items()}


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every table, by table and primary key."""
    metadata = MetaData()
    metadata.reflect(engine)
    rows: Rows = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            key_columns = list(table.primary_key.columns) or list(table.columns)
            found = connection.execute(select(table)).mappings()
            rows[table.name] = {tuple(row[c.name] for c in key_columns): dict(row) for row in found}
    parents = {table.name: [(fk.parent.name, fk.column.table.name, fk.column.name) for fk in table.foreign_keys]
               for table in metadata.sorted_tables}
    return Snapshot(rows, parents)


def changes(before: Snapshot | Rows, after: Snapshot | Rows) -> list[str]:
    """Each row added, removed or changed between the two, as a readable line."""
    old_rows = before.rows if isinstance(before, Snapshot) else before
    new_rows = after.rows if isinstance(after, Snapshot) else after
    found: list[str] = []
    for table in sorted(set(old_rows) | set(new_rows)):
        old, new = old_rows.get(table, {}), new_rows.get(table, {})
        for key in sorted(set(old) | set(new), key=repr):
            if key not in new:
                found.append(f"{table} {key}: removed {old[key]}")
            elif key not in old:
                found.append(f"{table} {key}: added {new[key]}")
            elif old[key] != new[key]:
                moved = {c: (old[key][c], new[key][c]) for c in new[key] if old[key].get(c) != new[key][c]}
                found.append(f"{table} {key}: changed {moved}")
    return found


def foreign_changes(before: Snapshot, after: Snapshot, team_id: str) -> list[str]:
    """What changed outside workspace `team_id`: any row of another workspace (or of none) added, removed
    or changed."""
    return changes(before.not_of(team_id), after.not_of(team_id))
