"""Journal entries from thread replies and from the modal, on a real session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import JournalField
from bot.services.challenges import journals
from bot.services.challenges.journals import Outcome
from models import JournalEntry
from models.challenge import JournalSource
from tests.support.challenges import stored_challenge

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY1 = "1.000100"  # the ts of Day 1's post (see stored_challenge)


def capture(session: Session, ts: str, *, user: str = "U1", thread: str = DAY1, text: str = "Learned a lot") -> Outcome:
    return journals.capture_reply(session, "T1", channel_id="CCOMMUNITY", thread_ts=thread, ts=ts, user_id=user,
                                  text=text, now=NOW).outcome


def test_a_participants_reply_in_a_days_thread_is_their_entry_for_that_day(session: Session) -> None:
    stored_challenge(session, now=NOW, members=["U1"], posted_days=1)
    assert capture(session, "10.1") is Outcome.STORED
    assert capture(session, "10.1") is Outcome.DUPLICATE  # a retried event
    entry = session.scalars(select(JournalEntry)).one()
    assert (entry.user_id, entry.day_number, entry.source, entry.private) == ("U1", 1, JournalSource.THREAD, False)


def test_a_non_participant_is_invited_once_and_other_threads_are_ignored(session: Session) -> None:
    stored_challenge(session, now=NOW, members=["U1"], posted_days=1)
    assert capture(session, "10.2", user="U2") is Outcome.NOT_PARTICIPANT
    assert capture(session, "10.3", user="U2") is Outcome.NOT_PARTICIPANT_AGAIN
    assert capture(session, "10.4", thread="99.0") is Outcome.IGNORED
    assert session.scalars(select(JournalEntry)).all() == []


def test_only_the_author_edits_a_reply_and_deleting_it_removes_the_entry(session: Session) -> None:
    stored_challenge(session, now=NOW, members=["U1"], posted_days=1)
    capture(session, "10.1")
    later = NOW + timedelta(minutes=5)
    assert journals.update_reply(session, "T1", channel_id="CCOMMUNITY", ts="10.1", user_id="U2", text="x",
                                 now=later) is None
    edited = journals.update_reply(session, "T1", channel_id="CCOMMUNITY", ts="10.1", user_id="U1", text="Edited",
                                   now=later)
    assert edited is not None and (edited.text, edited.updated_at) == ("Edited", later)
    removed = journals.delete_reply(session, "T1", channel_id="CCOMMUNITY", ts="10.1")
    assert removed is not None and removed.day_number == 1
    assert journals.delete_reply(session, "T1", channel_id="CCOMMUNITY", ts="10.1") is None


def test_the_modal_entry_is_for_today_and_only_for_participants(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1"], posted_days=1)
    with pytest.raises(UserError) as error:
        journals.journal_target(session, challenge, "U2", now=NOW)
    assert error.value.field == JournalField.TEXT and "Join “30 days of DevOps” first" in error.value.message
    with pytest.raises(UserError, match="starts on"):
        journals.journal_target(session, challenge, "U1", now=NOW - timedelta(hours=1))
    target = journals.journal_target(session, challenge, "U1", now=NOW)
    assert (target.day.number, target.entry) == (1, None)


def test_saving_again_rewrites_the_modal_entry_and_a_private_one_has_no_public_copy(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1"], posted_days=1)
    first = journals.save_modal_entry(session, challenge, "U1", 1, text=" First ", private=False, now=NOW,
                                      channel_id="CCOMMUNITY")
    journals.record_entry_post(session, first.id, "CCOMMUNITY", "11.1")
    session.expire_all()
    again = journals.save_modal_entry(session, challenge, "U1", 1, text="Second", private=True, now=NOW,
                                      channel_id="CCOMMUNITY", slack_ts="11.1")
    assert again.id == first.id and (again.text, again.private, again.slack_ts) == ("Second", True, None)
    assert journals.journal_target(session, challenge, "U1", now=NOW).entry == again
    with pytest.raises(UserError, match="Write something"):
        journals.validate_entry("   ")
