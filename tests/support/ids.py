"""The ids of bot/ids.py, read by kind, for tests that must cover every one of them."""

from __future__ import annotations

import inspect
from enum import StrEnum

from bot import ids


def enum_values(suffixes: tuple[str, ...]) -> set[str]:
    """The values of every enum in bot/ids.py whose name ends with one of `suffixes`."""
    return {
        str(member)
        for name, enum in vars(ids).items()
        if inspect.isclass(enum) and issubclass(enum, StrEnum) and name.endswith(suffixes)
        for member in enum
    }


def action_ids() -> set[str]:
    """Every button's (or input's) action_id."""
    return enum_values(("Action",))


def callback_ids() -> set[str]:
    """Every modal's callback_id."""
    return enum_values(("View", "ViewId"))
