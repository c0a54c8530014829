"""Waiting until every listener the app started has ended: for asserting that a request changed nothing.

A listener acks first and goes on working (Slack calls, database writes) after the answer has gone;
"nothing happened" can only be asserted once it has ended. This watches the Bolt app's listener
executor and waits on the futures it hands out.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import Any

from tests.support.running_app import RunningApp


class Listeners:
    """Every listener run of `app` from now on; `settle()` waits until all have ended."""

    def __init__(self, app: RunningApp) -> None:
        assert app.bolt is not None
        executor = app.bolt.listener_runner.listener_executor
        self._futures: list[Future[Any]] = []
        submit = executor.submit

        def watched(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            future = submit(fn, *args, **kwargs)
            self._futures.append(future)
            return future

        executor.submit = watched  # type: ignore[method-assign]

    def settle(self, timeout: float = 10.0) -> None:
        _, running = wait(list(self._futures), timeout=timeout)
        assert not running, f"{len(running)} listener(s) still running after {timeout}s"
