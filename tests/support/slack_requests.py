"""Requests to the app, built the way Slack sends them: signed over HTTP, or in Socket Mode envelopes."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from tests.support.fake_slack import TEAM_ID, FakeSlack
from tests.support.fake_socket_mode import EVENTS_API, INTERACTIVE, SLASH_COMMANDS, FakeSocketMode

_ids = itertools.count(1)


def sign(body: bytes, secret: str, timestamp: int) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


def http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return Response(reply.status, reply.read().decode(), dict(reply.headers))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode(), dict(error.headers))


def view_state(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """The `state.values` Slack sends when a member fills `view`'s inputs with `answers` (by block_id)."""
    values: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input" or block["block_id"] not in answers:
            continue
        element = block["element"]
        values[block["block_id"]] = {element["action_id"]: _element_state(element, answers[block["block_id"]])}
    return {"values": values}


def _element_state(element: dict[str, Any], answer: Any) -> dict[str, Any]:
    kind = element["type"]
    state: dict[str, Any] = {"type": kind}
    if kind in ("static_select", "radio_buttons", "external_select"):
        state["selected_option"] = (None if answer is None
                                    else {"value": answer, "text": {"type": "plain_text", "text": str(answer)}})
    elif kind in ("checkboxes", "multi_static_select"):
        state["selected_options"] = [{"value": v, "text": {"type": "plain_text", "text": str(v)}} for v in answer]
    else:
        key = {
            "conversations_select": "selected_conversation",
            "channels_select": "selected_channel",
            "users_select": "selected_user",
            "multi_users_select": "selected_users",
            "multi_conversations_select": "selected_conversations",
            "multi_channels_select": "selected_channels",
            "datepicker": "selected_date",
            "timepicker": "selected_time",
        }.get(kind, "value")
        state[key] = answer
    return state


class SlackSender:
    """Sends signed slash commands, button clicks, modal submissions and events to the app."""

    def __init__(self, app_url: str, signing_secret: str, fake: FakeSlack, team_id: str = TEAM_ID) -> None:
        self.url = app_url.rstrip("/") + "/slack/events"
        self.secret = signing_secret
        self.fake = fake
        self.team_id = team_id

    def post(self, body: bytes, content_type: str, *, timestamp: int | None = None, signature: str | None = None,
             headers: dict[str, str] | None = None) -> Response:
        ts = int(time.time()) if timestamp is None else timestamp
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature if signature is not None else sign(body, self.secret, ts),
        } | (headers or {})
        return http("POST", self.url, body, all_headers)

    def post_form(self, fields: dict[str, str], **kwargs: Any) -> Response:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded", **kwargs)

    def command(self, command: str, text: str = "", *, user: str = "U1", channel: str = "CCOMMUNITY",
                **kwargs: Any) -> Response:
        n = next(_ids)
        return self.post_form({
            "token": "legacy", "team_id": self.team_id, "team_domain": "test", "channel_id": channel,
            "channel_name": channel.lower(), "user_id": user, "user_name": user.lower(), "command": command,
            "text": text, "api_app_id": "A0001", "is_enterprise_install": "false",
            "response_url": self.fake.response_url(f"cmd{n}"), "trigger_id": f"trigger{n}",
        }, **kwargs)

    def _interaction(self, payload: dict[str, Any], **kwargs: Any) -> Response:
        return self.post_form({"payload": json.dumps(payload)}, **kwargs)

    def action(self, action_id: str, value: str | None = None, *, user: str = "U1", block_id: str = "b",
               channel: str | None = None, message: dict[str, Any] | None = None, view: dict[str, Any] | None = None,
               selected: Any = None) -> Response:
        """A click on a button (or a choice in a select) with `action_id`."""
        n = next(_ids)
        action: dict[str, Any] = {"type": "button", "action_id": action_id, "block_id": block_id,
                                  "action_ts": f"{time.time():.6f}"}
        if value is not None:
            action["value"] = value
        if selected is not None:
            action |= {"type": "static_select", "selected_option": {"value": selected}}
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": self.team_id, "domain": "test"},
            "user": {"id": user, "username": user.lower(), "team_id": self.team_id}, "api_app_id": "A0001",
            "trigger_id": f"trigger{n}", "actions": [action], "response_url": self.fake.response_url(f"act{n}"),
        }
        if channel is not None:
            payload["channel"] = {"id": channel}
            payload["container"] = {"type": "message", "channel_id": channel, "message_ts": (message or {}).get("ts")}
        if message is not None:
            payload["message"] = message
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view.get("id")}
        return self._interaction(payload)

    def submit(self, view: dict[str, Any], answers: dict[str, Any], *, user: str = "U1") -> Response:
        """Submit the modal `view` (as the app opened it) filled with `answers` by block_id."""
        submitted = view | {"id": view.get("id", "V1"), "state": view_state(view, answers), "team_id": self.team_id}
        payload = {
            "type": "view_submission", "team": {"id": self.team_id, "domain": "test"},
            "user": {"id": user, "username": user.lower(), "team_id": self.team_id}, "api_app_id": "A0001",
            "trigger_id": f"trigger{next(_ids)}", "view": submitted,
        }
        return self._interaction(payload)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None) -> Response:
        body = {
            "token": "legacy", "team_id": self.team_id, "api_app_id": "A0001", "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids)}", "event_time": int(time.time()), "event": event,
            "authorizations": [{"team_id": self.team_id, "user_id": "UBOT", "is_bot": True}],
        }
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else None
        return self.post(json.dumps(body).encode(), "application/json", headers=headers)


class SocketModeSender(SlackSender):
    """The same requests, delivered as Socket Mode envelopes; each answers with what its ack carried.

    The response is the one Bolt's HTTP adapter gives for the same ack: 200 with an empty body for a
    bare ack, the text alone for an ack with only a text, and JSON for anything else. Nothing is
    signed: a Socket Mode connection is authenticated when it is opened.
    """

    # Bolt acks nothing a listener does not handle (HTTP answers 404): waiting longer would not help.
    ACK_TIMEOUT = 15.0  # longer than the bot waits to send an ack whose connection closed

    def __init__(self, socket_mode: FakeSocketMode, fake: FakeSlack, team_id: str = TEAM_ID) -> None:
        super().__init__("socket-mode://", "", fake, team_id)
        self.socket_mode = socket_mode

    def post(self, body: bytes, content_type: str, *, timestamp: int | None = None, signature: str | None = None,
             headers: dict[str, str] | None = None) -> Response:
        retry: dict[str, Any] = {}
        if content_type == "application/json":
            kind, payload = EVENTS_API, json.loads(body)
            headers = {name.lower(): value for name, value in (headers or {}).items()}
            if "x-slack-retry-num" in headers:
                retry = {"retry_attempt": int(headers["x-slack-retry-num"]),
                         "retry_reason": headers.get("x-slack-retry-reason")}
        else:
            fields = dict(parse_qsl(body.decode(), keep_blank_values=True))
            if "payload" in fields:
                kind, payload = INTERACTIVE, json.loads(fields["payload"])
            else:
                kind, payload = SLASH_COMMANDS, fields
        envelope_id = self.socket_mode.send(kind, payload, **retry)
        ack = self.socket_mode.wait_for_ack(envelope_id, timeout=self.ACK_TIMEOUT)
        return as_http_response(ack.payload)


def as_http_response(payload: dict[str, Any] | None) -> Response:
    """What Bolt's HTTP adapter answers for the ack that Bolt's Socket Mode adapter sent with `payload`."""
    if not payload:
        return Response(200, "", {"Content-Type": "text/plain;charset=utf-8"})
    if set(payload) == {"text"} and isinstance(payload["text"], str):  # ack("some text")
        return Response(200, payload["text"], {"Content-Type": "text/plain;charset=utf-8"})
    return Response(200, json.dumps(payload), {"Content-Type": "application/json;charset=utf-8"})
