"""The usage text of each slash command."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.ids import Command

# (syntax, what it does), in the order a member meets them.
SUBCOMMANDS: dict[Command, list[tuple[str, str]]] = {
    Command.PRACTICE: [
        ("propose", "propose a practice group (opens a form)"),
        ("list", "practice groups with their status, members and next report due"),
        ("join NAME", "join a practice group"),
        ("leave NAME", "leave a practice group"),
        ("report NAME", "report your group's progress back to the community (opens a form)"),
        ("close NAME", "close a group with a closing report (leads and coordinators), or withdraw your proposal"),
        ("data export", "all the data CoP Bot keeps about you, as a file in a DM"),
        ("data delete @MEMBER", "delete a member's data at their request (coordinators; asks you to confirm)"),
        ("data delete-workspace", "delete all of this workspace's data (coordinators; asks you to confirm)"),
        ("search WORDS", "search what the community learned: reports, feedback, findings and journal entries"),
    ],
    Command.CHARTER: [
        ("new [GROUP]", "draft a charter for a practice development project (opens a form)"),
        ("list", "charters with their status and team"),
        ("show ID", "one charter in full"),
        ("edit ID", "edit your charter before it is approved (opens a form)"),
        ("volunteer ID", "join the team of a charter that has open seats"),
        ("report ID", "report the project's progress to the community (opens a form)"),
        ("complete ID", "bring the findings back to the community and close the charter"),
        ("cancel ID", "cancel a charter (its lead or a coordinator)"),
    ],
    Command.CHALLENGE: [
        ("new", "set up a 30-day challenge (opens a form)"),
        ("join [NAME]", "join a challenge (joining late is fine)"),
        ("leave [NAME]", "leave a challenge"),
        ("status [NAME]", "today's activity, your entries, your streak and your partners"),
        ("journal [NAME]", "write today's journal entry, public or private (opens a form)"),
        ("templates [import | export NAME]", "list activity sets, import your community's own, export one as YAML"),
        ("export NAME [csv|md]", "get the journal entries as a file in a DM"),
        ("nudges off|on", "stop or restart reminders to journal"),
        ("away UNTIL", "time away until a date (YYYY-MM-DD): no nudges, your streak is kept"),
        ("back", "end your time away early"),
    ],
}


def usage_text(command: Command) -> str:
    lines = [f"`{command} {syntax}` — {purpose}" for syntax, purpose in SUBCOMMANDS[command]]
    return f"*How to use `{command}`*\n" + "\n".join(lines) + f"\n`{command} help` — this message"


def usage_blocks(command: Command, problem: str | None = None) -> list[Block]:
    """The usage of `command`, after a one-line `problem` when the input was not understood."""
    blocks: list[Block] = []
    if problem:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":warning: {problem}")))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=usage_text(command))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text="Only you can see this message.")]))
    return blocks
