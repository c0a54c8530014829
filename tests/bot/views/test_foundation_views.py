"""The App Home, Settings and usage builders: valid Block Kit, and saying what each button does."""

from __future__ import annotations

from bot.ids import Action, Command, SettingsField
from bot.services.home import HomeData
from bot.views.home import build_home
from bot.views.settings import build_settings_modal
from bot.views.usage import SUBCOMMANDS, usage_blocks
from models import Community
from tests.support.block_limits import check_blocks, check_view


def community(**values: object) -> Community:
    if not values:
        return Community(team_id="T1", coordinator_ids=[], default_timezone="UTC")
    return Community(team_id="T1", **values)


def test_home_for_a_member_has_no_settings() -> None:
    view = build_home(HomeData(community=community(), is_coordinator=False)).to_dict()
    assert check_view(view) == []
    assert Action.OPEN_SETTINGS not in str(view)
    assert "a coordinator can set it" in str(view)


def test_home_for_a_coordinator_explains_the_settings_button() -> None:
    settings = community(community_channel_id="C9", coordinator_ids=[], default_timezone="UTC")
    view = build_home(HomeData(community=settings, is_coordinator=True)).to_dict()
    assert check_view(view) == []
    assert "<#C9>" in str(view) and Action.OPEN_SETTINGS in str(view) and "*Settings* opens a form" in str(view)


def test_settings_modal_is_prefilled() -> None:
    settings = community(community_channel_id="C9", coordinator_ids=["U1", "U2"], default_timezone="Asia/Tokyo")
    view = build_settings_modal(settings).to_dict()
    assert check_view(view) == []
    inputs = {block["block_id"]: block["element"] for block in view["blocks"] if block["type"] == "input"}
    assert inputs[SettingsField.CHANNEL]["initial_conversation"] == "C9"
    assert inputs[SettingsField.COORDINATORS]["initial_users"] == ["U1", "U2"]
    assert inputs[SettingsField.TIMEZONE]["initial_value"] == "Asia/Tokyo"


def test_usage_lists_every_subcommand_within_limits() -> None:
    for command in Command:
        blocks = [block.to_dict() for block in usage_blocks(command, "I don't know that.")]
        assert check_blocks(blocks, surface="message") == []
        for syntax, _ in SUBCOMMANDS[command]:
            assert f"`{command} {syntax}`" in str(blocks)
