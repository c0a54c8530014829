"""Both transports: the same app over HTTP and over Socket Mode, and what only Socket Mode has to get right.

Every end-to-end test that uses the `app` fixture runs once per transport; the tests here cover
what the transport itself owes: health, reconnecting without losing a request, and keeping the
app-level token to the one method it is for.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from bot.ids import Action, Command, SettingsField
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.running_app import TRANSPORTS, RunningApp, running_app
from tests.support.slack_requests import Response, as_http_response
from tests.support.waiting import eventually


@pytest.fixture(params=TRANSPORTS)
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def socket_app(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[RunningApp]:
    """The app in Socket Mode only, for what only Socket Mode has."""
    with running_app(fake_slack, sqlite_url, transport="socket") as running:
        yield running


def usage(response: Response) -> bool:
    return response.status == 200 and "/practice propose" in response.body


def test_health_names_the_websocket_only_in_socket_mode(app: RunningApp) -> None:
    health = app.get("/healthz")
    assert health.status == 200
    if app.transport == "socket":
        assert health.json() == {"ok": True, "database": "ok", "socket_mode": "connected"}
    else:
        assert health.json() == {"ok": True, "database": "ok"}


def test_acks_read_as_bolts_http_adapter_answers_them() -> None:
    assert (as_http_response(None).body, as_http_response({}).body) == ("", "")
    assert as_http_response({"text": "plain"}).body == "plain"
    errors = {"response_action": "errors", "errors": {"name": "Give it a name"}}
    assert as_http_response(errors).json() == errors
    assert as_http_response({"text": "t", "blocks": []}).json() == {"text": "t", "blocks": []}


def test_envelopes_carry_what_slack_sends_with_each_kind(socket_app: RunningApp) -> None:
    socket_mode = socket_app.socket_mode
    assert socket_mode is not None
    seen: list[dict[str, object]] = []
    original = socket_mode._deliver

    def recording(connection, envelope_id, envelope):  # type: ignore[no-untyped-def]
        seen.append(envelope)
        original(connection, envelope_id, envelope)

    socket_mode._deliver = recording  # type: ignore[method-assign]
    assert usage(socket_app.slack.command(Command.PRACTICE, "help"))
    socket_app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"}, retry_num=2)
    socket_app.slack.action(Action.OPEN_SETTINGS, user="UADMIN")
    command, event, action = seen
    assert (command["type"], command["accepts_response_payload"]) == ("slash_commands", True)
    assert (event["type"], event["accepts_response_payload"]) == ("events_api", False)
    assert (event["retry_attempt"], event["retry_reason"]) == (2, "http_timeout")
    assert (action["type"], action["accepts_response_payload"]) == ("interactive", False)
    assert all(isinstance(e["envelope_id"], str) and isinstance(e["payload"], dict) for e in seen)


@pytest.mark.parametrize("how", ["disconnect", "server closes the socket"])
def test_the_next_command_after_a_reconnect_is_answered(how: str, socket_app: RunningApp) -> None:
    socket_mode = socket_app.socket_mode
    assert socket_mode is not None
    current = socket_mode.wait_for_connection(1)
    for number in (2, 3):
        if how == "disconnect":
            socket_mode.send_disconnect(current)
        else:
            socket_mode.close(current)
        current = socket_mode.wait_for_connection(number)
        assert usage(socket_app.slack.command(Command.PRACTICE, "help"))
        assert socket_mode.acks[-1].connection == number
    assert eventually(lambda: socket_app.get("/healthz").status == 200)


def test_no_request_is_lost_while_the_connection_is_handed_over(socket_app: RunningApp) -> None:
    """Commands keep coming while Slack moves the bot to a new connection, twice: each is answered."""
    socket_mode = socket_app.socket_mode
    assert socket_mode is not None
    answered: list[Future[Response]] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        def burst() -> None:
            answered.extend(pool.submit(socket_app.slack.command, Command.PRACTICE, "help") for _ in range(8))

        burst()
        socket_mode.send_disconnect(socket_mode.wait_for_connection(1))
        burst()  # most of these still go out on the connection being left
        second = socket_mode.wait_for_connection(2)
        burst()
        socket_mode.close(second)
        burst()  # on the closing socket, then on the third once the bot has opened it
        socket_mode.wait_for_connection(3)
        burst()
        responses = [future.result(timeout=30) for future in answered]
    assert all(usage(response) for response in responses), [r.body for r in responses if not usage(r)]
    assert len({socket_mode.envelopes[a.envelope_id].connection for a in socket_mode.acks}) >= 2


def test_the_app_token_is_sent_only_to_apps_connections_open(socket_app: RunningApp) -> None:
    """A whole flow in Socket Mode (command, App Home, button, modal with errors then saved, reconnect)."""
    app, socket_mode = socket_app, socket_app.socket_mode
    assert socket_mode is not None
    assert usage(app.slack.command(Command.PRACTICE, "help"))
    app.slack.event({"type": "app_home_opened", "user": "UADMIN", "tab": "home", "channel": "D1"})
    app.fake.wait_for("views.publish")
    app.slack.action(Action.OPEN_SETTINGS, user="UADMIN")
    modal = app.fake.wait_for("views.open")["view"]
    refused = app.slack.submit(modal, {SettingsField.CHANNEL: "CCOMMUNITY", SettingsField.COORDINATORS: [],
                                       SettingsField.TIMEZONE: "Mars/Olympus"}, user="UADMIN")
    assert refused.json()["response_action"] == "errors"
    saved = app.slack.submit(modal, {SettingsField.CHANNEL: "CCOMMUNITY", SettingsField.COORDINATORS: [],
                                     SettingsField.TIMEZONE: "UTC"}, user="UADMIN")
    assert saved.body == ""
    socket_mode.send_disconnect(socket_mode.wait_for_connection(1))
    socket_mode.wait_for_connection(2)
    assert usage(app.slack.command(Command.PRACTICE, "help"))
    tokens = {(call.method, call.token) for call in app.fake.calls}
    assert {token for method, token in tokens if method == "apps.connections.open"} == {APP_TOKEN}
    # The file bytes go to the pre-signed upload URL files.getUploadURLExternal gave, which takes no token.
    assert {token for method, token in tokens if method not in ("apps.connections.open", "upload")} == {BOT_TOKEN}
    assert len(app.fake.calls_to("apps.connections.open")) >= 2
