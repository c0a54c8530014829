"""What the bot keeps about members across challenges: timezone, nudges on or off, time away, gone."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import dialect_insert
from bot.errors import UserError
from bot.services.challenges.nudge_timing import local_zone
from models.social import MemberPrefs, TimeAway

# A member's Slack timezone is asked again after this long (people travel and move).
TIMEZONE_FRESH = timedelta(days=7)
MAX_AWAY_DAYS = 90
IDS_PER_QUERY = 500  # under SQLite's and PostgreSQL's limits on bound parameters


def prefs(session: Session, team_id: str, user_id: str) -> MemberPrefs:
    """The member's stored preferences; defaults (not stored) when there are none."""
    found = session.get(MemberPrefs, (team_id, user_id))
    return found if found is not None else MemberPrefs(team_id=team_id, user_id=user_id, nudges_off=False)


def _stored(session: Session, team_id: str, user_id: str) -> MemberPrefs:
    found = session.get(MemberPrefs, (team_id, user_id))
    if found is None:
        found = MemberPrefs(team_id=team_id, user_id=user_id, nudges_off=False)
        session.add(found)
    return found


def _prefs(session: Session, team_id: str, user_ids: Collection[str], *columns: Any) -> Iterator[Any]:
    """(user_id, *columns) of the stored prefs of `user_ids`. For many members, those of the whole workspace:
    an IN list of thousands of ids costs more to send than the few rows it leaves out."""
    query = select(MemberPrefs.user_id, *columns).where(MemberPrefs.team_id == team_id)
    if len(user_ids) <= IDS_PER_QUERY:
        query = query.where(MemberPrefs.user_id.in_(list(user_ids)))
    yield from session.execute(query)


def stale_timezones(session: Session, team_id: str, user_ids: Collection[str], now: datetime) -> list[str]:
    """The members whose Slack timezone is unknown or old, and who are not known to be gone."""
    known = {user_id: (checked, gone) for user_id, checked, gone in _prefs(
        session, team_id, user_ids, MemberPrefs.timezone_checked_at, MemberPrefs.gone_at)}

    def stale(user_id: str) -> bool:
        if user_id not in known:
            return True
        checked, gone = known[user_id]
        return gone is None and (checked is None or checked < now - TIMEZONE_FRESH)

    return sorted(u for u in user_ids if stale(u))


def remember_people(session: Session, team_id: str, found: Iterable[tuple[str, str | None, bool]],
                    now: datetime) -> None:
    """Store (member, Slack timezone, gone) as Slack just said."""
    found = list(found)
    ids = [user_id for user_id, _, _ in found]
    known: dict[str, MemberPrefs] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):  # one query per few hundred, not one per member
        known |= {p.user_id: p for p in session.scalars(select(MemberPrefs).where(
            MemberPrefs.team_id == team_id, MemberPrefs.user_id.in_(ids[start:start + IDS_PER_QUERY])))}
    new = []
    for user_id, timezone, gone in found:
        stored = known.get(user_id)
        if stored is None:  # inserted together below: at the start of a big challenge there are thousands
            new.append(dict(team_id=team_id, user_id=user_id, nudges_off=False, gone_at=now if gone else None,
                            timezone=None if gone else timezone, timezone_checked_at=None if gone else now))
        elif gone:
            stored.gone_at = stored.gone_at or now
        else:
            stored.timezone, stored.timezone_checked_at, stored.gone_at = timezone, now, None
    session.flush()
    if new:  # one executemany; a row another worker stored meanwhile is left as it is
        session.execute(dialect_insert(session, MemberPrefs).on_conflict_do_nothing(), new)


def mark_gone(session: Session, team_id: str, user_ids: Iterable[str], now: datetime) -> None:
    remember_people(session, team_id, ((u, None, True) for u in user_ids), now)


def zones(session: Session, team_id: str, user_ids: Collection[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = dict(_prefs(session, team_id, user_ids, MemberPrefs.timezone))
    return {u: found.get(u) for u in user_ids}


def gone(session: Session, team_id: str, user_ids: Collection[str]) -> set[str]:
    return set(session.scalars(
        select(MemberPrefs.user_id).where(
            MemberPrefs.team_id == team_id, MemberPrefs.user_id.in_(list(user_ids)), MemberPrefs.gone_at.is_not(None))
    ))


def utc_offset(zone_name: str | None, now: datetime) -> int:
    """Minutes east of UTC of the member's timezone at `now` (UTC when unknown)."""
    offset = now.astimezone(local_zone(zone_name)).utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def local_today(zone_name: str | None, now: datetime) -> date:
    return now.astimezone(local_zone(zone_name)).date()


def set_nudges(session: Session, team_id: str, user_id: str, *, on: bool) -> None:
    _stored(session, team_id, user_id).nudges_off = not on
    session.flush()


# -- time away -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Away:
    first_day: date
    last_day: date


def parse_until(text: str, today: date) -> date:
    """The last day away, from `YYYY-MM-DD`; a UserError saying what to type otherwise."""
    word = text.strip()
    if not word:
        raise UserError("Tell me until when, e.g. `/challenge away 2026-12-04` (the last day you are away).")
    try:
        until = date.fromisoformat(word)
    except ValueError:
        raise UserError(f"“{word[:30]}” is not a date I can read: use YYYY-MM-DD, e.g. "
                        f"`/challenge away {today + timedelta(days=3):%Y-%m-%d}`.") from None
    if until < today:
        raise UserError(f"{until:%a %d %b} is in the past (today is {today:%a %d %b}). Give the last day you are away.")
    if until > today + timedelta(days=MAX_AWAY_DAYS):
        raise UserError(f"Time away is at most {MAX_AWAY_DAYS} days. Leave the challenge instead, "
                        "or pick an earlier date.")
    return until


def current_away(session: Session, team_id: str, user_id: str, today: date) -> TimeAway | None:
    """The member's time away that covers `today` or starts later, if any."""
    return session.scalars(
        select(TimeAway).where(TimeAway.team_id == team_id, TimeAway.user_id == user_id, TimeAway.last_day >= today)
        .order_by(TimeAway.first_day)
    ).first()


def go_away(session: Session, team_id: str, user_id: str, until: date, *, today: date, now: datetime) -> TimeAway:
    """Away from today until `until` (inclusive); an earlier time away still running is extended or cut."""
    away = current_away(session, team_id, user_id, today)
    if away is None:
        away = TimeAway(team_id=team_id, user_id=user_id, first_day=today, last_day=until, created_at=now)
        session.add(away)
    else:
        away.first_day, away.last_day = min(away.first_day, today), until
    session.flush()
    return away


def come_back(session: Session, team_id: str, user_id: str, *, today: date) -> TimeAway:
    """End the member's time away: today counts as a normal day again. UserError if not away."""
    away = current_away(session, team_id, user_id, today)
    if away is None or away.first_day > today:
        raise UserError("You are not away. `/challenge away YYYY-MM-DD` pauses your nudges until that day.")
    if away.first_day == today:
        session.delete(away)
    else:
        away.last_day = today - timedelta(days=1)
    session.flush()
    return away


def away_periods(session: Session, team_id: str, user_ids: Collection[str]) -> dict[str, list[Away]]:
    periods: dict[str, list[Away]] = {u: [] for u in user_ids}
    for row in session.scalars(
        select(TimeAway).where(TimeAway.team_id == team_id, TimeAway.user_id.in_(list(user_ids)))
    ):
        periods[row.user_id].append(Away(row.first_day, row.last_day))
    return periods


def is_away(periods: Iterable[Away], day: date) -> bool:
    return any(p.first_day <= day <= p.last_day for p in periods)
