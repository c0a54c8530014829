"""What one member's App Home shows, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.community import get_community
from bot.services.progress import Progress, home_challenges
from bot.services.social_home import SocialHome, social_home
from models import Community


@dataclass(frozen=True)
class HomeData:
    community: Community
    is_coordinator: bool
    challenges: list[Progress] = field(default_factory=list)
    social: SocialHome = field(default_factory=SocialHome)


def home_data(session: Session, team_id: str, user_id: str, *, is_coordinator: bool, now: datetime) -> HomeData:
    return HomeData(
        community=get_community(session, team_id),
        is_coordinator=is_coordinator,
        challenges=home_challenges(session, team_id, user_id, now=now),
        social=social_home(session, team_id, user_id, now=now),
    )
