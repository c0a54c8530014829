"""GET /metrics: Prometheus' format, scraped after a few requests and a tick, with the counters moved."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from bot.ids import Command
from tests.support.running_app import RunningApp
from tests.support.slack_requests import http
from tests.support.waiting import eventually


def scrape(app: RunningApp) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the /metrics page, by name and labels."""
    response = http("GET", app.url + "/metrics")
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.body)
        for sample in family.samples
    }


def moved(before: dict, after: dict, metric: str, **labels: str) -> float:
    key = (metric, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


def test_requests_acks_slack_calls_due_rows_and_ticks_are_counted(app: RunningApp) -> None:
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    before = scrape(app)
    for _ in range(3):
        assert app.slack.command(Command.PRACTICE, "list").status == 200
    app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "DU1"})
    app.fake.wait_for("views.publish")
    app.fake.fail("views.publish", status=429, retry_after=0)
    app.slack.event({"type": "app_home_opened", "user": "U2", "tab": "home", "channel": "DU2"})
    app.tick()
    # The retried views.publish is counted once its answer is back, after the fake recorded it.
    after = eventually(lambda: (page := scrape(app)) and moved(
        before, page, "copbot_slack_api_calls_total", method="views.publish", outcome="ok") == 2 and page)

    assert moved(before, after, "copbot_slack_requests_total", kind="command", name="/practice") == 3
    assert moved(before, after, "copbot_slack_requests_total", kind="event", name="app_home_opened") == 2
    assert moved(before, after, "copbot_ack_seconds_count", kind="command") == 3
    assert moved(before, after, "copbot_ack_seconds_bucket", kind="command", le="+Inf") == 3
    assert moved(before, after, "copbot_slack_api_calls_total", method="views.publish", outcome="ok") == 2
    assert moved(before, after, "copbot_slack_api_calls_total", method="views.publish", outcome="429") == 1
    assert moved(before, after, "copbot_tick_seconds_count") == 1
    assert moved(before, after, "copbot_job_seconds_count", job="digest") == 1
    # The tick planned this Monday's digest (due, posted or quiet: done) and next Monday's (scheduled).
    assert after[("copbot_due_rows", (("job", "digest"), ("state", "scheduled")))] == 1
    assert sum(after[("copbot_due_rows", (("job", "digest"), ("state", s)))] for s in ("due", "done")) == 1
    assert after[("copbot_due_rows", (("job", "digest"), ("state", "claimed")))] == 0
