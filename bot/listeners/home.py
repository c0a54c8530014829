"""App Home and the coordinators' Settings modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.community import is_coordinator
from bot.flows.home import publish_home
from bot.ids import Action, SettingsField, ViewId
from bot.listeners.common import form_values, with_deps
from bot.services.community import SettingsInput, get_community, save_settings, validate_settings
from bot.slack.channels import cannot_post_reason
from bot.slack.clicks import answer_click
from bot.views.settings import ONLY_COORDINATORS, build_settings_modal


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(with_deps(deps, home_opened))
    app.action(Action.OPEN_SETTINGS)(with_deps(deps, open_settings))
    app.view(ViewId.SETTINGS)(with_deps(deps, save_settings_form))


def home_opened(deps: Deps, event: dict[str, Any], context: Any, client: WebClient) -> None:
    if event.get("tab", "home") == "home":
        publish_home(deps, client, context.team_id, event["user"])


def open_settings(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    ack()
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    if not is_coordinator(deps, client, team_id, user_id):
        # The button is only shown to coordinators; someone may have been removed since.
        answer_click(client, body, None, ONLY_COORDINATORS)
        publish_home(deps, client, team_id, user_id)
        return
    with deps.sessions() as session:
        community = get_community(session, team_id)
    client.views_open(trigger_id=body["trigger_id"], view=build_settings_modal(community))


def save_settings_form(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    if not is_coordinator(deps, client, team_id, user_id):
        ack(response_action="errors", errors={SettingsField.CHANNEL: ONLY_COORDINATORS})
        return
    settings = settings_input(view)
    try:
        _check_channel(client, settings)
        with deps.sessions.begin() as session:
            save_settings(session, team_id, settings, by=user_id, now=deps.clock())
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(SettingsField.CHANNEL))
        return
    ack()
    publish_home(deps, client, team_id, user_id)


def settings_input(view: dict[str, Any]) -> SettingsInput:
    values = form_values(view)
    return SettingsInput(
        community_channel_id=values.get(SettingsField.CHANNEL),
        coordinator_ids=values.get(SettingsField.COORDINATORS) or [],
        default_timezone=values.get(SettingsField.TIMEZONE) or "",
    )


def _check_channel(client: WebClient, settings: SettingsInput) -> None:
    """Look first and check the whole form; join the channel only once it is all valid."""
    channel = settings.community_channel_id
    validate_settings(settings, channel_problem=channel and cannot_post_reason(client, channel, join=False))
    problem = channel and cannot_post_reason(client, channel)
    if problem:
        raise UserError(problem, field=SettingsField.CHANNEL)
