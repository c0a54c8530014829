"""Everything the bot keeps about one member of a workspace, as plain data for a JSON file."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import (
    Challenge,
    Charter,
    CharterEndorsement,
    CharterMember,
    Feedback,
    JournalEntry,
    MemberPrefs,
    Nudge,
    Participant,
    PartnerMember,
    PracticeGroup,
    Report,
    TimeAway,
)

# The sections of an export, in order, with what each holds (the summary names them this way).
SECTIONS = {
    "practice_groups": "practice groups (memberships, and proposals you made)",
    "group_endorsements": "endorsements of practice groups",
    "reports": "reports you wrote",
    "feedback": "feedback you gave on reports",
    "charters": "charters you lead, are named on or volunteered for",
    "charter_endorsements": "endorsements of charters",
    "challenges": "challenge participations",
    "journal_entries": "journal entries (private ones too)",
    "partnerships": "accountability partnerships",
    "nudges": "nudges sent to you",
    "time_away": "time away",
}


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def member_export(session: Session, team_id: str, user_id: str, *, now: datetime) -> dict[str, Any]:
    """The member's data in the workspace, section by section (see SECTIONS), plus their nudge settings."""
    titles = dict(session.execute(select(Challenge.id, Challenge.title).where(Challenge.team_id == team_id)).all())
    prefs = session.get(MemberPrefs, (team_id, user_id))
    data: dict[str, Any] = {"workspace": team_id, "member": user_id, "exported_at": now.isoformat()}
    data |= _groups(session, team_id, user_id) | _reports(session, team_id, user_id)
    data |= _charters(session, team_id, user_id) | _challenges(session, team_id, user_id, titles)
    data["nudge_settings"] = {"nudges_off": bool(prefs and prefs.nudges_off),
                              "timezone": prefs.timezone if prefs else None}
    data["time_away"] = [{"first_day": _when(a.first_day), "last_day": _when(a.last_day)}
                         for a in session.scalars(select(TimeAway).where(TimeAway.team_id == team_id,
                                                                         TimeAway.user_id == user_id))]
    return data


def _groups(session: Session, team_id: str, user_id: str) -> dict[str, Any]:
    groups = session.scalars(select(PracticeGroup).where(PracticeGroup.team_id == team_id).order_by(PracticeGroup.id))
    mine, endorsed = [], []
    for group in groups:
        membership = next((m for m in group.members if m.user_id == user_id), None)
        if membership is not None or group.proposer_id == user_id:
            mine.append({"name": group.name, "status": str(group.status),
                         "proposed_by_you": group.proposer_id == user_id,
                         "role": str(membership.role) if membership else None,
                         "joined_at": _when(membership.joined_at) if membership else None})
        endorsed += [{"group": group.name, "as_coordinator": e.as_coordinator, "at": _when(e.created_at)}
                     for e in group.endorsements if e.user_id == user_id]
    return {"practice_groups": mine, "group_endorsements": endorsed}


def _reports(session: Session, team_id: str, user_id: str) -> dict[str, Any]:
    reports = session.scalars(select(Report).where(Report.team_id == team_id, Report.author_id == user_id)
                              .order_by(Report.id))
    feedback = session.execute(select(Feedback, Report.subject_name).join(Report, Feedback.report_id == Report.id)
                               .where(Feedback.team_id == team_id, Feedback.user_id == user_id).order_by(Feedback.id))
    return {
        "reports": [{"about": r.subject_name, "final": r.final, "progress": r.progress, "learnings": r.learnings,
                     "asks": r.asks, "at": _when(r.created_at)} for r in reports],
        "feedback": [{"on_report_about": name, "kind": str(f.kind), "text": f.text, "at": _when(f.created_at)}
                     for f, name in feedback],
    }


def _charters(session: Session, team_id: str, user_id: str) -> dict[str, Any]:
    seats = session.execute(select(CharterMember, Charter).join(Charter, CharterMember.charter_id == Charter.id)
                            .where(Charter.team_id == team_id, CharterMember.user_id == user_id)
                            .order_by(Charter.id))
    endorsed = session.execute(select(CharterEndorsement, Charter)
                               .join(Charter, CharterEndorsement.charter_id == Charter.id)
                               .where(Charter.team_id == team_id, CharterEndorsement.user_id == user_id))
    return {
        "charters": [{"id": c.id, "title": c.title, "status": str(c.status), "role": str(m.role),
                      "joined_at": _when(m.joined_at)} for m, c in seats],
        "charter_endorsements": [{"charter": c.id, "title": c.title, "at": _when(e.endorsed_at)} for e, c in endorsed],
    }


def _challenges(session: Session, team_id: str, user_id: str, titles: dict[int, str]) -> dict[str, Any]:
    def rows(model: Any) -> Any:
        return session.scalars(select(model).where(model.team_id == team_id, model.user_id == user_id)
                               .order_by(model.id))

    partners: list[dict[str, Any]] = []
    for membership in rows(PartnerMember):
        others = session.scalars(select(PartnerMember.user_id).where(
            PartnerMember.group_id == membership.group_id, PartnerMember.user_id != user_id,
            or_(PartnerMember.removed_at.is_(None), PartnerMember.removed_at > membership.added_at)))
        partners.append({"challenge": titles.get(membership.challenge_id), "partners": sorted(set(others)),
                         "from": _when(membership.added_at), "until": _when(membership.removed_at)})
    return {
        "challenges": [{"challenge": titles.get(p.challenge_id), "joined_at": _when(p.joined_at),
                        "left_at": _when(p.left_at)} for p in rows(Participant)],
        "journal_entries": [{"challenge": titles.get(e.challenge_id), "day": e.day_number, "text": e.text,
                             "private": e.private, "source": e.source, "written_at": _when(e.created_at),
                             "edited_at": _when(e.updated_at)} for e in rows(JournalEntry)],
        "partnerships": partners,
        "nudges": [{"challenge": titles.get(n.challenge_id), "day": n.day_number, "outcome": n.outcome,
                    "sent_at": _when(n.sent_at)} for n in rows(Nudge)],
    }


def section_counts(data: dict[str, Any]) -> dict[str, int]:
    """How many items each section of an export holds."""
    return {key: len(data.get(key) or []) for key in SECTIONS}
