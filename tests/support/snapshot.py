"""Every row of every table, so that "changes nothing" is a precise assertion.

`snapshot(engine)` reads each table the database has (ours, Alembic's, the OAuth installation
store's), rows keyed by primary key. `changes(before, after)` lists what was added, removed or
changed, row by row. `owned_by(snap, team_id)` keeps the rows of one workspace: those with its
`team_id`, and rows of tables without one (charter members, endorsements …) through their
foreign key to a row that has it.

Time is injected in the tests, so no timestamp moves on its own; nothing is left out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData, select

Row = dict[str, Any]
Snapshot = dict[str, dict[tuple[Any, ...], Row]]


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every table, by table and primary key."""
    metadata = MetaData()
    metadata.reflect(engine)
    snap: Snapshot = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            key_columns = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table)).mappings()
            snap[table.name] = {tuple(row[c.name] for c in key_columns): dict(row) for row in rows}
    _FOREIGN_KEYS.update(_foreign_keys(metadata))
    return snap


# table → [(its column, the parent table, the parent's key column)], learnt when a snapshot is taken.
_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {}


def _foreign_keys(metadata: MetaData) -> dict[str, list[tuple[str, str, str]]]:
    return {table.name: [(fk.parent.name, fk.column.table.name, fk.column.name) for fk in table.foreign_keys]
            for table in metadata.sorted_tables}


def team_of(snap: Snapshot, table: str, row: Row) -> str | None:
    """The workspace a row belongs to: its own `team_id`, or its parent's (through a foreign key)."""
    if "team_id" in row:
        return str(row["team_id"]) if row["team_id"] is not None else None
    for column, parent, parent_column in _FOREIGN_KEYS.get(table, []):
        for candidate in snap.get(parent, {}).values():
            if row[column] is not None and candidate.get(parent_column) == row[column]:
                return team_of(snap, parent, candidate)
    return None


def owned_by(snap: Snapshot, team_id: str) -> Snapshot:
    """The rows of one workspace, table by table."""
    return {table: {key: row for key, row in rows.items() if team_of(snap, table, row) == team_id}
            for table, rows in snap.items()}


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Each row added, removed or changed between the two snapshots, as a readable line."""
    found: list[str] = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
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
    """What changed outside workspace `team_id`: any row of another workspace (or of none) added,
    removed or changed."""
    others_before = {t: {k: r for k, r in rows.items() if team_of(before, t, r) != team_id}
                     for t, rows in before.items()}
    others_after = {t: {k: r for k, r in rows.items() if team_of(after, t, r) != team_id}
                    for t, rows in after.items()}
    return changes(others_before, others_after)
