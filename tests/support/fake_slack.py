"""A fake Slack Web API served over real HTTP on loopback.

It answers like Slack (form or JSON bodies, `{"ok": false, "error": …}`), records every call,
keeps the messages the bot posts, checks Block Kit against Slack's documented limits, and
can fail on demand with 429 + Retry-After, 5xx or any Slack error, or, in chaos mode (`chaos()`),
at random from a seed: 429 + Retry-After, 500, 503, and connections dropped before or after the
call was handled. Every fault is kept with its time; a call made before a 429's Retry-After had
elapsed (same method, same workspace) is answered 429 again and noted as a violation.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

from tests.support.block_limits import check_blocks, check_view
from tests.support.fake_limits import RateLimits

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test-token"  # the app-level token Socket Mode connects with
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def text(self) -> str:
        """Everything a member would read in this message or view: text and every block's text."""
        parts = [str(self.params.get("text") or "")]
        for key in ("blocks", "view"):
            if key in self.params:
                parts.append(_all_text(self.params[key]))
        return "\n".join(p for p in parts if p)


def _all_text(node: Any) -> str:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        return "\n".join(found + [_all_text(v) for k, v in node.items() if k != "text" or not isinstance(v, str)])
    if isinstance(node, list):
        return "\n".join(_all_text(v) for v in node)
    return ""


@dataclass
class Failure:
    error: str | None
    status: int
    retry_after: int | None
    times: int
    drop: str | None = None  # "dropped_before" or "dropped_after" handling the call: no answer at all


# What chaos mode injects: Slack's rate limit, its server errors, and a connection lost before the
# call was handled or after it (the call took effect, the answer never came).
FAULT_KINDS = ("ratelimited", "500", "503", "dropped_before", "dropped_after")


@dataclass
class Fault:
    kind: str
    method: str
    token: str | None
    at: float  # time.monotonic() when it was answered (real time: slack_sdk sleeps real seconds)
    clock: float  # the (injected) clock's time
    retry_after: int | None = None


@dataclass
class Chaos:
    rate: float
    rng: random.Random
    retry_after: int
    methods: frozenset[str] | None  # None: every Web API method

    def pick(self, method: str) -> str | None:
        if self.methods is not None and method not in self.methods:
            return None
        if self.rng.random() >= self.rate:
            return None
        return self.rng.choice(FAULT_KINDS)


@dataclass
class Refusal:
    method: str
    error: str
    channel: str | None
    user: str | None
    needed: str | None

    def matches(self, method: str, p: dict[str, Any]) -> bool:
        if method != self.method:
            return False
        users = str(p.get("users") or p.get("user") or "").split(",")
        return ((self.channel is not None and p.get("channel") == self.channel)
                or (self.user is not None and (self.user in users or p.get("channel") == self.user)))


@dataclass
class FakeSlack:
    """Start with `start()`; point the app at `api_url`."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    valid_tokens: set[str] = field(default_factory=lambda: {BOT_TOKEN, APP_TOKEN})
    uploads: dict[str, bytes] = field(default_factory=dict)
    reactions: set[tuple[Any, Any, Any]] = field(default_factory=set)  # (channel, timestamp, name) the bot added
    # Message timestamps come from here; the running app points it at the test's injected clock.
    clock: Callable[[], float] = time.time
    token_rotation: bool = False
    # What apps.connections.open answers: a Socket Mode URL (tests/support/fake_socket_mode.py) per call.
    socket_mode_url: Callable[[], str] | None = None
    # Lasting refusals (see `refuse`): each call of the method about that channel or member fails so.
    refusals: list[Refusal] = field(default_factory=list)
    # Seconds each call of a method waits, after it is answered and recorded, before the answer is sent.
    delays: dict[str, float] = field(default_factory=dict)
    # Each bot token's workspace: a token sees its own workspace's members and channels only.
    team_tokens: dict[str, str] = field(default_factory=lambda: {BOT_TOKEN: TEAM_ID})

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._caller = threading.local()  # the workspace of the token the call being answered came with
        self._failures: dict[str, list[Failure]] = {}
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._chaos: Chaos | None = None
        self.faults: list[Fault] = []
        # (token, method) → when (time.monotonic()) its last 429 lets it be called again, and when it was answered
        self._limited: dict[tuple[str | None, str], tuple[float, float]] = {}
        self.retry_after_violations: list[str] = []
        self.limits: RateLimits | None = None  # Slack's rate limits, when `rate_limits()` turned them on

    # -- set-up ---------------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # connections kept alive between calls, as Slack keeps them
            # The headers and the body go in two writes: without this, Nagle's algorithm holds the body
            # until the client's delayed ACK of the headers, 40 ms a call on a kept-alive connection.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                arrived = time.monotonic()
                try:
                    fake._handle(self, arrived)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the app hung up before its answer came: killed, or gave up waiting

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def response_url(self, key: str = "r") -> str:
        return f"{self.base_url}/response/{key}"

    def add_user(
        self, user_id: str, *, name: str | None = None, tz: str = "Europe/Paris", **extra: Any
    ) -> dict[str, Any]:
        user = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name or user_id.lower(),
            "real_name": name or user_id,
            "tz": tz,
            "is_admin": False,
            "is_owner": False,
            "is_bot": False,
            "deleted": False,
            "profile": {"display_name": name or user_id, "real_name": name or user_id},
        } | extra
        self.users[user_id] = user
        return user

    def add_team(self, team_id: str, token: str) -> None:
        """A second workspace: `token` is its bot token, `oauth.v2.access` with code `good-code-TEAM` installs it."""
        self.team_tokens[token] = team_id
        self.valid_tokens.add(token)

    def add_channel(self, channel_id: str, *, name: str | None = None, is_private: bool = False,
                    is_member: bool = True, is_archived: bool = False, team_id: str = TEAM_ID) -> dict[str, Any]:
        channel = {
            "id": channel_id,
            "team_id": team_id,
            "name": name or channel_id.lower(),
            "is_channel": not is_private,
            "is_group": is_private,
            "is_private": is_private,
            "is_im": False,
            "is_member": is_member,
            "is_archived": is_archived,
        }
        self.channels[channel_id] = channel
        return channel

    def fail(self, method: str, error: str | None = None, *, status: int = 200,
             retry_after: int | None = None, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail: a Slack `error`, or an HTTP `status`."""
        with self._lock:
            self._failures.setdefault(method, []).append(Failure(error, status, retry_after, times))

    # -- lasting problems: a member deactivated or gone, a channel lost, a permission missing ----

    def refuse(self, method: str, error: str, *, channel: str | None = None, user: str | None = None,
               needed: str | None = None) -> None:
        """From now on, every call of `method` about `channel` (or member `user`) answers `error`."""
        with self._lock:
            self.refusals.append(Refusal(method, error, channel, user, needed))

    def deactivate_user(self, user_id: str) -> None:
        """An admin deactivated the member: DMs to them answer account_inactive."""
        self.users[user_id]["deleted"] = True

    def remove_user(self, user_id: str) -> None:
        """Slack no longer knows the member: user_not_found."""
        self.users.pop(user_id, None)

    def make_bot(self, user_id: str) -> None:
        """The member is a bot user, which the bot cannot DM: cannot_dm_bot."""
        self.users[user_id]["is_bot"] = True
        for method in ("conversations.open", "chat.postMessage"):
            self.refuse(method, "cannot_dm_bot", user=user_id)

    def archive_channel(self, channel_id: str) -> None:
        self.channels[channel_id]["is_archived"] = True

    def delete_channel(self, channel_id: str) -> None:
        self.channels.pop(channel_id, None)

    def withhold_scope(self, method: str, scope: str, *, channel: str | None = None, user: str | None = None) -> None:
        """The app was installed without `scope`: `method` answers missing_scope (for that channel or member)."""
        self.refuse(method, "missing_scope", channel=channel, user=user, needed=scope)

    def _refused(self, method: str, p: dict[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            refusal = next((r for r in self.refusals if r.matches(method, p)), None)
        if refusal is None:
            return None
        body: dict[str, Any] = {"ok": False, "error": refusal.error}
        if refusal.needed:
            body |= {"needed": refusal.needed, "provided": "commands,chat:write"}
        return body

    def slow_down(self, method: str, seconds: float) -> None:
        """Hold every answer to `method` for `seconds`: the call has taken effect (a message is posted and
        recorded) before the app hears back, as when Slack is slow, so an app killed meanwhile never knows."""
        self.delays[method] = seconds

    def _hold_answer(self, method: str) -> None:
        if seconds := self.delays.get(method):
            threading.Event().wait(seconds)

    def drop(self, method: str, *, after_handling: bool, times: int = 1) -> None:
        """Drop the connection of the next `times` calls of `method`, without an answer: before handling
        the call, or after (it took effect: a message was posted, and the client never heard)."""
        kind = "dropped_after" if after_handling else "dropped_before"
        with self._lock:
            self._failures.setdefault(method, []).append(Failure(None, 0, None, times, drop=kind))

    def chaos(self, rate: float = 0.05, *, seed: int = 0, retry_after: int = 1,
              methods: Iterable[str] | None = None) -> None:
        """Fail `rate` of the Web API calls (of `methods`, default all) at random, reproducibly from `seed`.

        Each fault is one of FAULT_KINDS, recorded in `faults`. While chaos is on, a call made before
        a 429's Retry-After elapsed is refused with 429 again, as Slack does.
        """
        with self._lock:
            self._chaos = Chaos(rate, random.Random(seed), retry_after,
                                frozenset(methods) if methods is not None else None)

    def rate_limits(self, *, speed: float = 1.0) -> RateLimits:
        """Enforce Slack's documented rate limits (tests/support/fake_limits.py), `speed` times faster."""
        self.limits = RateLimits(speed=speed)
        return self.limits

    def calm(self) -> None:
        """Stop injecting faults (what was recorded stays)."""
        with self._lock:
            self._chaos = None

    def faults_by_kind(self) -> dict[str, int]:
        with self._lock:
            return {kind: n for kind in FAULT_KINDS if (n := sum(f.kind == kind for f in self.faults))}

    # -- reading what happened -------------------------------------------------------------------

    def calls_to(self, method: str, **match: Any) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and all(c.params.get(k) == v for k, v in match.items())]

    def wait_for(self, method: str, predicate: Callable[[Call], bool] = lambda c: True, *,
                 count: int = 1, timeout: float = 5.0) -> Call:
        """Wait until `count` calls of `method` match `predicate`; return the last one."""
        with self._lock:
            ok = self._lock.wait_for(
                lambda: len([c for c in self.calls if c.method == method and predicate(c)]) >= count, timeout
            )
            matching = [c for c in self.calls if c.method == method and predicate(c)]
        if not ok:
            seen = "\n".join(f"  {c.method} {json.dumps(c.params)[:300]}" for c in self.calls[-15:])
            raise AssertionError(f"no {count}× {method} matching within {timeout}s; last calls:\n{seen}")
        return matching[count - 1]

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    # -- the HTTP side ---------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler, arrived: float) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length)
        path = urlparse(request.path).path
        if path.startswith("/upload/"):
            self.uploads[path.rsplit("/", 1)[-1]] = raw
            self._record(Call("upload", {"file_id": path.rsplit("/", 1)[-1], "size": len(raw)}, None))
            return _send(request, 200, {"ok": True}, raw_text=f"OK - {len(raw)}")
        params = _parse(raw, request.headers.get("Content-Type", ""))
        if path.startswith("/response/"):
            self._record(Call("response_url", params | {"key": path.rsplit("/", 1)[-1]}, None))
            return _send(request, 200, {"ok": True}, raw_text="ok")
        method = path.removeprefix("/api/")
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.pop("token", None)
        early = self._too_early(method, token, arrived)
        if early is not None:  # Slack answers 429 again, with what is left of the wait
            self._record(Call(method, params | {"_failed": "too_early"}, token))
            return _send(request, 429, {"ok": False, "error": "ratelimited"}, headers={"Retry-After": str(early)})
        if self.limits is not None and (wait := self.limits.check(token, method, params)) is not None:
            self._record(Call(method, params | {"_failed": "rate_limited"}, token))
            return _send(request, 429, {"ok": False, "error": "ratelimited"}, headers={"Retry-After": str(wait)})
        fault = self._pick_fault(method, token)
        if fault in ("ratelimited", "500", "503"):
            self._record(Call(method, params | {"_failed": fault}, token))
            return self._refuse(request, method, token, 429 if fault == "ratelimited" else int(fault))
        if fault == "dropped_before":
            self._record(Call(method, params | {"_failed": fault}, token))
            return _drop(request)
        failure = self._take_failure(method)
        if failure is not None and failure.drop == "dropped_after":
            fault, failure = "dropped_after", None
        if failure is not None and failure.drop == "dropped_before":
            self._record(Call(method, params | {"_failed": failure.drop}, token))
            return _drop(request)
        if failure is not None:
            self._record(Call(method, params | {"_failed": failure.error or failure.status}, token))
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            error = failure.error or ("ratelimited" if failure.status == 429 else "internal_error")
            body = {"ok": False, "error": error}
            held = failure.retry_after if failure.status == 429 else None
            if held is not None:
                self._limit(method, token, held)
            _send(request, failure.status, body, headers=headers)
            if held is not None:
                self._answered(method, token)
            return None
        if (refused := self._refused(method, params)) is not None:
            self._record(Call(method, params | {"_failed": refused["error"]}, token))
            return _send(request, 200, refused)
        if method not in ("oauth.v2.access",) and token not in self.valid_tokens:
            self._record(Call(method, params, token))
            return _send(request, 200, {"ok": False, "error": "invalid_auth"})
        self._caller.team = self.team_tokens.get(token or "")
        try:
            result = self._answer(method, params)
        except SlackError as error:
            result = {"ok": False, "error": error.code}
        if fault == "dropped_after":  # it took effect; the answer is lost
            self._record(Call(method, params | {"_dropped": True}, token))
            return _drop(request)
        self._record(Call(method, params, token))
        self._hold_answer(method)
        _send(request, 200, result)

    # -- chaos ---------------------------------------------------------------------------------------

    def _pick_fault(self, method: str, token: str | None) -> str | None:
        with self._lock:
            kind = self._chaos.pick(method) if self._chaos is not None else None
            if kind is not None:
                retry_after = self._chaos.retry_after if kind == "ratelimited" else None  # type: ignore[union-attr]
                self.faults.append(Fault(kind, method, token, time.monotonic(), self.clock(), retry_after))
            return kind

    def _refuse(self, request: BaseHTTPRequestHandler, method: str, token: str | None, status: int) -> None:
        if status != 429:
            return _send(request, status, {"ok": False, "error": "internal_error"})
        retry_after = self._chaos.retry_after if self._chaos is not None else 1
        self._limit(method, token, retry_after)
        _send(request, 429, {"ok": False, "error": "ratelimited"}, headers={"Retry-After": str(retry_after)})
        self._answered(method, token)

    def _limit(self, method: str, token: str | None, seconds: int) -> None:
        """Hold `method` for `seconds` from now; the 429 saying so is not sent yet (see `_answered`)."""
        with self._lock:
            self._limited[(token, method)] = (time.monotonic() + seconds, math.inf)

    def _answered(self, method: str, token: str | None) -> None:
        """The 429 is sent: a call arriving from now on was made after the app could know of it."""
        with self._lock:
            until, _ = self._limited[(token, method)]
            self._limited[(token, method)] = (until, time.monotonic())

    def _too_early(self, method: str, token: str | None, arrived: float) -> int | None:
        """Note a call made before its method's Retry-After elapsed; in chaos mode, the seconds left to refuse
        it with. A call that arrived before the 429 was sent was already on its way: Slack refuses it, but
        the app could not have known."""
        with self._lock:
            until, answered = self._limited.get((token, method), (0.0, 0.0))
            now = time.monotonic()
            if now >= until:
                return None
            if arrived > answered:
                self.retry_after_violations.append(
                    f"{method} called {arrived - answered:.2f}s after a 429, {until - now:.2f}s before its Retry-After")
            return math.ceil(until - now) if self._chaos is not None else None

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self._failures.get(method) or []
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    # -- the Web API methods ---------------------------------------------------------------------

    def _answer(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        handler = getattr(self, "_api_" + method.replace(".", "_"), None)
        if handler is None:
            raise SlackError("unknown_method")
        return {"ok": True} | handler(p)

    def _visible(self, thing: dict[str, Any]) -> bool:
        """Whether the calling token's workspace sees this member or channel (another workspace's it does not).

        A member whose `team_id` is None belongs to every workspace, as an Enterprise Grid member can.
        """
        caller, team = getattr(self._caller, "team", None), thing.get("team_id")
        return caller is None or team is None or team == caller

    def _api_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        team = getattr(self._caller, "team", None) or TEAM_ID
        return {"team_id": team, "team": "Test Community", "user_id": BOT_USER_ID, "bot_id": BOT_ID,
                "url": "https://test.slack.com/", "user": "cop-bot"}

    def _user(self, user_id: Any) -> dict[str, Any]:
        user = self.users.get(str(user_id))
        if user is None or not self._visible(user):
            raise SlackError("user_not_found")
        return user

    def _api_users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"user": self._user(p.get("user"))}

    def _api_users_list(self, p: dict[str, Any]) -> dict[str, Any]:
        # Cursor pagination as Slack does it: the cursor is opaque, "" when there is no next page.
        limit = max(1, min(int(p.get("limit") or 200), 1000))
        start = int(p.get("cursor") or 0)
        users = [u for u in self.users.values() if self._visible(u)]
        page = users[start:start + limit]
        more = start + limit < len(users)
        return {"members": page, "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _channel(self, channel_id: Any) -> dict[str, Any]:
        channel = self.channels.get(str(channel_id))
        if channel is None or not self._visible(channel):
            raise SlackError("channel_not_found")
        return channel

    def _api_conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel(p.get("channel"))
        if channel["is_private"] and not channel["is_member"]:
            raise SlackError("channel_not_found")
        return {"channel": channel}

    def _api_conversations_join(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._channel(p.get("channel"))
        if channel["is_private"]:
            raise SlackError("method_not_supported_for_channel_type")
        if channel["is_archived"]:
            raise SlackError("is_archived")
        channel["is_member"] = True
        return {"channel": channel}

    def _api_conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        users = sorted(str(p.get("users", "")).split(","))
        for user_id in users:
            user = self._user(user_id)
            if user.get("deleted"):
                raise SlackError("account_inactive")
        channel_id = ("D" if len(users) == 1 else "G") + "_".join(users)
        self.channels.setdefault(channel_id, {"id": channel_id, "is_im": len(users) == 1, "is_mpim": len(users) > 1,
                                              "is_private": True, "is_member": True, "is_archived": False,
                                              "members": users})
        return {"channel": {"id": channel_id}}

    def _postable(self, channel_id: Any) -> dict[str, Any]:
        channel_id = str(channel_id)
        if channel_id.startswith("U"):  # posting to a user id opens their DM, as Slack does
            self._user(channel_id)
            dm = self._api_conversations_open({"users": channel_id})["channel"]
            return dm | {"is_member": True, "is_archived": False}
        channel = self._channel(channel_id)
        if channel["is_archived"]:
            raise SlackError("is_archived")
        if not channel["is_member"]:
            raise SlackError("channel_not_found" if channel["is_private"] else "not_in_channel")
        return channel

    def _api_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._postable(p.get("channel"))
        _check_message(p)
        message = {"type": "message", "ts": self._next_ts(), "user": BOT_USER_ID, "bot_id": BOT_ID,
                   "text": p.get("text", ""), "blocks": p.get("blocks") or [], "thread_ts": p.get("thread_ts")}
        if p.get("metadata"):
            message["metadata"] = p["metadata"] if isinstance(p["metadata"], dict) else json.loads(p["metadata"])
        self.messages.setdefault(channel["id"], []).append(message)
        return {"channel": channel["id"], "ts": message["ts"], "message": message}

    def _api_chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        self._postable(p.get("channel"))
        self._user(p.get("user"))
        _check_message(p)
        return {"message_ts": self._next_ts()}

    def _find_message(self, channel_id: Any, ts: Any) -> dict[str, Any]:
        for message in self.messages.get(str(channel_id), []):
            if message["ts"] == str(ts):
                return message
        raise SlackError("message_not_found")

    def _api_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        self._channel(p.get("channel"))
        message = self._find_message(p.get("channel"), p.get("ts"))
        _check_message(p)
        message.update({k: p[k] for k in ("text", "blocks") if k in p})
        return {"channel": p["channel"], "ts": message["ts"], "text": message["text"]}

    def _api_chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._find_message(p.get("channel"), p.get("ts"))
        self.messages[str(p["channel"])].remove(message)
        return {"channel": p["channel"], "ts": message["ts"]}

    def _api_chat_getPermalink(self, p: dict[str, Any]) -> dict[str, Any]:
        ts = str(p.get("message_ts")).replace(".", "")
        return {"channel": p.get("channel"), "permalink": f"https://test.slack.com/archives/{p.get('channel')}/p{ts}"}

    def _api_conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        self._channel(p.get("channel"))
        oldest = float(p.get("oldest") or 0)
        found = [m for m in self.messages.get(str(p["channel"]), [])
                 if float(m["ts"]) >= oldest and not m.get("thread_ts")]
        if str(p.get("include_all_metadata")).lower() not in ("true", "1"):
            found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
        return {"messages": list(reversed(found))[: int(p.get("limit") or 100)], "has_more": False}

    def _api_reactions_add(self, p: dict[str, Any]) -> dict[str, Any]:
        self._channel(p.get("channel"))
        key = (p.get("channel"), p.get("timestamp"), p.get("name"))
        with self._lock:
            if key in self.reactions:
                raise SlackError("already_reacted")  # the bot's own reaction is there already
            self.reactions.add(key)
        return {}

    def _api_reactions_remove(self, p: dict[str, Any]) -> dict[str, Any]:
        key = (p.get("channel"), p.get("timestamp"), p.get("name"))
        with self._lock:
            if key not in self.reactions:
                raise SlackError("no_reaction")
            self.reactions.discard(key)
        return {}

    def _api_views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("trigger_id"):
            raise SlackError("invalid_trigger_id")
        return {"view": self._store_view(p)}

    def _api_views_push(self, p: dict[str, Any]) -> dict[str, Any]:
        return self._api_views_open(p)

    def _api_views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"view": self._store_view(p)}

    def _api_views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        self._user(p.get("user_id"))
        return {"view": self._store_view(p)}

    def _store_view(self, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        if not isinstance(view, dict):
            raise SlackError("invalid_arguments")
        problems = check_view(view)
        if problems:
            raise SlackError("invalid_arguments" if any("view" in x for x in problems) else "invalid_blocks")
        # Each opened view gets its own id, as on Slack; the recorded call shows it too.
        view = view | {"id": f"V{next(self._ids)}"}
        p["view"] = view
        return view

    def _api_files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._ids)}"
        return {"upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _api_files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        files = json.loads(files) if isinstance(files, str) else files
        if p.get("channel_id"):
            self._postable(p["channel_id"])
        for f in files or []:
            if f["id"] not in self.uploads:
                raise SlackError("file_not_found")
        return {"files": [{"id": f["id"], "title": f.get("title", "")} for f in files or []]}

    def _api_oauth_v2_access(self, p: dict[str, Any]) -> dict[str, Any]:
        """Install (a `code`) or, with token rotation on, refresh an expiring bot token."""
        if p.get("grant_type") == "refresh_token":
            if p.get("refresh_token") != "xoxe-1-refresh":
                raise SlackError("invalid_refresh_token")
            token = f"xoxb-rotated-{next(self._ids)}"
            self.valid_tokens.add(token)
            return {"access_token": token, "token_type": "bot", "refresh_token": "xoxe-1-refresh",
                    "expires_in": 43200, "team": {"id": TEAM_ID}, "enterprise": None, "is_enterprise_install": False}
        teams = {"good-code": (BOT_TOKEN, TEAM_ID)} | {f"good-code-{team}": (token, team)
                                                        for token, team in self.team_tokens.items()}
        if p.get("code") not in teams:
            raise SlackError("invalid_code")
        token, team = teams[p["code"]]
        name = "Test Community" if team == TEAM_ID else team
        installed = {"access_token": token, "token_type": "bot", "scope": "commands,chat:write",
                     "bot_user_id": BOT_USER_ID, "app_id": "A0001", "team": {"id": team, "name": name},
                     "enterprise": None, "authed_user": {"id": "UADMIN"}, "is_enterprise_install": False}
        if self.token_rotation:
            # A token that expires in a minute: the next authorization refreshes it.
            installed |= {"refresh_token": "xoxe-1-refresh", "expires_in": 60}
        return installed

    def _api_apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode_url is None:
            raise SlackError("not_allowed_token_type")
        return {"url": self.socket_mode_url()}

    def _next_ts(self) -> str:
        # Whole seconds from the (possibly injected) clock, and a counter to keep every ts unique.
        return f"{int(self.clock())}.{next(self._ts):06d}"


class SlackError(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


def _check_message(p: dict[str, Any]) -> None:
    blocks = p.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
        p["blocks"] = blocks
    if blocks is None and not p.get("text") and not p.get("attachments"):
        raise SlackError("no_text")
    if len(str(p.get("text") or "")) > 40000:
        raise SlackError("msg_too_long")
    if blocks is not None and check_blocks(blocks, surface="message"):
        raise SlackError("invalid_blocks")
    if isinstance(p.get("metadata"), str):
        p["metadata"] = json.loads(p["metadata"])


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    params: dict[str, Any] = dict(parse_qsl(raw.decode(), keep_blank_values=True))
    for key in ("blocks", "view", "metadata", "files", "attachments"):
        if isinstance(params.get(key), str) and params[key][:1] in "[{":
            params[key] = json.loads(params[key])
    return params


def _drop(request: BaseHTTPRequestHandler) -> None:
    """Close the connection without an answer: the client sees it dropped."""
    request.close_connection = True


def _send(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any], *,
          headers: dict[str, str] | None = None, raw_text: str | None = None) -> None:
    payload = (raw_text if raw_text is not None else json.dumps(body)).encode()
    request.send_response(status)
    request.send_header("Content-Type", "text/plain" if raw_text is not None else "application/json")
    request.send_header("Content-Length", str(len(payload)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(payload)
