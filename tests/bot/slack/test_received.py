"""What Slack sends is made storable: NUL dropped, half a surrogate pair replaced, in place and at any depth."""

from __future__ import annotations

from typing import Any

from bot.slack.received import storable


def test_nul_is_dropped_and_half_a_pair_replaced_at_any_depth_in_place() -> None:
    body: dict[str, Any] = {"text": "a\x00b", "view": {"state": {"values": {"b": {"a": {"value": "\ud800x"}}}}},
                            "users": ["U1\x00", "\udfff"], "n": 3, "ok": None}
    assert storable(body) is body
    assert body == {"text": "ab", "view": {"state": {"values": {"b": {"a": {"value": "\ufffdx"}}}}},
                    "users": ["U1", "\ufffd"], "n": 3, "ok": None}


def test_everything_else_is_left_as_it_is() -> None:
    text = "<!channel> 👩‍👩‍👧 \u202e\u200b\t\n\x07 مرحبا"
    assert storable(text) == text
