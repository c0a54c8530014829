"""Accountability partners in the database: pairing at the start, leavers, and telling partners, on a real session."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.challenges import partners
from bot.services.challenges.participation import join, leave
from models.social import SocialMessage, SocialMessageKind
from tests.support.challenges import stored_challenge

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def kinds(session: Session) -> list[tuple[str, list[str]]]:
    return [(m.kind, m.user_ids) for m in session.scalars(select(SocialMessage).order_by(SocialMessage.id))]


def test_participants_are_paired_once_the_challenge_starts_and_introduced(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1", "U2", "U3", "U4"])
    assert [p.user_ids for p in partners.pending(session, NOW)] == [["U1", "U2", "U3", "U4"]]
    regrouped = partners.regroup(session, challenge.id, NOW)
    assert sorted(map(sorted, regrouped.introduced)) == sorted(partners.groups_of(session, challenge.id))
    assert len(partners.groups_of(session, challenge.id)) == 2 and regrouped.alone == []
    assert [kind for kind, _ in kinds(session)] == [SocialMessageKind.INTRO] * 2
    assert partners.pending(session, NOW) == []


def test_a_lone_participant_is_told_once_and_a_leavers_partner_is_placed_again(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1"])
    assert partners.regroup(session, challenge.id, NOW).alone == ["U1"]
    assert partners.pending(session, NOW) == []  # told already: no notice every tick
    join(session, challenge, "U2", now=NOW)
    join(session, challenge, "U3", now=NOW)
    partners.regroup(session, challenge.id, NOW)
    assert partners.groups_of(session, challenge.id) == [["U1", "U2", "U3"]]
    leave(session, challenge, "U3", now=NOW)
    partners.regroup(session, challenge.id, NOW)
    assert partners.groups_of(session, challenge.id) == [["U1", "U2"]]
    assert partners.partners_of(session, challenge.id, "U1") == ["U2"]


def test_my_partners_and_telling_them(session: Session) -> None:
    challenge = stored_challenge(session, now=NOW, members=["U1", "U2"], posted_days=1)
    partners.regroup(session, challenge.id, NOW)
    mine = partners.my_partners(session, challenge, "U1", NOW)
    assert (mine.enabled, mine.started) == (True, True)
    assert [(p.user_id, p.journaled_today, p.away) for p in mine.partners or []] == [("U2", False, False)]
    told = partners.tell_partners(session, "T1", "U1", SocialMessageKind.PARTNER_BACK, NOW, key="1:2026-11-23")
    again = partners.tell_partners(session, "T1", "U1", SocialMessageKind.PARTNER_BACK, NOW, key="1:2026-11-23")
    assert (told, again) == (1, 0)
    assert kinds(session)[-1] == (SocialMessageKind.PARTNER_BACK, ["U2"])
