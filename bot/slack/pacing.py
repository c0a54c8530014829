"""Honouring Slack's Retry-After across the process: after a 429, no call to that method, from any thread.

Slack limits each Web API method per workspace, and a 429 says in Retry-After how many seconds
to wait before calling that method again. slack_sdk's own handler only makes the call that got the
429 wait; here the wait is shared, by token and method, with every client of the process: the call
that got it, any other thread's, the next scheduled row's.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Protocol
from urllib.error import HTTPError
from urllib.parse import parse_qsl
from urllib.request import Request

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web import SlackResponse

from bot.slack import connections


class RateLimits:
    """When (time.monotonic()) each (token, method) may be called again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[tuple[str | None, str], float] = {}

    def hold(self, token: str | None, method: str, seconds: float) -> None:
        with self._lock:
            key = (token, method)
            self._until[key] = max(self._until.get(key, 0.0), time.monotonic() + seconds)

    def wait(self, token: str | None, method: str) -> None:
        """Sleep until `method` may be called with `token` again (at once when it is not held)."""
        while (left := self._left(token, method)) > 0:
            time.sleep(left)

    def _left(self, token: str | None, method: str) -> float:
        with self._lock:
            return self._until.get((token, method), 0.0) - time.monotonic()


RATE_LIMITS = RateLimits()


def _method(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _retry_after(response: HttpResponse) -> float:
    for name, values in response.headers.items():
        if name.lower() == "retry-after" and values:
            return _seconds(values[0])
    return 1.0  # Slack always sends it; just in case


def _seconds(retry_after: Any) -> float:
    try:
        return max(float(retry_after), 0.0)
    except ValueError:
        return 1.0


class PacedRateLimitHandler(RateLimitErrorRetryHandler):
    """On a 429, retry: the 429 has already held its method for the whole process, and the next
    attempt waits that hold out (`PacedWebClient._perform_urllib_http_request_internal`).

    Every 429 holds the method, the last one too, after which the call gives up: the next call waits.
    """

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        if response is None:
            raise error  # type: ignore[misc]  # slack_sdk's own handler does the same
        state.next_attempt_requested = True
        state.increment_current_attempt()


class Limits(Protocol):
    """Rate limits shared beyond the process (bot/slack/limits.py), for one workspace."""

    def wait(self, method: str, arguments: dict[str, Any]) -> None: ...

    def hold(self, method: str, seconds: float) -> None: ...


class SharedHoldHandler(RateLimitErrorRetryHandler):
    """On a 429, records its Retry-After in the shared limits too (every replica waits); never retries itself."""

    def __init__(self, limits: Limits) -> None:
        super().__init__(max_retry_count=0)
        self.limits = limits

    def can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                  error: Exception | None = None) -> bool:
        if response is not None and response.status_code == 429:
            self.limits.hold(_method(request.url), _retry_after(response))
        return False


class SlotWaitingHandler(RetryHandler):
    """`inner`, whose retries wait for their slot in the shared limits too: a retry is one more call to Slack."""

    def __init__(self, inner: RetryHandler, limits: Limits) -> None:
        super().__init__(max_retry_count=inner.max_retry_count)
        self.inner = inner
        self.limits = limits

    def can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                  error: Exception | None = None) -> bool:
        return self.inner.can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        self.inner.prepare_for_next_attempt(state=state, request=request, response=response, error=error)
        self.limits.wait(_method(request.url), _arguments(request))


def _arguments(request: HttpRequest) -> dict[str, Any]:
    raw = request.data.decode() if isinstance(request.data, bytes) else str(request.data or "")
    try:
        found = json.loads(raw)
    except ValueError:
        return dict(parse_qsl(raw))
    return found if isinstance(found, dict) else {}


class PacedWebClient(WebClient):
    """A WebClient whose every call first waits out a Retry-After held for its method and token,
    and, given shared `limits`, for its slot there; calls go over this thread's kept-alive
    connection to Slack (bot/slack/connections.py)."""

    def __init__(self, *args: Any, limits: Limits | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:
        RATE_LIMITS.wait(self.token, api_method)  # before taking a slot, which a hold would waste
        if self.limits is not None:
            arguments: dict[str, Any] = next((a for a in (kwargs.get(k) for k in ("json", "params", "data")) if a), {})
            self.limits.wait(api_method, dict(arguments))
        return super().api_call(api_method, **kwargs)

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        """Every attempt, a retry after a 500 or a lost connection too, first waits out a hold; a 429
        holds its method at once, before slack_sdk's handlers run, so other threads stop now."""
        token = str(req.get_header("Authorization") or "").removeprefix("Bearer ") or None
        method = _method(url)
        RATE_LIMITS.wait(token, method)
        try:
            if self.proxy is not None:
                return super()._perform_urllib_http_request_internal(url, req)
            return connections.perform(url, req, timeout=self.timeout, ssl=self.ssl)
        except HTTPError as error:
            if error.code == 429:
                RATE_LIMITS.hold(token, method, _seconds(error.headers.get("Retry-After") or 1))
            raise


def paced(client: WebClient, **changes: Any) -> PacedWebClient:
    """A PacedWebClient like `client` (Bolt makes a plain one for each request), with `changes`."""
    options: dict[str, Any] = {
        "token": client.token, "base_url": client.base_url, "timeout": client.timeout, "ssl": client.ssl,
        "proxy": client.proxy, "headers": dict(client.headers), "team_id": client.default_params.get("team_id"),
        "retry_handlers": list(client.retry_handlers), "limits": getattr(client, "limits", None),
    }
    return PacedWebClient(**(options | changes))
