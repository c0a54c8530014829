"""Topics across Slack: the "Related: …" reply under a new proposal, linked to the earlier messages."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.services.topics import related
from bot.slack.messaging import note_in_thread, permalink
from bot.views.topics import related_message
from models.topic import Tagged


def post_related(deps: Deps, client: WebClient, team_id: str, kind: Tagged, subject_id: int, *,
                 channel: str | None, ts: str | None) -> None:
    """Reply under a new proposal with up to five earlier groups, findings and challenges on its topics."""
    with deps.sessions() as session:
        items = related(session, team_id, kind, subject_id)
    if not items:
        return
    links = {n: permalink(client, item.channel_id, item.ts) for n, item in enumerate(items) if item.channel_id}
    note_in_thread(client, channel, ts, related_message(items, links))
