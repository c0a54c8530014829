"""Partners, time away and finished challenges in `/challenge status` and on App Home."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.services.challenges.home import SocialHome
from bot.services.challenges.partners import MyPartners, PartnerStatus
from bot.views.challenges.partners import mentions
from bot.views.challenges.wrapup import summary_lines
from bot.views.text import clip, inline


def status_lines(mine: MyPartners | None, away_until: date | None) -> str:
    """Lines for `/challenge status`: partners and how they are doing today, and the member's time away."""
    lines = []
    if away_until:
        lines.append(f":palm_tree: You are away until {away_until:%a %d %b}: no nudges, and your streak is kept.")
    if mine is None or not mine.enabled:
        return "\n".join(lines)
    if mine.partners is None:
        lines.append("Accountability partners: you'll be introduced to yours when the challenge starts."
                     if not mine.started else
                     "Accountability partners: you have none yet — I'll introduce you as soon as someone else joins.")
    elif mine.partners:
        who = "Your accountability partner: " if len(mine.partners) == 1 else "Your accountability partners: "
        lines.append(who + "; ".join(_partner(p) for p in mine.partners) + ".")
    return "\n".join(lines)


def _partner(p: PartnerStatus) -> str:
    if p.away:
        state = "away"
    else:
        state = "journaled today :white_check_mark:" if p.journaled_today else "not journaled yet today"
    return f"{mentions([p.user_id])} — {state}"


def build_home_social(data: SocialHome) -> list[Block]:
    """Partners in each running challenge, time away and nudges, and recently finished challenges."""
    blocks: list[Block] = []
    lines = [f"*{inline(mine.challenge.title)}* — {status_lines(mine, None)}"
             for mine in data.partners[:15] if mine.enabled]
    if data.away_until:
        lines.append(f":palm_tree: You are away until {data.away_until:%a %d %b}: no nudges, and your streak is kept. "
                     "`/challenge back` ends it early.")
    if data.nudges_off:
        lines.append("Nudges are off: `/challenge nudges on` turns reminders to journal back on.")
    if lines:
        blocks += [SectionBlock(text=MarkdownTextObject(text=clip("\n".join(lines), 3000)))]
    for done in data.finished[:5]:
        text = "\n".join([f":checkered_flag: *{inline(done.challenge.title)}* is complete.",
                          *summary_lines(done.summary)])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text, 3000))))
    if data.finished:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(
            text="`/challenge export NAME` sends you a challenge's journal as a file.")]))
    if blocks:
        blocks = [HeaderBlock(text="Partners and wrap-ups"), *blocks, DividerBlock()]
    return blocks
