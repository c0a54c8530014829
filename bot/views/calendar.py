"""Calendar files (.ics): a challenge's report-back meetup and a group's or charter's next report due date.

Each file holds one VEVENT with a stable UID, so downloading it again updates the event already in
the member's calendar instead of adding a second one. The meetup is a timed event at the challenge's
post time in its IANA timezone (TZID plus a VTIMEZONE, which Google Calendar, Apple Calendar and
Outlook all import); that is the hour the bot posts its "today is the meetup" reminder. A report
due date is an all-day event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.services.calendar import CalendarItem
from bot.views.text import inline

PRODID = "-//CoP Bot//Community of practice//EN"
MEETUP_LENGTH = timedelta(hours=1)
OPEN_IT = "open the file to add it to your calendar (opening it again updates the same event)."


@dataclass(frozen=True)
class CalendarFile:
    """An .ics file ready to upload: its name, title, the comment that goes with it, and its bytes."""

    filename: str
    title: str
    comment: str
    content: bytes


def meetup_ics(*, team_id: str, challenge_id: int, title: str, meetup: date, at: time, timezone: str,
               partners: bool, link: str | None, now: datetime) -> CalendarFile:
    """The report-back meetup of a challenge, at its post time in its timezone, for one hour."""
    start = datetime.combine(meetup, at, tzinfo=ZoneInfo(timezone))
    bring = "your highlights and one of your partner's" if partners else "your highlights"
    description = (f"The report-back meetup of the challenge “{title}”: bring {bring}, and share what you "
                   "learned with the community.")
    content = _calendar(uid=f"challenge-{challenge_id}-meetup@{team_id}.cop-bot",
                        summary=f"Report-back meetup: {title}", description=description, start=start,
                        end=start + MEETUP_LENGTH, link=link, now=now)
    return CalendarFile(filename=f"{_slug(title)}-meetup.ics", title=f"{title} — report-back meetup",
                        comment=f":calendar: The report-back meetup of *{inline(title)}*, {meetup:%A %d %B %Y}: "
                                f"{OPEN_IT}",
                        content=content)


def report_due_ics(*, team_id: str, kind: str, subject_id: int, noun: str, name: str, due: date,
                   report_command: str, link: str | None, now: datetime) -> CalendarFile:
    """A group's or charter's next report due date, as an all-day event."""
    description = (f"The {noun} “{name}” reports back to the community today: progress, learnings and asks. "
                   f"Write it with `{report_command}` in Slack.")
    content = _calendar(uid=f"{kind}-{subject_id}-report@{team_id}.cop-bot", summary=f"Report due: {name}",
                        description=description, start=due, end=due + timedelta(days=1), link=link, now=now)
    return CalendarFile(filename=f"{_slug(name)}-report-due.ics", title=f"{name} — report due",
                        comment=f":calendar: The next report of *{inline(name)}* is due {due:%A %d %B %Y}: {OPEN_IT}",
                        content=content)


def _calendar(*, uid: str, summary: str, description: str, start: date | datetime, end: date | datetime,
              link: str | None, now: datetime) -> bytes:
    event = Event.new(uid=uid, summary=summary, description=description, start=start, end=end, stamp=now,
                      url=link)
    calendar = Calendar.new(prodid=PRODID, uid=uid, subcomponents=[event])
    calendar.add("METHOD", "PUBLISH")
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "event"


def calendar_file(item: CalendarItem, *, link: str | None, now: datetime) -> CalendarFile:
    """The .ics file of a member's date: a meetup or a report due date."""
    if item.is_meetup:
        assert item.at is not None and item.timezone is not None
        return meetup_ics(team_id=item.team_id, challenge_id=item.id, title=item.name, meetup=item.day, at=item.at,
                          timezone=item.timezone, partners=item.partners, link=link, now=now)
    return report_due_ics(team_id=item.team_id, kind=item.kind, subject_id=item.id, noun=item.noun, name=item.name,
                          due=item.day, report_command=item.report_command, link=link, now=now)


def sent_text(item: CalendarItem) -> str:
    """The answer to *Add to calendar*: where the file went."""
    what = "the report-back meetup" if item.is_meetup else "the next report due date"
    return f"I've sent you {what} of “{inline(item.name)}” as a calendar file (.ics) in a DM: open it to add it."


def not_sent_text() -> str:
    return "I couldn't send you the calendar file in a DM. Check that you can receive DMs from me, then try again."
