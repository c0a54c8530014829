"""A charter's lifecycle on both databases: the last open seat is taken once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from bot.db import make_engine, make_sessions, upgrade
from bot.errors import UserError
from bot.services.charters.drafts import create_draft, submit
from bot.services.charters.form import CharterInput
from bot.services.charters.lifecycle import volunteer as take_seat
from bot.services.charters.lookup import get_charter
from bot.services.community import SettingsInput, save_settings

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
GOOD = CharterInput(
    title="Survey", goal="Goal", scope_in="In", scope_out="Out", deliverable="A page", origin="volunteers",
    seats_needed="1", hours_per_week="2", weeks="6", learning_sponsor_id="U9", cadence="weekly",
)


def test_two_members_racing_for_the_last_seat_get_one_seat(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    try:
        with sessions.begin() as session:
            save_settings(session, "T1", SettingsInput("C1", [], "UTC"), by="U0", now=NOW)
            charter, _ = create_draft(session, "T1", "U1", GOOD, now=NOW)
            submit(session, "T1", charter.id, "U1", now=NOW)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def volunteer(user_id: str) -> None:
            barrier.wait()
            try:
                with sessions.begin() as session:
                    take_seat(session, "T1", charter.id, user_id, now=NOW)
                outcomes.append("joined")
            except UserError as error:
                outcomes.append(error.message)

        threads = [threading.Thread(target=volunteer, args=(user,)) for user in ("U2", "U3")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert outcomes.count("joined") == 1 and any("no seats are open" in o for o in outcomes), outcomes
        with sessions() as session:
            assert len(get_charter(session, "T1", charter.id).volunteers) == 1
    finally:
        engine.dispose()
