"""The yardstick for bench/ack_latency.py: a Bolt app that only acks, as a WSGI callable.

    gunicorn -w 2 -k gthread --threads 8 --chdir bench bare_app:wsgi

It verifies the signature and authorizes like the real app (a constant workspace, no Web API
call), then acks `/practice` and `/challenge` with nothing. Served the fastest way Bolt allows for
an app that only acks: `process_before_response`, so the ack runs on the request's own thread,
with no hand-over to a listener thread and no wait in Bolt's 10-ms poll for the ack
(`BENCH_BARE_THREADED=1` serves it Bolt's default way, for comparison).
"""

from __future__ import annotations

import logging
import os

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.authorization import AuthorizeResult


def _authorize(**_: object) -> AuthorizeResult:
    return AuthorizeResult(enterprise_id=None, team_id="T0001", bot_token="xoxb-bare", bot_user_id="UBOT",
                           bot_id="BBOT")


def _ack(ack: Ack) -> None:
    ack()


app = App(signing_secret=os.environ.get("BENCH_SIGNING_SECRET", "test-signing-secret"), authorize=_authorize,
          logger=logging.getLogger("bare"), process_before_response=os.environ.get("BENCH_BARE_THREADED") != "1")
app.command("/practice")(_ack)
app.command("/challenge")(_ack)
wsgi = SlackRequestHandler(app)
