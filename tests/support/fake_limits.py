"""Slack's documented rate limits, as the fake Slack enforces them when asked (`FakeSlack.rate_limits`).

https://docs.slack.dev/apis/web-api/rate-limits: each method is limited per workspace by its tier
(Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min, with bursts); chat.postMessage allows about one
message a second per channel with short bursts, and a workspace-wide limit. Here every limit is a
token bucket (GCRA) of `per_minute` with room for `burst` calls at once, a workspace being a token;
a call over a limit is answered 429 with a Retry-After. `speed` runs every limit that many times faster
(the benchmarks, so that a fan-out of hours takes minutes).

`floor()` is the least time the limits allow for the calls counted so far: for each bucket, its
calls beyond the burst at its rate; the largest of those.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: int


TIER2, TIER3, TIER4 = Limit(20, 3), Limit(50, 5), Limit(100, 10)
METHOD_LIMITS = {
    "conversations.open": TIER3, "conversations.history": TIER3, "conversations.info": TIER3,
    "conversations.join": TIER3, "chat.update": TIER3, "chat.delete": TIER3, "reactions.add": TIER3,
    "users.info": TIER4, "users.list": TIER2, "views.publish": TIER4, "chat.getPermalink": TIER4,
    "files.getUploadURLExternal": TIER4, "files.completeUploadExternal": TIER4,
}
POST = "chat.postMessage"
POST_PER_CHANNEL = Limit(60, 3)
POST_WORKSPACE = Limit(600, 10)


@dataclass
class RateLimits:
    speed: float = 1.0
    clock: Any = time.monotonic
    counted: Counter[tuple[str | None, str]] = field(default_factory=Counter)  # calls let through, by bucket
    limited: Counter[str] = field(default_factory=Counter)  # calls answered 429, by method

    first: float = 0.0  # when the first call was let through, and the last (clock time)
    last: float = 0.0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._tat: dict[tuple[str | None, str], float] = {}
        self._limits: dict[str, Limit] = {}

    def buckets(self, method: str, params: dict[str, Any]) -> list[tuple[str, Limit]]:
        if method == POST:
            channel = params.get("channel")
            return [*([(f"{POST}:{channel}", POST_PER_CHANNEL)] if channel else []), (POST, POST_WORKSPACE)]
        limit = METHOD_LIMITS.get(method)
        return [(method, limit)] if limit is not None else []

    def check(self, token: str | None, method: str, params: dict[str, Any]) -> int | None:
        """Let the call through (counting it), or the whole seconds to wait (Retry-After) when it is over a limit."""
        with self._lock:
            now = self.clock()
            waits, admitted = [], []
            for bucket, limit in self.buckets(method, params):
                interval = 60.0 / (limit.per_minute * self.speed)
                tat = max(self._tat.get((token, bucket), now), now)
                if now + 1e-6 < tat - (limit.burst - 1) * interval:
                    waits.append(tat - (limit.burst - 1) * interval - now)
                admitted.append(((token, bucket), tat + interval, limit))
            if waits:
                self.limited[method] += 1
                return max(1, math.ceil(max(waits)))
            if admitted:
                self.first, self.last = self.first or now, now
            for key, tat, limit in admitted:
                self._tat[key] = tat
                self._limits[key[1]] = limit
                self.counted[key] += 1
            return None

    def floor(self) -> float:
        """The least seconds the limits allow for the calls counted so far."""
        with self._lock:
            return max((max(0, n - self._limits[bucket].burst) * 60.0 / (self._limits[bucket].per_minute * self.speed)
                        for (_, bucket), n in self.counted.items()), default=0.0)
