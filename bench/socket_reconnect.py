"""How fast a command is acked right after a Socket Mode reconnect: `python app.py` against fakes.

    python bench/socket_reconnect.py [--reconnects 10] [--app PATH]

Runs the bot in Socket Mode against the fake Slack Web API and the fake Socket Mode server of
tests/support, then moves it to a new connection `--reconnects` times each way: Slack's
`disconnect` envelope (refresh_requested) and the server closing the socket. Each time a
`/practice help` is delivered on the new connection right after `hello`. Printed, measured on
the fake server's side: from asking to the new connection's `hello`, from `hello` to the ack
(the number Slack's 3 s limit is about), and from asking to the ack (median and max).

`--app` runs another app.py with this checkout's packages, e.g. an earlier one to compare:
`git show 0f7f8b8:app.py > /tmp/app_before.py; python bench/socket_reconnect.py --app /tmp/app_before.py`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.db import make_engine, upgrade  # noqa: E402
from tests.support.app_process import AppLog  # noqa: E402
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack  # noqa: E402
from tests.support.fake_socket_mode import FakeSocketMode  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reconnects", type=int, default=10)
    parser.add_argument("--app", type=Path, default=ROOT / "app.py")
    args = parser.parse_args()

    fake = FakeSlack().start()
    fake.add_user("U1", name="Ada")
    fake.add_channel("CCOMMUNITY", name="community")
    socket_mode = FakeSocketMode().start().attach(fake)
    work = Path(tempfile.mkdtemp(prefix="socket-bench-"))
    engine = make_engine(f"sqlite:///{work / 'bot.db'}")
    upgrade(engine)
    engine.dispose()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "SLACK_APP_TOKEN": APP_TOKEN,
           "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.api_url, "DATABASE_URL": f"sqlite:///{work / 'bot.db'}"}
    process = subprocess.Popen([sys.executable, str(args.app)], env=env, cwd=work, text=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = AppLog(process)
    try:
        current = socket_mode.wait_for_connection(1, timeout=60)
        for how in ("disconnect envelope", "server closes the socket"):
            to_hello, hello_to_ack, asked_to_ack = [], [], []
            for _ in range(args.reconnects):
                envelope_id = socket_mode.send_command_after_next_hello("/practice", "help")
                asked = time.monotonic()
                if how == "disconnect envelope":
                    socket_mode.send_disconnect(current)
                else:
                    socket_mode.close(current)
                ack = socket_mode.wait_for_ack(envelope_id, timeout=30)
                current = socket_mode.connections[ack.connection - 1]
                assert current.hello_at is not None
                to_hello.append(current.hello_at - asked)
                hello_to_ack.append(ack.at - current.hello_at)
                asked_to_ack.append(ack.at - asked)
            print(f"{how} ×{args.reconnects}:")
            for name, values in (("asked → new hello", to_hello), ("hello → ack", hello_to_ack),
                                 ("asked → ack", asked_to_ack)):
                median, worst = statistics.median(values) * 1000, max(values) * 1000
                print(f"  {name:<18} median {median:7.0f} ms   max {worst:7.0f} ms")
    except AssertionError:
        print(log.text, file=sys.stderr)
        raise
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        socket_mode.stop()
        fake.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
