"""The commitment ledger: each charter report asks the hours each team member gave; the charter shows hours
pledged against hours reported on /charter show, App Home, the weekly digest and the findings post."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import CharterField as F
from bot.ids import ReportField
from models import Report, ReportHours
from tests.support import charters
from tests.support.both_databases import either_app
from tests.support.charters import complete, say, with_community
from tests.support.running_app import RunningApp

__all__ = ["either_app"]

ANSWERS = {ReportField.PROGRESS: "Compared Pact and Spring Cloud Contract",
           ReportField.LEARNINGS: "Consumer-driven contracts need the consumers at the table",
           ReportField.ASKS: "Nothing for now"}
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the digest's Monday


def hours_of(user: str) -> str:
    return f"{ReportField.HOURS}:{user}"


@pytest.fixture
def app(either_app: RunningApp) -> RunningApp:
    """A community, Ada (U1, the lead) and Grace (U2) on a weekly charter of 4 h/week × 10 weeks, started now."""
    app = with_community(either_app)
    app.fake.add_user("U1", name="Ada")
    app.fake.add_user("U2", name="Grace")
    charters.active_charter(app, **{F.CADENCE: "weekly", F.CHANNEL: "CPUBLIC"})
    return app


def report_form(app: RunningApp, user: str = "U2") -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.command("/charter", "report 1", user=user).body == ""
    view: dict[str, Any] = app.fake.wait_for("views.open")["view"]
    return view


def report(app: RunningApp, hours: dict[str, str], user: str = "U2") -> dict[str, Any]:
    """Post a report with these hours; return the report as posted to the community."""
    response = app.slack.submit(report_form(app, user), ANSWERS | hours, user=user)
    assert response.body == "", response.body
    posted: dict[str, Any] = app.fake.wait_for(
        "chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY" and "Report" in c.text).params
    return posted


def stored_hours(app: RunningApp) -> list[tuple[str, float]]:
    with app.deps.sessions() as session:
        return [(h.user_id, h.hours) for h in session.scalars(select(ReportHours).order_by(ReportHours.user_id))]


def report_count(app: RunningApp) -> int:
    with app.deps.sessions() as session:
        return len(session.scalars(select(Report.id)).all())


def test_the_report_form_asks_the_hours_of_each_team_member(app: RunningApp) -> None:
    app.clock.advance(days=1)
    view = report_form(app)
    labels = {b["block_id"]: b["label"]["text"] for b in view["blocks"] if b["type"] == "input"}
    assert labels[hours_of("U1")] == "Hours Ada gave since the last report"
    assert labels[hours_of("U2")] == "Hours Grace gave since the last report"
    element = next(b["element"] for b in view["blocks"] if b.get("block_id") == hours_of("U1"))
    assert element["type"] == "number_input" and element["max_value"] == "168"


def test_reported_hours_show_against_the_pledge_on_charter_show(app: RunningApp) -> None:
    assert "*Hours* 0 of 80 pledged hours reported (0%)" in say(app, "show 1")
    app.clock.advance(days=1)
    report(app, {hours_of("U1"): "6", hours_of("U2"): "4.5"})
    assert stored_hours(app) == [("U1", 6.0), ("U2", 4.5)]
    shown = say(app, "show 1", user="U3")
    assert "*Hours* 10.5 of 80 pledged hours reported (13%)" in shown
    assert "<@U1> 6 of 40 · <@U2> 4.5 of 40" in shown
    app.clock.advance(days=7)
    report(app, {hours_of("U1"): "4"})  # Grace's hours left empty: not known, not stored
    assert "<@U1> 10 of 40 · <@U2> 4.5 of 40" in say(app, "show 1")


@pytest.mark.parametrize(("typed", "error"), [
    ("-2", "Hours can't be negative"),
    ("169", "more than 168 hours a week: at most 168 hours in the 1 week since the last report"),
    ("lots", "Write the hours as a number"),
])
def test_bad_hours_are_refused_on_their_field_and_nothing_is_stored(app: RunningApp, typed: str, error: str) -> None:
    app.clock.advance(days=1)
    view = report_form(app)
    response = app.slack.submit(view, ANSWERS | {hours_of("U1"): "3", hours_of("U2"): typed}, user="U2")
    assert response.json()["response_action"] == "errors"
    assert list(response.json()["errors"]) == [hours_of("U2")]
    assert error in response.json()["errors"][hours_of("U2")]
    assert report_count(app) == 0 and stored_hours(app) == []
    assert not app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")


def test_the_limit_grows_with_the_weeks_since_the_last_report(app: RunningApp) -> None:
    app.clock.advance(days=10)  # two weeks begun: up to 336 hours each
    view = report_form(app)
    assert next(b for b in view["blocks"] if b.get("block_id") == hours_of("U2"))["element"]["max_value"] == "336"
    report(app, {hours_of("U2"): "200"})
    assert stored_hours(app) == [("U2", 200.0)]


def test_the_same_report_submitted_twice_counts_its_hours_once(app: RunningApp) -> None:
    app.clock.advance(days=1)
    view = report_form(app)
    for _ in range(2):
        assert app.slack.submit(view, ANSWERS | {hours_of("U1"): "5"}, user="U2").body == ""
    app.fake.wait_for("chat.postMessage", lambda c: c["channel"] == "CCOMMUNITY" and "Report" in c.text)
    assert stored_hours(app) == [("U1", 5.0)] and report_count(app) == 1


def test_app_home_the_digest_and_the_findings_show_the_ledger(app: RunningApp) -> None:
    app.clock.advance(days=1)
    report(app, {hours_of("U1"): "8", hours_of("U2"): "2"})
    app.fake.reset_calls()
    app.slack.event({"type": "app_home_opened", "user": "U2", "tab": "home", "channel": "D1"})
    home = app.fake.wait_for("views.publish", lambda c: c["user_id"] == "U2")
    assert "*#1 Survey of contract-testing tools* — 10 of 80 pledged hours reported (12%): <@U1> 8 of 40 · " \
           "<@U2> 2 of 40" in home.text

    app.fake.reset_calls()
    app.tick(MONDAY)
    [digest] = [c.text for c in app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")]
    assert "*#1 Survey of contract-testing tools* at work — 10 of 80 pledged hours reported (12%)" in digest

    findings = complete(app, 1)
    text = str(findings["blocks"])
    assert "*Hours the team gave* 10 of the 80 pledged (12%)" in text and "<@U1> 8 of 40 · <@U2> 2 of 40" in text
