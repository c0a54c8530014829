"""Daily fan-out: many challenges' day posts, partner introductions and nudges due in the same minute.

    python bench/fanout.py [--challenges 200] [--participants 50] [--speed 1] [--chaos 0.05]
                           [--replicas 1] [--database-url URL]

Seeded through the services: `--challenges` challenges (each in its own channel, partners on) of
`--participants` members each, Day 1 due, every group of partners with its introduction queued
(partners.regroup) and each participant's Day 1 nudge due now. Then app.py serves, in its own
process(es) as in production (`--replicas` of them on one database), with SLACK_RATE_LIMITS=shared,
against the fake Slack enforcing Slack's documented limits (tests/support/fake_limits.py) and
failing `--chaos` of the calls (429, 500, 503, connections lost before or after the call took
effect). `--speed` runs the limits that many times faster, on both sides, so that a fan-out Slack
takes hours over can be measured in minutes. It prints the time until every row is done, the floor
the limits set for the calls made (the slowest bucket's calls beyond its burst at its rate), their
ratio, and the messages duplicated and lost at the fake.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from bench.processes import start_app_py  # noqa: E402
from bot.db import make_engine  # noqa: E402
from bot.deps import build_deps  # noqa: E402
from bot.services.challenges import partners  # noqa: E402
from bot.services.challenges.creation import ChallengeInput, validate_challenge  # noqa: E402
from bot.services.challenges.creation import create_challenge as store_challenge  # noqa: E402
from bot.services.challenges.participation import join  # noqa: E402
from bot.services.community import SettingsInput, save_settings  # noqa: E402
from bot.slack.messaging import DELIVERY_EVENT  # noqa: E402
from models import ChallengeDay, Nudge, SocialMessage  # noqa: E402
from models.social import SocialMessageKind  # noqa: E402
from tests.support.fake_slack import TEAM_ID, FakeSlack  # noqa: E402
from tests.support.running_app import settings_for  # noqa: E402

TABLES = (ChallengeDay, SocialMessage, Nudge)


def seed(fake: FakeSlack, url: str, challenges: int, participants: int) -> datetime:
    """The challenges, their members, introductions and nudges, all due now; returns now."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    deps = build_deps(settings_for(fake, url))
    with deps.sessions.begin() as session:
        save_settings(session, TEAM_ID, SettingsInput("CCOMMUNITY", [], "UTC"), by="U1", now=now)
        for c in range(challenges):
            channel = f"CFAN{c:04d}"
            fake.add_channel(channel, name=f"fan-{c}")
            valid = validate_challenge(session, TEAM_ID, ChallengeInput(
                title=f"Fan-out {c}", channel_id=channel, start_date=f"{now:%Y-%m-%d}", days="10",
                post_time="00:00", timezone="UTC", template="DevOps", partners=True, nudge_delay_hours="6"), now=now)
            challenge = store_challenge(session, TEAM_ID, "U1", valid, now=now)
            users = [f"UF{c:04d}{p:03d}" for p in range(participants)]
            for user in users:
                fake.add_user(user, name=user, tz="UTC")
                join(session, challenge, user, now=now)
            session.flush()
            partners.regroup(session, challenge.id, now)  # the introductions, due now
            session.execute(insert(Nudge), [dict(team_id=TEAM_ID, challenge_id=challenge.id, user_id=u, day_number=1,
                                                 due_at=now, attempts=0) for u in users])
        session.execute(ChallengeDay.__table__.update().where(ChallengeDay.number == 1).values(due_at=now))
    deps.sessions.kw["bind"].dispose()
    return now


def left(engine: object) -> int:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return sum(int(connection.scalar(select(func.count()).select_from(t).where(
            t.done_at.is_(None), t.due_at <= datetime.now(UTC))) or 0) for t in TABLES)


def expected(engine: object) -> tuple[set[str], Counter[str]]:
    """The delivery keys that should be in Slack once each, and how the other rows ended."""
    keys: set[str] = set()
    ended: Counter[str] = Counter()
    with engine.connect() as connection:  # type: ignore[attr-defined]
        for day_id, error in connection.execute(select(ChallengeDay.id, ChallengeDay.error).where(
                ChallengeDay.number == 1)):
            keys.add(f"challenge-day:{day_id}") if error is None else ended.update([f"day {error}"])
        for row_id, error in connection.execute(select(SocialMessage.id, SocialMessage.error).where(
                SocialMessage.done_at.is_not(None), SocialMessage.kind == SocialMessageKind.INTRO)):
            keys.add(f"social:{row_id}") if error is None else ended.update([f"dm {error}"])
        for row_id, outcome, error in connection.execute(select(Nudge.id, Nudge.outcome, Nudge.error).where(
                Nudge.done_at.is_not(None))):
            if outcome == "sent":
                keys.add(f"nudge:{row_id}")
            else:
                ended.update([f"nudge {outcome or error}"])
    return keys, ended


def delivered(fake: FakeSlack) -> Counter[str]:
    found: Counter[str] = Counter()
    for messages in list(fake.messages.values()):
        for message in list(messages):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == DELIVERY_EVENT:
                found[str(metadata["event_payload"]["key"])] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--challenges", type=int, default=200)
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--speed", type=float, default=1.0, help="run Slack's limits this many times faster")
    parser.add_argument("--chaos", type=float, default=0.05, help="share of calls answered 429, 5xx or lost")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    fake = FakeSlack().start()
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_user("U1", name="Ada", tz="UTC")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        seed(fake, url, args.challenges, args.participants)
        engine = make_engine(url)
        rows = left(engine)
        limits = fake.rate_limits(speed=args.speed)
        fake.chaos(args.chaos, seed=7)
        env = {"SLACK_RATE_LIMITS": "shared", "SLACK_RATE_LIMITS_SPEED": str(args.speed), "JOB_TICK_SECONDS": "2"}
        started = time.monotonic()
        apps = [start_app_py(fake, url, env)[1] for _ in range(args.replicas)]
        try:
            while (remaining := left(engine)) and time.monotonic() - started < 3 * 3600:
                time.sleep(0.5)
            took = time.monotonic() - started
            fake.calm()
        finally:
            for app in apps:
                app.terminate()
                app.wait(timeout=60)
        keys, ended = expected(engine)
        found = delivered(fake)
        engine.dispose()
    floor, span = limits.floor(), limits.last - limits.first
    calls = Counter(c.method for c in fake.calls if not c.get("_failed"))
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {url.split(':')[0]}, {args.replicas} replica(s): "
          f"{args.challenges} challenges × {args.participants} participants, {rows} rows due, "
          f"limits ×{args.speed:g}, chaos {args.chaos:.0%} ({sum(fake.faults_by_kind().values())} faults)")
    print(f"  delivered in {span:.1f} s from the first limited call to the last; floor {floor:.1f} s; "
          f"ratio {span / floor if floor else 0:.3f} (in Slack's time: {span * args.speed / 60:.1f} min, floor "
          f"{floor * args.speed / 60:.1f} min); {took:.1f} s from starting app.py until every row was done")
    print(f"  calls {dict(calls.most_common())}; answered 429 by the limits {dict(limits.limited)}")
    print(f"  messages {sum(found.values())}: duplicates {sum(n - 1 for n in found.values() if n > 1)}, "
          f"lost {len(keys - set(found))}, not due {remaining}; rows ended otherwise {dict(ended)}")
    fake.stop()


if __name__ == "__main__":
    main()
