"""The Bolt app: authorization, listeners and the one error handler."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from slack_bolt import Ack, App, BoltRequest, BoltResponse
from slack_bolt.listener_matcher.builtins import BuiltinListenerMatcher
from slack_bolt.listener_matcher.listener_matcher import ListenerMatcher
from slack_bolt.middleware import Middleware
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.deps import Deps
from bot.flows.installs import resume_with_bot_token
from bot.listeners import register_all
from bot.log import ContextCopyingExecutor, source_var, team_var
from bot.metrics import ACK_SECONDS, SLACK_REQUESTS
from bot.slack.clients import make_web_client
from bot.slack.pacing import paced
from bot.slack.received import storable

logger = logging.getLogger(__name__)

# Must match oauth_config.scopes.bot in manifest.yml (a test checks).
BOT_SCOPES = [
    "channels:history",
    "channels:join",
    "channels:read",
    "chat:write",
    "commands",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:write",
    "mpim:history",
    "mpim:write",
    "reactions:write",
    "users:read",
]
ACK_TIMEOUT = 3  # seconds: Slack's limit, and Bolt's listener ack_timeout
LISTENERS = 16  # threads running listeners
# Requests acked but not yet handled, at most: past it the next request waits for room before its
# listener starts (and so before its ack), so Slack is answered later and memory stays flat.
# Acked work still waiting is lost if the process is killed; this bounds how much.
WAITING_LISTENERS = 64
SORRY = ":warning: Something went wrong on my side and nothing was changed. Please try again in a moment."


def create_app(deps: Deps) -> App:
    settings = deps.settings
    options: dict[str, Any] = {
        "signing_secret": settings.signing_secret or "",
        # Bolt copies this client's base URL and retry handlers into every per-request client.
        "client": make_web_client(settings, None if settings.oauth else settings.bot_token),
        "logger": logging.getLogger("slack_bolt"),
        "listener_executor": AckWaitingExecutor(max_workers=LISTENERS, waiting=WAITING_LISTENERS,
                                                 thread_name_prefix="listener"),
    }
    if settings.oauth:
        assert deps.installation_store is not None
        options["oauth_settings"] = OAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=BOT_SCOPES,
            installation_store=deps.installation_store,
            state_store=SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=deps.sessions.kw["bind"]),
            install_path="/slack/install",
            redirect_uri_path="/slack/oauth_redirect",
        )
    app = App(**options)
    if not settings.oauth:
        resume_with_bot_token(deps.sessions, app.client)
    app.use(_RequestStart())
    register_all(app, deps)
    _match_on_the_body(app)
    app.error(_on_error)
    return app


class BodyMatcher(ListenerMatcher):
    """One of Bolt's built-in matchers (`command("/practice")`, `action(...)`), given the body alone."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func

    def matches(self, req: BoltRequest, resp: BoltResponse) -> bool:
        return bool(self.func(body=req.body))


def _match_on_the_body(app: App) -> None:
    """Bolt tries the listeners in turn, and each built-in matcher first builds every argument a
    listener may take (about 30, parsing the body 8 times) to pass it `body`: with this app's many
    listeners that took as much CPU as handling the request. The same checks, given just the body."""
    for listener in app._listeners:
        listener.matchers = [
            BodyMatcher(matcher.func) if type(matcher) is BuiltinListenerMatcher and matcher.arg_names == ["body"]
            else matcher
            for matcher in listener.matchers
        ]


class _RequestStart(Middleware):
    """Clean every text in the request of what no database can store (bot/slack/received.py); tag log
    lines with the workspace and what Slack sent (command, action, modal or event); count the request;
    give its listener an ack() that times itself and wakes the request thread, and a client that waits
    out a Retry-After another call got (bot/slack/pacing.py).

    A Middleware rather than a function: for a function, Bolt first builds every argument a middleware
    may take (about 30) on every request. Bolt runs global middleware one after the other, before the
    listener, so next() returns at once: the time to the ack is measured by the ack itself.
    """

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        storable(req.body)
        context, source = req.context, _source(req.body)
        team_var.set(context.team_id or "-")
        source_var.set(source)
        kind, _, name = source.partition(":")
        SLACK_REQUESTS.labels(kind=kind, name=name).inc()
        context["client"] = paced(context.client)
        # Bolt made a plain Ack when it built the context; nothing has called it yet.
        if getattr(context.get("ack"), "response", None) is None:
            ack = SignallingAck(kind)
            context["ack"] = ack
            _pending.ack = ack
        return next()


class SignallingAck(Ack):
    """Bolt's ack(), which also sets `answered` and records the time from the request to it."""

    def __init__(self, kind: str) -> None:
        self.answered = threading.Event()
        self._kind = kind
        self._started = time.perf_counter()
        self._response: BoltResponse | None = None
        super().__init__()  # type: ignore[no-untyped-call]

    @property
    def response(self) -> BoltResponse | None:
        return self._response

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        self._response = value
        if value is not None and not self.answered.is_set():
            ACK_SECONDS.labels(kind=self._kind).observe(time.perf_counter() - self._started)
            self.answered.set()


_pending = threading.local()  # the ack of the request this server thread is dispatching


class AckWaitingExecutor(ContextCopyingExecutor):
    """Runs listeners; the request thread that submits one waits here until the listener acks (or ends).

    Bolt's own wait for the ack polls every 10 ms, which adds up to 10 ms to every answer and holds
    the server thread meanwhile; once the ack is set, its poll ends at the first look.

    At most `waiting` listeners wait for a thread: a request submitting one more waits for room
    (back-pressure on Slack) rather than the queue growing. Listeners that submit work of their own
    (Bolt's lazy functions) are not held, so they never wait for themselves.
    """

    def __init__(self, max_workers: int, waiting: int, thread_name_prefix: str) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self._room = threading.BoundedSemaphore(max_workers + waiting)
        self._prefix = thread_name_prefix

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        held = not threading.current_thread().name.startswith(self._prefix)
        if held:
            self._room.acquire()
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            if held:
                self._room.release()
            raise
        if held:
            future.add_done_callback(lambda _: self._room.release())
        ack: SignallingAck | None = getattr(_pending, "ack", None)
        if ack is not None:  # the listener itself, not a lazy function Bolt starts after it
            _pending.ack = None
            future.add_done_callback(lambda _: ack.answered.set())
            ack.answered.wait(ACK_TIMEOUT)
        return future


def _source(body: dict[str, Any]) -> str:
    if "command" in body:
        return f"command:{body['command']}"
    kind = body.get("type", "")
    if kind == "block_actions" and body.get("actions"):
        return f"action:{body['actions'][0].get('action_id')}"
    if kind in ("view_submission", "view_closed"):
        return f"view:{body.get('view', {}).get('callback_id')}"
    if kind == "event_callback":
        return f"event:{body.get('event', {}).get('type')}"
    return kind or "-"


def _on_error(error: Exception, body: dict[str, Any], respond: Any) -> None:
    """Log any listener failure with its traceback, and tell the member when we can reach them."""
    logger.error("listener failed", exc_info=error)
    if body.get("response_url") or body.get("response_urls"):
        try:
            respond(text=SORRY, response_type="ephemeral", replace_original=False)
        except Exception:
            logger.exception("could not tell the member about the failure")
