"""Ack latency of the real app next to a bare Bolt app that only acks, in one run on one machine.

    python bench/ack_latency.py [--requests 1200] [--concurrency 32] [--database-url URL]
                                [--bare-server gunicorn|waitress] [--before DIR]

Starts two servers, each in its own process so that neither shares a GIL with the load:
  - the real app, as app.py serves it (waitress, the scheduler ticking), on a fresh SQLite file
    (or URL) against the fake Slack, with the community channel set and one challenge created;
  - bench/bare_app.py, a Bolt app that only acks, served the best way this machine allows:
    gunicorn with 2 workers x 8 threads (the `bench` extra), or waitress when gunicorn is missing.
Then, for the read-only `/practice list` (no groups) and the writing `/challenge join NAME` (a new
member each time), it sends `--requests` signed requests to each app, `--concurrency` at once
shared evenly by the two (16 each by default, over the same seconds, so their requests alternate),
and prints p50/p95/p99, the ratio app/bare and each server's CPU time a request.
`--before DIR` serves a third, the app of another checkout (say, `git worktree add DIR main`), with
as many senders of its own: a change's before and after measured side by side.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.slack_requests import sign  # noqa: E402

SECRET = "test-signing-secret"  # as tests/support/running_app.py signs
CHALLENGE = "30 days of DevOps"
WARMUP = 40


def serve_app(database_url: str, members: int) -> None:
    """The real app with the scheduler; prints its URL, then serves until stdin closes."""
    from bot import log
    from bot.jobs.scheduler import start_scheduler
    from tests.support.challenges import create_challenge
    from tests.support.fake_slack import FakeSlack
    from tests.support.running_app import running_app

    log.configure("WARNING", "text")
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" under the load: expected
    fake = FakeSlack().start()
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_user("U1", name="Ada", tz="Europe/Paris")
    for n in range(members):
        fake.add_user(member(n), tz="Europe/Paris")
    with running_app(fake, database_url) as app:
        app.set_community("CCOMMUNITY")
        create_challenge(app, partners=[])
        scheduler = start_scheduler(app.deps)
        print(app.url, flush=True)
        sys.stdin.read()
        scheduler.shutdown(wait=True)
    fake.stop()


def member(n: int) -> str:
    return f"UJ{n:05d}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_listening(url: str, process: subprocess.Popen[str], timeout: float = 60) -> None:
    parsed = urlparse(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server at {url} exited with {process.returncode}")
        try:
            socket.create_connection((parsed.hostname, parsed.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens at {url} after {timeout} s")


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


def start_app(script: Path, database_url: str, members: int) -> tuple[str, subprocess.Popen[str]]:
    """The app of the checkout that holds `script` (this file or another checkout's copy of it)."""
    process = subprocess.Popen(
        [sys.executable, str(script), "--serve-app", "--database-url", database_url, "--members", str(members)],
        cwd=script.resolve().parent.parent, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url:
        raise SystemExit(f"the app did not start (exit {process.wait()})")
    return url, process


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


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its live children (gunicorn's workers), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


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
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--bare-server", choices=("gunicorn", "waitress"), default="gunicorn")
    parser.add_argument("--before", type=Path, metavar="DIR",
                        help="also serve the app from this checkout (on its own SQLite file), as 'before'")
    parser.add_argument("--serve-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--members", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.serve_app:
        serve_app(args.database_url, args.members)
        return

    members = args.requests + WARMUP
    with tempfile.TemporaryDirectory() as folder:
        database_url = args.database_url or f"sqlite:///{folder}/bench.db"
        servers = {"app": start_app(Path(__file__), database_url, members)}
        if args.before:
            servers["before"] = start_app(args.before / "bench" / "ack_latency.py", f"sqlite:///{folder}/before.db",
                                          members)
        bare_url, bare, bare_label = start_bare(args.bare_server)
        servers["bare"] = (bare_url, bare)
        senders = args.concurrency // 2
        try:
            print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; app: waitress on "
                  f"{database_url.split(':')[0]}; bare: {bare_label}; {senders} concurrent to each")
            urls = {name: url for name, (url, _) in servers.items()}
            pids = {name: process.pid for name, (_, process) in servers.items()}
            counter = itertools.count()
            listing = (command_body("/practice", "list", "U1", next(counter)) for _ in itertools.count())
            measure(urls, listing, WARMUP, senders, pids)
            report("/practice list", measure(urls, listing, args.requests, senders, pids))

            # Each app gets the same members: `/challenge join` of someone new every time.
            joins = (body for n in itertools.count() for body in
                     [command_body("/challenge", f"join {CHALLENGE}", member(n), next(counter))] * len(urls))
            measure(urls, joins, WARMUP // 2, senders, pids)
            report(f"/challenge join {CHALLENGE}", measure(urls, joins, args.requests, senders, pids))
        finally:
            bare.terminate()
            for _, process in servers.values():
                if process.stdin is not None:
                    process.stdin.close()  # the app's signal to stop
            for _, process in servers.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


if __name__ == "__main__":
    main()
