"""UserError: the names members gave are escaped where the text is mrkdwn, and kept as typed inline in a modal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.ids import CharterField
from bot.services.charters.lookup import group_named
from bot.services.groups import find_group, join_group
from tests.support.charters import TEAM, a_group, service_session

__all__ = ["service_session"]

HOSTILE = "<!channel> *Viz* <@UEVIL>"
SAFE = "&lt;!channel&gt; ∗Viz∗ &lt;@UEVIL&gt;"


def test_names_are_escaped_in_the_message_and_kept_as_typed_for_inline_errors() -> None:
    error = UserError("You are already a member of *{}*.", names=[HOSTILE], field="f")
    assert error.message == f"You are already a member of *{SAFE}*."
    assert str(error) == error.message
    assert error.field_errors("other") == {"f": f"You are already a member of *{HOSTILE}*."}


def test_without_names_the_message_is_taken_as_it_is() -> None:
    error = UserError("Only `{braces}` & *bold* of the bot's own")
    assert error.message == error.plain == "Only `{braces}` & *bold* of the bot's own"


def test_an_unknown_group_and_a_second_join_repeat_the_names_escaped(service_session: Session) -> None:
    group = a_group(service_session, HOSTILE, members=("U2",))
    with pytest.raises(UserError) as unknown:
        find_group(service_session, TEAM, "<!channel> *Viz*")
    assert "“&lt;!channel&gt; ∗Viz∗”" in unknown.value.message and "<!" not in unknown.value.message
    assert f"*{SAFE}*" in unknown.value.message  # the suggestion, too
    with pytest.raises(UserError) as again:
        join_group(service_session, group, "U2", now=datetime(2026, 11, 23, tzinfo=UTC))
    assert again.value.message == f"You are already a member of *{SAFE}*."


def test_a_group_named_in_a_charter_form_is_shown_inline_as_typed(service_session: Session) -> None:
    with pytest.raises(UserError) as unknown:
        group_named(service_session, TEAM, "<!here>")
    assert unknown.value.field_errors(CharterField.TITLE) == {
        CharterField.GROUP: "There is no practice group called “<!here>”. `/practice list` shows them all."}
