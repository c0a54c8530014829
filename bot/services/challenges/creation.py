"""A new challenge: the modal's values checked, its schedule of days, and storing it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.errors import UserError, collect_errors
from bot.ids import ChallengeField
from bot.services.challenges.members import local_today
from bot.services.challenges.templates import Activity, activities_from_lines, find_set
from bot.services.community import validate_timezone
from models import Challenge, ChallengeDay
from models.challenge import ChallengeStatus

T = TypeVar("T")

MAX_DAYS = 100
DEFAULT_DAYS = 30
MAX_TITLE = 80
MAX_DESCRIPTION = 1000
MAX_NUDGE_HOURS = 24


@dataclass(frozen=True)
class ChallengeInput:
    """What the new-challenge modal sends, as entered."""

    title: str
    channel_id: str | None
    start_date: str | None
    days: str | None
    post_time: str | None
    timezone: str
    description: str = ""
    skip_weekends: bool = False
    template: str | None = None
    activities: str = ""
    partners: bool = True
    nudge_delay_hours: str | None = None
    meetup_date: str | None = None


@dataclass(frozen=True)
class ValidChallenge:
    title: str
    description: str
    channel_id: str
    timezone: str
    post_time: time
    skip_weekends: bool
    schedule: list[tuple[date, datetime]]  # each day's local date and its post time in UTC
    activities: list[Activity]
    template_name: str | None
    partners: bool
    nudge_delay_hours: int | None
    meetup_date: date | None


def schedule(start: date, days: int, post_time: time, tz: str, *, skip_weekends: bool) -> list[tuple[date, datetime]]:
    """Each challenge day's local date and the UTC instant of its local post time.

    The conversion happens per day in the challenge's zone, so a DST change moves the UTC time and
    keeps the local one. A local time that does not exist that day (the spring-forward gap) is
    read with the offset before the change, i.e. it posts an hour later on the wall clock.
    """
    zone = ZoneInfo(tz)
    result: list[tuple[date, datetime]] = []
    day = start
    while len(result) < days:
        if not (skip_weekends and day.weekday() >= 5):
            local = datetime.combine(day, post_time, tzinfo=zone)
            result.append((day, local.astimezone(UTC)))
        day += timedelta(days=1)
    return result


def validate_challenge(session: Session, team_id: str, values: ChallengeInput, *, now: datetime,
                       channel_problem: str | None = None) -> ValidChallenge:
    """The modal's values checked and parsed; every field with a problem named at once (FieldErrors).

    `channel_problem` is why the bot cannot post in the chosen channel, when it cannot.
    """
    errors: dict[str, str] = {}

    def checked(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except UserError as error:
            errors.setdefault(error.field or ChallengeField.TITLE, error.plain)
            return None

    title = checked(lambda: _title(values.title))
    if len(values.description) > MAX_DESCRIPTION:
        errors[ChallengeField.DESCRIPTION] = f"Keep the description under {MAX_DESCRIPTION} characters."
    if not values.channel_id:
        errors[ChallengeField.CHANNEL] = "Choose the channel where the daily activities are posted."
    elif channel_problem:
        errors[ChallengeField.CHANNEL] = channel_problem
    tz = checked(lambda: _timezone(values.timezone))
    days = checked(lambda: _days(values.days))
    start = checked(lambda: _date(values.start_date, ChallengeField.START_DATE, "Choose the start date."))
    if start is not None and tz is not None and start < (today := local_today(tz, now)):
        errors[ChallengeField.START_DATE] = (f"The start date is in the past (today is {today:%a %d %b} in {tz}). "
                                             "Choose today or later.")
    post_time = checked(lambda: _time(values.post_time))
    chosen = checked(lambda: _activities(session, team_id, values, days))
    nudge = checked(lambda: _nudge_hours(values.nudge_delay_hours))
    meetup = None
    if values.meetup_date:
        meetup = checked(lambda: _date(values.meetup_date, ChallengeField.MEETUP_DATE, "Choose the meetup date."))
        if meetup is not None and tz is not None and meetup < (today := local_today(tz, now)):
            errors[ChallengeField.MEETUP_DATE] = (f"The meetup date is in the past (today is {today:%a %d %b} in "
                                                  f"{tz}). Choose a day after the challenge's last day.")
    days_schedule: list[tuple[date, datetime]] = []
    if start is not None and days is not None and post_time is not None and tz is not None:
        days_schedule = schedule(start, days, post_time, tz, skip_weekends=values.skip_weekends)
        if ChallengeField.MEETUP_DATE not in errors and meetup is not None and meetup < (last := days_schedule[-1][0]):
            errors[ChallengeField.MEETUP_DATE] = f"The report-back meetup comes after the last day ({last:%a %d %b})."
    collect_errors(errors)
    assert title is not None and tz is not None and post_time is not None and chosen is not None and days
    activities, template_name = chosen
    return ValidChallenge(
        title=title, description=values.description.strip(), channel_id=str(values.channel_id), timezone=tz,
        post_time=post_time, skip_weekends=values.skip_weekends, schedule=days_schedule,
        activities=activities[:days], template_name=template_name, partners=values.partners,
        nudge_delay_hours=nudge, meetup_date=meetup,
    )


def _title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise UserError("Give the challenge a title.", field=ChallengeField.TITLE)
    if len(title) > MAX_TITLE:
        raise UserError(f"Keep the title under {MAX_TITLE} characters.", field=ChallengeField.TITLE)
    return title


def _timezone(raw: str) -> str:
    try:
        return validate_timezone(raw)
    except UserError as error:
        raise UserError(error.plain, field=ChallengeField.TIMEZONE) from None


def _days(raw: str | None) -> int:
    try:
        days = int(str(raw).strip()) if raw not in (None, "") else DEFAULT_DAYS
    except ValueError:
        raise UserError("Enter the number of days as a whole number, such as 30.", field=ChallengeField.DAYS) from None
    if not 1 <= days <= MAX_DAYS:
        raise UserError(f"A challenge lasts from 1 to {MAX_DAYS} days.", field=ChallengeField.DAYS)
    return days


def _date(raw: str | None, field: str, missing: str) -> date:
    if not raw:
        raise UserError(missing, field=field)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise UserError("That is not a date; pick one in the calendar.", field=field) from None


def _time(raw: str | None) -> time:
    try:
        return time.fromisoformat(raw or "")
    except ValueError:
        raise UserError("Choose the local time of the daily post, such as 09:00.",
                        field=ChallengeField.POST_TIME) from None


def _nudge_hours(raw: str | None) -> int | None:
    if raw in (None, "", "0", "off"):
        return None
    try:
        hours = int(str(raw))
    except ValueError:
        raise UserError("Choose a nudge delay in hours.", field=ChallengeField.NUDGE_DELAY) from None
    if not 1 <= hours <= MAX_NUDGE_HOURS:
        raise UserError(f"The nudge delay is 1 to {MAX_NUDGE_HOURS} hours.", field=ChallengeField.NUDGE_DELAY)
    return hours


def _activities(session: Session, team_id: str, values: ChallengeInput,
                days: int | None) -> tuple[list[Activity], str | None]:
    """The chosen or pasted activities; their count is checked only against a valid number of days."""
    pasted = activities_from_lines(values.activities)
    if values.template and pasted:
        raise UserError("Choose a set of activities *or* paste your own, not both.", field=ChallengeField.ACTIVITIES)
    if values.template:
        try:
            chosen = find_set(session, team_id, values.template)
        except UserError as error:
            raise UserError(error.plain, field=ChallengeField.TEMPLATE) from None
        if days is not None and len(chosen.activities) < days:
            raise UserError(f"The {{}} set has {len(chosen.activities)} activities, fewer than {days} days. "
                            "Choose fewer days or paste your own activities.", field=ChallengeField.TEMPLATE,
                            names=[chosen.name])
        return list(chosen.activities), chosen.name
    if not pasted:
        raise UserError("Choose a set of activities, or paste one activity per line.", field=ChallengeField.ACTIVITIES)
    if days is not None and len(pasted) < days:
        raise UserError(f"You gave {len(pasted)} activities for {days} days: add {days - len(pasted)} more, "
                        f"or make the challenge {len(pasted)} days long.", field=ChallengeField.ACTIVITIES)
    return pasted, None


def create_challenge(session: Session, team_id: str, creator_id: str, valid: ValidChallenge, *,
                     now: datetime) -> Challenge:
    """Store a validated challenge and one due row per day."""
    challenge = Challenge(
        team_id=team_id, title=valid.title, description=valid.description, channel_id=valid.channel_id,
        creator_id=creator_id, start_date=valid.schedule[0][0], end_date=valid.schedule[-1][0],
        days=len(valid.schedule), post_time=valid.post_time, timezone=valid.timezone,
        skip_weekends=valid.skip_weekends, partners=valid.partners, nudge_delay_hours=valid.nudge_delay_hours,
        meetup_date=valid.meetup_date, activities=[a.as_dict() for a in valid.activities],
        template_name=valid.template_name, status=ChallengeStatus.ACTIVE, created_at=now,
    )
    session.add(challenge)
    session.flush()
    session.add_all(
        ChallengeDay(team_id=team_id, challenge_id=challenge.id, number=number, local_date=local, due_at=due_at)
        for number, (local, due_at) in enumerate(valid.schedule, start=1)
    )
    session.flush()
    return challenge


def set_announcement(session: Session, challenge_id: int, ts: str) -> None:
    session.execute(update(Challenge).where(Challenge.id == challenge_id).values(announcement_ts=ts))


def delete_challenge(session: Session, challenge_id: int) -> None:
    """Take back a challenge that could not be announced: it and its days are gone."""
    session.execute(delete(ChallengeDay).where(ChallengeDay.challenge_id == challenge_id))
    session.execute(delete(Challenge).where(Challenge.id == challenge_id))
