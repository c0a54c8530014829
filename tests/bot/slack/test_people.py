"""Members from Slack: admin checks are asked of Slack once a minute at most."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.ids import Action
from bot.slack.people import is_admin
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import RunningApp


def test_an_admin_check_is_cached_per_workspace_token(fake_slack: FakeSlack) -> None:
    client = WebClient(base_url=fake_slack.api_url, token=BOT_TOKEN)
    assert is_admin(client, "UADMIN") and is_admin(client, "UADMIN")
    assert not is_admin(client, "U1") and not is_admin(client, "U1")
    assert len(fake_slack.calls_to("users.info", user="UADMIN")) == 1
    assert len(fake_slack.calls_to("users.info", user="U1")) == 1
    fake_slack.valid_tokens.add("xoxb-other-workspace")
    other_workspace = WebClient(base_url=fake_slack.api_url, token="xoxb-other-workspace")
    is_admin(other_workspace, "UADMIN")
    assert len(fake_slack.calls_to("users.info", user="UADMIN")) == 2


def test_a_coordinators_clicks_cost_one_users_info_call(app: RunningApp) -> None:
    for opened in (1, 2, 3):
        app.slack.action(Action.OPEN_SETTINGS, user="UADMIN", view={"id": "VHOME", "type": "home"})
        app.fake.wait_for("views.open", count=opened)
    assert len(app.fake.calls_to("users.info", user="UADMIN")) == 1
