"""Practice group messages and modals: the proposal form, the proposal message, the list, App Home."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import GroupAction, GroupField, GroupView
from bot.services.groups import MAX_NAME, MAX_TEXT
from bot.services.reports.subjects import describe
from bot.views.message import Message
from bot.views.reports import context, day, report_button
from bot.views.text import clip, inline, plain
from bot.views.topics import topic_inputs
from bot.words import plural
from models.group import REASONS, GroupStatus, PracticeGroup, Reason
from models.report import Cadence
from models.topic import Topic

MAX_LISTED = 20  # groups shown by /practice list (a message holds 50 blocks)
MAX_MENTIONED = 10
MAX_ON_HOME = 10  # of each App Home section: the home is shared with charters and challenges


# -- the proposal form ---------------------------------------------------------------------------


def build_propose_modal(proposer_id: str, offered: list[Topic] | None = None) -> View:
    reasons = [Option(value=r.value, label=REASONS[r].label, description=REASONS[r].purpose) for r in Reason]
    cadences = [Option(value=c.value, label=c.label) for c in Cadence]
    typical = "\n".join(f"• {info.label}: {info.activities}" for info in REASONS.values())
    return View(
        type="modal",
        callback_id=GroupView.PROPOSE,
        title="Propose a group",
        submit="Propose",
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text="A practice group focuses on a learning challenge for a while, then brings its results back "
                    "to the community. *Propose* posts it in the community channel, where members can *Join* and "
                    "*Endorse* it; a coordinator's endorsement makes it active. You will be its lead."
                )
            ),
            InputBlock(block_id=GroupField.NAME, label="Name",
                       element=PlainTextInputElement(action_id=GroupField.NAME, max_length=MAX_NAME,
                                                     placeholder="e.g. Data Viz")),
            InputBlock(block_id=GroupField.REASON, label="Reason for the group",
                       element=StaticSelectElement(action_id=GroupField.REASON, options=reasons,
                                                   placeholder="Why form this group?")),
            InputBlock(block_id=GroupField.FOCUS, label="Focus / learning challenge",
                       element=PlainTextInputElement(action_id=GroupField.FOCUS, multiline=True, max_length=MAX_TEXT),
                       hint="The sub-theme or challenge the group will work on, on behalf of the community."),
            InputBlock(block_id=GroupField.ACTIVITIES, label="Planned activities", optional=True,
                       element=PlainTextInputElement(action_id=GroupField.ACTIVITIES, multiline=True,
                                                     max_length=MAX_TEXT),
                       hint="Leave empty for the typical activities of the reason you chose:\n" + typical),
            InputBlock(block_id=GroupField.CADENCE, label="Report back to the community",
                       element=StaticSelectElement(action_id=GroupField.CADENCE, options=cadences,
                                                   initial_option=cadences[1])),
            InputBlock(block_id=GroupField.MEMBERS, label="Initial members", optional=True,
                       element=UserMultiSelectElement(action_id=GroupField.MEMBERS, initial_users=[proposer_id],
                                                      placeholder="Who starts with you?")),
            InputBlock(block_id=GroupField.CHANNEL, label="Place to work", optional=True,
                       element=ConversationSelectElement(
                           action_id=GroupField.CHANNEL, placeholder="An existing channel, or none",
                           filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True)),
                       hint="Report-back prompts are posted there; without one, members get a DM. "
                       "For a private channel, invite the bot first."),
            *topic_inputs(offered or []),
        ],
    )


# -- the proposal message ------------------------------------------------------------------------


def mentions(user_ids: list[str]) -> str:
    shown = " ".join(f"<@{u}>" for u in user_ids[:MAX_MENTIONED])
    more = len(user_ids) - MAX_MENTIONED
    return (shown + (f" and {more} more" if more > 0 else "")) or "nobody yet"


def endorsements_text(group: PracticeGroup) -> str:
    coordinators = [e.user_id for e in group.endorsements if e.as_coordinator]
    members = len(group.endorsements) - len(coordinators)
    first = (f"Endorsed for the community by {mentions(coordinators)}" if coordinators
             else "Waiting for a coordinator's endorsement")
    return f"{first} · {plural(members, 'member endorsement')}"


def proposal_message(group: PracticeGroup, *, for_coordinator: bool = False) -> Message:
    """The proposal as the community sees it; a coordinator's DM copy has *Endorse* for the community while it is
    a proposal, and afterwards only says what became of it."""
    reason = REASONS[Reason(group.reason)]
    status = GroupStatus(group.status)
    title = TITLES[status]
    blocks: list[Block] = []
    if for_coordinator:
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text=f"<@{group.proposer_id}> proposed a new practice group. As a coordinator, your *Endorse* makes it "
            "active for the community and starts its report-back schedule.")))
    blocks += [
        HeaderBlock(text=clip(f"{title}: {group.name}", 150)),
        SectionBlock(fields=[
            MarkdownTextObject(text=f"*Reason*\n{reason.label} — {reason.purpose.lower()}"),
            MarkdownTextObject(text=f"*Status*\n{status.value}"),
            MarkdownTextObject(text=f"*Leads*\n{mentions(group.lead_ids)}"),
            MarkdownTextObject(text=f"*Members ({len(group.members)})*\n{mentions(group.member_ids)}"),
            MarkdownTextObject(text=f"*Reports back*\n{Cadence(group.report_cadence).label.lower()}"
                               + (f", next on {day(group.next_report_due)}" if group.next_report_due else "")),
            MarkdownTextObject(text="*Place to work*\n" + (f"<#{group.channel_id}>" if group.channel_id else "none")),
        ]),
        SectionBlock(text=MarkdownTextObject(text="*Focus / learning challenge*\n" + clip(plain(group.focus)))),
        SectionBlock(text=MarkdownTextObject(text="*Planned activities*\n" + clip(plain(group.activities)))),
        context(endorsements_text(group)),
    ]
    if status is GroupStatus.ARCHIVED:
        blocks.append(context("This group is archived: it closed with a closing report to the community."))
    elif status is GroupStatus.WITHDRAWN:
        blocks.append(context(withdrawn_line(group)))
    elif for_coordinator and status is not GroupStatus.PROPOSED:
        blocks.append(context(":white_check_mark: The group is active: nothing more is needed from you."))
    else:
        endorse = GroupAction.ENDORSE_AS_COORDINATOR if for_coordinator else GroupAction.ENDORSE
        blocks += [
            ActionsBlock(elements=[
                ButtonElement(text="Join", action_id=GroupAction.JOIN, value=str(group.id), style="primary"),
                ButtonElement(text="Endorse", action_id=endorse, value=str(group.id)),
            ]),
            context("*Join* adds you to the group. *Endorse* shows your support"
                    + ("; a coordinator's endorsement makes the group active and starts its report-back schedule."
                       if status is GroupStatus.PROPOSED else ".")),
        ]
    return Message(text=f"{title}: {inline(group.name)} ({status.value})", blocks=blocks)


TITLES = {GroupStatus.PROPOSED: "Practice group proposal", GroupStatus.ACTIVE: "Practice group",
          GroupStatus.ARCHIVED: "Practice group (archived)",
          GroupStatus.WITHDRAWN: "Practice group proposal (withdrawn)"}


def withdrawn_line(group: PracticeGroup) -> str:
    """Who withdrew a proposal: its proposer, or a coordinator."""
    if group.withdrawn_by == group.proposer_id:
        return (f":no_entry_sign: Withdrawn by its proposer, <@{group.proposer_id}>. "
                "It can no longer be joined or endorsed.")
    return (f":no_entry_sign: Withdrawn by <@{group.withdrawn_by}>, a coordinator, before it was endorsed. "
            "It can no longer be joined or endorsed.")


def withdrawn_text(group: PracticeGroup) -> str:
    """The answer to `/practice close NAME` on a proposal."""
    return (f"*{inline(group.name)}* is withdrawn: its proposal in the community channel and the coordinators' "
            "copies say so, and nobody can join or endorse it any more.")


# -- /practice list ------------------------------------------------------------------------------


def group_line(group: PracticeGroup) -> str:
    due = f" · next report due {day(group.next_report_due)}" if group.next_report_due else ""
    return f"*{inline(group.name)}* — {group.status} · {plural(len(group.members), 'member')}{due}"


def group_list(groups: list[PracticeGroup], user_id: str) -> Message:
    if not groups:
        text = "There are no practice groups yet. `/practice propose` starts one."
        return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])
    open_groups = [g for g in groups if g.status in (GroupStatus.ACTIVE, GroupStatus.PROPOSED)]
    archived = [g for g in groups if g.status == GroupStatus.ARCHIVED]
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*Practice groups ({len(open_groups)})*"))]
    for group in open_groups[:MAX_LISTED]:
        line = clip(f"{group_line(group)}\n{plain(group.focus)}", 600)
        joinable = user_id not in group.member_ids
        blocks.append(SectionBlock(
            text=MarkdownTextObject(text=line + ("" if joinable else "\n_You are a member._")),
            accessory=ButtonElement(text="Join", action_id=GroupAction.JOIN, value=str(group.id)) if joinable else None,
        ))
    if len(open_groups) > MAX_LISTED:
        blocks.append(context(f"…and {len(open_groups) - MAX_LISTED} more: `/practice join NAME` joins any of them."))
    if archived:
        names = ", ".join(inline(g.name) for g in archived)
        blocks.append(context(clip(f"*Archived:* {names}", 2900)))
    can_join = any(user_id not in g.member_ids for g in open_groups[:MAX_LISTED])
    blocks.append(context(("*Join* adds you to that group. " if can_join else "") + "Only you can see this message."))
    return Message(text=f"Practice groups: {len(open_groups)} open, {len(archived)} archived", blocks=blocks)


# -- App Home ------------------------------------------------------------------------------------


def home_blocks(mine: list[PracticeGroup], awaiting: list[PracticeGroup], *, is_coordinator: bool) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), HeaderBlock(text="Your practice groups")]
    if not mine:
        blocks.append(SectionBlock(text=MarkdownTextObject(
            text="You are not in a practice group yet. `/practice list` shows them; `/practice propose` starts one.")))
    for group in mine[:MAX_ON_HOME]:
        if group.status == GroupStatus.ACTIVE:
            text = clip(f"*{inline(group.name)}* — next report due {day(group.next_report_due)}")
            blocks.append(SectionBlock(text=MarkdownTextObject(text=text), accessory=report_button(describe(group))))
        else:
            text = clip(f"*{inline(group.name)}* — proposed, waiting for a coordinator's endorsement")
            blocks.append(SectionBlock(text=MarkdownTextObject(text=text)))
    if mine:
        more = f" You are in {len(mine) - MAX_ON_HOME} more: `/practice list`." if len(mine) > MAX_ON_HOME else ""
        blocks.append(context("*Report* opens the form to report your group's progress to the community." + more))
    if is_coordinator and awaiting:
        blocks += [DividerBlock(), HeaderBlock(text="Proposals awaiting endorsement")]
        for group in awaiting[:MAX_ON_HOME]:
            label = REASONS[Reason(group.reason)].label
            text = clip(f"*{inline(group.name)}* ({label}) by <@{group.proposer_id}>\n{plain(group.focus)}", 600)
            blocks.append(SectionBlock(
                text=MarkdownTextObject(text=text),
                accessory=ButtonElement(text="Endorse", action_id=GroupAction.ENDORSE_AS_COORDINATOR,
                                        value=str(group.id), style="primary"),
            ))
        more = f" {len(awaiting) - MAX_ON_HOME} more wait: `/practice list`." if len(awaiting) > MAX_ON_HOME else ""
        blocks.append(context("*Endorse* makes the group active for the community and starts its report-back "
                              "schedule." + more))
    return blocks


# -- answers to a member ---------------------------------------------------------------------------


def joined_text(group: PracticeGroup, *, with_leads: bool = False) -> str:
    """The answer to Join or `/practice join`; the command names the leads too."""
    leads = " Its leads: " + ", ".join(f"<@{u}>" for u in group.lead_ids) + "." if with_leads else ""
    return f"You joined *{inline(group.name)}*.{leads}"


def left_text(group: PracticeGroup, new_lead: str | None) -> str:
    """The answer to `/practice leave`, naming who leads the group now if that changed."""
    return f"You left *{inline(group.name)}*." + (f" <@{new_lead}> now leads it." if new_lead else "")


def endorsed_text(group: PracticeGroup, *, activated: bool) -> str:
    """The answer to Endorse; a coordinator's endorsement that made the group active says when it reports."""
    if activated:
        return (f"You endorsed *{inline(group.name)}* for the community: it is now active, and its first report is "
                f"due on {group.next_report_due:%a %d %b}.")
    return f"Thanks: you endorsed *{inline(group.name)}*."
