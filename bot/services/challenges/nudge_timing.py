"""When to nudge a participant who has not journaled yet, and when to stop nudging them.

A nudge is due the challenge's nudge delay after the day's post, in the participant's own
Slack timezone: when that falls at night (outside DAY_START–DAY_END local) it moves to the next
DAY_START, and when that is after the next day's post there is no nudge that day (it is never
earlier than the delay). After NAG_LIMIT nudges ignored in a row, none until they journal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAY_START = time(9, 0)
DAY_END = time(20, 0)
NAG_LIMIT = 3


@cache  # a few dozen zones at most; every participant's nudge asks for theirs
def local_zone(name: str | None) -> ZoneInfo:
    """The member's Slack timezone; UTC when Slack gave none or one we do not know."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _at(day: datetime, clock: time, zone: ZoneInfo) -> datetime:
    """`clock` o'clock on `day`'s local date, in UTC."""
    return datetime.combine(day.date(), clock, tzinfo=zone).astimezone(UTC)


def is_daytime(moment: datetime, zone: ZoneInfo) -> bool:
    local = moment.astimezone(zone).time()
    return DAY_START <= local <= DAY_END


def nudge_at(post_at: datetime, delay: timedelta, zone_name: str | None,
             next_post_at: datetime | None = None) -> datetime | None:
    """When to nudge about the day posted at `post_at`, in UTC; None when no sensible time is left."""
    zone = local_zone(zone_name)
    wanted = (post_at + delay).astimezone(zone)
    if is_daytime(wanted, zone):
        moment = wanted.astimezone(UTC)
    elif wanted.time() < DAY_START:
        moment = _at(wanted, DAY_START, zone)
    else:
        moment = _at(wanted + timedelta(days=1), DAY_START, zone)
    if next_post_at is not None and moment >= next_post_at:
        return None  # a nudge after the next day's post would be about the wrong day
    return moment


def ignored_in_a_row(nudges_sent: Iterable[datetime], last_journaled_at: datetime | None) -> int:
    """How many nudges went out since the participant last journaled (in any day)."""
    return sum(1 for sent in nudges_sent if last_journaled_at is None or sent > last_journaled_at)


def may_nudge(ignored: int) -> bool:
    """False once NAG_LIMIT nudges in a row were ignored: no nagging until they journal again."""
    return ignored < NAG_LIMIT


def is_last_nudge(ignored: int) -> bool:
    """This nudge is the last before a pause, and its message should say so."""
    return ignored == NAG_LIMIT - 1
