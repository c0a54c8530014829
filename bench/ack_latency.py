"""Ack latency of the real app next to a bare Bolt app that only acks, in one run on one machine.

    python bench/ack_latency.py [--requests 1200] [--concurrency 32 | --rate 50] [--database-url URL]
                                [--bare-server gunicorn|waitress]

Starts two servers, each in its own process so that neither shares a GIL with the load:
  - the real app, app.py itself (waitress, the scheduler ticking), on a fresh SQLite file (or URL)
    against the fake Slack served by this process, with the community channel set and one
    challenge created;
  - bench/bare_app.py, a Bolt app that only acks, served the best way this machine allows:
    gunicorn with 2 workers x 8 threads (the `bench` extra), or waitress when gunicorn is missing.
Then, for the read-only `/practice list` (no groups) and the writing `/challenge join NAME` (a new
member each time), it sends `--requests` signed requests to each app and prints p50/p95/p99, the
ratio app/bare and each server's CPU time a request. Two ways to send them:
  - closed loop (`--concurrency`, the default): that many senders shared evenly by the two (16 each),
    each sending its next request when the last is answered. Both servers are saturated, so this
    measures throughput: latency is in-flight requests x CPU a request / cores.
  - open loop (`--rate N`): N requests a second to each server at random (Poisson) times, the same
    times for both, whether or not earlier ones are answered, as Slack sends them. Latency is then
    what a member's command waits while the server is busy with others, not only a queue's length.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.processes import cpu_seconds, free_port, percentile, start_app_py, wait_until_listening  # noqa: E402
from bot import log  # noqa: E402
from tests.support.challenges import create_challenge  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.running_app import running_app  # noqa: E402
from tests.support.slack_requests import sign  # noqa: E402

SECRET = "test-signing-secret"  # as tests/support/running_app.py signs
CHALLENGE = "30 days of DevOps"
WARMUP = 40


def seed(fake: FakeSlack, database_url: str, members: int) -> None:
    """The community channel set and one challenge created, through the app; `members` people to join it."""
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    for n in range(members):
        fake.add_user(member(n), tz="Europe/Paris")
    with running_app(fake, database_url, now=datetime.now(UTC)) as app:
        app.set_community("CCOMMUNITY")
        create_challenge(app, partners=[], start_date=f"{app.clock.now:%Y-%m-%d}", timezone="UTC")


def member(n: int) -> str:
    return f"UJ{n:05d}"


def start_bare(server: str) -> tuple[str, subprocess.Popen[str], str]:
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
    if server == "gunicorn" and gunicorn:
        args = [gunicorn, "-w", "2", "-k", "gthread", "--threads", "8", "-b", f"127.0.0.1:{port}",
                "--log-level", "warning", "--chdir", str(ROOT / "bench"), "bare_app:wsgi"]
        label = "gunicorn, 2 workers x 8 threads"
    else:
        code = ("import sys; sys.path.insert(0, 'bench'); import waitress, bare_app; "
                f"waitress.serve(bare_app.wsgi, host='127.0.0.1', port={port}, threads=8, _quiet=True)")
        args = [sys.executable, "-c", code]
        label = "waitress, 1 process x 8 threads"
    process = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, text=True)
    url = f"http://127.0.0.1:{port}"
    wait_until_listening(url, process)
    return url, process, label


def command_body(command: str, text: str, user: str, n: int) -> bytes:
    return urlencode({
        "token": "legacy", "team_id": "T0001", "team_domain": "test", "channel_id": "CCOMMUNITY",
        "channel_name": "community", "user_id": user, "user_name": user.lower(), "command": command,
        "text": text, "api_app_id": "A0001", "is_enterprise_install": "false",
        "response_url": f"http://127.0.0.1:9/response/{n}", "trigger_id": f"trigger{n}",
    }).encode()


def send(url: str, body: bytes) -> float:
    """Seconds from connecting to the whole answer; a fresh connection each time, as Slack opens."""
    parsed = urlparse(url)
    ts = int(time.time())
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": str(ts),
               "X-Slack-Signature": sign(body, SECRET, ts)}
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("POST", "/slack/events", body, headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"{url} answered {response.status}")
    return elapsed


def measure(urls: dict[str, str], bodies: Iterator[bytes], requests: int, senders: int,
            pids: dict[str, int]) -> tuple[dict[str, list[float]], dict[str, float]]:
    """`requests` to each server, from `senders` threads of its own, all at once; and each one's CPU time.

    A shared pool taking turns would let a saturated server hold nearly every sender (its latency is
    then the pool's size over its throughput), and two saturated servers split the senders by
    chance; with a pool each, every server has the same load for the same seconds.
    """
    times: dict[str, list[float]] = {name: [] for name in urls}
    batches = [next(bodies) for _ in range(requests * len(urls))]

    def drive(index: int, name: str) -> None:
        mine = batches[index::len(urls)]
        with ThreadPoolExecutor(senders) as pool:
            times[name] = list(pool.map(lambda body: send(urls[name], body), mine))

    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    drivers = [threading.Thread(target=drive, args=(i, name)) for i, name in enumerate(urls)]
    for driver in drivers:
        driver.start()
    for driver in drivers:
        driver.join()
    return times, {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}


def measure_open(urls: dict[str, str], bodies: Iterator[bytes], requests: int, rate: float,
                 pids: dict[str, int]) -> tuple[dict[str, list[float]], dict[str, float]]:
    """`requests` to each server at `rate` a second, at the same Poisson times for every server.

    Each request is sent at its time by a pool large enough never to wait for an answer; the
    latency counts from its time, so a sender that started late adds its delay to the figure.
    """
    times: dict[str, list[float]] = {name: [] for name in urls}
    batches = [next(bodies) for _ in range(requests * len(urls))]
    arrivals, at = [], 0.0
    chance = random.Random(20261204)
    for _ in range(requests):
        at += chance.expovariate(rate)
        arrivals.append(at)

    def drive(index: int, name: str, start: float) -> None:
        mine = batches[index::len(urls)]

        def timed(body: bytes, due: float) -> float:
            late = max(0.0, time.perf_counter() - (start + due))
            return late + send(urls[name], body)

        with ThreadPoolExecutor(64) as pool:
            futures = []
            for body, due in zip(mine, arrivals, strict=True):
                time.sleep(max(0.0, start + due - time.perf_counter()))
                futures.append(pool.submit(timed, body, due))
            times[name] = [future.result() for future in futures]

    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    start = time.perf_counter() + 0.1
    drivers = [threading.Thread(target=drive, args=(i, name, start)) for i, name in enumerate(urls)]
    for driver in drivers:
        driver.start()
    for driver in drivers:
        driver.join()
    return times, {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}


def report(title: str, measured: tuple[dict[str, list[float]], dict[str, float]]) -> None:
    times, cpu = measured
    shares = (("p50", 0.50), ("p95", 0.95), ("p99", 0.99))
    print(f"{title}: {len(times['bare'])} requests to each")
    for name in times:
        figures = "  ".join(f"{label} {percentile(times[name], s) * 1000:6.1f} ms" for label, s in shares)
        print(f"  {name:<6} {figures}   CPU {cpu[name] / len(times[name]) * 1000:5.2f} ms a request")
    for name in (n for n in times if n != "bare"):
        ratios = "  ".join(f"{label} {percentile(times[name], s) / percentile(times['bare'], s):5.2f}x"
                           for label, s in shares)
        print(f"  {name}/bare {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1200, help="to each app, for each command")
    parser.add_argument("--concurrency", type=int, default=32, help="senders, shared evenly by the app and bare")
    parser.add_argument("--rate", type=float, help="open loop: requests a second to each server, at random times")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--bare-server", choices=("gunicorn", "waitress"), default="gunicorn")
    args = parser.parse_args()
    log.configure("WARNING", "text")

    fake = FakeSlack().start()
    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database_url or f"sqlite:///{folder}/bench.db"
        seed(fake, database_url, args.requests + WARMUP)
        app_url, app = start_app_py(fake, database_url, {"LOG_LEVEL": "ERROR"})
        bare_url, bare, bare_label = start_bare(args.bare_server)
        urls, pids = {"app": app_url, "bare": bare_url}, {"app": app.pid, "bare": bare.pid}
        senders = args.concurrency // 2

        def run(bodies: Iterator[bytes], requests: int) -> tuple[dict[str, list[float]], dict[str, float]]:
            if args.rate:
                return measure_open(urls, bodies, requests, args.rate, pids)
            return measure(urls, bodies, requests, senders, pids)

        load = f"{args.rate:g} a second to each, open loop" if args.rate else f"{senders} concurrent to each"
        try:
            print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; app: app.py (waitress) on "
                  f"{database_url.split(':')[0]}; bare: {bare_label}; {load}")
            counter = itertools.count()
            listing = (command_body("/practice", "list", "U1", next(counter)) for _ in itertools.count())
            measure(urls, listing, WARMUP, senders, pids)
            report("/practice list", run(listing, args.requests))

            # Each app gets the same members: `/challenge join` of someone new every time.
            joins = (body for n in itertools.count() for body in
                     [command_body("/challenge", f"join {CHALLENGE}", member(n), next(counter))] * len(urls))
            measure(urls, joins, WARMUP // 2, senders, pids)
            report(f"/challenge join {CHALLENGE}", run(joins, args.requests))
        finally:
            for process in (bare, app):
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            fake.stop()


if __name__ == "__main__":
    main()
