"""Installing the app into a workspace through the OAuth pages, as a workspace admin would."""

from __future__ import annotations

import re

from tests.support.fake_slack import TEAM_ID
from tests.support.running_app import RunningApp
from tests.support.slack_requests import http

OAUTH_ENV = {"SLACK_BOT_TOKEN": "", "SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "client-secret"}


def install(app: RunningApp, team_id: str = TEAM_ID) -> None:
    """Install into `team_id` (another workspace's token is registered with `FakeSlack.add_team`)."""
    page = app.get("/slack/install")
    assert page.status == 200
    assert "slack.com/oauth/v2/authorize" in page.body and "commands" in page.body
    cookie = page.headers["Set-Cookie"].split(";")[0]
    state = re.search(r"state=([\w-]+)", page.body)
    assert state is not None
    code = "good-code" if team_id == TEAM_ID else f"good-code-{team_id}"
    redirect = f"{app.url}/slack/oauth_redirect?code={code}&state={state.group(1)}"
    done = http("GET", redirect, headers={"Cookie": cookie})
    assert done.status == 200, done.body
