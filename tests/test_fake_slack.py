"""The fake Slack answers like Slack, including when a payload breaks Block Kit's limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.support.fake_slack import BOT_TOKEN, FakeSlack


@pytest.fixture
def client(fake_slack: FakeSlack) -> Iterator[WebClient]:
    yield WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url)


def error_of(call: object) -> str:
    with pytest.raises(SlackApiError) as raised:
        call()  # type: ignore[operator]
    return str(raised.value.response["error"])


def section(text: str) -> dict[str, object]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_messages_over_block_kit_limits_are_invalid_blocks(client: WebClient) -> None:
    def post(blocks: list[dict[str, object]]) -> object:
        return client.chat_postMessage(channel="CCOMMUNITY", text="x", blocks=blocks)

    assert error_of(lambda: post([section("a" * 3001)])) == "invalid_blocks"
    assert error_of(lambda: post([section("a")] * 51)) == "invalid_blocks"
    long_label = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "b" * 76}}
    assert error_of(lambda: post([{"type": "actions", "elements": [long_label]}])) == "invalid_blocks"
    assert client.chat_postMessage(channel="CCOMMUNITY", text="x", blocks=[section("fine")])["ok"]


def test_views_over_limits_are_rejected(client: WebClient) -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "t" * 25}, "blocks": [section("a")]}
    assert error_of(lambda: client.views_open(trigger_id="t", view=modal)) == "invalid_arguments"
    too_much_metadata = {"type": "modal", "title": {"type": "plain_text", "text": "ok"}, "private_metadata": "m" * 3001,
                         "blocks": []}
    assert error_of(lambda: client.views_open(trigger_id="t", view=too_much_metadata)) == "invalid_arguments"
    home = {"type": "home", "blocks": [section("a")] * 101}
    assert error_of(lambda: client.views_publish(user_id="U1", view=home)) == "invalid_blocks"


def test_channels_answer_like_slack(client: WebClient) -> None:
    assert error_of(lambda: client.chat_postMessage(channel="CPUBLIC", text="x")) == "not_in_channel"
    assert error_of(lambda: client.chat_postMessage(channel="GPRIVATE", text="x")) == "channel_not_found"
    assert error_of(lambda: client.chat_postMessage(channel="CARCHIVED", text="x")) == "is_archived"
    assert error_of(lambda: client.chat_postMessage(channel="CNOPE", text="x")) == "channel_not_found"


def test_bad_tokens_are_refused(fake_slack: FakeSlack) -> None:
    stranger = WebClient(token="xoxb-stranger", base_url=fake_slack.api_url)
    assert error_of(lambda: stranger.auth_test()) == "invalid_auth"


def test_failures_on_demand(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=3)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="CCOMMUNITY", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers.get("Retry-After") == "3"
    assert client.chat_postMessage(channel="CCOMMUNITY", text="x")["ok"]
