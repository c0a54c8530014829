"""The queue of DMs about accountability partners (introductions, notes): each once, by key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.db import dialect_insert
from models import Challenge
from models.social import SocialMessage


def queue_message(session: Session, challenge: Challenge, key: str, kind: str, user_ids: Sequence[str],
                  now: datetime, **payload: Any) -> bool:
    """Queue a DM (one member) or group DM (a few), once per `key`; False when it was queued before."""
    return bool(queue_messages(session, challenge, [Queued(key, kind, list(user_ids), payload)], now))


@dataclass(frozen=True)
class Queued:
    key: str
    kind: str
    user_ids: list[str]
    payload: dict[str, Any]


def queue_messages(session: Session, challenge: Challenge, messages: Sequence[Queued], due_at: datetime) -> int:
    """Queue each message not queued before (`key` is unique), in one insert; return how many were queued."""
    if not messages:
        return 0
    session.flush()
    once = dialect_insert(session, SocialMessage).on_conflict_do_nothing().returning(SocialMessage.id)
    queued = session.execute(once, [
        dict(team_id=challenge.team_id, challenge_id=challenge.id, key=m.key, kind=m.kind, user_ids=m.user_ids,
             payload=m.payload, due_at=due_at, attempts=0) for m in messages])
    return len(queued.all())
