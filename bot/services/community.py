"""Community settings: the community channel, coordinators and default timezone of a workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bot.errors import UserError, collect_errors
from bot.ids import SettingsField
from models import Community, CoordinatorCopy
from models.community import DEFAULT_TIMEZONE

MAX_COORDINATORS = 50


@dataclass(frozen=True)
class SettingsInput:
    community_channel_id: str | None
    coordinator_ids: list[str]
    default_timezone: str


def get_community(session: Session, team_id: str) -> Community:
    """The workspace's settings; defaults (not stored) when nobody has saved any yet."""
    community = session.get(Community, team_id)
    if community is None:
        community = Community(team_id=team_id, coordinator_ids=[], default_timezone=DEFAULT_TIMEZONE)
    return community


def mark_uninstalled(session: Session, team_id: str, now: datetime) -> None:
    """The app left the workspace: hold its scheduled work (see bot/jobs/claims.py), keep its data."""
    community = session.get(Community, team_id) or Community(team_id=team_id, coordinator_ids=[])
    if community.uninstalled_at is None:
        community.uninstalled_at = now
    session.add(community)


def mark_installed(session: Session, team_id: str) -> bool:
    """The app is back in the workspace: its scheduled work resumes. True if it had been uninstalled."""
    community = session.get(Community, team_id)
    if community is None or community.uninstalled_at is None:
        return False
    community.uninstalled_at = None
    return True


def uninstalled_teams() -> Select[str]:
    """The workspaces the app is uninstalled from, as a subquery for the jobs' claims."""
    return select(Community.team_id).where(Community.uninstalled_at.is_not(None))


NO_CHANNEL = (
    "The community channel is not set yet. A coordinator or a workspace admin can set it: "
    "open CoP Bot's *Home* tab and press *Settings*."
)


def require_community_channel(session: Session, team_id: str) -> str:
    """The community channel's id; a UserError saying who can set it when it is not set."""
    channel = get_community(session, team_id).community_channel_id
    if channel is None:
        raise UserError(NO_CHANNEL)
    return channel


def is_listed_coordinator(session: Session, team_id: str, user_id: str) -> bool:
    return user_id in get_community(session, team_id).coordinator_ids


def validate_timezone(name: str) -> str:
    """The IANA timezone `name`, stripped; a UserError naming the field when unknown."""
    name = name.strip()
    if not name:
        raise UserError("Enter a timezone, such as Europe/Paris.", field=SettingsField.TIMEZONE)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        raise UserError(
            "“{}” is not a timezone I know. Use an IANA name such as Europe/Paris or America/New_York.",
            field=SettingsField.TIMEZONE, names=[name],
        ) from None
    return name


def validate_settings(values: SettingsInput, *, channel_problem: str | None = None) -> SettingsInput:
    """The settings cleaned up; every invalid field at once (FieldErrors) when any is wrong.

    `channel_problem` is why the bot cannot post in the chosen channel, as Slack told the caller.
    """
    errors: dict[str, str] = {}
    if channel_problem:
        errors[SettingsField.CHANNEL] = channel_problem
    coordinators = list(dict.fromkeys(values.coordinator_ids))
    if len(coordinators) > MAX_COORDINATORS:
        errors[SettingsField.COORDINATORS] = f"Choose at most {MAX_COORDINATORS} coordinators."
    timezone = values.default_timezone
    try:
        timezone = validate_timezone(values.default_timezone)
    except UserError as error:
        errors[SettingsField.TIMEZONE] = error.plain
    collect_errors(errors)
    return SettingsInput(values.community_channel_id, coordinators, timezone)


def save_settings(session: Session, team_id: str, values: SettingsInput, *, by: str, now: datetime) -> Community:
    """Validate and store the workspace's settings; raises UserError and changes nothing on bad input."""
    values = validate_settings(values)
    community = session.get(Community, team_id) or Community(team_id=team_id)
    community.community_channel_id = values.community_channel_id
    community.coordinator_ids = values.coordinator_ids
    community.default_timezone = values.default_timezone
    community.updated_at = now
    community.updated_by = by
    session.add(community)
    session.flush()
    return community


def record_copies(session: Session, team_id: str, subject_kind: str, subject_id: int,
                  sent: list[tuple[str, str, str]], *, now: datetime) -> None:
    """Keep each coordinator's DM copy (user, channel, ts) of a proposal, to update when anyone acts on it."""
    session.add_all(CoordinatorCopy(team_id=team_id, subject_kind=subject_kind, subject_id=subject_id, user_id=user,
                                    channel_id=channel, ts=ts, created_at=now) for user, channel, ts in sent)


def copies_of(session: Session, subject_kind: str, subject_id: int) -> list[tuple[str, str]]:
    """Every coordinator's DM copy (channel, ts) of the proposal of this subject, oldest first."""
    rows = session.execute(select(CoordinatorCopy.channel_id, CoordinatorCopy.ts).where(
        CoordinatorCopy.subject_kind == subject_kind, CoordinatorCopy.subject_id == subject_id,
    ).order_by(CoordinatorCopy.id))
    return [(channel, ts) for channel, ts in rows]
