"""The daily challenge post driven by the injected clock: each day once, at the right local time."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import DEFAULT_JOB_LEASE_SECONDS
from bot.deps import build_deps
from bot.jobs.claims import claim_due
from bot.jobs.runner import run_jobs
from bot.jobs.scheduler import all_jobs
from bot.services.challenges.days import plan_day_post
from bot.slack.messaging import post_once
from bot.views.challenges.posts import build_day_post
from models import ChallengeDay
from tests.support.challenges import create_challenge, day_posts, days, latest_challenge, posted_at
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app, settings_for
from tests.support.waiting import eventually

LEASE = timedelta(seconds=DEFAULT_JOB_LEASE_SECONDS)
PARIS = ZoneInfo("Europe/Paris")


def test_a_whole_challenge_posts_each_day_once_at_local_time_across_a_dst_change(app: RunningApp) -> None:
    app.clock.now = datetime(2027, 3, 19, 12, 0, tzinfo=UTC)
    challenge = create_challenge(app, start_date="2027-03-20", days="30", post_time="09:00", timezone="Europe/Paris")
    for number, row in enumerate(days(app, challenge.id), start=1):
        app.tick(row.due_at - timedelta(minutes=1))
        assert len(day_posts(app)) == number - 1
        app.tick(row.due_at)
        app.tick(row.due_at + timedelta(hours=3))  # later ticks post nothing more
        assert len(day_posts(app)) == number
    posts = day_posts(app)
    local = [posted_at(p).astimezone(PARIS) for p in posts]
    assert all((t.hour, t.minute) == (9, 0) for t in local)
    assert [t.date() for t in local] == [datetime(2027, 3, 20).date() + timedelta(days=n) for n in range(30)]
    # Summer time starts in Paris on 28 March: 09:00 local moves from 08:00 to 07:00 UTC.
    assert {posted_at(p).hour for p in posts[:8]} == {8} and {posted_at(p).hour for p in posts[8:]} == {7}
    assert "Day 1 of 30 — Map your path to production" in posts[0]["text"]
    assert "Day 30 of 30 — Look back and pick a next step" in posts[-1]["text"]
    assert "reply in this thread" in str(posts[0]["blocks"])
    assert all(r.post_ts and not r.missed for r in days(app, challenge.id))


def test_weekends_are_skipped_and_the_days_keep_counting(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date="2026-11-26", days="6", skip_weekends=["yes"], post_time="08:30")
    moment = datetime(2026, 11, 26, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 12, 6, tzinfo=UTC):
        app.tick(moment)
        moment += timedelta(hours=3)
    posts = day_posts(app)
    assert [f"Day {n} of 6" in p["text"] for n, p in enumerate(posts, start=1)] == [True] * 6
    local = [posted_at(p).astimezone(PARIS) for p in posts]
    assert [t.strftime("%a %d") for t in local] == ["Thu 26", "Fri 27", "Mon 30", "Tue 01", "Wed 02", "Thu 03"]
    assert len(days(app, challenge.id)) == 6


def test_after_downtime_only_the_current_day_is_posted_and_the_missed_ones_are_mentioned(app: RunningApp) -> None:
    challenge = create_challenge(app, days="10")
    app.tick()
    assert len(day_posts(app)) == 1
    # Down from Tuesday to Friday noon: Days 2, 3 and 4 came and went; Friday's Day 5 is due.
    app.tick(datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    posts = day_posts(app)
    assert len(posts) == 2
    assert "Day 5 of 10" in posts[1]["text"]
    assert "Days 2, 3 and 4 were not posted: Day 2 — Time your build" in str(posts[1]["blocks"])
    assert [r.missed for r in days(app, challenge.id)][:6] == [False, True, True, True, False, False]
    app.tick(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    assert "not posted" not in str(day_posts(app)[2]["blocks"])


def test_a_restart_mid_challenge_neither_repeats_nor_skips_a_day(fake_slack: FakeSlack, sqlite_url: str) -> None:
    with running_app(fake_slack, sqlite_url) as first:
        challenge = create_challenge(first, days="5")
        first.tick()
        first.tick(first.clock.advance(days=1))
    with running_app(fake_slack, sqlite_url, now=datetime(2026, 11, 24, 9, 0, 30, tzinfo=UTC)) as second:
        second.tick()  # the new process ticks at once on start
        assert len(day_posts(second)) == 2
        for _ in range(3):
            second.tick(second.clock.advance(days=1))
            second.tick(second.clock.advance(minutes=20))
        texts = [p["text"] for p in day_posts(second)]
        assert [f"Day {n} of 5" in t for n, t in enumerate(texts, start=1)] == [True] * 5
        assert all(r.done_at for r in days(second, challenge.id))


def test_two_scheduler_instances_on_postgresql_post_each_day_once(pg_app: RunningApp) -> None:
    other = dataclasses.replace(build_deps(settings_for(pg_app.fake, str(pg_app.deps.settings.database_url))),
                                clock=pg_app.clock)
    create_challenge(pg_app, days="7")
    create_challenge(pg_app, title="Speaking up", template="Public Speaking", days="7")
    try:
        moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        for _ in range(7):
            start = threading.Barrier(2)

            def worker(deps: object, at: datetime = moment, start: threading.Barrier = start) -> None:
                start.wait()
                run_jobs(deps, all_jobs(), at)  # type: ignore[arg-type]

            threads = [threading.Thread(target=worker, args=(d,)) for d in (pg_app.deps, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
            moment += timedelta(days=1)
        texts = [p["text"] for p in day_posts(pg_app)]
        assert len(texts) == 14
        for title in ("30 days of DevOps", "Speaking up"):
            posted = [t.split(": ")[1][:11] for t in texts if t.startswith(title)]
            assert posted == [f"Day {n} of 7 " for n in range(1, 8)]
    finally:
        other.sessions.kw["bind"].dispose()


def test_an_archived_channel_stops_the_challenge_and_the_creator_is_told_once(app: RunningApp) -> None:
    create_challenge(app, days="5")
    app.tick()
    app.fake.channels["CCOMMUNITY"]["is_archived"] = True
    for _ in range(3):
        app.tick(app.clock.advance(days=1))
    told = app.fake.calls_to("chat.postMessage", channel="U1")
    assert len(told) == 1 and "no more daily activities" in told[0].text and "is_archived" in told[0].text
    assert latest_challenge(app).status == "stopped"
    assert len(day_posts(app)) == 1
    # The announcement, Day 1 and the failed Day 2.
    assert len(app.fake.calls_to("chat.postMessage", channel="CCOMMUNITY")) == 1 + 1 + 1
    assert "was stopped" in app.slack.command("/challenge", "status 30 days of DevOps", user="U1").body


def test_a_deleted_channel_stops_the_challenge_too(app: RunningApp) -> None:
    create_challenge(app, days="3")
    del app.fake.channels["CCOMMUNITY"]
    app.tick()
    app.tick(app.clock.advance(days=1))
    told = app.fake.calls_to("chat.postMessage", channel="U1")
    assert len(told) == 1 and "channel_not_found" in told[0].text
    eventually(lambda: latest_challenge(app).status == "stopped")


def test_a_bot_removed_from_a_public_channel_joins_it_again_and_posts(app: RunningApp) -> None:
    create_challenge(app, days="3")
    app.fake.channels["CCOMMUNITY"]["is_member"] = False
    app.tick()
    assert app.fake.calls_to("conversations.join", channel="CCOMMUNITY")
    assert len(day_posts(app)) == 1


def test_a_day_posted_by_a_worker_that_died_is_not_posted_again(app: RunningApp) -> None:
    challenge = create_challenge(app, days="3")
    [day1, *_] = days(app, challenge.id)
    # A worker claimed Day 1 and posted it, then died before marking it done.
    claimed = claim_due(app.deps.sessions, ChallengeDay, now=app.clock.now, lease=LEASE, worker="dead")
    assert claimed == [day1.id]
    with app.deps.sessions.begin() as session:
        post = plan_day_post(session, day1.id, app.clock.now)
    assert post is not None
    sent = post_once(app.deps.clients.for_team("T0001"), key=f"challenge-day:{day1.id}", attempt=1, since=day1.due_at,
                     channel="CCOMMUNITY", message=build_day_post(post.challenge, 1, []))
    app.tick(app.clock.advance(minutes=2))
    assert len(day_posts(app)) == 1  # still under the dead worker's lease
    app.tick(app.clock.advance(minutes=5))
    assert len(day_posts(app)) == 1
    assert days(app, challenge.id)[0].post_ts == sent and days(app, challenge.id)[0].done_at is not None
