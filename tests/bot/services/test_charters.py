"""The charter service on both databases: validation order, and the last open seat taken once."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from bot.db import make_engine, make_sessions, upgrade
from bot.errors import UserError
from bot.ids import CharterField as F
from bot.services import charters as service
from bot.services.community import SettingsInput, save_settings

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
GOOD = service.CharterInput(
    title="Survey", goal="Goal", scope_in="In", scope_out="Out", deliverable="A page", origin="volunteers",
    seats_needed="1", hours_per_week="2", weeks="6", learning_sponsor_id="U9", cadence="weekly",
)


def test_a_valid_charter_is_cleaned_up() -> None:
    fields = service.validate_charter(
        GOOD.__class__(**{**GOOD.__dict__, "member_ids": ["U1", "U2", "U2"], "budget_amount": " 300 ",
                          "budget_currency": "chf", "funding_sponsor_id": "U8"}), proposer_id="U1")
    assert (fields.member_ids, fields.budget_amount, fields.budget_currency) == (["U2"], 300, "CHF")
    assert fields.variation == "standard" and fields.case_study_name is None


def test_the_first_bad_field_is_named() -> None:
    with pytest.raises(UserError) as error:
        service.validate_charter(service.CharterInput(), proposer_id="U1")
    assert error.value.field == F.TITLE


@pytest.mark.parametrize("ref", ["3", "#3", " #3 "])
def test_charter_ids_are_read_with_or_without_a_hash(ref: str) -> None:
    assert service.parse_id(ref) == 3


def test_two_members_racing_for_the_last_seat_get_one_seat(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    try:
        with sessions.begin() as session:
            save_settings(session, "T1", SettingsInput("C1", [], "UTC"), by="U0", now=NOW)
            charter, _ = service.create_draft(session, "T1", "U1", GOOD, now=NOW)
            service.submit(session, "T1", charter.id, "U1", now=NOW)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def volunteer(user_id: str) -> None:
            barrier.wait()
            try:
                with sessions.begin() as session:
                    service.volunteer(session, "T1", charter.id, user_id, now=NOW)
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
            assert len(service.get_charter(session, "T1", charter.id).volunteers) == 1
    finally:
        engine.dispose()
