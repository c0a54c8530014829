"""Hostile and odd command input (property-based): never a 5xx, never a failure, always an answer."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.ids import Command
from bot.slack_app import SORRY
from bot.views.usage import SUBCOMMANDS
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

ODD = st.sampled_from([
    "<!channel>", "<!here>", "<!everyone>", "<@U1>", "<#CCOMMUNITY>", "*bold*", "_it_", "~s~", "`code`", "```",
    "&amp;", "&<>", "\u0000", "\u202e", "\t", "\n", "'; DROP TABLE challenges; --", "%s%n", "{}", "💥", "x" * 10_000,
])
ANSWERS = ("response_url", "views.open", "chat.postEphemeral")
ARGS = st.lists(st.one_of(ODD, st.text(max_size=40)), max_size=4).map(" ".join)


def answered(app: RunningApp, response: Any) -> bool:
    """An answer in the ack, or soon after it: an ephemeral reply through the response_url, or a modal."""
    if response.body:
        return True
    return bool(eventually(lambda: any(app.fake.calls_to(m) for m in ANSWERS), timeout=3))


def check_answers(app: RunningApp, command: Command, sub: str, args: str) -> None:
    app.fake.reset_calls()
    response = app.slack.command(command, f"{sub} {args}".strip(), user="U1")
    assert response.status == 200, response.body
    assert answered(app, response), f"no answer to {command} {sub} {args[:60]!r}"
    said = [str(c.params) for c in app.fake.calls_to("response_url")]
    assert not any(SORRY in s for s in said), f"{command} {sub} {args[:60]!r} failed"


def commands(command: Command) -> st.SearchStrategy[str]:
    return st.sampled_from([syntax.split()[0] for syntax, _ in SUBCOMMANDS[command]] + ["", "help", "nope"])


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(sub=commands(Command.PRACTICE), args=ARGS)
def test_practice_answers_anything(app: RunningApp, sub: str, args: str) -> None:
    check_answers(app, Command.PRACTICE, sub, args)


@SETTINGS
@given(sub=commands(Command.CHARTER), args=ARGS)
def test_charter_answers_anything(app: RunningApp, sub: str, args: str) -> None:
    check_answers(app, Command.CHARTER, sub, args)


@SETTINGS
@given(sub=commands(Command.CHALLENGE), args=ARGS)
def test_challenge_answers_anything(app: RunningApp, sub: str, args: str) -> None:
    check_answers(app, Command.CHALLENGE, sub, args)
