"""Starting and watching the servers a bench measures: app.py in its own process, CPU from /proc."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.running_app import SIGNING_SECRET

ROOT = Path(__file__).resolve().parent.parent


def start_app_py(fake: FakeSlack, database_url: str,
                 extra_env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen[str]]:
    """app.py serving on a free port against `fake`, started as production starts it; its URL and process."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))} | {
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url, "PORT": str(port), "LOG_LEVEL": "WARNING",
    } | (extra_env or {})
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, text=True,
                               stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_until_listening(url, process)
    return url, process


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
