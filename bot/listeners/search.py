"""Searching what the community learned from App Home: the search box, and the results modal's Search."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.search import find
from bot.ids import SearchAction, SearchField, SearchView
from bot.listeners.common import form_values, with_deps
from bot.views.search import search_modal


def register(app: App, deps: Deps) -> None:
    app.action(SearchAction.QUERY)(with_deps(deps, search_entered))
    app.view(SearchView.RESULTS)(with_deps(deps, search_submitted))


def search_entered(deps: Deps, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
    """Enter in App Home's search box: the results in a modal (or why there are none)."""
    ack()
    team, words = body["team"], action.get("value") or ""
    try:
        view = search_modal(find(deps, team["id"], body["user"]["id"], words), team.get("domain", ""))
    except UserError as error:
        view = search_modal(None, team.get("domain", ""), words=words, problem=error.message)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def search_submitted(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Search again from the results modal: the new results replace the old, bad words get an inline error."""
    try:
        results = find(deps, body["team"]["id"], body["user"]["id"], form_values(view).get(SearchField.QUERY))
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(SearchField.QUERY))
        return
    ack(response_action="update", view=search_modal(results, body["team"].get("domain", "")))
