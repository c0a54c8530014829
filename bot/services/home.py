"""What one member's App Home shows, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.services.community import get_community
from models import Community


@dataclass(frozen=True)
class HomeData:
    community: Community
    is_coordinator: bool


def home_data(session: Session, team_id: str, user_id: str, *, is_coordinator: bool) -> HomeData:
    return HomeData(community=get_community(session, team_id), is_coordinator=is_coordinator)
