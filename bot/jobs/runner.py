"""The periodic jobs' common shape, and the loop that claims due rows and delivers each."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from typing import Any, ClassVar, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.jobs.claims import claim_due, finish, retry_later
from bot.log import tagged
from bot.slack_clients import NotInstalled

logger = logging.getLogger(__name__)

# Slack errors that another try will not mend: the row is given up on and the failure reported.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "user_not_found",
        "user_disabled", "cannot_dm_bot", "invalid_auth", "token_revoked", "not_authed", "missing_scope",
        "restricted_action", "user_not_visible", "invalid_blocks", "invalid_arguments", "msg_too_long", "no_text",
    }
)
MAX_ATTEMPTS = 5
DELIVERY_EVENT = "cop_bot_delivery"


class Job(Protocol):
    name: str

    def run(self, deps: Deps, now: datetime) -> None: ...


class DueRowJob(ABC):
    """Claims the due rows of `model` and delivers each, at most once even across workers.

    A subclass says how to deliver one row; a Slack error that will not mend (see
    PERMANENT_ERRORS) ends the row with `on_give_up`, any other failure is retried later.
    """

    name: ClassVar[str]
    model: ClassVar[Any]
    lease: ClassVar[timedelta] = timedelta(minutes=5)
    retry_after: ClassVar[timedelta] = timedelta(minutes=2)
    batch: ClassVar[int] = 100

    @abstractmethod
    def deliver(self, deps: Deps, row: Any, now: datetime) -> None:
        """Send what `row` stands for. `row.attempts > 1` means an earlier try may have sent it."""

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        """Tell the right person that `row` could not be delivered; by default, only log it."""

    def run(self, deps: Deps, now: datetime) -> None:
        for row_id in claim_due(deps.sessions, self.model, now=now, lease=self.lease, limit=self.batch):
            self._deliver_one(deps, row_id, now)

    def _deliver_one(self, deps: Deps, row_id: int, now: datetime) -> None:
        with deps.sessions() as session:
            row = session.get(self.model, row_id)
        with tagged(getattr(row, "team_id", None), self.name):
            try:
                self.deliver(deps, row, now)
            except (SlackApiError, NotInstalled) as failure:
                code = failure.response.get("error", "unknown") if isinstance(failure, SlackApiError) else "not_installed"
                self._failed(deps, row, str(code), now, permanent=code in PERMANENT_ERRORS or code == "not_installed")
                return
            except Exception:
                logger.exception("delivering %s %s failed", self.model.__tablename__, row_id)
                self._failed(deps, row, "internal_error", now, permanent=False)
                return
            with deps.sessions.begin() as session:
                finish(session, self.model, row_id, now=now)

    def _failed(self, deps: Deps, row: Any, code: str, now: datetime, *, permanent: bool) -> None:
        give_up = permanent or row.attempts >= MAX_ATTEMPTS
        logger.warning("%s %s: %s (%s)", self.model.__tablename__, row.id, code, "giving up" if give_up else "will retry")
        with deps.sessions.begin() as session:
            if give_up:
                finish(session, self.model, row.id, now=now, error=code)
            else:
                retry_later(session, self.model, row.id, at=now + self.retry_after, error=code)
        if give_up:
            try:
                self.on_give_up(deps, row, code, now)
            except Exception:
                logger.exception("reporting the failure of %s %s failed", self.model.__tablename__, row.id)


def post_once(client: WebClient, *, key: str, attempt: int, since: datetime, channel: str, **message: Any) -> str:
    """Post `message` to `channel` unless an earlier attempt already did; return the message ts.

    The message carries `key` in its metadata. On a retry (attempt > 1) the channel's recent
    history is searched for that key first, so a worker that died after sending is not repeated.
    """
    if attempt > 1:
        history = client.conversations_history(
            channel=channel, oldest=f"{since.timestamp() - 60:.6f}", include_all_metadata=True, limit=200
        )
        for sent in history.get("messages", []):
            metadata = sent.get("metadata") or {}
            if metadata.get("event_type") == DELIVERY_EVENT and metadata.get("event_payload", {}).get("key") == key:
                return str(sent["ts"])
    response = client.chat_postMessage(
        channel=channel, metadata={"event_type": DELIVERY_EVENT, "event_payload": {"key": key}}, **message
    )
    return str(response["ts"])


def run_jobs(deps: Deps, jobs: list[Job], now: datetime) -> None:
    """Run every job once; one job's failure never stops the others, nor the next tick."""
    for job in jobs:
        with tagged(None, job.name):
            try:
                job.run(deps, now)
            except Exception:
                logger.exception("job %s failed", job.name)
