"""Charters' use cases that span the database and Slack: save, submit, approve, send back, start, findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.community import dm_coordinators, is_coordinator, postable_community_channel, update_coordinator_copies
from bot.flows.home import publish_home
from bot.flows.topics import post_related
from bot.ids import CharterField as F
from bot.services.charters import drafts, lifecycle
from bot.services.charters.form import CharterInput, validate_findings
from bot.services.charters.ledger import charter_ledger
from bot.services.charters.lookup import get_charter
from bot.services.topics import offered_topics, tag, topics_of
from bot.slack.channels import cannot_post_reason
from bot.slack.clicks import clicked_from_home
from bot.slack.errors import error_code
from bot.slack.messaging import dm, dm_each, note_in_thread, post, update
from bot.views.charters import messages as views
from bot.views.charters import modals
from bot.views.topics import topic_answers
from models import Charter
from models.charter import CharterStatus, Role
from models.topic import Tagged


@dataclass(frozen=True)
class Click:
    """Who clicked a charter's button, on which charter, and where (the Bolt body)."""

    team_id: str
    user_id: str
    charter_id: int
    body: dict[str, Any]


def refresh_proposal(client: WebClient, charter: Charter) -> None:
    """Keep the proposal message in the community channel in step with the charter."""
    update(client, charter.proposal_channel_id, charter.proposal_ts, views.proposal_message(charter))


def refresh_proposal_of(deps: Deps, client: WebClient, team_id: str, charter_id: int) -> None:
    """`refresh_proposal` for the charter with this id, as it is now."""
    with deps.sessions() as session:
        charter = get_charter(session, team_id, charter_id)
    refresh_proposal(client, charter)


def charter_form(deps: Deps, team_id: str, charter: Charter | None = None, *, group: str = "") -> View:
    """The charter form (new, or the lead's edit), offering the workspace's topics."""
    with deps.sessions() as session:
        offered = offered_topics(session, team_id)
        chosen = topics_of(session, Tagged.CHARTER, charter.id) if charter else []
    return modals.charter_modal(charter, group=group, offered=offered, chosen=chosen)


def findings_form(deps: Deps, team_id: str, charter: Charter) -> View:
    """The findings form, offering the workspace's topics."""
    with deps.sessions() as session:
        return modals.findings_modal(charter, offered_topics(session, team_id))


def save(deps: Deps, client: WebClient, team_id: str, user_id: str, values: CharterInput, *,
         charter_id: int | None, view_id: str | None, accepted: Callable[[], object]) -> None:
    """Store the form as a new draft or the lead's edit (a UserError names every bad field), call `accepted`,
    then DM the lead the draft, or refresh the proposal an edit changed."""
    problem = cannot_post_reason(client, values.report_channel_id) if values.report_channel_id else None
    new = True
    with deps.sessions.begin() as session:
        if charter_id is not None:
            charter = drafts.update_charter(session, team_id, charter_id, user_id, values, now=deps.clock(),
                                            channel_problem=problem)
        else:
            charter, new = drafts.create_draft(session, team_id, user_id, values, now=deps.clock(),
                                               view_id=view_id, channel_problem=problem)
        if new:
            tag(session, team_id, Tagged.CHARTER, charter.id, values.topics, now=deps.clock())
    accepted()
    if not new:  # the same form submitted again: its draft is saved already
        return
    if charter.status == CharterStatus.DRAFT:
        dm(client, user_id, views.draft_message(charter))
    else:
        refresh_proposal(client, charter)
        dm(client, user_id, views.changes_saved_message(charter))


def submit(deps: Deps, client: WebClient, click: Click) -> tuple[Charter, str]:
    """Propose the lead's draft in the community channel (or bring a resubmitted proposal up to date) and tell
    the coordinators and the named members. A proposal Slack refuses goes back to draft, as a UserError."""
    postable_community_channel(deps, client, click.team_id)
    with deps.sessions.begin() as session:
        charter, channel = drafts.submit(session, click.team_id, click.charter_id, click.user_id, now=deps.clock())
    resubmitted = bool(charter.proposal_ts and charter.proposal_channel_id == channel)
    try:
        _post_proposal(deps, client, charter, channel, resubmitted=resubmitted)
    except SlackApiError as error:
        with deps.sessions.begin() as session:
            drafts.unsubmit(session, charter.id)
        raise UserError(views.not_submitted_text(error_code(error))) from None
    dm_coordinators(deps, client, click.team_id, views.coordinator_message(charter, resubmitted=resubmitted),
                    but=charter.proposer_id, about=charter)
    if not resubmitted:
        named = [m.user_id for m in charter.members if m.role == Role.MEMBER]
        dm_each(client, named, views.named_member_message(charter, channel))
    return charter, channel


def _post_proposal(deps: Deps, client: WebClient, charter: Charter, channel: str, *, resubmitted: bool) -> None:
    if resubmitted:
        refresh_proposal(client, charter)
        note_in_thread(client, charter.proposal_channel_id, charter.proposal_ts, views.resubmitted_message(charter))
        return
    ts = post(client, channel, views.proposal_message(charter))
    with deps.sessions.begin() as session:
        drafts.record_proposal(session, charter.id, channel, ts)
    post_related(deps, client, charter.team_id, Tagged.CHARTER, charter.id, channel=channel, ts=ts)


def after_volunteer(client: WebClient, charter: Charter, user_id: str) -> None:
    """The proposal shows the new volunteer; the lead hears of them."""
    refresh_proposal(client, charter)
    dm(client, charter.proposer_id, views.volunteered_message(charter, user_id))


def approve(deps: Deps, client: WebClient, click: Click) -> None:
    """A coordinator charters the project: the proposal, the lead and the clicked copy all learn of it."""
    coordinator = is_coordinator(deps, client, click.team_id, click.user_id)
    with deps.sessions.begin() as session:
        charter = lifecycle.approve(session, click.team_id, click.charter_id, click.user_id,
                                    is_coordinator=coordinator, now=deps.clock())
    refresh_proposal(client, charter)
    dm(client, charter.proposer_id, views.approved_message(charter))
    update_coordinator_copies(deps, client, charter, views.coordinator_message(charter))
    if clicked_from_home(click.body):
        publish_home(deps, client, click.team_id, click.user_id)


def request_changes(deps: Deps, client: WebClient, team_id: str, user_id: str, charter_id: int, reason: str | None,
                    *, accepted: Callable[[], object]) -> None:
    """A coordinator sends the charter back to its lead (a UserError names the reason field), calls `accepted`;
    then the proposal, the lead, every coordinator's DM copy and their App Home learn of it."""
    coordinator = is_coordinator(deps, client, team_id, user_id)
    with deps.sessions.begin() as session:
        charter = lifecycle.request_changes(session, team_id, charter_id, user_id, reason,
                                            is_coordinator=coordinator, now=deps.clock())
    accepted()
    refresh_proposal(client, charter)
    dm(client, charter.proposer_id, views.draft_message(charter))
    update_coordinator_copies(deps, client, charter, views.coordinator_message(charter))
    publish_home(deps, client, team_id, user_id)


def cancelled(deps: Deps, client: WebClient, charter: Charter) -> None:
    """The proposal and every coordinator's copy of it say the charter is cancelled, with no buttons left."""
    refresh_proposal(client, charter)
    update_coordinator_copies(deps, client, charter, views.coordinator_message(charter))


def start(deps: Deps, client: WebClient, click: Click) -> None:
    """The lead starts the project: the proposal and its thread say so."""
    with deps.sessions.begin() as session:
        charter = lifecycle.start(session, click.team_id, click.charter_id, click.user_id, now=deps.clock())
    refresh_proposal(client, charter)
    note_in_thread(client, charter.proposal_channel_id, charter.proposal_ts, views.started_message(charter))
    if clicked_from_home(click.body):
        publish_home(deps, client, click.team_id, click.user_id)


def post_findings(deps: Deps, client: WebClient, team_id: str, user_id: str, charter_id: int,
                  values: dict[str, Any], *, accepted: Callable[[], object]) -> None:
    """Complete the charter with the findings form's `values` (a UserError names the bad fields), call
    `accepted`, then post them; findings Slack refuses leave the charter active, and the lead is told."""
    with deps.sessions() as session:  # who may, before what to fix in the form
        lifecycle.check_can_complete(get_charter(session, team_id, charter_id), user_id)
    findings = validate_findings(values.get(F.FINDINGS), values.get(F.FINDINGS_LINK), values.get(F.NEXT_STEPS))
    with deps.sessions.begin() as session:
        charter, channel = lifecycle.complete(session, team_id, charter_id, user_id, findings, now=deps.clock())
        tag(session, team_id, Tagged.FINDINGS, charter.id, topic_answers(values), now=deps.clock())
        ledger = charter_ledger(session, charter)
    accepted()
    try:
        ts = post(client, channel, views.findings_message(charter, ledger))
    except SlackApiError as error:
        with deps.sessions.begin() as session:
            lifecycle.reopen(session, charter.id, now=deps.clock())
        dm(client, user_id, views.findings_not_posted_message(charter, channel, error_code(error)))
        return
    with deps.sessions.begin() as session:
        lifecycle.record_findings(session, charter.id, ts)
    refresh_proposal(client, charter)
