"""Nudges as due rows: planned once per participant and day, checked again before sending, on a real session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.challenges import members, nudges, partners
from bot.services.challenges.journals import save_modal_entry
from models.social import Nudge, NudgeOutcome, SocialMessage, SocialMessageKind
from tests.support.challenges import stored_challenge

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def nudge_of(session: Session, user_id: str) -> Nudge:
    return session.scalars(select(Nudge).where(Nudge.user_id == user_id)).one()


def test_each_participant_gets_one_nudge_row_once_the_day_is_posted(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1", "U2"])
    assert nudges.to_plan(session, NOW) == []  # Day 1 is not posted yet
    stored_challenge(session, now=NOW, members=["U3"], posted_days=1, title="Another")
    assert [(p.user_ids) for p in nudges.to_plan(session, NOW)] == [["U3"]]
    posted = stored_challenge(session, now=NOW, members=["U4"], posted_days=1, title="Third")
    assert nudges.plan(session, posted.id, NOW) == 1
    assert nudges.plan(session, posted.id, NOW) == 0
    assert nudge_of(session, "U4").due_at.replace(tzinfo=UTC) == NOW + timedelta(hours=6)
    assert nudges.plan(session, challenge.id, NOW) == 0


def test_a_nudge_is_not_sent_to_who_journaled_or_turned_nudges_off(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1", "U2", "U3"], posted_days=1)
    nudges.plan(session, challenge.id, NOW)
    save_modal_entry(session, challenge, "U1", 1, text="Done", private=True, now=NOW)
    members.set_nudges(session, "T1", "U2", on=False)
    later = NOW + timedelta(hours=6)
    assert nudges.decide(session, nudge_of(session, "U1").id, later) is None
    assert nudges.decide(session, nudge_of(session, "U2").id, later) is None
    to_send = nudges.decide(session, nudge_of(session, "U3").id, later)
    assert to_send is not None and (to_send.day_number, to_send.last) == (1, False)
    session.expire_all()
    assert [nudge_of(session, u).outcome for u in ("U1", "U2", "U3")] == [
        NudgeOutcome.JOURNALED, NudgeOutcome.NUDGES_OFF, None]


def test_a_sent_nudge_queues_one_note_to_the_partner_group(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1", "U2"], posted_days=1)
    partners.regroup(session, challenge.id, NOW)
    nudges.plan(session, challenge.id, NOW)
    later = NOW + timedelta(hours=6)
    nudges.record_sent(session, nudge_of(session, "U1").id, later)
    assert nudge_of(session, "U1").outcome == NudgeOutcome.SENT
    note = session.scalars(select(SocialMessage).where(SocialMessage.kind == SocialMessageKind.PARTNERS_NUDGED)).one()
    found = nudges.partners_note(session, challenge, note.payload["group_id"], 1, later)
    assert found is not None and (found.behind, found.helpers) == (["U1"], ["U2"])
