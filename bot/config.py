"""Typed settings read from the environment, with one clear error per bad value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "sqlite:///cop-bot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
DEFAULT_JOB_TICK_SECONDS = 20
DEFAULT_JOB_LEASE_SECONDS = 300


class ConfigError(Exception):
    """A missing or malformed setting; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    signing_secret: str | None
    bot_token: str | None
    app_token: str | None
    client_id: str | None
    client_secret: str | None
    database_url: str
    slack_api_url: str
    port: int
    log_level: str
    log_format: str = "text"
    # How often the scheduler looks for due work, and how long a claimed row stays a replica's own
    # before another may take it over (the rescue of a replica that died mid-send).
    job_tick_seconds: int = DEFAULT_JOB_TICK_SECONDS
    job_lease_seconds: int = DEFAULT_JOB_LEASE_SECONDS
    # The base wait (seconds) before retrying a Slack call after a lost connection or a 5xx; it doubles
    # each retry, plus random jitter of up to twice it. slack_sdk's own default is 0.5. A 429 waits
    # for its Retry-After whatever this says.
    slack_retry_backoff: float = 0.5
    # SLACK_RATE_LIMITS=shared: scheduled jobs' Slack calls wait for their slot under Slack's documented
    # limits, kept in the database for every replica (bot/slack/limits.py); "off" (the default) sends
    # at once and only honours Retry-After. SLACK_RATE_LIMITS_SPEED is for a fake Slack whose limits run
    # that many times faster than Slack's (the benchmarks); 1 against Slack itself.
    slack_rate_limits: bool = False
    slack_rate_speed: float = 1.0

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def oauth(self) -> bool:
        """True when the app installs into many workspaces through OAuth."""
        return self.client_id is not None


def load_settings(env: Mapping[str, str]) -> Settings:
    """Read and validate settings from `env` (usually os.environ after loading .env)."""

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    def token(name: str, prefix: str) -> str | None:
        value = get(name)
        if value is not None and not value.startswith(prefix):
            raise ConfigError(f"{name} must start with '{prefix}' (got '{value[:5]}…')")
        return value

    app_token = token("SLACK_APP_TOKEN", "xapp-")
    bot_token = token("SLACK_BOT_TOKEN", "xoxb-")
    client_id, client_secret = get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET")
    if (client_id is None) != (client_secret is None):
        missing = "SLACK_CLIENT_SECRET" if client_secret is None else "SLACK_CLIENT_ID"
        raise ConfigError(f"{missing} is missing: OAuth install needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    if bot_token is None and client_id is None:
        raise ConfigError("SLACK_BOT_TOKEN is missing: set it to the app's Bot User OAuth Token (xoxb-…)")
    signing_secret = get("SLACK_SIGNING_SECRET")
    if signing_secret is None and (app_token is None or client_id is not None):
        raise ConfigError("SLACK_SIGNING_SECRET is missing: copy it from the app's Basic Information page")

    return Settings(
        signing_secret=signing_secret,
        bot_token=bot_token,
        app_token=app_token,
        client_id=client_id,
        client_secret=client_secret,
        database_url=_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        slack_api_url=_api_url(get("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
        port=_port(get("PORT") or "3000"),
        log_level=_log_level(get("LOG_LEVEL") or "INFO"),
        log_format=_log_format(get("LOG_FORMAT") or "text"),
        job_tick_seconds=_whole_seconds("JOB_TICK_SECONDS", get("JOB_TICK_SECONDS"), DEFAULT_JOB_TICK_SECONDS, 3600),
        job_lease_seconds=_whole_seconds(
            "JOB_LEASE_SECONDS", get("JOB_LEASE_SECONDS"), DEFAULT_JOB_LEASE_SECONDS, 86400),
        slack_retry_backoff=_backoff_seconds(
            "SLACK_RETRY_BACKOFF_SECONDS", get("SLACK_RETRY_BACKOFF_SECONDS") or "0.5"),
        slack_rate_limits=_rate_limits(get("SLACK_RATE_LIMITS") or "off"),
        slack_rate_speed=_speed(get("SLACK_RATE_LIMITS_SPEED") or "1"),
    )


def _database_url(value: str) -> str:
    try:
        url = make_url(value)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a database URL: '{value}'") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(f"DATABASE_URL must be a sqlite:// or postgresql:// URL (got '{url.drivername}')")
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        # psycopg 3 is the driver the postgres extra installs.
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _api_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_SLACK_API_URL} (got '{value}')")
    return value if value.endswith("/") else value + "/"


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT must be a number from 1 to 65535 (got '{value}')")
    return int(value)


def _backoff_seconds(name: str, value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 60:
        raise ConfigError(f"{name} must be a number of seconds from 0 to 60 (got '{value}')")
    return seconds


def _rate_limits(value: str) -> bool:
    if value.lower() not in ("shared", "off"):
        raise ConfigError(f"SLACK_RATE_LIMITS must be 'shared' or 'off' (got '{value}')")
    return value.lower() == "shared"


def _speed(value: str) -> float:
    try:
        speed = float(value)
    except ValueError:
        speed = 0.0
    if not 0 < speed <= 1000:
        raise ConfigError(f"SLACK_RATE_LIMITS_SPEED must be a number above 0, up to 1000 (got '{value}')")
    return speed


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (got '{value}')")
    return level


def _log_format(value: str) -> str:
    if value.lower() not in LOG_FORMATS:
        raise ConfigError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)} (got '{value}')")
    return value.lower()


def _whole_seconds(name: str, value: str | None, default: int, most: int) -> int:
    if value is None:
        return default
    if not value.isdigit() or not 0 < int(value) <= most:
        raise ConfigError(f"{name} must be a whole number of seconds from 1 to {most} (got '{value}')")
    return int(value)
