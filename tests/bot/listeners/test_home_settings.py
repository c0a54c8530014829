"""App Home and the coordinators' Settings modal, end to end over HTTP."""

from __future__ import annotations

from typing import Any

from bot.ids import Action, SettingsField, ViewId
from bot.services.community import get_community
from tests.support.running_app import RunningApp


def open_home(app: RunningApp, user: str) -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"}).status == 200
    return app.fake.wait_for("views.publish", lambda c: c["user_id"] == user)["view"]


def open_settings(app: RunningApp, user: str = "UADMIN") -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.action(Action.OPEN_SETTINGS, user=user).status == 200
    return app.fake.wait_for("views.open")["view"]


def answers(
    channel: str | None = "CCOMMUNITY", coordinators: list[str] | None = None, tz: str = "Europe/Paris"
) -> dict[str, Any]:
    return {SettingsField.CHANNEL: channel, SettingsField.COORDINATORS: coordinators or [], SettingsField.TIMEZONE: tz}


def stored(app: RunningApp, team_id: str = "T0001"):  # type: ignore[no-untyped-def]
    with app.deps.sessions() as session:
        return get_community(session, team_id)


def test_a_member_sees_the_tour_and_who_can_set_the_channel(app: RunningApp) -> None:
    text = str(open_home(app, "U1"))
    assert "/practice" in text and "/charter" in text and "/challenge" in text
    assert "a coordinator can set it in Settings" in text
    assert Action.OPEN_SETTINGS not in text


def test_an_admin_sees_settings_and_what_the_button_does(app: RunningApp) -> None:
    text = str(open_home(app, "UADMIN"))
    assert Action.OPEN_SETTINGS in text
    assert "*Settings* opens a form" in text


def test_settings_are_saved_for_this_workspace_and_the_home_shows_them(app: RunningApp) -> None:
    modal = open_settings(app)
    response = app.slack.submit(modal, answers("CCOMMUNITY", ["U2"], "America/New_York"), user="UADMIN")
    assert response.status == 200 and response.body == ""
    community = stored(app)
    assert (community.community_channel_id, community.coordinator_ids, community.default_timezone) == (
        "CCOMMUNITY", ["U2"], "America/New_York")
    assert stored(app, "T0002").community_channel_id is None
    home = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "UADMIN")
    assert "<#CCOMMUNITY>" in home.text
    # U2 is now a coordinator: the Settings button appears for them, pre-filled with what was saved.
    assert Action.OPEN_SETTINGS in str(open_home(app, "U2"))
    reopened = open_settings(app, "U2")
    assert "America/New_York" in str(reopened)


def test_a_public_channel_is_joined_by_the_bot(app: RunningApp) -> None:
    modal = open_settings(app)
    assert app.slack.submit(modal, answers("CPUBLIC"), user="UADMIN").body == ""
    assert app.fake.calls_to("conversations.join", channel="CPUBLIC")
    assert stored(app).community_channel_id == "CPUBLIC"


def _errors(response: Any) -> dict[str, str]:
    body = response.json()
    assert body["response_action"] == "errors"
    return body["errors"]


def test_a_private_channel_without_the_bot_is_answered_inline(app: RunningApp) -> None:
    errors = _errors(app.slack.submit(open_settings(app), answers("GPRIVATE"), user="UADMIN"))
    assert "invite me" in errors[SettingsField.CHANNEL]
    assert stored(app).updated_at is None


def test_an_archived_channel_is_answered_inline(app: RunningApp) -> None:
    errors = _errors(app.slack.submit(open_settings(app), answers("CARCHIVED"), user="UADMIN"))
    assert "archived" in errors[SettingsField.CHANNEL]


def test_an_unknown_timezone_is_answered_inline_and_changes_nothing(app: RunningApp) -> None:
    errors = _errors(app.slack.submit(open_settings(app), answers("CPUBLIC", tz="Mars/Olympus"), user="UADMIN"))
    assert "Mars/Olympus" in errors[SettingsField.TIMEZONE]
    assert stored(app).updated_at is None
    assert not app.fake.calls_to("conversations.join")


def test_a_member_who_is_not_a_coordinator_cannot_save(app: RunningApp) -> None:
    modal = open_settings(app)
    errors = _errors(app.slack.submit(modal, answers(), user="U1"))
    assert "Only coordinators" in errors[SettingsField.CHANNEL]
    assert stored(app).updated_at is None


def test_a_member_who_clicks_an_old_settings_button_is_told_who_may_and_gets_a_fresh_home(app: RunningApp) -> None:
    app.fake.reset_calls()
    app.slack.action(Action.OPEN_SETTINGS, user="U1")
    app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U1")
    # No Settings form: a notice that says who may change them.
    notice = app.fake.wait_for("views.open")["view"]
    assert notice.get("callback_id") != ViewId.SETTINGS
    assert "Only coordinators can change settings" in app.fake.calls_to("views.open")[0].text


def test_every_invalid_field_is_answered_at_once(app: RunningApp) -> None:
    errors = _errors(app.slack.submit(open_settings(app), answers("GPRIVATE", tz="Nowhere/Town"), user="UADMIN"))
    assert set(errors) == {SettingsField.CHANNEL, SettingsField.TIMEZONE}
    assert stored(app).updated_at is None
