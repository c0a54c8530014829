"""A workspace's data, all of it: every row of every table that belongs to its team id.

The Slack installation (bot/db.py's installation store, outside these models) is kept, so the bot
still answers in the workspace after its data is deleted.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import ColumnElement, CursorResult, Table, delete, exists, func, select
from sqlalchemy.orm import Session

from models import Base


def _owned(table: Table, team_id: str) -> list[ColumnElement[bool]]:
    """How to find `table`'s rows of the workspace: its own team id, or its parent's (a group's members)."""
    if "team_id" in table.c:
        return [table.c.team_id == team_id]
    found: list[ColumnElement[bool]] = []
    for fk in table.foreign_keys:
        parent = fk.column.table
        if isinstance(parent, Table) and "team_id" in parent.c:
            found.append(fk.parent.in_(select(fk.column).where(parent.c.team_id == team_id)))
    return found


def _tables() -> list[Table]:
    """Every table, children before the tables they refer to."""
    return list(reversed(Base.metadata.sorted_tables))


def has_data(session: Session, team_id: str) -> bool:
    """Whether anything of the workspace is stored: groups, charters, challenges, settings, …"""
    for table in _tables():
        for where in _owned(table, team_id):
            if session.scalar(select(exists().where(where))):
                return True
    return False


def row_counts(session: Session, team_id: str) -> dict[str, int]:
    """How many rows of each table belong to the workspace (tables with none left out)."""
    counts: dict[str, int] = {}
    for table in _tables():
        for where in _owned(table, team_id):
            n = session.scalar(select(func.count()).select_from(table).where(where)) or 0
            if n:
                counts[table.name] = counts.get(table.name, 0) + n
    return counts


def delete_workspace_data(session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace, children first; how many of each table. Run again, it deletes nothing."""
    deleted: dict[str, int] = {}
    for table in _tables():
        for where in _owned(table, team_id):
            result = cast(CursorResult[tuple[()]], session.execute(delete(table).where(where)))
            if result.rowcount:
                deleted[table.name] = deleted.get(table.name, 0) + result.rowcount
    session.flush()
    return deleted
