"""`/challenge new`: the modal, its inline validation, the stored schedule and the announcement."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.ids import ChallengeAction, ChallengeField
from tests.support.challenges import answers, create_challenge, days, latest_challenge, open_new_challenge
from tests.support.running_app import RunningApp


def errors(response: Any) -> dict[str, str]:
    body = response.json()
    assert body["response_action"] == "errors", body
    return body["errors"]


def initial(view: dict[str, Any], block_id: str) -> Any:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    element = block["element"]
    return element.get("initial_value") or element.get("initial_date") or element.get("initial_conversation")


def test_the_modal_defaults_to_the_creators_slack_timezone_and_this_channel(app: RunningApp) -> None:
    view = open_new_challenge(app, user="U2")
    assert app.fake.calls_to("users.info", user="U2")
    assert initial(view, ChallengeField.TIMEZONE) == "America/New_York"
    assert initial(view, ChallengeField.CHANNEL) == "CCOMMUNITY"
    assert initial(view, ChallengeField.DAYS) == "30"
    # 09:00 UTC on Monday 23 November is still 04:00 that day in New York.
    assert initial(view, ChallengeField.START_DATE) == "2026-11-23"
    options = next(b for b in view["blocks"] if b.get("block_id") == ChallengeField.TEMPLATE)["element"]["options"]
    assert [o["value"] for o in options] == ["Blockchain", "DevOps", "Public Speaking", "Social Learning"]


def test_a_challenge_from_a_template_stores_every_days_post_time_and_announces_it(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date="2026-11-24", days="30", post_time="10:00", timezone="Europe/Paris")
    assert (challenge.title, challenge.template_name, challenge.days, challenge.creator_id) == (
        "30 days of DevOps", "DevOps", 30, "U1")
    assert challenge.activities[0]["title"] == "Map your path to production"
    rows = days(app, challenge.id)
    assert [r.number for r in rows] == list(range(1, 31))
    assert rows[0].local_date == date(2026, 11, 24) and rows[-1].local_date == date(2026, 12, 23)
    assert all(r.due_at.hour == 9 and r.due_at.minute == 0 for r in rows)  # 10:00 in Paris is 09:00 UTC in winter
    announcement = app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")[-1]
    assert "30 days of DevOps" in announcement.text and "10:00 (Europe/Paris)" in announcement.text
    assert ChallengeAction.JOIN in str(announcement["blocks"]) and "*Join* adds you" in announcement.text
    assert challenge.announcement_ts == app.fake.messages["CCOMMUNITY"][-1]["ts"]


def test_a_challenge_from_pasted_activities_uses_them_in_order(app: RunningApp) -> None:
    pasted = "\n".join(f"- Activity number {n}" for n in range(1, 8))
    challenge = create_challenge(app, template=None, activities=pasted, days="5", skip_weekends=["yes"],
                                 meetup_date="2026-12-04")
    assert challenge.template_name is None
    assert [a["title"] for a in challenge.activities] == [f"Activity number {n}" for n in range(1, 6)]
    assert [r.local_date.isoformat() for r in days(app, challenge.id)] == [
        "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]
    assert challenge.meetup_date == date(2026, 12, 4)
    assert "report back on highlights" in app.fake.calls_to("chat.postMessage")[-1].text


def test_skipped_weekends_move_the_days_to_weekdays(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date="2026-11-28", days="3", skip_weekends=["yes"])  # a Saturday
    assert [r.local_date.isoformat() for r in days(app, challenge.id)] == ["2026-11-30", "2026-12-01", "2026-12-02"]


@pytest.mark.parametrize(("overrides", "field", "says"), [
    ({"start_date": "2026-11-20"}, ChallengeField.START_DATE, "in the past"),
    ({"days": "0"}, ChallengeField.DAYS, "1 to 100 days"),
    ({"days": "101"}, ChallengeField.DAYS, "1 to 100 days"),
    ({"days": "ten"}, ChallengeField.DAYS, "whole number"),
    ({"timezone": "Europe/Atlantis"}, ChallengeField.TIMEZONE, "not a timezone I know"),
    ({"template": None, "activities": "one\ntwo\nthree", "days": "5"}, ChallengeField.ACTIVITIES,
     "You gave 3 activities for 5 days"),
    ({"days": "31"}, ChallengeField.TEMPLATE, "has 30 activities, fewer than 31 days"),
    ({"template": None}, ChallengeField.ACTIVITIES, "paste one activity per line"),
    ({"activities": "one\ntwo"}, ChallengeField.ACTIVITIES, "not both"),
    ({"title": "   "}, ChallengeField.TITLE, "title"),
    ({"meetup_date": "2026-12-01"}, ChallengeField.MEETUP_DATE, "after the last day"),
    ({"meetup_date": "2026-11-20"}, ChallengeField.MEETUP_DATE, "The meetup date is in the past (today is Mon 23 Nov"),
    ({"meetup_date": "2026-11-20", "days": "ten"}, ChallengeField.MEETUP_DATE, "The meetup date is in the past"),
    ({"channel": "GPRIVATE"}, ChallengeField.CHANNEL, "invite me"),
    ({"channel": "CARCHIVED"}, ChallengeField.CHANNEL, "archived"),
])
def test_bad_input_is_answered_inline_and_nothing_is_created(app: RunningApp, overrides: dict[str, Any], field: str,
                                                             says: str) -> None:
    response = app.slack.submit(open_new_challenge(app), answers(**overrides))
    assert says in errors(response)[field]
    assert latest_challenge(app) is None
    assert not app.fake.calls_to("chat.postMessage")


def test_every_invalid_field_is_shown_at_once(app: RunningApp) -> None:
    response = app.slack.submit(open_new_challenge(app), answers(
        title=" ", channel="GPRIVATE", timezone="Europe/Atlantis", days="101", meetup_date="2026-11-01"))
    shown = errors(response)
    assert set(shown) == {ChallengeField.TITLE, ChallengeField.CHANNEL, ChallengeField.TIMEZONE, ChallengeField.DAYS}
    assert "invite me" in shown[ChallengeField.CHANNEL] and "1 to 100 days" in shown[ChallengeField.DAYS]
    response = app.slack.submit(open_new_challenge(app), answers(
        start_date="2026-11-20", template=None, activities="one\ntwo\nthree", days="5", meetup_date="2026-11-21"))
    shown = errors(response)
    assert set(shown) == {ChallengeField.START_DATE, ChallengeField.ACTIVITIES, ChallengeField.MEETUP_DATE}
    assert "in the past" in shown[ChallengeField.START_DATE]
    assert "You gave 3 activities for 5 days" in shown[ChallengeField.ACTIVITIES]
    assert latest_challenge(app) is None and not app.fake.calls_to("chat.postMessage")


def test_a_start_date_of_today_in_the_challenges_zone_is_not_in_the_past(app: RunningApp) -> None:
    # 09:00 UTC on 23 November is already the 23rd in Tokyo, and the 22nd nowhere.
    app.clock.now = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    response = app.slack.submit(open_new_challenge(app), answers(start_date="2026-11-23", timezone="Asia/Tokyo"))
    assert response.body == ""
    response = app.slack.submit(open_new_challenge(app), answers(start_date="2026-11-22", timezone="Asia/Tokyo"))
    assert "in the past" in errors(response)[ChallengeField.START_DATE]


def test_a_public_channel_without_the_bot_is_joined(app: RunningApp) -> None:
    challenge = create_challenge(app, channel="CPUBLIC")
    assert app.fake.calls_to("conversations.join", channel="CPUBLIC")
    assert challenge.channel_id == "CPUBLIC"
