"""App Home: what the member has going on, published to their Home tab."""

from __future__ import annotations

from dataclasses import replace

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows.community import is_coordinator
from bot.flows.health import with_chart
from bot.services.home import home_data
from bot.views.home import build_home


def publish_home(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    """Render and publish `user_id`'s App Home."""
    coordinator = is_coordinator(deps, client, team_id, user_id)
    with deps.sessions() as session:
        data = home_data(session, team_id, user_id, is_coordinator=coordinator, now=deps.clock())
    data = replace(data, health=with_chart(deps, client, team_id, data.health))
    client.views_publish(user_id=user_id, view=build_home(data))
