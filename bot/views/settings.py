"""The Settings modal, where coordinators set up the community."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import SettingsField, ViewId
from models import Community


def build_settings_modal(community: Community) -> View:
    channel = ConversationSelectElement(
        action_id=SettingsField.CHANNEL,
        placeholder="Choose a channel",
        initial_conversation=community.community_channel_id,
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True,
                                  exclude_external_shared_channels=True),
    )
    coordinators = UserMultiSelectElement(
        action_id=SettingsField.COORDINATORS,
        placeholder="Choose people",
        initial_users=community.coordinator_ids or None,
    )
    timezone = PlainTextInputElement(
        action_id=SettingsField.TIMEZONE,
        initial_value=community.default_timezone,
        placeholder="e.g. Europe/Paris",
        max_length=64,
    )
    return View(
        type="modal",
        callback_id=ViewId.SETTINGS,
        title="Community settings",
        submit="Save",
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text="Where the community meets and who looks after it. *Save* applies these settings "
                    "to this workspace only."
                )
            ),
            InputBlock(
                block_id=SettingsField.CHANNEL,
                label="Community channel",
                element=channel,
                hint="Proposals, reports and challenge announcements are posted here. "
                "For a private channel, invite the bot first.",
            ),
            InputBlock(
                block_id=SettingsField.COORDINATORS,
                label="Coordinators (the social learning team)",
                element=coordinators,
                optional=True,
                hint="They endorse practice groups and approve charters. Workspace admins and owners "
                "are always coordinators.",
            ),
            InputBlock(
                block_id=SettingsField.TIMEZONE,
                label="Default timezone",
                element=timezone,
                hint="An IANA timezone name, used when a member's own timezone is not known.",
            ),
        ],
    )


# Who may change the settings, told to anyone else who opens or submits them.
ONLY_COORDINATORS = ("Only coordinators can change settings: the members listed in Settings, and workspace admins "
                     "and owners. Ask one of them if something here should change.")
