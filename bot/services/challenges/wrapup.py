"""The wrap-up after a challenge's last day and the meetup reminder: planning them and their figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from bot.services.challenges import members
from bot.services.challenges.wrapup_stats import Member, Summary, WrapUpStats, wrapup_stats
from bot.services.digest_types import DigestWindow, WrappedUp
from models import Challenge, ChallengeDay, JournalEntry, Participant
from models.challenge import ChallengeStatus
from models.social import ChallengeMilestone, MilestoneKind


def plan(session: Session) -> int:
    """Give each running challenge its wrap-up (the end of its last day) and meetup reminder rows."""
    planned = 0
    todo = session.scalars(
        select(Challenge.id).where(
            Challenge.status == ChallengeStatus.ACTIVE,
            ~exists().where(ChallengeMilestone.challenge_id == Challenge.id,
                            ChallengeMilestone.kind == MilestoneKind.WRAPUP),
        )
    ).all()
    for challenge_id in todo:
        challenge = session.scalars(select(Challenge).where(Challenge.id == challenge_id).with_for_update()).one()
        if wrapup_of(session, challenge.id) is not None:
            continue  # another worker was first
        last = session.scalar(select(func.max(ChallengeDay.due_at)).where(ChallengeDay.challenge_id == challenge.id))
        if last is None:
            continue
        wrapup_at = last + timedelta(days=1)  # the last day has its full 24 hours for journaling
        session.add(ChallengeMilestone(team_id=challenge.team_id, challenge_id=challenge.id, kind=MilestoneKind.WRAPUP,
                                       due_at=wrapup_at, attempts=0))
        if challenge.meetup_date is not None:
            local = datetime.combine(challenge.meetup_date, challenge.post_time, tzinfo=ZoneInfo(challenge.timezone))
            session.add(ChallengeMilestone(team_id=challenge.team_id, challenge_id=challenge.id,
                                           kind=MilestoneKind.MEETUP, due_at=max(local.astimezone(UTC), wrapup_at),
                                           attempts=0))
        planned += 1
    session.flush()
    return planned


@dataclass(frozen=True)
class WrapUpInput:
    challenge: Challenge
    day_dates: list[date]
    members: list[Member]
    entries: list[tuple[str, int]]


def wrapup_input(session: Session, challenge: Challenge) -> WrapUpInput:
    """Who took part, on which days, away when, with which entries. Names are the member ids."""
    days = list(session.scalars(
        select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id).order_by(ChallengeDay.number)))
    entries = [(u, d) for u, d in session.execute(
        select(JournalEntry.user_id, JournalEntry.day_number).where(JournalEntry.challenge_id == challenge.id))]
    wrote = {u for u, _ in entries}
    people = [p for p in session.scalars(
        select(Participant).where(Participant.challenge_id == challenge.id)
        .order_by(Participant.joined_at, Participant.id)
    ) if p.left_at is None or p.user_id in wrote]
    periods = members.away_periods(session, challenge.team_id, [p.user_id for p in people])
    result = []
    for p in people:
        first = max([d.number for d in days if d.due_at <= p.joined_at] or [1])
        away = frozenset(d.number for d in days if members.is_away(periods[p.user_id], d.local_date))
        result.append(Member(p.user_id, p.user_id, first_day=first, away_days=away))
    return WrapUpInput(challenge, [d.local_date for d in days], result, entries)


def stats_for(data: WrapUpInput, names: dict[str, str]) -> WrapUpStats:
    named = [Member(m.id, names.get(m.id, m.id), m.first_day, m.away_days) for m in data.members]
    return wrapup_stats(data.challenge.title, data.day_dates, named, data.entries)


def record_wrapup(session: Session, milestone_id: int, ts: str, summary: Summary) -> None:
    """Keep the posted wrap-up and its figures, and mark the challenge completed."""
    milestone = session.get_one(ChallengeMilestone, milestone_id)
    milestone.message_ts, milestone.summary = ts, summary.to_json()
    session.execute(update(Challenge)
                    .where(Challenge.id == milestone.challenge_id, Challenge.status == ChallengeStatus.ACTIVE)
                    .values(status=ChallengeStatus.COMPLETED))


def record_chart(session: Session, milestone_id: int, file_id: str) -> None:
    session.execute(update(ChallengeMilestone).where(ChallengeMilestone.id == milestone_id)
                    .values(chart_file_id=file_id))


def meetup_is_past(challenge: Challenge, now: datetime) -> bool:
    """Whether the meetup day is over where the challenge runs: too late for its "today" reminder."""
    meetup = challenge.meetup_date
    return meetup is not None and now.astimezone(ZoneInfo(challenge.timezone)).date() > meetup


def wrapup_of(session: Session, challenge_id: int) -> ChallengeMilestone | None:
    return session.scalars(select(ChallengeMilestone).where(
        ChallengeMilestone.challenge_id == challenge_id, ChallengeMilestone.kind == MilestoneKind.WRAPUP)).first()


@dataclass(frozen=True)
class Finished:
    challenge: Challenge
    summary: Summary
    message_ts: str | None


def finished_since(session: Session, team_id: str, since: datetime, *, until: datetime | None = None,
                   user_id: str | None = None) -> list[Finished]:
    """Challenges wrapped up since `since` (and before `until`; that `user_id` took part in), newest first."""
    query = (
        select(Challenge, ChallengeMilestone)
        .join(ChallengeMilestone, ChallengeMilestone.challenge_id == Challenge.id)
        .where(Challenge.team_id == team_id, ChallengeMilestone.kind == MilestoneKind.WRAPUP,
               ChallengeMilestone.summary.is_not(None), ChallengeMilestone.done_at >= since)
        .order_by(ChallengeMilestone.done_at.desc())
    )
    if until is not None:
        query = query.where(ChallengeMilestone.done_at < until)
    if user_id is not None:
        query = query.where(exists().where(Participant.challenge_id == Challenge.id, Participant.user_id == user_id))
    return [Finished(c, Summary.from_json(m.summary), m.message_ts) for c, m in session.execute(query).all()
            if m.summary is not None]


def digest_section(session: Session, window: DigestWindow) -> WrappedUp | None:
    """Challenges wrapped up in the digest's week: their report-back to the community."""
    done = [(d.challenge, d.summary) for d in finished_since(session, window.team_id, window.since, until=window.until)
            if d.challenge.channel_id and d.message_ts and d.summary]
    return WrappedUp(done) if done else None
