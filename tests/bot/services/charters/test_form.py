"""The charter form checked: cleaned-up values, the first bad field named, charter numbers read."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.ids import CharterField as F
from bot.services.charters.form import CharterInput, validate_charter
from bot.services.charters.lookup import parse_id

GOOD = CharterInput(
    title="Survey", goal="Goal", scope_in="In", scope_out="Out", deliverable="A page", origin="volunteers",
    seats_needed="1", hours_per_week="2", weeks="6", learning_sponsor_id="U9", cadence="weekly",
)


def test_a_valid_charter_is_cleaned_up() -> None:
    fields = validate_charter(
        GOOD.__class__(**{**GOOD.__dict__, "member_ids": ["U1", "U2", "U2"], "budget_amount": " 300 ",
                          "budget_currency": "chf", "funding_sponsor_id": "U8"}), proposer_id="U1")
    assert (fields.member_ids, fields.budget_amount, fields.budget_currency) == (["U2"], 300, "CHF")
    assert fields.variation == "standard" and fields.case_study_name is None


def test_the_first_bad_field_is_named() -> None:
    with pytest.raises(UserError) as error:
        validate_charter(CharterInput(), proposer_id="U1")
    assert error.value.field == F.TITLE


@pytest.mark.parametrize("ref", ["3", "#3", " #3 "])
def test_charter_ids_are_read_with_or_without_a_hash(ref: str) -> None:
    assert parse_id(ref) == 3
