"""Your data: the export's summary, the confirmations of a member's and a workspace's deletion, what was done."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.ids import DataAction, DataField, DataView
from bot.services.memberdata.erase import MemberData
from bot.services.memberdata.export import SECTIONS
from bot.views.notice import notice_modal
from bot.views.text import clip, inline
from bot.words import plural

KEPT = ("Kept, because they belong to the community or to others: reports, feedback and endorsements they gave, "
        "charters they lead, and the practice groups they proposed (without them as a member).")

# -- export ----------------------------------------------------------------------------------------


def export_started_text() -> str:
    return "I'm sending you all the data CoP Bot keeps about you in this workspace, as a file in a DM."


def export_file_name(team_id: str, user_id: str) -> str:
    return f"cop-bot-data-{team_id}-{user_id}.json"


def export_comment(counts: dict[str, int], nudges_off: bool) -> str:
    """The short, readable summary sent with the JSON file."""
    lines = [f"• {SECTIONS[key]}: {n}" for key, n in counts.items()]
    nudges = "off" if nudges_off else "on"
    return ("*Your CoP Bot data* — everything I keep about you in this workspace, in the attached JSON file:\n"
            + "\n".join(lines) + f"\n• nudges to journal: {nudges}\n"
            "A coordinator can delete your journals, memberships and partnerships at your request.")


def export_json(data: dict[str, object]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def export_sent_text() -> str:
    return "Your data is in your DM with me, as a JSON file with a short summary."


def home_blocks() -> list[Block]:
    """The App Home's *Export my data* button."""
    return [
        DividerBlock(),
        ActionsBlock(elements=[ButtonElement(text="Export my data", action_id=DataAction.EXPORT)]),
        ContextBlock(elements=[MarkdownTextObject(
            text="*Export my data* sends you everything CoP Bot keeps about you, as a file in a DM.")]),
    ]


# -- a member's data -------------------------------------------------------------------------------


def _what(data: MemberData) -> str:
    return "\n".join([
        f"• {plural(data.journal_entries, 'journal entry', 'journal entries')} (private ones too)",
        f"• {plural(data.group_memberships, 'practice group membership')}",
        f"• {plural(data.charter_seats, 'charter seat')} (named member or volunteer)",
        f"• {plural(data.challenge_participations, 'challenge participation')}",
        f"• {plural(data.partnerships, 'accountability partnership')} (their partners are paired again)",
        f"• {plural(data.nudges, 'nudge row')} (nudges, nudge settings and time away)",
    ])


def delete_member_modal(member_id: str, data: MemberData) -> View:
    """The confirmation of `/practice data delete @MEMBER`: exactly what will be deleted, with counts."""
    text = (f"This deletes the data CoP Bot keeps about <@{member_id}> in this workspace:\n{_what(data)}\n\n"
            f"{KEPT}\n\n*Delete* cannot be undone.")
    return View(type="modal", callback_id=DataView.DELETE_MEMBER, private_metadata=member_id,
                title="Delete a member's data", submit="Delete", close="Cancel",
                blocks=[SectionBlock(text=MarkdownTextObject(text=clip(text)))])


def member_deleted_modal(member_id: str, deleted: MemberData) -> View:
    if not deleted.total:
        return notice_modal(f"<@{member_id}>'s data was already deleted: nothing is left to delete.", "Member's data")
    return notice_modal(f"Deleted the data of <@{member_id}>:\n{_what(deleted)}\n\n{KEPT}", "Member's data")


def nothing_to_delete_text(member_id: str) -> str:
    return f"CoP Bot keeps no journals, memberships, partnerships or nudges of <@{member_id}>: nothing to delete."


def unknown_member_text(ref: str) -> str:
    shown = inline(ref)[:80]
    return (f"I can't find a member called “{shown}”. Mention them: `/practice data delete @name`."
            if shown else "Whose data? Mention them: `/practice data delete @name`.")


def coordinators_only_text(what: str) -> str:
    return f"Only coordinators can {what}. A member can export their own data: `/practice data export`."


# -- a workspace's data ----------------------------------------------------------------------------


def delete_workspace_modal(workspace: str, counts: dict[str, int]) -> View:
    """The confirmation of `/practice data delete-workspace`: what goes, and the name to type."""
    listed = ", ".join(f"{table.replace('_', ' ')} {n}" for table, n in counts.items())
    text = (f"This deletes *all* of CoP Bot's data in *{inline(workspace)}*: practice groups, charters, reports and "
            "feedback, challenges and every journal, partners, nudges, scheduled posts and reminders, and Settings "
            f"(the community channel and coordinators). Rows: {listed}.\n\nThe installation stays, so the bot "
            "still answers here and can start afresh. This cannot be undone.")
    return View(type="modal", callback_id=DataView.DELETE_WORKSPACE, title="Delete workspace data",
                submit="Delete everything", close="Cancel", blocks=[
                    SectionBlock(text=MarkdownTextObject(text=clip(text))),
                    InputBlock(block_id=DataField.CONFIRM, label="Type the workspace's name, or DELETE",
                               element=PlainTextInputElement(action_id=DataField.CONFIRM, max_length=100,
                                                             placeholder=clip(workspace, 100))),
                ])


def wrong_confirmation_text(workspace: str) -> str:
    return f"Type the workspace's name, {inline(workspace)}, or DELETE, to delete all of its data."


def workspace_deleted_modal(deleted: dict[str, int] | None) -> View:
    if deleted is None:
        return notice_modal("This workspace's data was already deleted: nothing is left to delete.", "Workspace data")
    rows = sum(deleted.values())
    return notice_modal(f"Deleted all of this workspace's data ({plural(rows, 'row')}). The bot is still installed: "
                        "a coordinator can choose the community channel again in my Home tab, under *Settings*.",
                        "Workspace data")


def no_workspace_data_text() -> str:
    return "CoP Bot keeps no data for this workspace: there is nothing to delete."


def refused_modal(text: str) -> View:
    return notice_modal(text, "Not deleted")
