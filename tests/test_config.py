"""Settings from the environment: one clear error naming the variable."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}


def test_defaults() -> None:
    settings = load_settings(BASE)
    assert settings.database_url == "sqlite:///cop-bot.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert (settings.port, settings.log_level, settings.socket_mode, settings.oauth) == (3000, "INFO", False, False)
    assert (settings.job_tick_seconds, settings.job_lease_seconds) == (20, 300)
    assert settings.slack_retry_backoff == 0.5  # slack_sdk's own
    assert load_settings(BASE | {"SLACK_RETRY_BACKOFF_SECONDS": "0.02"}).slack_retry_backoff == 0.02
    assert (settings.slack_rate_limits, settings.slack_rate_speed) == (False, 1.0)
    shared = load_settings(BASE | {"SLACK_RATE_LIMITS": "Shared", "SLACK_RATE_LIMITS_SPEED": "20"})
    assert (shared.slack_rate_limits, shared.slack_rate_speed) == (True, 20.0)


def test_postgresql_urls_use_psycopg_and_api_urls_end_with_a_slash() -> None:
    settings = load_settings(BASE | {"DATABASE_URL": "postgresql://u:p@db/cop", "SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert settings.database_url == "postgresql+psycopg://u:p@db/cop"
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        (BASE | {"SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN"),
        (BASE | {"SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        (BASE | {"SLACK_CLIENT_ID": "123.456"}, "SLACK_CLIENT_SECRET"),
        (BASE | {"SLACK_CLIENT_SECRET": "s"}, "SLACK_CLIENT_ID"),
        (BASE | {"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        (BASE | {"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        (BASE | {"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
        (BASE | {"PORT": "eighty"}, "PORT"),
        (BASE | {"PORT": "70000"}, "PORT"),
        (BASE | {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        (BASE | {"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
        (BASE | {"JOB_TICK_SECONDS": "0"}, "JOB_TICK_SECONDS"),
        (BASE | {"JOB_TICK_SECONDS": "1.5"}, "JOB_TICK_SECONDS"),
        (BASE | {"JOB_LEASE_SECONDS": "five minutes"}, "JOB_LEASE_SECONDS"),
        (BASE | {"JOB_LEASE_SECONDS": "100000"}, "JOB_LEASE_SECONDS"),
        (BASE | {"SLACK_RETRY_BACKOFF_SECONDS": "soon"}, "SLACK_RETRY_BACKOFF_SECONDS"),
        (BASE | {"SLACK_RETRY_BACKOFF_SECONDS": "-1"}, "SLACK_RETRY_BACKOFF_SECONDS"),
        (BASE | {"SLACK_RETRY_BACKOFF_SECONDS": "nan"}, "SLACK_RETRY_BACKOFF_SECONDS"),
        (BASE | {"SLACK_RATE_LIMITS": "on"}, "SLACK_RATE_LIMITS"),
        (BASE | {"SLACK_RATE_LIMITS_SPEED": "0"}, "SLACK_RATE_LIMITS_SPEED"),
        (BASE | {"SLACK_RATE_LIMITS_SPEED": "nan"}, "SLACK_RATE_LIMITS_SPEED"),
    ],
)
def test_a_missing_or_malformed_setting_is_named(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(env)
    assert str(raised.value).startswith(variable)
    assert "\n" not in str(raised.value)


def test_socket_mode_needs_no_signing_secret() -> None:
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert settings.socket_mode and settings.signing_secret is None


def test_oauth_needs_no_bot_token() -> None:
    settings = load_settings({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"})
    assert settings.oauth and settings.bot_token is None
