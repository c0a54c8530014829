"""Sets of daily challenge activities: the built-in YAML files, and each community's own imported sets."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import TemplateField
from models import ActivitySet

BUILT_IN_DIR = Path(__file__).resolve().parents[2] / "templates"
MAX_YAML_CHARS = 15_000  # five import boxes of 3,000 characters, Slack's limit for one text input
MAX_NAME = 60
MAX_DESCRIPTION = 500
MAX_ACTIVITIES = 100
MAX_ACTIVITY_FIELD = 500
MAX_PROBLEMS = 5  # problems listed at once in the import form; more are counted
EXAMPLE = """name: Data Visualisation
description: A chart a day.
activities:
  - title: Redraw a bad chart
    do: Find a misleading chart and redraw it.
    journal: What was wrong, and what you changed.
  - Pick one dataset and sketch three charts of it"""


@dataclass(frozen=True)
class Activity:
    """One day's activity: what to do (in 15-30 minutes) and what to write in the journal."""

    title: str
    do: str = ""
    journal: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Activity:
        return cls(title=data["title"], do=data.get("do", ""), journal=data.get("journal", ""))


@dataclass(frozen=True)
class ActivitySetData:
    name: str
    description: str
    activities: tuple[Activity, ...]
    built_in: bool = False

    @property
    def key(self) -> str:
        return set_key(self.name)


def set_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_activity_set(text: str, *, field: str = TemplateField.YAML) -> ActivitySetData:
    """A set from YAML text; a UserError that says what is wrong, and where, otherwise."""
    if len(text) > MAX_YAML_CHARS:
        raise UserError(f"That is {len(text):,} characters; a set can be at most {MAX_YAML_CHARS:,}.", field=field)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise UserError(f"I couldn't read that YAML{where}: {problem}.", field=field) from None
    except ValueError:  # YAML reads 2026-02-30 as a date, and there is no such day
        raise UserError("I couldn't read that YAML: something in it looks like a date but is not a real one. "
                        "Put it in quotes to keep it as text.", field=field) from None
    except RecursionError:
        raise UserError("I couldn't read that YAML: it is nested too deeply.", field=field) from None
    return _validate(data, field)


def _validate(data: Any, field: str) -> ActivitySetData:
    """The set, or a UserError listing every problem found (the first few), not only the first."""
    if not isinstance(data, dict):
        raise UserError("Start with `name:`, then `activities:` with one activity per line (see the example).",
                        field=field)
    problems: list[str] = []
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("Give the set a `name:` (text).")
    elif len(name.strip()) > MAX_NAME:
        problems.append(f"The name can be at most {MAX_NAME} characters.")
    description = data.get("description") or ""
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        problems.append(f"`description:` must be text of at most {MAX_DESCRIPTION} characters.")
    items = data.get("activities")
    activities: list[Activity] = []
    if not isinstance(items, list) or not items:
        problems.append("List the activities under `activities:`, one `- ` item per day.")
    elif len(items) > MAX_ACTIVITIES:
        problems.append(f"That is {len(items)} activities; a set can have at most {MAX_ACTIVITIES}.")
    else:
        seen: set[str] = set()
        for number, item in enumerate(items, start=1):
            try:
                activity = _activity(item, number, field)
            except UserError as error:
                problems.append(error.plain)
                continue
            if activity.title.casefold() in seen:
                problems.append(f"Activity {number} repeats an earlier one; each day needs its own activity.")
            seen.add(activity.title.casefold())
            activities.append(activity)
    if problems:
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise UserError(" ".join(problems[:MAX_PROBLEMS]) + more, field=field)
    assert isinstance(name, str) and isinstance(description, str)
    return ActivitySetData(name=" ".join(name.split()), description=description.strip(), activities=tuple(activities))


def _activity(item: Any, number: int, field: str) -> Activity:
    if isinstance(item, str):
        item = {"title": item}
    if not isinstance(item, dict):
        raise UserError(f"Activity {number} must be text, or `title:` with optional `do:` and `journal:`.", field=field)
    unknown = set(item) - {"title", "do", "journal"}
    if unknown:
        raise UserError(f"Activity {number} has `{{}}:`; use only title, do and journal.", field=field,
                        names=[sorted(map(str, unknown))[0]])
    values = {key: item.get(key) or "" for key in ("title", "do", "journal")}
    for key, value in values.items():
        if not isinstance(value, str):
            raise UserError(f"Activity {number}: `{key}:` must be text.", field=field)
        if len(value) > MAX_ACTIVITY_FIELD:
            raise UserError(f"Activity {number}: `{key}:` is over {MAX_ACTIVITY_FIELD} characters.", field=field)
    if not values["title"].strip():
        raise UserError(f"Activity {number} needs a `title:`.", field=field)
    return Activity(**{key: " ".join(value.split()) for key, value in values.items()})


def activities_from_lines(text: str) -> list[Activity]:
    """Pasted activities, one a line; blank lines and list bullets are dropped."""
    lines = (line.strip().lstrip("-*•").strip() for line in text.splitlines())
    return [Activity(title=line[:MAX_ACTIVITY_FIELD]) for line in lines if line]


@lru_cache(maxsize=1)
def built_in_sets() -> tuple[ActivitySetData, ...]:
    """The sets that ship with the bot (bot/templates/*.yml), in name order."""
    sets = []
    for path in sorted(BUILT_IN_DIR.glob("*.yml")):
        parsed = _validate(yaml.safe_load(path.read_text(encoding="utf-8")), field=TemplateField.YAML)
        sets.append(ActivitySetData(parsed.name, parsed.description, parsed.activities, built_in=True))
    return tuple(sorted(sets, key=lambda s: s.key))


def _from_row(row: ActivitySet) -> ActivitySetData:
    return ActivitySetData(row.name, row.description, tuple(Activity.from_dict(a) for a in row.activities))


def list_sets(session: Session, team_id: str) -> list[ActivitySetData]:
    """The built-in sets, then the community's own, by name."""
    rows = session.scalars(select(ActivitySet).where(ActivitySet.team_id == team_id).order_by(ActivitySet.key))
    return [*built_in_sets(), *(_from_row(row) for row in rows)]


def find_set(session: Session, team_id: str, name: str) -> ActivitySetData:
    """The set called `name` (ignoring case); a UserError listing the sets when there is none."""
    sets = list_sets(session, team_id)
    for activity_set in sets:
        if activity_set.key == set_key(name):
            return activity_set
    listed = ", ".join("{}" for _ in sets)
    raise UserError(f"There is no activity set called “{{}}”. The sets are: {listed}.",
                    names=[name[:60], *(s.name for s in sets)])


def import_set(session: Session, team_id: str, text: str, *, by: str, now: datetime) -> ActivitySetData:
    """Store a community's own set from YAML; a UserError (nothing stored) when it is not valid."""
    parsed = parse_activity_set(text)
    if any(s.key == parsed.key for s in list_sets(session, team_id)):
        raise UserError("A set called “{}” already exists. Give yours another `name:`.", names=[parsed.name],
                        field=TemplateField.YAML)
    session.add(ActivitySet(team_id=team_id, key=parsed.key, name=parsed.name, description=parsed.description,
                            activities=[a.as_dict() for a in parsed.activities], created_by=by, created_at=now))
    session.flush()
    return parsed


def export_yaml(activity_set: ActivitySetData) -> str:
    """The set as YAML that `import_set` reads back."""
    data = {"name": activity_set.name, "description": activity_set.description,
            "activities": [a.as_dict() for a in activity_set.activities]}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
