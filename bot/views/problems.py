"""What the person who can mend a lasting Slack problem is told, once: what failed and what to do."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.views.message import Message
from bot.views.text import clip, code, inline

INVITE = "`/invite @CoP Bot`"
REINSTALL = ("reinstall CoP Bot from its page at https://api.slack.com/apps (*Install App* → *Reinstall to "
             "Workspace*), which asks Slack for every permission in its manifest")


def channel_reason(error: str) -> str:
    """Why the bot cannot post in a channel, in a member's words."""
    if error == "not_in_channel":
        return "I'm not a member of it"
    if error == "channel_not_found":
        return "Slack can't find it: it was deleted, or it is private and I was removed from it"
    if error == "is_archived":
        return "it was archived"
    return "Slack refused the post"


def _remedy(channel_id: str, error: str, instead: str) -> str:
    if error == "not_in_channel":
        return f"Type {INVITE} in <#{channel_id}> and I'll post there again; or {instead}."
    if error == "channel_not_found":
        return f"If it still exists, type {INVITE} in it; if not, {instead}."
    if error == "is_archived":
        return f"Unarchive it, or {instead}."
    return f"Check that I can post there, or {instead}."


def _message(text: str) -> Message:
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=clip(text)))])


def channel_problem(what: str, channel_id: str, error: str, instead: str) -> Message:
    """`what` (already escaped, e.g. Day 3 of “DevOps”) could not be posted in the channel: why, and what to do.

    `instead` is what else the reader can do when the channel cannot come back.
    """
    return _message(f":warning: I couldn't post {what} in <#{channel_id}>: {channel_reason(error)} (`{error}`). "
                    f"{_remedy(channel_id, error, instead)}")


def challenge_what(title: str, part: str) -> str:
    """e.g. the day's activity of “30 days of DevOps”."""
    return f"{part} of “{inline(title)}”"


def challenge_stopped(title: str, channel_id: str, error: str) -> Message:
    """The creator's DM when their challenge stopped because its channel is gone."""
    return _message(f":warning: I can no longer post in <#{channel_id}>: {channel_reason(error)} (`{error}`), "
                    f"so “{inline(title)}” is stopped: no more daily activities will be posted. "
                    "Journals written so far are kept. To run it again, start a new challenge in a channel "
                    "I can post in with `/challenge new`.")


def missing_scope(scope: str, what: str) -> Message:
    """The coordinators' DM when the app lacks a permission (an OAuth scope) it needs for `what`."""
    return _message(f":warning: I couldn't {what}: the app lacks the `{scope}` permission. "
                    f"To fix it, {REINSTALL}. Until then I can't {what}.")


def the_digest() -> str:
    return "the weekly digest"


def digest_instead() -> str:
    return "pick another community channel in my Home tab's *Settings*"


def wrapup_instead() -> str:
    return "share it with the participants another way: `/challenge export NAME` gets the journals"


def report_instead(report_command: str) -> str:
    return f"members can still report with {code(clip(report_command, 200))}"


def report_prompt_what(name: str) -> str:
    return f"the report-back prompt of *{clip(inline(name), 600)}*"


def day_instead() -> str:
    return "start the challenge again in a channel I can post in with `/challenge new`"
