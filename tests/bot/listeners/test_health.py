"""The coordinators' view of community health on App Home, end to end over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.running_app import RunningApp

PNG = b"\x89PNG\r\n\x1a\n"


def home_of(app: RunningApp, user: str) -> dict[str, Any]:
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"})
    return app.fake.wait_for("views.publish", lambda c: c["user_id"] == user)["view"]


def images(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in view["blocks"] if b["type"] == "image"]


def test_a_coordinator_sees_the_communitys_health_and_a_member_does_not(any_app: RunningApp) -> None:
    app = any_app
    app.set_community("CCOMMUNITY", coordinators=("UCOORD",))
    create_challenge(app, days="3", title="Public speaking", user="U2")
    app.slack.command("/challenge", "join", user="U3")
    app.tick(datetime(2026, 11, 23, 9, 5, tzinfo=UTC))
    reply(app, day_posts(app)[-1]["ts"], "Day 1: spoke up in the stand-up.", user="U3")
    app.fake.wait_for("reactions.add")

    member = home_of(app, "U3")
    assert "Community health" not in str(member) and images(member) == []
    assert app.fake.calls_to("files.getUploadURLExternal") == []

    view = home_of(app, "UCOORD")
    text = str(view)
    assert "Community health" in text and "Only coordinators see this section" in text
    assert "*Challenges, last 90 days:* 1 challenge, 1 participant, 1 journaling, 1 journal entry" in text
    assert "<@U2> started their first challenge, *Public speaking*" in text
    assert "<@U3> joined their first challenge, *Public speaking*" in text
    assert "*Active:* 0 practice groups · 0 charters" in text
    [image] = images(view)
    done = app.fake.wait_for("files.completeUploadExternal")
    assert "channel_id" not in done.params or not done["channel_id"]  # shared nowhere: shown on Home by its id
    file_id = done["files"][0]["id"]
    assert image["slack_file"] == {"id": file_id} and app.fake.uploads[file_id].startswith(PNG)
    assert "Members journaling each week" in image["alt_text"]

    # The chart is drawn once a day: opening Home again (any coordinator) shows the same file.
    assert images(home_of(app, "UADMIN"))[0]["slack_file"] == {"id": file_id}
    assert app.fake.calls_to("files.getUploadURLExternal") == []
    app.clock.now += timedelta(days=1)
    assert images(home_of(app, "UCOORD"))[0]["slack_file"] != {"id": file_id}
    assert len(app.fake.calls_to("files.completeUploadExternal")) == 1


def test_a_chart_slack_will_not_take_leaves_the_numbers_and_is_tried_again(any_app: RunningApp) -> None:
    app = any_app
    app.fake.fail("files.completeUploadExternal", "service_unavailable")
    view = home_of(app, "UADMIN")
    assert "Community health" in str(view) and images(view) == []
    assert "no one started something for the first time" in str(view)
    assert len(images(home_of(app, "UADMIN"))) == 1
