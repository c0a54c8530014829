"""Waiting on a condition the app reaches after the ack (a database write after a Slack call)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T], *, timeout: float = 5.0) -> T:
    """`probe()` once it returns something truthy, checking every few milliseconds; fail after `timeout`."""
    pause = threading.Event()
    deadline = threading.Event()
    timer = threading.Timer(timeout, deadline.set)
    timer.start()
    try:
        while not deadline.is_set():
            if value := probe():
                return value
            pause.wait(0.005)
    finally:
        timer.cancel()
    raise AssertionError(f"not reached within {timeout}s")
