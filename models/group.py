"""Practice groups: members who focus on a learning challenge for a while, then report back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, StrEnumType
from models.report import Cadence, report_subject


class GroupStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"  # closed by its proposer (or a coordinator) while still a proposal


class Reason(StrEnum):
    SUBTOPIC = "subtopic"
    PROJECT = "project"
    BETTER_TOGETHER = "better_together"
    STATE_OF_THE_ART = "state_of_the_art"
    OUT_OF_THE_BOX = "out_of_the_box"
    CROSS_BOUNDARY = "cross_boundary"
    ADVISORY = "advisory"
    CONTEXTUAL = "contextual"


@dataclass(frozen=True)
class ReasonInfo:
    label: str
    purpose: str
    activities: str


# The playbook's reasons to form a practice group.
REASONS: dict[Reason, ReasonInfo] = {
    Reason.SUBTOPIC: ReasonInfo("Subtopic", "Explore an aspect of special and general interest",
                                "Discussion, reading group, debates, learning expeditions"),
    Reason.PROJECT: ReasonInfo("Project", "Team chartered by the community to achieve something specific",
                               "Project team, working group"),
    Reason.BETTER_TOGETHER: ReasonInfo("Better together", "Members doing similar work do it better together",
                                       "Collaboration group"),
    Reason.STATE_OF_THE_ART: ReasonInfo("State of the art", "Systematic look at what is known about an area",
                                        "Documentation, mutual benchmark, systematization"),
    Reason.OUT_OF_THE_BOX: ReasonInfo("Out of the box", "Radically innovative solutions to a sticky problem",
                                      "Brainstorming, learning expeditions"),
    Reason.CROSS_BOUNDARY: ReasonInfo("Cross-boundary", "Connect with other practices on a broader issue",
                                      "Boundary engagement, visits, field trips"),
    Reason.ADVISORY: ReasonInfo("Advisory group", "Help members progress on a specific challenge over time",
                                "Implementing advice proposed by the community"),
    Reason.CONTEXTUAL: ReasonInfo("Contextual subset", "The domain from the perspective of a subset of members",
                                  "Sharing perspectives and stories"),
}


class MemberRole(StrEnum):
    LEAD = "lead"
    MEMBER = "member"


@report_subject("group")
class PracticeGroup(Base):
    """A practice group; it reports back per its cadence once a coordinator has endorsed it."""

    __tablename__ = "practice_groups"
    __table_args__ = (UniqueConstraint("team_id", "name_key"), UniqueConstraint("team_id", "view_id"))
    noun: ClassVar[str] = "practice group"
    subject_kind: ClassVar[str]

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(80))
    # The name lower-cased: names are unique in a workspace whatever their case.
    name_key: Mapped[str] = mapped_column(String(80))
    reason: Mapped[Reason] = mapped_column(StrEnumType(Reason, 32))
    focus: Mapped[str] = mapped_column(Text)
    activities: Mapped[str] = mapped_column(Text)
    report_cadence: Mapped[Cadence] = mapped_column(StrEnumType(Cadence, 16))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[GroupStatus] = mapped_column(StrEnumType(GroupStatus, 16), default=GroupStatus.PROPOSED)
    proposer_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str | None] = mapped_column(String(32))
    next_report_due: Mapped[date | None]
    proposal_channel_id: Mapped[str | None] = mapped_column(String(32))
    proposal_ts: Mapped[str | None] = mapped_column(String(32))
    # The proposal modal it came from: a repeated submission stores one group.
    view_id: Mapped[str | None] = mapped_column(String(64))

    members: Mapped[list[GroupMember]] = relationship(
        back_populates="group", lazy="selectin", cascade="all, delete-orphan", order_by="GroupMember.id"
    )
    endorsements: Mapped[list[GroupEndorsement]] = relationship(
        back_populates="group", lazy="selectin", cascade="all, delete-orphan", order_by="GroupEndorsement.id"
    )

    @property
    def lead_ids(self) -> list[str]:
        return [m.user_id for m in self.members if m.role == MemberRole.LEAD]

    @property
    def member_ids(self) -> list[str]:
        return [m.user_id for m in self.members]

    @property
    def accepts_reports(self) -> bool:
        return self.status == GroupStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return str(self.status)

    @property
    def report_command(self) -> str:
        return f"/practice report {self.name}"

    def closed_by_final_report(self, now: datetime) -> None:
        self.status = GroupStatus.ARCHIVED
        self.archived_at = now


class GroupMember(Base):
    __tablename__ = "practice_group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("practice_groups.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[MemberRole] = mapped_column(StrEnumType(MemberRole, 16), default=MemberRole.MEMBER)
    joined_at: Mapped[datetime]

    group: Mapped[PracticeGroup] = relationship(back_populates="members")


class GroupEndorsement(Base):
    """One member's endorsement of a group; a coordinator's makes a proposed group active."""

    __tablename__ = "practice_group_endorsements"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("practice_groups.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    as_coordinator: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]

    group: Mapped[PracticeGroup] = relationship(back_populates="endorsements")
