"""A report subject that only tests use: it shows the plug-in interface of bot/services/reports/."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.services.reports.reminders import start_reporting
from models.base import UTCDateTime
from models.report import SUBJECT_TYPES, report_subject
from tests.support.running_app import RunningApp

KIND = "example"


class ExampleBase(DeclarativeBase):
    metadata = MetaData()
    type_annotation_map = {datetime: UTCDateTime()}


class Project(ExampleBase):
    """As a charter or a practice group would offer it."""

    __tablename__ = "example_projects"
    noun: ClassVar[str] = "project"
    subject_kind: ClassVar[str]

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), default="T0001")
    name: Mapped[str] = mapped_column(String(80))
    report_cadence: Mapped[str] = mapped_column(String(16), default="weekly")
    next_report_due: Mapped[date | None]
    channel_id: Mapped[str | None] = mapped_column(String(32))
    leads: Mapped[list[str]] = mapped_column(JSON, default=list)
    members: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="active")

    @property
    def lead_ids(self) -> list[str]:
        return list(self.leads)

    @property
    def member_ids(self) -> list[str]:
        return list(dict.fromkeys(self.leads + self.members))

    @property
    def accepts_reports(self) -> bool:
        return self.status == "active"

    @property
    def status_label(self) -> str:
        return self.status

    @property
    def report_command(self) -> str:
        return f"/example report {self.name}"

    def closed_by_final_report(self, now: datetime) -> None:
        self.status = "completed"


def plug_in(app: RunningApp) -> None:
    """Create the example table in the app's database and register the subject kind."""
    ExampleBase.metadata.create_all(app.deps.sessions.kw["bind"])
    report_subject(KIND)(Project)


def unplug() -> None:
    SUBJECT_TYPES.pop(KIND, None)


def add_project(app: RunningApp, **values: Any) -> int:
    """An active project with its first due date one cadence from now, and its reminders."""
    values = {"name": "Data Viz", "leads": ["U1"], "members": ["U2"]} | values
    with app.deps.sessions.begin() as session:
        project = Project(**values)
        session.add(project)
        session.flush()
        start_reporting(session, project, app.clock.now)
        return project.id


def get_project(app: RunningApp, project_id: int) -> Project:
    with app.deps.sessions() as session:
        return session.get_one(Project, project_id)
