"""Two scheduler instances under shared rate limits, against a fake Slack enforcing Slack's: every
day post, introduction and nudge once, in order, and no call over a limit (PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.deps import build_deps
from bot.slack.messaging import DELIVERY_EVENT
from tests.bot.jobs.test_social_jobs import both_tick
from tests.support.challenges import create_challenge
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import running_app, settings_for

SHARED = {"SLACK_RATE_LIMITS": "shared", "SLACK_RATE_LIMITS_SPEED": "20"}  # a second of Slack's in 50 ms


def test_two_instances_fan_out_under_shared_limits_each_message_once(fake_slack: FakeSlack,
                                                                    postgres_url: str) -> None:
    users = [f"UR{i}" for i in range(1, 13)]
    for user in users:
        fake_slack.add_user(user, tz="UTC")
    with running_app(fake_slack, postgres_url, **SHARED) as app:
        other = dataclasses.replace(build_deps(settings_for(fake_slack, postgres_url, **SHARED)), clock=app.clock)
        challenge = create_challenge(app, days="2", start_date="2026-11-24", timezone="UTC")
        for user in users:
            app.slack.command("/challenge", "join", user=user)
        limits = fake_slack.rate_limits(speed=20)
        try:
            moment = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
            for step in (timedelta(0), timedelta(hours=6), timedelta(hours=18), timedelta(hours=6)):
                moment += step
                app.clock.now = moment
                both_tick(app.deps, other, moment)
        finally:
            other.sessions.kw["bind"].dispose()
    keys = Counter(m["metadata"]["event_payload"]["key"] for messages in fake_slack.messages.values()
                   for m in messages if (m.get("metadata") or {}).get("event_type") == DELIVERY_EVENT)
    assert [k for k, n in keys.items() if n > 1] == []
    assert len([k for k in keys if k.startswith("challenge-day:")]) == 2
    assert len([k for k in keys if k.startswith("nudge:")]) == 2 * len(users)  # nobody journaled
    assert len([k for k in keys if k.startswith("social:")]) >= len(users) // 3  # the introductions, at least
    days = [m["text"] for m in fake_slack.messages[challenge.channel_id] if "Day " in m["text"]]
    assert ["Day 1" in days[0], "Day 2" in days[-1]] == [True, True]
    assert limits.limited == {}
