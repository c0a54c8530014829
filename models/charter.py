"""Charters of practice development projects: the charter, its team and its endorsements."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, StrEnumType
from models.group import PracticeGroup
from models.report import Cadence, report_subject

REPORT_NAME_LENGTH = 120  # Report.subject_name


class CharterStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    CHARTERED = "chartered"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Origin(StrEnum):
    TEAM = "team"  # our team proposes it
    VOLUNTEERS = "volunteers"  # the community calls for volunteers


class Variation(StrEnum):
    STANDARD = "standard"
    CASE_STUDY = "case_study"  # an existing project adopted as a case study
    PRO_BONO = "pro_bono"  # doing something useful for someone


class Role(StrEnum):
    LEAD = "lead"
    MEMBER = "member"
    VOLUNTEER = "volunteer"


@report_subject("charter")
class Charter(Base):
    """A practice development project chartered by the community, from draft to findings.

    A report subject (bot/services/reports/): while active, its team reports back per its cadence.
    """

    __tablename__ = "charters"
    # A form submitted again (the same Slack view) is recognised within its own workspace only.
    __table_args__ = (UniqueConstraint("team_id", "form_view_id"),)
    noun: ClassVar[str] = "charter"
    keeps_hours: ClassVar[bool] = True  # its reports ask the hours each member gave (the ledger)
    subject_kind: ClassVar[str]

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[CharterStatus] = mapped_column(StrEnumType(CharterStatus, 16), default=CharterStatus.DRAFT)
    proposer_id: Mapped[str] = mapped_column(String(32))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("practice_groups.id", ondelete="SET NULL"), index=True)

    title: Mapped[str] = mapped_column(String(150))
    goal: Mapped[str] = mapped_column(Text)
    scope_in: Mapped[str] = mapped_column(Text)
    scope_out: Mapped[str] = mapped_column(Text)
    deliverable: Mapped[str] = mapped_column(Text)
    origin: Mapped[Origin] = mapped_column(StrEnumType(Origin, 16))
    seats_needed: Mapped[int] = mapped_column(Integer, default=0)
    hours_per_week: Mapped[int] = mapped_column(Integer)
    weeks: Mapped[int] = mapped_column(Integer)
    budget_amount: Mapped[int | None] = mapped_column(Integer)
    budget_currency: Mapped[str | None] = mapped_column(String(3))
    learning_sponsor_id: Mapped[str] = mapped_column(String(32))
    funding_sponsor_id: Mapped[str | None] = mapped_column(String(32))
    cadence: Mapped[Cadence] = mapped_column(StrEnumType(Cadence, 16))
    next_report_due: Mapped[date | None] = mapped_column(Date)
    report_channel_id: Mapped[str | None] = mapped_column(String(32))
    variation: Mapped[Variation] = mapped_column(StrEnumType(Variation, 16), default=Variation.STANDARD)
    case_study_name: Mapped[str | None] = mapped_column(String(150))
    case_study_link: Mapped[str | None] = mapped_column(String(500))
    pro_bono_for: Mapped[str | None] = mapped_column(String(150))

    created_at: Mapped[datetime]
    # The form it was created from: a repeated submission of one form stores one charter.
    form_view_id: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None]
    changes_requested: Mapped[str | None] = mapped_column(Text)
    changes_requested_by: Mapped[str | None] = mapped_column(String(32))
    approved_by: Mapped[str | None] = mapped_column(String(32))
    approved_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(32))

    # Where the proposal was posted, so that the bot keeps that one message current.
    proposal_channel_id: Mapped[str | None] = mapped_column(String(32))
    proposal_ts: Mapped[str | None] = mapped_column(String(32))

    findings: Mapped[str | None] = mapped_column(Text)
    findings_link: Mapped[str | None] = mapped_column(String(500))
    next_steps: Mapped[str | None] = mapped_column(Text)
    findings_ts: Mapped[str | None] = mapped_column(String(32))

    group: Mapped[PracticeGroup | None] = relationship(lazy="selectin")
    members: Mapped[list[CharterMember]] = relationship(
        back_populates="charter", lazy="selectin", cascade="all, delete-orphan", order_by="CharterMember.id"
    )
    endorsements: Mapped[list[CharterEndorsement]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="CharterEndorsement.id"
    )

    @property
    def group_name(self) -> str | None:
        """The practice group this project belongs to, if any."""
        return self.group.name if self.group else None

    @property
    def volunteers(self) -> list[CharterMember]:
        return [m for m in self.members if m.role == Role.VOLUNTEER]

    @property
    def open_seats(self) -> int:
        return max(0, self.seats_needed - len(self.volunteers))

    @property
    def lead_ids(self) -> list[str]:
        return [m.user_id for m in self.members if m.role == Role.LEAD]

    @property
    def member_ids(self) -> list[str]:
        return [m.user_id for m in self.members]

    @property
    def is_closed(self) -> bool:
        return self.status in (CharterStatus.COMPLETED, CharterStatus.CANCELLED)

    # -- as a report subject ---------------------------------------------------------------------

    @property
    def name(self) -> str:
        label = f"#{self.id} {self.title}"
        return label if len(label) <= REPORT_NAME_LENGTH else label[: REPORT_NAME_LENGTH - 1] + "…"

    @property
    def report_cadence(self) -> str:
        return self.cadence

    @property
    def channel_id(self) -> str | None:
        return self.report_channel_id

    @property
    def report_command(self) -> str:
        return f"/charter report {self.id}"

    @property
    def accepts_reports(self) -> bool:
        return self.status == CharterStatus.ACTIVE

    @property
    def status_label(self) -> str:
        return self.status

    def closed_by_final_report(self, now: datetime) -> None:
        """Charters close with their findings (`/charter complete`), not with a closing report."""
        self.status = CharterStatus.COMPLETED
        self.closed_at = now


class CharterMember(Base):
    """Someone on a charter's team: its lead (the proposer), a named member, or a volunteer."""

    __tablename__ = "charter_members"
    __table_args__ = (UniqueConstraint("charter_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charter_id: Mapped[int] = mapped_column(ForeignKey("charters.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[Role] = mapped_column(StrEnumType(Role, 16))
    joined_at: Mapped[datetime]

    charter: Mapped[Charter] = relationship(back_populates="members")


class CharterEndorsement(Base):
    """A community member's endorsement of a proposed charter; one per member."""

    __tablename__ = "charter_endorsements"
    __table_args__ = (UniqueConstraint("charter_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charter_id: Mapped[int] = mapped_column(ForeignKey("charters.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    endorsed_at: Mapped[datetime]
