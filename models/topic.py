"""Topics: a workspace's tags, and the things tagged with them (reports, findings, challenges, proposals)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, StrEnumType

MAX_TOPIC_LENGTH = 40


class Tagged(StrEnum):
    """What a topic link points at; `subject_id` is that row's id."""

    REPORT = "report"
    GROUP = "group"  # a practice group, tagged when proposed
    CHARTER = "charter"  # a charter, tagged when drafted
    FINDINGS = "findings"  # a charter's findings (subject_id is the charter's id)
    CHALLENGE = "challenge"


class Topic(Base):
    """A tag of one workspace; `key` is its normalised name (lower case, single spaces), unique per workspace."""

    __tablename__ = "topics"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(MAX_TOPIC_LENGTH))
    name: Mapped[str] = mapped_column(String(MAX_TOPIC_LENGTH))
    created_at: Mapped[datetime]


class TopicLink(Base):
    """One thing tagged with one topic."""

    __tablename__ = "topic_links"
    __table_args__ = (
        UniqueConstraint("topic_id", "kind", "subject_id"),
        Index("ix_topic_links_subject", "kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    kind: Mapped[Tagged] = mapped_column(StrEnumType(Tagged, 16))
    subject_id: Mapped[int]
    created_at: Mapped[datetime]

    topic: Mapped[Topic] = relationship(lazy="joined")
