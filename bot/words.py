"""Small helpers for the words members read, shared by services and views."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """`plural(1, "member")` → "1 member"; `plural(2, "member")` → "2 members"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
