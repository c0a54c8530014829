"""Community settings as a service: defaults, validation and the missing-channel message."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.services.community import NO_CHANNEL, require_community_channel
from tests.support.running_app import RunningApp


def test_no_community_channel_says_who_can_set_it(app: RunningApp) -> None:
    with app.deps.sessions() as session, pytest.raises(UserError) as raised:
        require_community_channel(session, "T0001")
    assert raised.value.message == NO_CHANNEL
    assert "Settings" in NO_CHANNEL and "admin" in NO_CHANNEL


def test_the_stored_channel_is_returned(app: RunningApp) -> None:
    app.set_community("CCOMMUNITY", coordinators=("U2",))
    with app.deps.sessions() as session:
        assert require_community_channel(session, "T0001") == "CCOMMUNITY"
