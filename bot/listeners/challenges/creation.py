"""The new-challenge modal's submission, and the Join button under a challenge's posts."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows import challenges as flows
from bot.ids import ChallengeField
from bot.listeners.common import form_values
from bot.services.challenges.creation import ChallengeInput
from bot.slack.clicks import answer_click
from bot.views.challenges.journal import build_joined
from bot.views.topics import topic_answers


def submit_new(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
    try:
        flows.create_challenge(deps, client, body["team"]["id"], body["user"]["id"], challenge_input(view),
                               topic_answers(form_values(view)))
    except UserError as error:
        ack(response_action="errors", errors=error.field_errors(ChallengeField.TITLE))
        return
    ack()


def challenge_input(view: dict[str, Any]) -> ChallengeInput:
    values = form_values(view)
    return ChallengeInput(
        title=values.get(ChallengeField.TITLE) or "", description=values.get(ChallengeField.DESCRIPTION) or "",
        channel_id=values.get(ChallengeField.CHANNEL), start_date=values.get(ChallengeField.START_DATE),
        days=values.get(ChallengeField.DAYS), post_time=values.get(ChallengeField.POST_TIME),
        timezone=values.get(ChallengeField.TIMEZONE) or "",
        skip_weekends=bool(values.get(ChallengeField.SKIP_WEEKENDS)), template=values.get(ChallengeField.TEMPLATE),
        activities=values.get(ChallengeField.ACTIVITIES) or "", partners=bool(values.get(ChallengeField.PARTNERS)),
        nudge_delay_hours=values.get(ChallengeField.NUDGE_DELAY), meetup_date=values.get(ChallengeField.MEETUP_DATE),
    )


def join_clicked(deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
    ack()
    try:
        challenge = flows.join_button(deps, body["team"]["id"], body["user"]["id"], int(body["actions"][0]["value"]))
    except UserError as error:
        answer_click(client, body, respond, error.message)
        return
    answer_click(client, body, respond, build_joined(challenge).text)
