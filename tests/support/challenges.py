"""Helpers for challenge tests: creating one through the modal, reading what was posted and stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.ids import ChallengeField
from bot.services.challenges.creation import ChallengeInput, validate_challenge
from bot.services.challenges.creation import create_challenge as store_challenge
from bot.services.challenges.days import record_post
from bot.services.challenges.participation import join
from models import Challenge, ChallengeDay, JournalEntry
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

DAY_KEY = "challenge-day:"


def open_new_challenge(app: RunningApp, *, user: str = "U1", channel: str = "CCOMMUNITY") -> dict[str, Any]:
    """`/challenge new`, and the modal it opened."""
    app.fake.reset_calls()
    assert app.slack.command("/challenge", "new", user=user, channel=channel).status == 200
    return app.fake.wait_for("views.open")["view"]


def answers(**overrides: Any) -> dict[str, Any]:
    """A valid filled-in new-challenge modal: DevOps from today, 30 days at 10:00 Paris time."""
    base: dict[str, Any] = {
        ChallengeField.TITLE: "30 days of DevOps",
        ChallengeField.DESCRIPTION: "One small DevOps practice a day.",
        ChallengeField.CHANNEL: "CCOMMUNITY",
        ChallengeField.START_DATE: "2026-11-23",
        ChallengeField.DAYS: "30",
        ChallengeField.POST_TIME: "10:00",
        ChallengeField.TIMEZONE: "Europe/Paris",
        ChallengeField.SKIP_WEEKENDS: [],
        ChallengeField.TEMPLATE: "DevOps",
        ChallengeField.ACTIVITIES: "",
        ChallengeField.PARTNERS: ["yes"],
        ChallengeField.NUDGE_DELAY: "6",
        ChallengeField.MEETUP_DATE: None,
    }
    return base | {getattr(ChallengeField, k.upper()): v for k, v in overrides.items()}


def create_challenge(app: RunningApp, *, user: str = "U1", **overrides: Any) -> Challenge:
    """Create a challenge through `/challenge new` and its modal; return it as stored."""
    response = app.slack.submit(open_new_challenge(app, user=user), answers(**overrides), user=user)
    assert response.status == 200 and response.body == "", response.body
    app.fake.wait_for("chat.postMessage", lambda c: "New challenge" in c.text)
    eventually(lambda: latest_challenge(app).announcement_ts is not None)
    return latest_challenge(app)


def latest_challenge(app: RunningApp) -> Challenge:
    with app.deps.sessions() as session:
        return session.scalars(select(Challenge).order_by(Challenge.id.desc())).first()  # type: ignore[return-value]


def days(app: RunningApp, challenge_id: int) -> list[ChallengeDay]:
    with app.deps.sessions() as session:
        return list(session.scalars(select(ChallengeDay).where(ChallengeDay.challenge_id == challenge_id)
                                    .order_by(ChallengeDay.number)))


def entries(app: RunningApp, user: str | None = None) -> list[JournalEntry]:
    with app.deps.sessions() as session:
        query = select(JournalEntry).order_by(JournalEntry.day_number, JournalEntry.id)
        if user:
            query = query.where(JournalEntry.user_id == user)
        return list(session.scalars(query))


def day_posts(app: RunningApp, channel: str = "CCOMMUNITY") -> list[dict[str, Any]]:
    """The daily posts in `channel`, in order."""
    return [m for m in app.fake.messages.get(channel, [])
            if str((m.get("metadata") or {}).get("event_payload", {}).get("key", "")).startswith(DAY_KEY)]


def posted_at(message: dict[str, Any]) -> datetime:
    """When the fake Slack received the message (its ts comes from the injected clock)."""
    return datetime.fromtimestamp(int(float(message["ts"])), tz=UTC)


def reply(app: RunningApp, thread_ts: str, text: str, *, user: str = "U1", channel: str = "CCOMMUNITY",
          ts: str | None = None, **kwargs: Any) -> str:
    """A member's reply in a thread, as the message event Slack sends; returns its ts."""
    ts = ts or f"{app.clock.now.timestamp():.0f}.{abs(hash((user, text))) % 999999:06d}"
    event = {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text, "ts": ts,
             "thread_ts": thread_ts, "event_ts": ts}
    assert app.slack.event(event, **kwargs).status == 200
    return ts


def stored_challenge(session: Session, *, team_id: str = "T1", creator: str = "U1", now: datetime,
                     members: Sequence[str] = (), posted_days: int = 0, **overrides: Any) -> Challenge:
    """A challenge stored through the service (no Slack): DevOps from `now`'s day, `members` joined, the first
    `posted_days` days posted."""
    values = ChallengeInput(**(dict(
        title="30 days of DevOps", channel_id="CCOMMUNITY", start_date=now.date().isoformat(), days="30",
        post_time=f"{now:%H:%M}", timezone="UTC", template="DevOps", nudge_delay_hours="6",
    ) | overrides))
    valid = validate_challenge(session, team_id, values, now=now)
    challenge = store_challenge(session, team_id, creator, valid, now=now)
    for user_id in members:
        join(session, challenge, user_id, now=now)
    for day in session.scalars(select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id,
                                                          ChallengeDay.number <= posted_days)):
        record_post(session, day.id, f"{day.number}.000100")
    session.flush()
    session.expire_all()
    return challenge
