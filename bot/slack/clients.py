"""Every WebClient the app makes: pointed at SLACK_API_URL, retrying rate limits (paced, see pacing.py),
lost connections and server errors."""

from __future__ import annotations

import logging
import random
from functools import cached_property

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.jitter import RandomJitter
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.oauth.installation_store import InstallationStore

from bot.config import Settings
from bot.metrics import SLACK_CALLS, slack_call_outcome
from bot.slack.limits import SharedLimits
from bot.slack.pacing import PacedRateLimitHandler, PacedWebClient, SharedHoldHandler, SlotWaitingHandler, paced

logger = logging.getLogger(__name__)


class NotInstalled(Exception):
    """The workspace has no installation (uninstalled, or never installed)."""


class CountingHandler(RetryHandler):
    """Counts every attempt of every Web API call by method and outcome; never asks for a retry.

    slack_sdk shows each attempt's answer to the retry handlers, first to last, and Bolt copies them
    into its per-request clients: first in the list, this one sees every call the app makes.
    """

    def can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                  error: Exception | None = None) -> bool:
        method = request.url.rstrip("/").rsplit("/", 1)[-1]
        status = response.status_code if response is not None else None
        body = response.body if response is not None else None
        SLACK_CALLS.labels(method=method, outcome=slack_call_outcome(status, body)).inc()
        return False


class Jitter(RandomJitter):
    """Random jitter of up to `limit` seconds (slack_sdk's own adds up to one second)."""

    def __init__(self, limit: float) -> None:
        self.limit = limit

    def recalculate(self, duration: float) -> float:
        return duration + random.random() * self.limit


def retry_handlers(backoff: float = 0.5) -> list[RetryHandler]:
    """Retry lost connections and 500/503 after `backoff` seconds, doubling; a 429 after its Retry-After."""
    waits = BackoffRetryIntervalCalculator(backoff_factor=backoff, jitter=Jitter(2 * backoff))
    return [
        CountingHandler(),
        ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=waits),
        PacedRateLimitHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2, interval_calculator=waits),
    ]


def make_web_client(settings: Settings, token: str | None = None, *, limits: SharedLimits | None = None,
                    team_id: str | None = None) -> WebClient:
    """A client for `token`; given `limits` (and the workspace), each call waits for its slot there first."""
    handlers = retry_handlers(settings.slack_retry_backoff)
    shared = limits.for_team(team_id) if limits is not None and team_id is not None else None
    if shared is not None:  # a 429 holds every replica; each retry waits for its slot as a first call does
        handlers = [handlers[0], SharedHoldHandler(shared), *(SlotWaitingHandler(h, shared) for h in handlers[1:])]
    return PacedWebClient(token=token, base_url=settings.slack_api_url, retry_handlers=handlers, timeout=10,
                          limits=shared)


def without_blind_retries(client: WebClient) -> WebClient:
    """`client`, but one that does not repeat a call whose connection was lost: it may have taken effect.

    Slack has no idempotency key: a post whose answer never came may be in the channel already.
    """
    return paced(client, retry_handlers=[h for h in client.retry_handlers
                                         if not isinstance(getattr(h, "inner", h), ConnectionErrorRetryHandler)])


class TeamClients:
    """WebClients for work that no Slack request started (scheduled jobs), one workspace at a time.

    With OAuth, the bot token comes from the installation store and is refreshed when token
    rotation is on, through Bolt's own authorization; otherwise SLACK_BOT_TOKEN serves.
    """

    def __init__(self, settings: Settings, installation_store: InstallationStore | None = None,
                 limits: SharedLimits | None = None) -> None:
        self._settings = settings
        self._limits = limits  # Slack's rate limits shared by replicas, when SLACK_RATE_LIMITS=shared
        self._authorize = (
            InstallationStoreAuthorize(
                logger=logger,
                installation_store=installation_store,
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                cache_enabled=True,  # skips an auth.test per job run; rotation still happens first
                client=make_web_client(settings),
            )
            if installation_store is not None
            else None
        )

    @cached_property
    def _static_client(self) -> WebClient:
        return make_web_client(self._settings, self._settings.bot_token)

    def for_team(self, team_id: str) -> WebClient:
        if self._authorize is None:
            if self._limits is not None:
                return make_web_client(self._settings, self._settings.bot_token, limits=self._limits, team_id=team_id)
            return self._static_client
        # Bolt's authorization checks the token with auth.test through the context's client.
        context = BoltContext(client=make_web_client(self._settings))
        result = self._authorize(context=context, enterprise_id=None, team_id=team_id, user_id=None)
        if result is None or result.bot_token is None:
            raise NotInstalled(team_id)
        return make_web_client(self._settings, result.bot_token, limits=self._limits, team_id=team_id)
