"""The wrap-up and meetup reminder rows, the wrap-up's input and the finished challenges, on a real session."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.challenges import wrapup
from bot.services.challenges.journals import save_modal_entry
from bot.services.challenges.wrapup_stats import Summary
from models import Challenge
from models.challenge import ChallengeStatus
from models.social import ChallengeMilestone, MilestoneKind
from tests.support.challenges import stored_challenge

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_each_challenge_gets_its_wrap_up_after_the_last_day_and_its_meetup_once(session: Session) -> None:
    stored_challenge(session, now=NOW, days="3", meetup_date="2026-11-30")
    assert wrapup.plan(session) == 1
    assert wrapup.plan(session) == 0
    rows = {m.kind: m.due_at.replace(tzinfo=UTC) for m in session.scalars(select(ChallengeMilestone))}
    assert rows == {MilestoneKind.WRAPUP: NOW + timedelta(days=3), MilestoneKind.MEETUP: datetime(2026, 11, 30, 9,
                                                                                               tzinfo=UTC)}


def test_the_wrap_up_input_counts_who_took_part_and_their_entries(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, days="3", members=["U1", "U2"], posted_days=1)
    save_modal_entry(session, challenge, "U1", 1, text="Done", private=False, now=NOW)
    data = wrapup.wrapup_input(session, challenge)
    assert [m.id for m in data.members] == ["U1", "U2"] and data.entries == [("U1", 1)]
    assert data.day_dates == [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]
    stats = wrapup.stats_for(data, {"U1": "Ada"})
    assert (stats.participants, stats.entries) == (2, 1)


def test_a_recorded_wrap_up_completes_the_challenge_and_lists_it_as_finished(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, days="3", members=["U1"])
    wrapup.plan(session)
    milestone = wrapup.wrapup_of(session, challenge.id)
    assert milestone is not None
    summary = Summary.of(wrapup.stats_for(wrapup.wrapup_input(session, challenge), {}))
    wrapup.record_wrapup(session, milestone.id, "5.5", summary)
    milestone.done_at = NOW + timedelta(days=3)
    session.flush()
    session.expire_all()
    assert session.get_one(Challenge, challenge.id).status == ChallengeStatus.COMPLETED
    [done] = wrapup.finished_since(session, "T1", NOW, user_id="U1")
    assert (done.challenge.id, done.message_ts, done.summary) == (challenge.id, "5.5", summary)
    assert wrapup.finished_since(session, "T1", NOW, user_id="U9") == []
