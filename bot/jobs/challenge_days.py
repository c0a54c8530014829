"""The daily challenge post: each day's activity in the channel at its local post time, exactly once."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.jobs.runner import DueRowJob
from bot.services.challenges.days import plan_day_post, record_post, stop_for_lost_channel
from bot.slack.errors import error_code
from bot.slack.messaging import dm, post_once
from bot.views.challenges.posts import build_channel_lost, build_day_post
from models import ChallengeDay

logger = logging.getLogger(__name__)

# The channel is gone for good: the challenge stops and its creator is told, once.
CHANNEL_LOST = frozenset({"channel_not_found", "is_archived", "not_in_channel"})


class DailyPostJob(DueRowJob):
    name = "challenge_daily_post"
    model = ChallengeDay

    def deliver(self, deps: Deps, row: Any, now: datetime) -> None:
        with deps.sessions.begin() as session:
            post = plan_day_post(session, row.id, now)
        if post is None:
            return
        message = build_day_post(post.challenge, post.day.number, post.missed)
        client = deps.clients.for_team(row.team_id)
        channel = post.challenge.channel_id

        def post_day() -> str:
            return post_once(client, key=f"challenge-day:{row.id}", attempt=row.attempts, since=row.due_at,
                             channel=channel, message=message)

        try:
            ts = post_day()
        except SlackApiError as error:
            if error_code(error) != "not_in_channel":
                raise
            # Someone removed the bot from a public channel: it may join again by itself.
            client.conversations_join(channel=channel)
            ts = post_day()
        with deps.sessions.begin() as session:
            record_post(session, row.id, ts)

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        if error not in CHANNEL_LOST:
            return
        with deps.sessions.begin() as session:
            challenge = stop_for_lost_channel(session, row.challenge_id, error)
        if challenge is not None:
            dm(deps.clients.for_team(row.team_id), challenge.creator_id, build_channel_lost(challenge, error))
