"""A whole challenge under Slack faults: every scheduled message is delivered exactly once.

A 30-day challenge with partners, nudges and a meetup, a practice group's report reminders and the
weekly digest run under the injected clock, tick by tick, while the fake Slack answers 5% of the
calls with 429 (Retry-After), 500 or 503, or drops the connection (before handling the call, or
after: the message was posted and the bot never heard). At the end, at the fake Slack: each
scheduled message is there once, no call came before a Retry-After elapsed, and in the database
no row is left claimed.

`-s` prints the figures: faults by kind, messages expected and delivered, duplicates, rows claimed:
`.venv/bin/python -m pytest tests/test_faults.py -s` (set COPBOT_TEST_POSTGRES_URL for PostgreSQL).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from models import ChallengeDay, JournalEntry
from models.report import Digest, ReportReminder
from models.social import ChallengeMilestone, Nudge, SocialMessage
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app
from tests.support.waiting import eventually
from tests.test_downtime import endorse, propose_group, report_back

DUE_ROW_TABLES = (ChallengeDay, Nudge, SocialMessage, ChallengeMilestone, ReportReminder, Digest)
START = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)  # a Monday; the challenge runs Tue 4 Mar – Wed 2 Apr
END = datetime(2031, 4, 8, 12, 0, tzinfo=UTC)  # after the wrap-up, the meetup (Sat 5 Apr) and a digest
JOURNALERS = [f"U1{i}" for i in range(6)]  # reply in each day's thread
SILENT = [f"U2{i}" for i in range(6)]  # never journal: they are nudged
SEED = 20310303


@pytest.fixture
def chaotic_app(fake_slack: FakeSlack, database_url: str) -> Iterator[RunningApp]:
    for user in JOURNALERS + SILENT:
        fake_slack.add_user(user, name=f"Member {user}", tz="Europe/Paris")
    # Short waits between slack_sdk's retries of lost connections and 5xx (a 429 waits its Retry-After).
    with running_app(fake_slack, database_url, now=START, SLACK_RETRY_BACKOFF_SECONDS="0.02") as app:
        yield app


def journal(app: RunningApp, day: int, thread_ts: str) -> None:
    """Each journaler in turn replies in the day's thread, stored and confirmed before the next replies.

    One at a time: a call already on its way when another thread's 429 is answered cannot honour
    that Retry-After, and the fake would count it.
    """
    for n, user in enumerate(JOURNALERS, start=1):
        ts = reply(app, thread_ts, f"Day {day}: automated one more check.", user=user,
                   ts=f"{app.clock.now.timestamp():.0f}.{int(user[1:]):06d}")
        eventually(lambda: entries_on(app, day) == n, timeout=30)  # noqa: B023 (called at once)
        eventually(lambda: any(r[1] == ts for r in set(app.fake.reactions)), timeout=30)  # noqa: B023


def entries_on(app: RunningApp, day: int) -> int:
    with app.deps.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(JournalEntry)
                                  .where(JournalEntry.day_number == day)) or 0)


def due_rows(app: RunningApp) -> int:
    now = app.clock.now
    with app.deps.sessions() as session:
        return sum(int(session.scalar(select(func.count()).select_from(model).where(
            model.done_at.is_(None), model.due_at <= now)) or 0) for model in DUE_ROW_TABLES)


def claimed_rows(app: RunningApp) -> dict[str, int]:
    """Rows under a lease and not done, by table."""
    with app.deps.sessions() as session:
        counts = {model.__tablename__: int(session.scalar(select(func.count()).select_from(model).where(
            model.done_at.is_(None), model.lease_expires_at.is_not(None))) or 0) for model in DUE_ROW_TABLES}
    return {table: n for table, n in counts.items() if n}


def delivered(fake: FakeSlack) -> Counter[str]:
    """How many times each scheduled message is in Slack, by its delivery key."""
    keys: Counter[str] = Counter()
    for messages in fake.messages.values():
        for message in messages:
            key = (message.get("metadata") or {}).get("event_payload", {}).get("key")
            if key:
                keys[str(key)] += 1
    return keys


def by_kind(keys: Counter[str]) -> Counter[str]:
    """`challenge-day:3` → challenge-day, `report_reminder:2:U1` → report_reminder …, counting messages."""
    kinds: Counter[str] = Counter()
    for key, n in keys.items():
        kinds[key.split(":", 1)[0]] += n
    return kinds


def live_a_whole_challenge(app: RunningApp) -> None:
    """Set up the community, a practice group and the challenge, then tick hour by hour until END."""
    app.set_community("CCOMMUNITY", coordinators=("U3",))
    endorse(app, propose_group(app, "Chaos Engineers", "U1"), "U3")  # weekly: reports due Mon 10, 17 …
    create_challenge(app, start_date="2031-03-04", days="30", meetup_date="2031-04-05", title="Resilient habits")
    for user in JOURNALERS + SILENT:
        assert app.slack.command("/challenge", "join", user=user).body.startswith("You have joined")
    app.fake.chaos(rate=0.05, seed=SEED, retry_after=1)
    posted = 0
    app.clock.now = START.replace(hour=3)
    while app.clock.now < END:
        # Every six hours from 09:00 UTC: the day's post (10:00 Paris), its nudges six hours later,
        # the reminders and the digest (09:00 in the community) are each due on a tick.
        app.tick(app.clock.advance(hours=6))
        posts = day_posts(app)
        if len(posts) > posted:
            posted = len(posts)
            journal(app, posted, posts[-1]["ts"])
        if app.clock.now == datetime(2031, 3, 11, 15, 0, tzinfo=UTC):  # a day after the first report was due
            app.fake.calm()  # the member's report itself is not what this test is about
            report_back(app, "Chaos Engineers", "U1")
            app.fake.chaos(rate=0.05, seed=SEED + 1, retry_after=1)
    # Retries come two minutes later: run until nothing is due.
    for _ in range(30):
        if not due_rows(app):
            break
        app.tick(app.clock.advance(minutes=3))
    app.fake.calm()


def test_every_scheduled_message_is_delivered_once_under_slack_faults(chaotic_app: RunningApp) -> None:
    app, fake = chaotic_app, chaotic_app.fake
    started = time.monotonic()
    live_a_whole_challenge(app)

    keys = delivered(fake)
    duplicates = {key: n for key, n in keys.items() if n > 1}
    kinds = by_kind(keys)
    expected = expected_messages(app)
    on_jobs = Counter(f"{f.method} {f.kind}" for f in fake.faults if f.method != "reactions.add")
    figures = {"faults": fake.faults_by_kind(), "faults on the jobs' calls": dict(sorted(on_jobs.items())),
               "expected": expected.total(), "delivered": keys.total(), "by kind": dict(sorted(kinds.items())),
               "duplicates": duplicates, "claimed": claimed_rows(app),
               "retry_after_violations": len(fake.retry_after_violations),
               "seconds": round(time.monotonic() - started, 1)}
    print(f"\nfaults over a whole challenge ({app.deps.settings.database_url.split(':')[0]}): {figures}")

    assert sum(fake.faults_by_kind().values()) >= 20, "the run saw too few faults to prove anything"
    assert duplicates == {}
    assert fake.retry_after_violations == [], fake.retry_after_violations
    assert claimed_rows(app) == {}
    assert kinds == expected


def expected_messages(app: RunningApp) -> Counter[str]:
    """What should have reached Slack; and in the database, no row given up on."""
    with app.deps.sessions() as session:
        for model in DUE_ROW_TABLES:
            failed = list(session.scalars(select(model.error).where(model.error.is_not(None))))
            assert failed == [], f"{model.__tablename__} rows given up on: {failed}"
        nudged = session.scalar(select(func.count()).select_from(Nudge).where(Nudge.sent_at.is_not(None)))
    assert nudged == 3 * len(SILENT)
    return Counter({
        "challenge-day": 30,
        "social": len(JOURNALERS + SILENT) // 2,  # one introduction per pair
        "nudge": 3 * len(SILENT),  # days 1, 2 and 3: after three ignored nudges, no more
        "wrapup": 1,
        "meetup": 1,
        # Reports due Mon 10 (heads-up, prompt; reported on the 11th), Mon 17 (heads-up, prompt, overdue).
        "report_reminder": 5,
        "digest": 5,  # Mondays 10, 17, 24, 31 March and 7 April
    })
