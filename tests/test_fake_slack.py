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



def chaotic_run(seed: int) -> list[str]:
    """100 posts with no retries under chaos from `seed`: each one's outcome."""
    fake = FakeSlack().start()
    fake.add_channel("C1")
    bare = WebClient(token=BOT_TOKEN, base_url=fake.api_url, retry_handlers=[])
    fake.chaos(rate=0.3, seed=seed, retry_after=0, methods=["chat.postMessage"])
    outcomes = []
    for _ in range(100):
        try:
            outcomes.append(bare.chat_postMessage(channel="C1", text="x")["ts"] and "ok")
        except SlackApiError as error:
            outcomes.append(str(error.response.status_code))
        except OSError:
            outcomes.append("dropped")
    fake.stop()
    faults = fake.faults_by_kind()
    assert set(faults) == {"ratelimited", "500", "503", "dropped_before", "dropped_after"}
    assert outcomes.count("dropped") == faults["dropped_before"] + faults["dropped_after"]
    # A call dropped after it was handled took effect: its message is there.
    assert len(fake.messages["C1"]) == outcomes.count("ok") + faults["dropped_after"]
    return outcomes


def test_chaos_is_reproducible_from_its_seed_and_drops_calls_before_or_after_handling_them() -> None:
    assert chaotic_run(7) == chaotic_run(7)


def test_a_call_before_retry_after_elapsed_is_noted(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.fail("chat.postMessage", status=429, retry_after=60)
    error_of(lambda: client.chat_postMessage(channel="CCOMMUNITY", text="x"))  # slack_sdk makes it wait, once
    assert client.chat_postMessage(channel="CCOMMUNITY", text="x")["ok"]
    assert len(fake_slack.retry_after_violations) == 1
    assert client.conversations_open(users="U1")["ok"] and len(fake_slack.retry_after_violations) == 1
