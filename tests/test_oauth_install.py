"""Installing into several workspaces through OAuth, with installations in our own database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.oauth.installation_store import Installation

from bot.slack.clients import NotInstalled
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.oauth import OAUTH_ENV, install
from tests.support.running_app import RunningApp, running_app
from tests.support.slack_requests import http


@pytest.fixture
def oauth_app(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[RunningApp]:
    with running_app(fake_slack, sqlite_url, **OAUTH_ENV) as running:
        yield running


def test_a_workspace_installs_and_is_then_served_with_its_own_token(oauth_app: RunningApp) -> None:
    install(oauth_app)
    assert oauth_app.fake.calls_to("oauth.v2.access", code="good-code")
    response = oauth_app.slack.command("/practice", "help")
    assert response.status == 200 and "/practice propose" in response.body
    oauth_app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    assert oauth_app.fake.wait_for("views.publish").token == BOT_TOKEN
    # Scheduled jobs find the same token through the installation store.
    assert oauth_app.deps.clients.for_team("T0001").token == BOT_TOKEN


def test_a_callback_with_a_forged_state_installs_nothing(oauth_app: RunningApp) -> None:
    response = http("GET", f"{oauth_app.url}/slack/oauth_redirect?code=good-code&state=forged")
    assert response.status in (400, 401, 403)
    with pytest.raises(NotInstalled):
        oauth_app.deps.clients.for_team("T0001")


def test_requests_from_a_workspace_that_never_installed_are_refused(oauth_app: RunningApp) -> None:
    response = oauth_app.slack.command("/practice", "help")
    assert "/practice propose" not in response.body


def test_jobs_refresh_a_rotating_token_before_it_expires(fake_slack: FakeSlack, sqlite_url: str) -> None:
    fake_slack.token_rotation = True
    with running_app(fake_slack, sqlite_url, **OAUTH_ENV) as app:
        install(app)
        client = app.deps.clients.for_team("T0001")
        assert client.token is not None and client.token.startswith("xoxb-rotated-")
        assert fake_slack.calls_to("oauth.v2.access", grant_type="refresh_token")
        stored = app.deps.installation_store.find_installation(enterprise_id=None, team_id="T0001")  # type: ignore[union-attr]
        assert isinstance(stored, Installation) and stored.bot_token == client.token
