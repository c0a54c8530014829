"""Slash-command routing: `/practice join NAME` reaches the `join` handler with args "NAME"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.ids import Command
from bot.listeners.common import split_command
from bot.views.text import code
from bot.views.usage import SUBCOMMANDS, usage_blocks, usage_text


@dataclass(frozen=True)
class CommandRequest:
    """One sub-command invocation; the handler must call `ack` first."""

    deps: Deps
    ack: Ack
    respond: Respond
    client: WebClient
    args: str
    team_id: str
    user_id: str
    channel_id: str
    trigger_id: str
    team_domain: str = ""  # the workspace's slack.com subdomain, for links to messages


SubcommandHandler = Callable[[CommandRequest], None]


def command_listener(command: Command, deps: Deps, handlers: Mapping[str, SubcommandHandler]) -> Callable[..., None]:
    """A Bolt listener for `command` that answers help and unknown input with the usage.

    Each handler is a module-level function of a `CommandRequest`; the listener keeps them in
    `subcommands`, so a test can check every documented sub-command has one.
    """
    documented = {syntax.split()[0] for syntax, _ in SUBCOMMANDS[command]}

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        sub, args = split_command(body.get("text"))
        handler = handlers.get(sub)
        if handler is None:
            ack(text=usage_text(command), blocks=usage_blocks(command, _problem(command, sub, documented)))
            return
        handler(_request(deps, ack, respond, client, body, args))

    listener.__name__ = f"{command.lstrip('/')}_command"
    listener.subcommands = dict(handlers)  # type: ignore[attr-defined]
    return listener


def _request(
    deps: Deps, ack: Ack, respond: Respond, client: WebClient, body: dict[str, Any], args: str
) -> CommandRequest:
    return CommandRequest(
        deps=deps, ack=ack, respond=respond, client=client, args=args, team_id=body["team_id"],
        user_id=body["user_id"], channel_id=body.get("channel_id", ""), trigger_id=body.get("trigger_id", ""),
        team_domain=body.get("team_domain", ""),
    )


def _problem(command: Command, sub: str, documented: set[str]) -> str | None:
    if sub in ("", "help"):
        return None
    if sub in documented:
        return f"`{command} {sub}` is not available yet."
    return f"I don't know {code(f'{command} {sub[:40]}')}."
