"""The weekly digest in the community channel: sections contributed by each domain.

A section is a function `(session, window) -> DigestSection | None` listed in SECTIONS; a domain
(practice groups, charters, challenges) adds its lines by adding its function there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import insert_missing
from bot.services.challenges.wrapup import digest_section as wrapup_section
from bot.services.charters.digest import digest_section as charters_section
from bot.services.digest_types import DigestSection, DigestWindow, Overdue, ReportsBack
from bot.services.groups import new_proposals_section as groups_section
from bot.services.reports.reminders import at_reminder_hour, community_zone
from bot.services.reports.reports import reports_between
from bot.services.reports.subjects import overdue_subjects
from models import Community
from models.report import Digest

DIGEST_WEEKDAY = 0  # Monday

DigestSource = Callable[[Session, DigestWindow], DigestSection | None]


def reports_section(session: Session, window: DigestWindow) -> ReportsBack | None:
    reports = reports_between(session, window.team_id, window.since, window.until)
    return ReportsBack(reports) if reports else None


def overdue_section(session: Session, window: DigestWindow) -> Overdue | None:
    subjects = overdue_subjects(session, window.team_id, window.today)
    return Overdue(subjects) if subjects else None


# In the order they appear; other domains add theirs here.
SECTIONS: list[DigestSource] = [
    groups_section, charters_section, reports_section, overdue_section, wrapup_section,
]


def digest_sections(session: Session, window: DigestWindow) -> list[DigestSection]:
    """The digest's sections with something to say this week, in the order of SECTIONS."""
    return [s for source in SECTIONS if (s := source(session, window))]


def window_of(session: Session, digest: Digest) -> DigestWindow:
    until = digest.due_at
    return DigestWindow(
        team_id=digest.team_id, since=until - timedelta(days=7), until=until,
        today=until.astimezone(community_zone(session, digest.team_id)).date(),
    )


def schedule_digests(session: Session, now: datetime) -> None:
    """Digest rows for this week's Monday and the next, for every community with a channel; idempotent.

    This week's row as well: when the bot was down, or its clock jumped, from before one Monday to
    after it, no tick saw that Monday coming, and its digest would otherwise never be planned.
    """
    for community in session.scalars(select(Community).where(Community.community_channel_id.is_not(None))):
        zone = community_zone(session, community.team_id)
        today = now.astimezone(zone).date()
        this_monday = today - timedelta(days=(today.weekday() - DIGEST_WEEKDAY) % 7)
        insert_missing(session, Digest, [
            {"team_id": community.team_id, "week_of": monday, "due_at": at_reminder_hour(monday, zone), "attempts": 0}
            for monday in (this_monday, this_monday + timedelta(days=7))
        ])
