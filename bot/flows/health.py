"""The coordinators' view of community health on App Home: its chart uploaded to Slack at most once a day."""

from __future__ import annotations

import dataclasses
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.services.health import Health
from bot.services.health_chart import health_chart_png, record_chart, todays_chart
from bot.slack.errors import error_code
from bot.slack.messaging import upload_private
from bot.views.health import CHART_FILENAME, chart_alt_text, chart_title

logger = logging.getLogger(__name__)


def with_chart(deps: Deps, client: WebClient, team_id: str, health: Health | None) -> Health | None:
    """`health` with today's participation chart: the one drawn today, or a new one uploaded now.

    Without it (Slack refused the upload) the section shows its numbers alone; the next Home tries again.
    """
    if health is None:
        return None
    with deps.sessions() as session:
        file_id = todays_chart(session, team_id, now=deps.clock())
    if file_id is None:
        try:
            file_id = upload_private(client, file=health_chart_png(health), filename=CHART_FILENAME,
                                     title=chart_title(health), alt_text=chart_alt_text(health))
        except SlackApiError as error:
            logger.warning("could not upload the community health chart: %s", error_code(error))
            return health
        with deps.sessions.begin() as session:
            record_chart(session, team_id, file_id, now=deps.clock())
            file_id = todays_chart(session, team_id, now=deps.clock()) or file_id
    return dataclasses.replace(health, chart_file_id=file_id)
