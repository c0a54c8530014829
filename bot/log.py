"""Logging to stderr, one line an event, tagged with the workspace and the listener or job.

As text by default; as one JSON object a line with LOG_FORMAT=json, for log collectors.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

team_var: contextvars.ContextVar[str] = contextvars.ContextVar("team", default="-")
source_var: contextvars.ContextVar[str] = contextvars.ContextVar("source", default="-")

FORMAT = "%(asctime)s %(levelname)s %(name)s team=%(team)s via=%(source)s %(message)s"


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.team = team_var.get()
        record.source = source_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, workspace, via, message and any exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "workspace": getattr(record, "team", "-"),
            "via": getattr(record, "source", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(level: str, format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if format == "json" else logging.Formatter(FORMAT))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


@contextmanager
def tagged(team: str | None, source: str) -> Iterator[None]:
    """Tag every log line written inside the block with `team` and `source`."""
    team_token = team_var.set(team or "-")
    source_token = source_var.set(source)
    try:
        yield
    finally:
        team_var.reset(team_token)
        source_var.reset(source_token)


class ContextCopyingExecutor(ThreadPoolExecutor):
    """Runs Bolt listeners with the log tags of the request that started them."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)
