"""The App Home dashboard."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.ids import Action
from bot.services.home import HomeData
from bot.views import groups
from bot.views.calendar_home import home_calendar_blocks
from bot.views.challenges.home import build_home_challenges
from bot.views.challenges.social import build_home_social
from bot.views.charters.ledger import home_ledger_blocks
from bot.views.charters.lists import home_blocks as charter_home_blocks
from bot.views.health import home_health_blocks
from bot.views.memberdata import home_blocks as data_home_blocks
from bot.views.search import home_search_blocks

INTRO = (
    "I carry the logistics of our community of practice, so you can spend your time on the work:\n"
    "• `/practice` — propose and join *practice groups*, and report back to the community\n"
    "• `/charter` — charter *practice development projects* and bring the findings back\n"
    "• `/challenge` — run *30-day challenges*: a new activity each day, a journal in the day's thread, "
    "and accountability partners\n"
    "Type any of them with `help` to see what it can do."
)


def build_home(data: HomeData) -> View:
    blocks: list[Block] = [
        HeaderBlock(text="CoP Bot"),
        SectionBlock(text=MarkdownTextObject(text=INTRO)),
        DividerBlock(),
        *home_search_blocks(),
        *build_home_challenges(data.challenges),
        *build_home_social(data.social),
        *groups.home_blocks(data.practice_groups, data.awaiting_endorsement, is_coordinator=data.is_coordinator),
        *charter_home_blocks(data.charters, data.user_id),
        *home_calendar_blocks(data.calendar),
        *home_health_blocks(data.health),
        *home_ledger_blocks(data.charters),
        *_community_blocks(data),
        *data_home_blocks(),
    ]
    return View(type="home", blocks=blocks)


def _community_blocks(data: HomeData) -> list[Block]:
    channel = data.community.community_channel_id
    where = f"The community channel is <#{channel}>." if channel else (
        "The community channel is *not set yet*"
        + (": choose it in Settings." if data.is_coordinator else ": a coordinator can set it in Settings.")
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=where))]
    if data.is_coordinator:
        blocks += [
            ActionsBlock(elements=[ButtonElement(text="Settings", action_id=Action.OPEN_SETTINGS)]),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="You are a coordinator. *Settings* opens a form to choose the community "
                        "channel, the coordinators and the default timezone."
                    )
                ]
            ),
        ]
    return blocks
