"""Slack's Retry-After is honoured by the whole process: after a 429, no call to that method comes early.

slack_sdk waits out a 429 only in the call that got it. When that call gives up (its retries all
refused), the next scheduled row, another client or another listener's thread must still wait.
"""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.clients import make_web_client
from tests.support.challenges import create_challenge, day_posts, entries, reply
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import RunningApp, settings_for
from tests.support.waiting import eventually


def test_after_a_429_that_outlasted_the_retries_another_client_waits_for_retry_after(fake_slack: FakeSlack) -> None:
    settings = settings_for(fake_slack, "sqlite://")
    fake_slack.fail("chat.postMessage", status=429, retry_after=1, times=4)  # the call and its three retries
    first, other = make_web_client(settings, BOT_TOKEN), make_web_client(settings, BOT_TOKEN)
    with pytest.raises(SlackApiError):
        first.chat_postMessage(channel="CCOMMUNITY", text="one")
    assert other.chat_postMessage(channel="CCOMMUNITY", text="two")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 5
    assert fake_slack.retry_after_violations == []


def test_a_listener_waits_out_the_retry_after_another_listener_got(app: RunningApp) -> None:
    create_challenge(app, days="3")
    app.tick()
    for user in ("U1", "U2"):
        app.slack.command("/challenge", "join", user=user)
    thread = day_posts(app)[-1]["ts"]
    app.fake.fail("reactions.add", status=429, retry_after=1, times=4)
    reply(app, thread, "Day 1: done.", user="U1")
    app.fake.wait_for("reactions.add", count=4, timeout=10)  # the first reply's confirmation, refused
    reply(app, thread, "Day 1: done too.", user="U2")
    eventually(lambda: len(app.fake.reactions) == 1, timeout=10)
    assert len(entries(app)) == 2
    assert app.fake.retry_after_violations == []
