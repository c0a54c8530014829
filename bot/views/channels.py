"""What a member reads when the bot cannot post in the channel they chose."""

from __future__ import annotations


def not_visible_text() -> str:
    return "I can't see that channel. If it is private, invite me with `/invite @CoP Bot` first."


def archived_text() -> str:
    return "That channel is archived. Choose another one."


def private_text() -> str:
    return "That channel is private: invite me with `/invite @CoP Bot` in it, then try again."


def cannot_join_text(error: str) -> str:
    return f"I couldn't join that channel ({error}). Invite me, then try again."


def community_channel_problem(channel_id: str, problem: str) -> str:
    return (f"I can't post in the community channel <#{channel_id}>: {problem} "
            "A coordinator can also choose another channel in my Home tab's Settings.")
