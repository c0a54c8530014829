"""*Add to calendar* on App Home: the date as an .ics file in a DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.calendar import send_to_member
from bot.ids import CalendarAction
from bot.listeners.common import with_deps
from bot.slack.clicks import answer_click


def register(app: App, deps: Deps) -> None:
    app.action(CalendarAction.ADD)(with_deps(deps, add_clicked))


def add_clicked(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                respond: Respond) -> None:
    ack()
    try:
        answer = send_to_member(deps, client, body["team"]["id"], body["user"]["id"], str(action.get("value") or ""))
    except UserError as error:
        answer = error.message
    answer_click(client, body, respond, answer)
