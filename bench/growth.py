"""Work as a challenge grows: SQL statements per command, per journal event and per scheduler tick.

    python bench/growth.py [--sizes 100 1000 10000] [--rss] [--home]

For each size, the real app on a fresh SQLite file against the fake Slack over HTTP (as the tests
run it): a challenge with that many participants (stored directly), then, one at a time, each
unit of work below, counting the statements the app sends to the database meanwhile (a SQLAlchemy
`before_cursor_execute` listener) and its wall time. Constant statements per unit of work as the
participants grow means no N+1.

`--rss` also builds 1,000 challenges and 100,000 journal entries in a child process, runs a tick,
`/challenge status` and App Home there, and prints its peak RSS. `--home` times App Home for a
member of 20 practice groups, 10 charters and 5 challenges (the fake Slack checks Block Kit limits).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, event, insert, update  # noqa: E402

from bot.ids import CharterField  # noqa: E402
from bot.services.groups import ProposalInput, propose_group  # noqa: E402
from models import ChallengeDay, JournalEntry, Participant  # noqa: E402
from models.challenge import JournalSource  # noqa: E402
from models.social import MemberPrefs, SocialMessage  # noqa: E402
from tests.support.challenges import create_challenge, day_posts, reply, stored_challenge  # noqa: E402
from tests.support.charters import draft  # noqa: E402
from tests.support.fake_slack import TEAM_ID, FakeSlack  # noqa: E402
from tests.support.running_app import RunningApp, running_app  # noqa: E402

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Day 1 of the challenge is posted at this tick
QUIET = 0.4  # seconds without a statement: the unit of work is over


class Statements:
    """Counts the statements sent on an engine, from any thread."""

    def __init__(self, engine: Engine) -> None:
        self.count, self.last = 0, time.perf_counter()
        self._lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        with self._lock:
            self.count += 1
            self.last = time.perf_counter()

    @contextmanager
    def measure(self, results: dict[str, tuple[int, float]], name: str) -> Iterator[None]:
        before, began = self.count, time.perf_counter()
        yield
        while time.perf_counter() - self.last < QUIET:  # the listener may go on after the ack
            time.sleep(0.05)
        results[name] = (self.count - before, self.last - began)


def participants(app: RunningApp, challenge_id: int, count: int) -> list[str]:
    users = [f"UG{n:05d}" for n in range(count)]
    for n, user_id in enumerate(users):
        app.fake.add_user(user_id, name=f"Member {n}", tz="Europe/Paris")
    with app.deps.sessions.begin() as session:
        session.execute(insert(Participant), [dict(team_id=TEAM_ID, challenge_id=challenge_id, user_id=u,
                                                   joined_at=app.clock.now) for u in users])
    return users


def measure(count: int) -> dict[str, tuple[int, float]]:
    fake = FakeSlack().start()
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    fake.add_channel("CCOMMUNITY", name="community")
    results: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as folder, running_app(fake, f"sqlite:///{folder}/growth.db") as app:
        app.set_community("CCOMMUNITY")
        challenge = create_challenge(app, start_date=f"{START:%Y-%m-%d}", post_time="10:00", timezone="Europe/Paris")
        users = participants(app, challenge.id, count)
        statements = Statements(app.deps.sessions.kw["bind"])
        with statements.measure(results, "first tick (Day 1, pairing, ≤100 DMs)"):
            app.tick(START)
        with statements.measure(results, "next tick (≤100 more DMs)"):
            app.tick(START + timedelta(minutes=1))
        with app.deps.sessions.begin() as session:  # as if every introduction had been sent
            session.execute(update(SocialMessage).values(done_at=START))
        with statements.measure(results, "a tick with nothing due"):
            app.tick(START + timedelta(minutes=2))
        thread_ts = day_posts(app)[-1]["ts"]
        fake.reset_calls()
        with statements.measure(results, "journal reply (event)"):
            reply(app, thread_ts, "Day 1: read the runbook", user=users[count // 2])
            fake.wait_for("reactions.add")
        with statements.measure(results, "/practice list"):
            app.slack.command("/practice", "list", user=users[1])
        with statements.measure(results, "/challenge join"):
            app.slack.command("/challenge", "join", user="UNEWCOMER")
        with statements.measure(results, "/challenge status"):
            app.slack.command("/challenge", "status", user=users[count // 2])
    fake.stop()
    return results


def home_of(app: RunningApp, user: str) -> tuple[float, Any]:
    app.fake.reset_calls()
    began = time.perf_counter()
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home", "channel": "D1"})
    published = app.fake.wait_for("views.publish", lambda c: c["user_id"] == user)
    return time.perf_counter() - began, published


def busy_member_home() -> None:
    """App Home for a member of 20 groups, 10 charters and 5 challenges."""
    fake = FakeSlack().start()
    for user_id in ("U1", "U2", "U3"):
        fake.add_user(user_id, name=user_id, tz="Europe/Paris")
    fake.add_channel("CCOMMUNITY", name="community")
    with tempfile.TemporaryDirectory() as folder, running_app(fake, f"sqlite:///{folder}/home.db") as app:
        app.set_community("CCOMMUNITY")
        with app.deps.sessions.begin() as session:
            for n in range(20):
                propose_group(session, TEAM_ID, "U3", ProposalInput(
                    name=f"Practice {n}", reason="subtopic", focus="Contract testing", activities="Reading group",
                    cadence="weekly", member_ids=["U1"], channel_id=None), now=app.clock.now)
            for n in range(5):
                stored_challenge(session, team_id=TEAM_ID, now=app.clock.now, members=("U1",), posted_days=1,
                                 title=f"30 days of practice {n}")
        for n in range(10):
            draft(app, "U1", **{CharterField.TITLE: f"Survey of tools, part {n}"})
        home_of(app, "U1")  # the first opening warms caches (Slack's, the app's)
        timings = sorted(home_of(app, "U1")[0] for _ in range(9))
        _, published = home_of(app, "U1")
        blocks = len(published["view"]["blocks"])
        print(f"App Home, member of 20 groups, 10 charters, 5 challenges: p50 {timings[4] * 1000:.0f} ms, "
              f"max {timings[-1] * 1000:.0f} ms, {blocks} blocks (Slack's limit: 100)")
    fake.stop()


def big_database() -> None:
    """In a child process: 1,000 challenges and 100,000 journal entries, then a tick, a status and App Home."""
    fake = FakeSlack().start()
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    fake.add_channel("CCOMMUNITY", name="community")
    with tempfile.TemporaryDirectory() as folder, running_app(fake, f"sqlite:///{folder}/big.db") as app:
        app.set_community("CCOMMUNITY")
        with app.deps.sessions.begin() as session:
            ids = [stored_challenge(session, team_id=TEAM_ID, now=START, title=f"Challenge {n}", partners=False,
                                    posted_days=0).id for n in range(1000)]
            users = [f"UR{n:04d}" for n in range(100)]
            session.execute(insert(MemberPrefs), [dict(team_id=TEAM_ID, user_id=u, timezone="Europe/Paris",
                                                        timezone_checked_at=START, nudges_off=False) for u in users])
            session.execute(insert(Participant), [dict(team_id=TEAM_ID, challenge_id=c, user_id=u, joined_at=START)
                                                  for c in ids for u in users[:10]] +
                            [dict(team_id=TEAM_ID, challenge_id=ids[0], user_id="U1", joined_at=START)])
            for chunk in range(10):
                session.execute(insert(JournalEntry), [dict(
                    team_id=TEAM_ID, challenge_id=ids[n % 1000], user_id=users[n % 10], day_number=1 + n // 10000,
                    text="Read the runbook and fixed a flaky alert. " * 4, private=False,
                    source=JournalSource.THREAD, channel_id="CCOMMUNITY", slack_ts=f"{1_700_000_000 + n}.000100",
                    created_at=START) for n in range(chunk * 10_000, (chunk + 1) * 10_000)])
        del ids
        built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        began = time.perf_counter()
        app.tick(START + timedelta(hours=1))
        ticked = time.perf_counter() - began
        app.slack.command("/challenge", "status", user="U1")
        home_of(app, "U1")
        with app.deps.sessions() as session:
            days = session.query(ChallengeDay).count()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"1,000 challenges ({days:,} days), 100,000 journal entries: peak RSS {peak:.0f} MB "
              f"({built:.0f} MB after building the data; the first tick {ticked:.1f} s)")
    fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--rss", action="store_true", help="peak RSS with 1,000 challenges, 100,000 entries")
    parser.add_argument("--home", action="store_true", help="App Home for a member of many groups")
    parser.add_argument("--big-database-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big_database_child:
        big_database()
        return
    if args.sizes and args.sizes != [0]:
        print(f"SQL statements (wall time) per unit of work, SQLite (python {sys.version.split()[0]})")
        runs = {count: measure(count) for count in args.sizes}
        names = list(next(iter(runs.values())))
        print(f"{'participants':<40}" + "".join(f"{count:>18,}" for count in runs))
        for name in names:
            cells = "".join(f"{runs[c][name][0]:>8} ({runs[c][name][1]:>5.2f} s)" for c in runs)
            print(f"{name:<40}{cells}")
    if args.home:
        busy_member_home()
    if args.rss:
        run: Callable[..., Any] = subprocess.run
        run([sys.executable, __file__, "--big-database-child"], check=True)


if __name__ == "__main__":
    main()
