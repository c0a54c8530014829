"""Topics that link things: a workspace's tags on reports, charters and their findings, challenges and practice
groups, and what came earlier on the same topics.

A modal offers the workspace's topics (TopicField.CHOSEN) and takes new ones, comma separated
(TopicField.NEW); `tag` checks both and links the thing tagged, in the caller's transaction, so a
bad tag leaves nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db import insert_missing
from bot.errors import UserError
from bot.ids import TopicField
from bot.services.community import get_community
from models import Challenge, Charter, PracticeGroup
from models.topic import MAX_TOPIC_LENGTH, Tagged, Topic, TopicLink

MAX_TOPICS = 10
MAX_RELATED = 5
OFFERED = 100  # a multi_static_select lists at most 100 options
RELATED_KINDS = (Tagged.GROUP, Tagged.FINDINGS, Tagged.CHALLENGE)


@dataclass(frozen=True)
class TopicAnswers:
    """The topics a member chose (their ids, as the select gives them) and the new ones they typed."""

    chosen: list[str] = field(default_factory=list)
    new: str = ""


@dataclass(frozen=True)
class Related:
    """An earlier group, charter findings or challenge on one of the same topics, and where its message is."""

    kind: Tagged
    name: str
    channel_id: str | None
    ts: str | None


def topic_key(name: str) -> str:
    """The normalised name: one line, single spaces, lower case, no leading "#"."""
    return " ".join(name.split()).lstrip("#").strip().lower()


def offered_topics(session: Session, team_id: str) -> list[Topic]:
    """The workspace's topics a form offers, by name."""
    query = select(Topic).where(Topic.team_id == team_id).order_by(Topic.key).limit(OFFERED)
    return list(session.scalars(query))


def topics_of(session: Session, kind: Tagged, subject_id: int) -> list[Topic]:
    query = select(Topic).join(TopicLink).where(TopicLink.kind == kind, TopicLink.subject_id == subject_id)
    return list(session.scalars(query.order_by(Topic.key)))


def check_topics(session: Session, team_id: str, answers: TopicAnswers) -> dict[str, str]:
    """The topics the answers name, by key (their names as first written); a UserError on the field at fault."""
    ids = [int(v) for v in answers.chosen if v.isdigit()]
    known = {t.id: t for t in session.scalars(select(Topic).where(Topic.team_id == team_id, Topic.id.in_(ids)))}
    if len(known) < len(answers.chosen):
        raise UserError("One of those topics is gone; choose again.", field=TopicField.CHOSEN)
    names = {t.key: t.name for t in known.values()}
    for piece in answers.new.split(","):
        name = " ".join(piece.split()).lstrip("#").strip()
        if not name:
            continue
        if len(name) > MAX_TOPIC_LENGTH:
            raise UserError(f"“{{}}…” is {len(name)} characters long: keep each topic to {MAX_TOPIC_LENGTH} "
                            "characters, and separate topics with commas.", field=TopicField.NEW, names=[name[:20]])
        if topic_key(name) in names:
            raise UserError("“{}” is there twice: give each topic once.", field=TopicField.NEW, names=[name])
        names[topic_key(name)] = name
    if len(names) > MAX_TOPICS:
        raise UserError(f"That is {len(names)} topics: choose at most {MAX_TOPICS}.", field=TopicField.NEW)
    return names


def tag(session: Session, team_id: str, kind: Tagged, subject_id: int, answers: TopicAnswers, *,
        now: datetime) -> list[Topic]:
    """Check the answers and make them the topics of the thing tagged (replacing any it had)."""
    names = check_topics(session, team_id, answers)
    insert_missing(session, Topic, [{"team_id": team_id, "key": key, "name": name, "created_at": now}
                                    for key, name in names.items()])
    topics = list(session.scalars(select(Topic).where(Topic.team_id == team_id, Topic.key.in_(names))))
    untag(session, kind, subject_id)
    session.add_all(TopicLink(team_id=team_id, topic=topic, kind=kind, subject_id=subject_id, created_at=now)
                    for topic in topics)
    session.flush()
    return sorted(topics, key=lambda t: t.key)


def untag(session: Session, kind: Tagged, subject_id: int) -> None:
    """The thing is gone (e.g. a challenge whose announcement failed): so are its topic links."""
    session.execute(delete(TopicLink).where(TopicLink.kind == kind, TopicLink.subject_id == subject_id))


def related(session: Session, team_id: str, kind: Tagged, subject_id: int) -> list[Related]:
    """Up to five earlier groups, charter findings and challenges sharing a topic with this thing, newest first."""
    mine = select(TopicLink.topic_id).where(TopicLink.kind == kind, TopicLink.subject_id == subject_id)
    links = session.execute(
        select(TopicLink.kind, TopicLink.subject_id)
        .where(TopicLink.team_id == team_id, TopicLink.topic_id.in_(mine), TopicLink.kind.in_(RELATED_KINDS))
        .group_by(TopicLink.kind, TopicLink.subject_id)
        .order_by(func.max(TopicLink.created_at).desc(), TopicLink.subject_id.desc())
        .limit(4 * MAX_RELATED)  # room for a few things gone since they were tagged
    ).all()
    found: list[Related] = []
    for link_kind, link_id in links:
        if (link_kind, link_id) != (kind, subject_id) and (item := _related(session, team_id, link_kind, link_id)):
            found.append(item)
            if len(found) == MAX_RELATED:
                break
    return found


def _related(session: Session, team_id: str, kind: Tagged, subject_id: int) -> Related | None:
    if kind == Tagged.GROUP and (group := session.get(PracticeGroup, subject_id)):
        return Related(kind, group.name, group.proposal_channel_id, group.proposal_ts)
    if kind == Tagged.FINDINGS and (charter := session.get(Charter, subject_id)) and charter.findings_ts:
        return Related(kind, charter.name, get_community(session, team_id).community_channel_id, charter.findings_ts)
    if kind == Tagged.CHALLENGE and (challenge := session.get(Challenge, subject_id)):
        return Related(kind, challenge.title, challenge.channel_id, challenge.announcement_ts)
    return None
