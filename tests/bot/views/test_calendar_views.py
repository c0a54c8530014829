"""The .ics builder: one event, a stable UID, the right instant across DST, an all-day report due date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Calendar, Event

from bot.views.calendar import meetup_ics, report_due_ics

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def only_event(content: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def meetup(day: date, zone: str = "Europe/Paris", link: str | None = None) -> bytes:
    return meetup_ics(team_id="T1", challenge_id=7, title="Public speaking", meetup=day, at=time(10, 0),
                      timezone=zone, partners=True, link=link, now=NOW).content


def test_a_meetup_is_at_the_post_time_in_the_challenges_zone_on_either_side_of_dst() -> None:
    # Paris moves its clocks on Sun 28 March 2027: 10:00 is 09:00 UTC the day before, 08:00 UTC the day after.
    _, before = only_event(meetup(date(2027, 3, 27)))
    _, after = only_event(meetup(date(2027, 3, 29)))
    assert before.start.astimezone(UTC) == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
    assert after.start.astimezone(UTC) == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)
    assert (after.end - after.start).total_seconds() == 3600
    _, new_york = only_event(meetup(date(2027, 3, 15), "America/New_York"))  # the US moved on 14 March
    assert new_york.start.astimezone(UTC) == datetime(2027, 3, 15, 14, 0, tzinfo=UTC)


def test_the_file_names_its_zone_with_a_vtimezone_and_keeps_one_uid() -> None:
    content = meetup(date(2027, 3, 29), link="https://test.slack.com/archives/C1/p1")
    calendar, event = only_event(content)
    assert b"DTSTART;TZID=Europe/Paris:20270329T100000" in content
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(event["UID"]) == "challenge-7-meetup@T1.cop-bot"
    assert str(event["URL"]) == "https://test.slack.com/archives/C1/p1"
    assert "one of your partner's" in str(event["DESCRIPTION"])
    # Made again later (a new download), the event is the same one: calendars update it in place.
    later = meetup_ics(team_id="T1", challenge_id=7, title="Public speaking", meetup=date(2027, 3, 30),
                       at=time(10, 0), timezone="Europe/Paris", partners=False, link=None, now=NOW).content
    assert only_event(later)[1]["UID"] == event["UID"]


def test_a_report_due_date_is_an_all_day_event() -> None:
    made = report_due_ics(team_id="T1", kind="charter", subject_id=3, noun="charter", name="#3 Survey",
                          due=date(2027, 1, 4), report_command="/charter report 3", link=None, now=NOW)
    calendar, event = only_event(made.content)
    assert event.start == date(2027, 1, 4) and event.end == date(2027, 1, 5)
    assert not calendar.walk("VTIMEZONE") and "URL" not in event
    assert str(event["UID"]) == "charter-3-report@T1.cop-bot"
    assert made.filename == "3-survey-report-due.ics" and "/charter report 3" in str(event["DESCRIPTION"])
