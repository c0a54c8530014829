"""The acknowledgement: Slack gets the listener's ack() as soon as it is called, each request its own."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import Ack, App, BoltRequest

from bot.deps import build_deps
from bot.slack_app import AckWaitingExecutor, create_app
from tests.support.fake_slack import TEAM_ID, FakeSlack
from tests.support.running_app import SIGNING_SECRET, settings_for
from tests.support.slack_requests import sign


@pytest.fixture
def bolt_app(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[App]:
    """The real Bolt app (every listener registered), dispatched to directly."""
    deps = build_deps(settings_for(fake_slack, sqlite_url))
    yield create_app(deps)
    deps.sessions.kw["bind"].dispose()


def signed(body: str, content_type: str) -> BoltRequest:
    ts = str(int(time.time()))
    return BoltRequest(body=body, headers={
        "content-type": [content_type], "x-slack-request-timestamp": [ts],
        "x-slack-signature": [sign(body.encode(), SIGNING_SECRET, int(ts))],
    })


def command(name: str, text: str = "") -> BoltRequest:
    return signed(urlencode({
        "team_id": TEAM_ID, "user_id": "U1", "channel_id": "CCOMMUNITY", "command": name, "text": text,
        "response_url": "http://127.0.0.1:9/response", "trigger_id": "trigger",
    }), "application/x-www-form-urlencoded")


def test_the_ack_is_answered_while_the_listener_goes_on(bolt_app: App) -> None:
    release, finished = threading.Event(), threading.Event()

    @bolt_app.command("/probe")
    def probe(ack: Ack) -> None:
        ack(text="pong")
        release.wait(10)
        finished.set()

    response = bolt_app.dispatch(command("/probe"))

    assert response.status == 200 and "pong" in response.body
    assert not finished.is_set()
    release.set()
    assert finished.wait(10)


def test_each_request_gets_its_own_ack_under_concurrency(bolt_app: App) -> None:
    acked = [threading.Event() for _ in range(60)]

    @bolt_app.command("/echo")
    def echo(ack: Ack, command: dict[str, Any]) -> None:
        n = int(command["text"])
        if n % 2 == 0:  # acks out of order: each even request waits for the odd one beside it
            acked[n + 1].wait(10)
        ack(text=f"echo {n}")
        acked[n].set()

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda n: bolt_app.dispatch(command("/echo", str(n))), range(60)))

    assert [a.status for a in answers] == [200] * 60
    assert [a.body for a in answers] == [f"echo {n}" for n in range(60)]


def test_an_event_is_acked_before_its_listener_runs(bolt_app: App) -> None:
    release, finished = threading.Event(), threading.Event()

    @bolt_app.event("reaction_added")
    def on_reaction() -> None:
        release.wait(10)
        finished.set()

    body = json.dumps({"team_id": TEAM_ID, "api_app_id": "A0001", "type": "event_callback", "event_id": "Ev1",
                       "event": {"type": "reaction_added", "user": "U1", "reaction": "tada"}})
    response = bolt_app.dispatch(signed(body, "application/json"))

    assert response.status == 200 and not finished.is_set()
    release.set()
    assert finished.wait(10)


def test_a_listener_that_fails_before_acking_gets_slack_an_error_answer(bolt_app: App) -> None:
    @bolt_app.command("/broken")
    def broken(ack: Ack) -> None:
        raise RuntimeError("boom")

    response = bolt_app.dispatch(command("/broken"))

    assert response.status == 500


def test_a_full_listener_queue_holds_the_next_request_until_there_is_room() -> None:
    executor = AckWaitingExecutor(max_workers=1, waiting=1, thread_name_prefix="listener")
    release = threading.Event()
    first, second = executor.submit(release.wait), executor.submit(release.wait)  # one running, one waiting
    submitted = threading.Event()

    def send() -> None:
        executor.submit(lambda: None)
        submitted.set()

    sender = threading.Thread(target=send)
    sender.start()
    assert not submitted.wait(0.2)  # held: the queue is full
    release.set()
    assert submitted.wait(5)
    sender.join()
    assert first.result(5) and second.result(5)
    executor.shutdown()
