"""The health view's participation chart: drawn as PNG, and which upload of it is today's."""

from __future__ import annotations

from datetime import date, datetime

from matplotlib.figure import Figure
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db import insert_missing
from bot.services.challenges.participation_chart import COLOURS, png
from bot.services.challenges.wrapup_stats import Mark
from bot.services.health import Health
from bot.services.reports.reminders import local_today
from models import HealthChart


def health_chart_png(health: Health) -> bytes:
    """Members journaling each week (bars) and journal entries (a line) over the last 13 weeks."""
    figure = Figure(figsize=(7.0, 3.2), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    x = range(len(health.weeks))
    axes.bar(x, [w.journaling for w in health.weeks], color=COLOURS[Mark.JOURNALED], label="members journaling")
    axes.set_xticks(list(x), labels=[f"{w.starts:%d %b}" for w in health.weeks], fontsize=7, rotation=45)
    axes.set_ylabel("Members journaling")
    axes.set_xlabel("Week starting")
    axes.set_title(f"Challenge participation, last 90 days (to {health.today:%d %b %Y})")
    entries = axes.twinx()
    entries.plot(list(x), [w.entries for w in health.weeks], color="#611f69", marker="o", label="journal entries")
    entries.set_ylabel("Journal entries")
    entries.set_ylim(bottom=0)
    axes.set_ylim(bottom=0, top=max([1, *[w.journaling for w in health.weeks]]) * 1.15)
    for side in (axes, entries):
        side.spines["top"].set_visible(False)
    figure.legend(loc="upper left", fontsize=8, frameon=False)
    return png(figure)


def todays_chart(session: Session, team_id: str, *, now: datetime) -> str | None:
    """The file id of the chart drawn today (the community's date), or None: it is due again."""
    chart = session.get(HealthChart, team_id)
    return chart.file_id if chart is not None and chart.made_on == local_today(session, team_id, now) else None


def record_chart(session: Session, team_id: str, file_id: str, *, now: datetime) -> None:
    """Keep today's chart; when two were drawn at once, the first one kept stays."""
    today: date = local_today(session, team_id, now)
    insert_missing(session, HealthChart, [{"team_id": team_id, "file_id": file_id, "made_on": today, "made_at": now}])
    session.execute(update(HealthChart).where(HealthChart.team_id == team_id, HealthChart.made_on != today)
                    .values(file_id=file_id, made_on=today, made_at=now))
