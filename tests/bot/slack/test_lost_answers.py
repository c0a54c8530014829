"""A scheduled post whose answer was lost (the connection dropped) is looked for, never repeated blindly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.slack.clients import make_web_client
from bot.slack.messaging import post_once
from bot.views.message import Message
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import settings_for

SINCE = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    fake_slack.clock = SINCE.timestamp
    return make_web_client(settings_for(fake_slack, "sqlite://", SLACK_RETRY_BACKOFF_SECONDS="0"), BOT_TOKEN)


def posts(fake: FakeSlack) -> list[dict]:  # type: ignore[type-arg]
    return [m for m in fake.messages.get("CCOMMUNITY", []) if m["text"] == "Day 1"]


def post_day_one(client: WebClient, attempt: int = 1) -> str:
    return post_once(client, key="challenge-day:1", attempt=attempt, since=SINCE, channel="CCOMMUNITY",
                     message=Message("Day 1"))


@pytest.mark.parametrize("after_handling", [True, False], ids=["posted-then-lost", "lost-before-posting"])
def test_a_post_whose_answer_was_lost_is_looked_for_and_posted_once(fake_slack: FakeSlack, client: WebClient,
                                                                     after_handling: bool) -> None:
    fake_slack.drop("chat.postMessage", after_handling=after_handling)
    ts = post_day_one(client)
    [posted] = posts(fake_slack)
    assert ts == posted["ts"]
    assert len(fake_slack.calls_to("conversations.history")) == 1  # it looked before posting again
    assert len(fake_slack.calls_to("chat.postMessage")) == 1 if after_handling else 2


def test_a_retry_finds_what_an_earlier_attempt_posted(fake_slack: FakeSlack, client: WebClient) -> None:
    first = post_day_one(client)
    assert post_day_one(client, attempt=2) == first
    assert len(posts(fake_slack)) == 1


def test_twice_lost_the_error_reaches_the_job_which_retries_later(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.drop("chat.postMessage", after_handling=False, times=2)
    with pytest.raises(OSError):
        post_day_one(client)
    assert posts(fake_slack) == []
    assert post_day_one(client, attempt=2) == posts(fake_slack)[0]["ts"]
    assert len(posts(fake_slack)) == 1
