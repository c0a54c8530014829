"""Web API calls reuse their thread's connection to Slack, and lose nothing when Slack closes it while idle."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.slack import connections
from bot.slack.clients import make_web_client, without_blind_retries
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import settings_for
from tests.support.waiting import eventually


def _socket(url: str) -> Any:
    """This thread's kept-alive socket to the host of `url`, if any."""
    connection = connections.kept().get(("http", urlsplit(url).netloc))
    return connection.sock if connection is not None else None


def test_calls_from_one_thread_share_one_kept_alive_connection(fake_slack: FakeSlack) -> None:
    client = make_web_client(settings_for(fake_slack, "sqlite://"), BOT_TOKEN)
    client.auth_test()
    first = _socket(fake_slack.api_url)
    client.chat_postMessage(channel="CCOMMUNITY", text="one")
    client.users_info(user="U1")
    assert first is not None and _socket(fake_slack.api_url) is first
    assert [c.method for c in fake_slack.calls][-3:] == ["auth.test", "chat.postMessage", "users.info"]


@pytest.fixture
def closing_server() -> Iterator[tuple[str, list[str]]]:
    """A Web API that keeps HTTP/1.1 connections but closes each one after its answer, unannounced."""
    answered: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            answered.append(self.path)
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True  # as a server closing an idle connection, no "Connection: close"

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/", answered
    finally:
        server.shutdown()
        server.server_close()


def test_a_connection_closed_by_slack_while_idle_is_opened_again_without_an_error(
        fake_slack: FakeSlack, closing_server: tuple[str, list[str]]) -> None:
    url, answered = closing_server
    # A client that does not retry a lost connection: the second call must not need a retry.
    client = without_blind_retries(make_web_client(
        dataclasses.replace(settings_for(fake_slack, "sqlite://"), slack_api_url=url), BOT_TOKEN))
    assert client.auth_test()["ok"]
    first = _socket(url)
    eventually(lambda: connections._closed_by_server(connections.kept()[("http", urlsplit(url).netloc)]))
    assert client.users_info(user="U1")["ok"]  # on a new connection
    assert answered == ["/api/auth.test", "/api/users.info"]
    assert first is not None and _socket(url) is not first
