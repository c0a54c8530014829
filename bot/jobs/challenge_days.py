"""The daily challenge post: each day's activity in the channel at its local post time, exactly once."""

from __future__ import annotations

import logging
from collections.abc import Hashable, Sequence
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.flows.problems import CHANNEL_ERRORS, tell_channel_problem
from bot.jobs.runner import DueRowJob
from bot.services.challenges.days import plan_day_post, record_post, stop_for_lost_channel
from bot.services.problems import reached_channel
from bot.slack.errors import error_code
from bot.slack.messaging import dm, post_once
from bot.views import problems as views
from bot.views.challenges.posts import build_day_post
from models import Challenge, ChallengeDay

logger = logging.getLogger(__name__)

# The channel is gone for good: the challenge stops and its creator is told, once. A bot that is
# only not a member is invited back by them, and the challenge goes on.
CHANNEL_LOST = frozenset({"channel_not_found", "is_archived"})


class DailyPostJob(DueRowJob):
    name = "challenge_daily_post"
    model = ChallengeDay
    what = "post the challenges' daily activities"

    def in_order(self, row: Any) -> Hashable:
        return int(row.challenge_id)  # a challenge's days one after another: a later one mentions those missed

    def deliver(self, deps: Deps, row: Any, now: datetime) -> Sequence[str] | None:
        with deps.sessions.begin() as session:
            post = plan_day_post(session, row.id, now)
        if post is None:
            return None
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
            try:
                client.conversations_join(channel=channel)
            except SlackApiError:
                raise error from None  # it cannot (a private channel, no permission): someone must invite it
            ts = post_day()
        with deps.sessions.begin() as session:
            record_post(session, row.id, ts)
        return reached_channel(channel)

    def on_give_up(self, deps: Deps, row: Any, error: str, now: datetime) -> None:
        if error in CHANNEL_LOST:
            with deps.sessions.begin() as session:
                stopped = stop_for_lost_channel(session, row.challenge_id, error)
            if stopped is not None:  # the first time only: the creator is told that it stopped, once
                dm(deps.clients.for_team(row.team_id), stopped.creator_id,
                   views.challenge_stopped(stopped.title, stopped.channel_id, error))
            return
        if error not in CHANNEL_ERRORS:
            return
        with deps.sessions() as session:
            challenge = session.get_one(Challenge, row.challenge_id)
        message = views.channel_problem(views.challenge_what(challenge.title, "the day's activity"),
                                        challenge.channel_id, error, views.day_instead())
        tell_channel_problem(deps, row.team_id, channel_id=challenge.channel_id, error=error,
                             to=lambda: [challenge.creator_id], message=message, now=now)
