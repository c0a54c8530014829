"""The shared word helpers."""

from __future__ import annotations

from bot.words import plural


def test_plural_counts_one_and_many() -> None:
    assert plural(1, "member") == "1 member"
    assert plural(0, "open seat") == "0 open seats"
    assert plural(2, "seat is", "seats are") == "2 seats are"
