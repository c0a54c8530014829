"""Uninstalling holds a workspace's scheduled work and keeps its data; installing again resumes it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from models import Challenge, ChallengeDay, Community
from tests.support.challenges import create_challenge, day_posts
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app
from tests.support.waiting import eventually
from tests.test_oauth_install import OAUTH_ENV, install

UTC = UTC
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def at_day(app: RunningApp, day: int) -> None:
    """A tick at 10:00 Paris time on the challenge's `day` (it starts on Monday 23 November)."""
    app.tick(datetime(2026, 11, 22 + day, 9, 0, tzinfo=UTC))


def uninstall(app: RunningApp) -> None:
    assert app.slack.event({"type": "app_uninstalled"}).status == 200
    eventually(lambda: uninstalled(app))


def uninstalled(app: RunningApp) -> bool:
    with app.deps.sessions() as session:
        community = session.get(Community, "T0001")
        return community is not None and community.uninstalled_at is not None


def unsent_days(app: RunningApp) -> list[ChallengeDay]:
    with app.deps.sessions() as session:
        return list(session.scalars(select(ChallengeDay).where(ChallengeDay.done_at.is_(None))))


def test_an_uninstalled_workspace_gets_no_posts_keeps_its_data_and_resumes_on_restart(
    fake_slack: FakeSlack, database_url: str
) -> None:
    with running_app(fake_slack, database_url, now=MONDAY) as app:
        create_challenge(app, days="5", start_date="2026-11-23")
        at_day(app, 1)
        assert len(day_posts(app)) == 1
        uninstall(app)
        fake_slack.reset_calls()
        at_day(app, 2)
        at_day(app, 3)
        assert fake_slack.calls_to("chat.postMessage") == []
        assert len(unsent_days(app)) == 4  # held, not given up
        with app.deps.sessions() as session:
            assert session.scalars(select(Challenge.title)).all() == ["30 days of DevOps"]

    # Reinstalled: the operator restarts the bot with the workspace's (new) token.
    with running_app(fake_slack, database_url, now=datetime(2026, 11, 25, 9, 0, tzinfo=UTC)) as app:
        assert not uninstalled(app)
        app.tick()
        [post] = fake_slack.calls_to("chat.postMessage")
        assert "Day 3 of 5" in post.text  # the day due now; the missed Day 2 is not flooded in


def test_tokens_revoked_for_the_bot_hold_the_work_and_members_tokens_do_not(app: RunningApp) -> None:
    app.slack.event({"type": "tokens_revoked", "tokens": {"oauth": ["U1"], "bot": []}})
    assert app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
    app.fake.wait_for("views.publish")  # events are handled in order enough for this check
    assert not uninstalled(app)
    app.slack.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}})
    eventually(lambda: uninstalled(app))


def test_an_oauth_reinstall_resumes_the_workspace_and_its_held_rows(fake_slack: FakeSlack, database_url: str) -> None:
    with running_app(fake_slack, database_url, now=MONDAY, **OAUTH_ENV) as app:
        install(app)
        create_challenge(app, days="5", start_date="2026-11-23")
        uninstall(app)
        assert app.deps.installation_store.find_installation(enterprise_id=None, team_id="T0001") is None  # type: ignore[union-attr]
        fake_slack.reset_calls()
        at_day(app, 1)
        assert fake_slack.calls_to("chat.postMessage") == [] and len(unsent_days(app)) == 5
        install(app)
        assert not uninstalled(app)
        at_day(app, 1)
        [post] = fake_slack.calls_to("chat.postMessage")
        assert "Day 1 of 5" in post.text
