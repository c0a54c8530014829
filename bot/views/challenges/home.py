"""The member's running challenges on App Home."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ButtonElement, DividerBlock, HeaderBlock, SectionBlock

from bot.ids import ChallengeAction
from bot.services.challenges.lookup import activity
from bot.services.challenges.progress import Progress
from bot.views.challenges.common import SECTION_TEXT, context, md
from bot.views.text import clip, inline


def build_home_challenges(cards: list[Progress]) -> list[Block]:
    """The member's running challenges: today's activity, streak and a Journal button."""
    if not cards:
        return [SectionBlock(text=md("*Challenges* — you are not in a challenge right now. "
                                      "`/challenge join` joins one; `/challenge new` starts one."))]
    blocks: list[Block] = [HeaderBlock(text="Your challenges")]
    for card in cards[:15]:
        challenge = card.challenge
        if card.day is None:
            today = f"Starts {challenge.start_date:%a %d %b}."
        else:
            done = (" :white_check_mark: journaled" if card.journaled_today
                    else " — not journaled yet: reply in today's thread or press *Journal*")
            title = inline(activity(challenge, card.day.number).title)
            today = f"Day {card.day.number} of {challenge.days}: {title}{done}"
        blocks += [
            SectionBlock(
                text=md(clip(f"*{inline(challenge.title)}* in <#{challenge.channel_id}>\n{today}\n"
                             f"Streak: {card.current_streak} (longest {card.longest_streak}) · "
                             f"entries: {card.entries}", SECTION_TEXT)),
                accessory=ButtonElement(text="Journal", action_id=ChallengeAction.OPEN_JOURNAL,
                                        value=str(challenge.id)),
            ),
        ]
    blocks += [context("*Journal* opens a form for today's entry, which you can keep private."), DividerBlock()]
    return blocks
