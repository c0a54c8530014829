"""CoP Bot: settings → database → Bolt app → scheduler → serve (Socket Mode or HTTP)."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from types import FrameType

from dotenv import find_dotenv, load_dotenv

from bot import log
from bot.config import ConfigError, Settings, load_settings
from bot.deps import build_deps
from bot.jobs.scheduler import start_scheduler
from bot.slack_app import create_app
from bot.socket_mode import SocketModeServer, check_app_token
from bot.web import make_server, make_wsgi_app

logger = logging.getLogger("cop-bot")


def serve(settings: Settings) -> None:
    if settings.app_token is not None:
        check_app_token(settings)  # a refused app token stops the bot here, before anything starts
    deps = build_deps(settings)
    app = create_app(deps)
    scheduler = start_scheduler(deps)
    try:
        if settings.app_token is not None:  # Socket Mode, with /healthz and /metrics on PORT all the same
            stopping = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stopping.set())
            signal.signal(signal.SIGINT, lambda *_: stopping.set())
            socket_mode = SocketModeServer(app, settings.app_token)
            server = make_server(make_wsgi_app(app, deps, socket_mode), "0.0.0.0", settings.port)
            # A daemon: health checks in flight when the bot stops need no answer.
            threading.Thread(target=server.run, name="http", daemon=True).start()
            logger.info("listening on port %s: GET /healthz, GET /metrics", settings.port)
            socket_mode.serve(stopping)
        else:
            signal.signal(signal.SIGTERM, _exit)
            server = make_server(make_wsgi_app(app, deps), "0.0.0.0", settings.port)
            logger.info("listening on port %s: POST /slack/events, GET /healthz", settings.port)
            server.run()  # returns on SIGTERM or Ctrl-C, once in-flight requests are done
    finally:
        scheduler.shutdown(wait=True)
        logger.info("stopped")


def _exit(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def main() -> int:
    load_dotenv(find_dotenv(usecwd=True))  # the .env of the directory it runs in
    try:
        settings = load_settings(os.environ)
        log.configure(settings.log_level, settings.log_format)
        serve(settings)
    except ConfigError as error:  # a missing or malformed setting, or a token Slack refuses
        print(f"cop-bot: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
