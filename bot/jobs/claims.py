"""Claiming due rows under a lease, so that one worker, and only one, sends each."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from bot.db import Sessions
from bot.services.community import uninstalled_teams

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _due(model: Any, now: datetime) -> list[Any]:
    return [
        model.done_at.is_(None),
        model.due_at <= now,
        or_(model.lease_expires_at.is_(None), model.lease_expires_at <= now),
        # A workspace the app was uninstalled from keeps its rows, unclaimed, until it comes back.
        model.team_id.not_in(uninstalled_teams()),
    ]


def claim_due(
    sessions: Sessions, model: Any, *, now: datetime, lease: timedelta, limit: int = 100, worker: str = WORKER_ID
) -> list[int]:
    """Claim up to `limit` due rows of `model` (a DueWork model) for `worker`; return their ids.

    One statement in its own transaction: rows another worker holds (locked now, or under an
    unexpired lease) are skipped; a lease that expired (its worker died) is taken over.
    """
    candidates = (
        select(model.id)
        .where(*_due(model, now))
        .order_by(model.due_at, model.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite serialises writers instead
    )
    claim = (
        update(model)
        .where(model.id.in_(candidates.scalar_subquery()), *_due(model, now))
        .values(claimed_by=worker, lease_expires_at=now + lease, attempts=model.attempts + 1)
        .returning(model.id)
    )
    with sessions.begin() as session:
        return sorted(session.scalars(claim).all())


def hold(sessions: Sessions, model: Any, row_ids: list[int], *, until: datetime, worker: str = WORKER_ID) -> set[int]:
    """Extend `worker`'s lease on rows it claimed to `until`; return those that are still its own.

    A worker calls it before sending each row of its batch, with the rows left to send, so it keeps
    them however long the batch takes. A row missing from the answer was taken over by another
    worker (this one stalled past its lease) or is done: it must not be sent.
    """
    renew = (
        update(model)
        .where(model.id.in_(row_ids), model.claimed_by == worker, model.done_at.is_(None))
        .values(lease_expires_at=until)
        .returning(model.id)
    )
    with sessions.begin() as session:
        return set(session.scalars(renew).all())


def finish(session: Session, model: Any, row_id: int, *, now: datetime, error: str | None = None) -> None:
    """Mark a claimed row done: sent, or given up on with `error`."""
    session.execute(
        update(model).where(model.id == row_id).values(done_at=now, lease_expires_at=None, error=error)
    )


def retry_later(session: Session, model: Any, row_id: int, *, at: datetime, error: str) -> None:
    """Keep the row claimed until `at`, when any worker may take it again."""
    session.execute(update(model).where(model.id == row_id).values(lease_expires_at=at, error=error))
