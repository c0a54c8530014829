"""Every WebClient the app makes: pointed at SLACK_API_URL, retrying rate limits and server errors."""

from __future__ import annotations

import logging
from functools import cached_property

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.oauth.installation_store import InstallationStore

from bot.config import Settings
from bot.metrics import SLACK_CALLS, slack_call_outcome

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


def retry_handlers() -> list[RetryHandler]:
    return [
        CountingHandler(),
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=settings.slack_api_url, retry_handlers=retry_handlers(), timeout=10)


class TeamClients:
    """WebClients for work that no Slack request started (scheduled jobs), one workspace at a time.

    With OAuth, the bot token comes from the installation store and is refreshed when token
    rotation is on, through Bolt's own authorization; otherwise SLACK_BOT_TOKEN serves.
    """

    def __init__(self, settings: Settings, installation_store: InstallationStore | None = None) -> None:
        self._settings = settings
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
            return self._static_client
        # Bolt's authorization checks the token with auth.test through the context's client.
        context = BoltContext(client=make_web_client(self._settings))
        result = self._authorize(context=context, enterprise_id=None, team_id=team_id, user_id=None)
        if result is None or result.bot_token is None:
            raise NotInstalled(team_id)
        return make_web_client(self._settings, result.bot_token)
