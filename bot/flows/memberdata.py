"""Your data: a member's export sent to their DM; a member's or a workspace's data deleted by a coordinator."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.errors import UserError
from bot.flows.community import is_coordinator
from bot.ids import DataField
from bot.services.memberdata.erase import MemberData, erase_member, member_data
from bot.services.memberdata.export import member_export, section_counts
from bot.services.memberdata.workspace import delete_workspace_data, has_data, row_counts
from bot.slack.messaging import upload_to_dm
from bot.slack.people import find_member, workspace_name
from bot.views import memberdata as views


def send_export(deps: Deps, client: WebClient, team_id: str, user_id: str) -> None:
    """All of the member's own data, as a JSON file with a short summary, in their DM with the bot."""
    with deps.sessions() as session:
        data = member_export(session, team_id, user_id, now=deps.clock())
    upload_to_dm(client, user_id, filename=views.export_file_name(team_id, user_id), title="Your CoP Bot data",
                 comment=views.export_comment(section_counts(data), data["nudge_settings"]["nudges_off"]),
                 content=views.export_json(data))


def _require_coordinator(deps: Deps, client: WebClient, team_id: str, user_id: str, what: str) -> None:
    if not is_coordinator(deps, client, team_id, user_id):
        raise UserError(views.coordinators_only_text(what))


def open_delete_member(deps: Deps, client: WebClient, team_id: str, user_id: str, ref: str, trigger_id: str) -> None:
    """A coordinator's confirmation of a member's deletion, with what it deletes; a UserError for anything wrong."""
    _require_coordinator(deps, client, team_id, user_id, "delete a member's data")
    member_id = find_member(client, ref)
    if member_id is None:
        raise UserError(views.unknown_member_text(ref))
    with deps.sessions() as session:
        data = member_data(session, team_id, member_id)
    if not data.total:
        raise UserError(views.nothing_to_delete_text(member_id))
    client.views_open(trigger_id=trigger_id, view=views.delete_member_modal(member_id, data))


def delete_member(deps: Deps, client: WebClient, team_id: str, user_id: str, member_id: str) -> MemberData:
    """Delete the member's data, confirmed by a coordinator; what was deleted (nothing, when confirmed twice)."""
    _require_coordinator(deps, client, team_id, user_id, "delete a member's data")
    with deps.sessions.begin() as session:
        return erase_member(session, team_id, member_id, now=deps.clock())


def open_delete_workspace(deps: Deps, client: WebClient, team_id: str, user_id: str, trigger_id: str) -> None:
    """A coordinator's confirmation of the workspace's deletion, where they type its name."""
    _require_coordinator(deps, client, team_id, user_id, "delete the workspace's data")
    with deps.sessions() as session:
        counts = row_counts(session, team_id)
    if not counts:
        raise UserError(views.no_workspace_data_text())
    client.views_open(trigger_id=trigger_id, view=views.delete_workspace_modal(workspace_name(client), counts))


def delete_workspace(deps: Deps, client: WebClient, team_id: str, user_id: str, typed: str) -> dict[str, int] | None:
    """Delete every row of the workspace once the coordinator typed its name (or DELETE); rows deleted by table.

    None when it was deleted already (a second click on the confirmation); a UserError on the confirm field when
    the name is wrong or they are not a coordinator. The installation stays, so the bot still answers.
    """
    with deps.sessions() as session:
        if not has_data(session, team_id):
            return None
    _require_coordinator(deps, client, team_id, user_id, "delete the workspace's data")
    name = workspace_name(client)
    if " ".join(typed.split()).casefold() not in (" ".join(name.split()).casefold(), "delete"):
        raise UserError(views.wrong_confirmation_text(name), field=DataField.CONFIRM)
    with deps.sessions.begin() as session:
        return delete_workspace_data(session, team_id)
