"""`python app.py` in a child process, as a user runs it, with its log read as it is written."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP = Path(__file__).resolve().parent.parent.parent / "app.py"


def run_app(env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    clean = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(APP.parent)}
    return subprocess.Popen([sys.executable, str(APP)], env=clean | env, cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class AppLog:
    """The lines a running app writes to stderr, collected by a thread; wait on one to appear."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._ended = False
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream: Iterator[str]) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def wait_for(self, text: str, *, count: int = 1, timeout: float = 30.0) -> str:
        """The `count`-th line containing `text`, once the app has written it."""
        def found() -> list[str]:
            return [line for line in self.lines if text in line]

        with self._changed:
            self._changed.wait_for(lambda: len(found()) >= count or self._ended, timeout)
            matching = found()
        if len(matching) < count:
            raise AssertionError(f"no {count}× {text!r} in the log within {timeout}s:\n" + self.text)
        return matching[count - 1]

    def wait_for_end(self, timeout: float = 30.0) -> str:
        with self._changed:
            self._changed.wait_for(lambda: self._ended, timeout)
        self._thread.join(timeout=1)
        return self.text

    @property
    def text(self) -> str:
        with self._changed:
            return "\n".join(self.lines)


@contextmanager
def app_process(env: dict[str, str], cwd: Path) -> Iterator[tuple[subprocess.Popen[str], AppLog]]:
    """The app, running; killed at the end if the test has not stopped it."""
    process = run_app(env, cwd)
    log = AppLog(process)
    try:
        yield process, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        log.wait_for_end(timeout=5)
