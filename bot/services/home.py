"""What one member's App Home shows, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.calendar import CalendarItem, calendar_items
from bot.services.challenges.home import SocialHome, social_home
from bot.services.challenges.progress import Progress, home_challenges
from bot.services.charters.lookup import CharterHome, charters_home
from bot.services.community import get_community
from bot.services.groups import awaiting_endorsement, groups_of
from bot.services.health import Health, community_health
from models import Community, PracticeGroup


@dataclass(frozen=True)
class HomeData:
    community: Community
    is_coordinator: bool
    challenges: list[Progress] = field(default_factory=list)
    social: SocialHome = field(default_factory=SocialHome)
    practice_groups: list[PracticeGroup] = field(default_factory=list)  # the member's open groups
    awaiting_endorsement: list[PracticeGroup] = field(default_factory=list)  # shown to coordinators
    user_id: str = ""
    charters: CharterHome = field(default_factory=CharterHome)
    calendar: list[CalendarItem] = field(default_factory=list)  # dates ahead the member can add to a calendar
    health: Health | None = None  # the community's health, for coordinators


def home_data(session: Session, team_id: str, user_id: str, *, is_coordinator: bool, now: datetime) -> HomeData:
    return HomeData(
        community=get_community(session, team_id),
        is_coordinator=is_coordinator,
        challenges=home_challenges(session, team_id, user_id, now=now),
        social=social_home(session, team_id, user_id, now=now),
        practice_groups=groups_of(session, team_id, user_id),
        awaiting_endorsement=awaiting_endorsement(session, team_id) if is_coordinator else [],
        user_id=user_id,
        charters=charters_home(session, team_id, user_id, is_coordinator=is_coordinator),
        calendar=calendar_items(session, team_id, user_id, now=now),
        health=community_health(session, team_id, now=now) if is_coordinator else None,
    )
