"""The coordinators' view of community health on App Home."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    ImageBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.services.health import FirstKind, FirstStep, Health
from bot.views.text import clip, inline
from bot.words import plural

CHART_FILENAME = "community-participation.png"
MAX_NAMES = 10
MAX_FIRSTS = 15
FIRST_WORDS = {
    FirstKind.GROUP: "proposed their first practice group",
    FirstKind.CHARTER: "proposed their first charter",
    FirstKind.CHALLENGE_CREATED: "started their first challenge",
    FirstKind.CHALLENGE_JOINED: "joined their first challenge",
}


def home_health_blocks(health: Health | None) -> list[Block]:
    """The section, for coordinators (`health` is None for everyone else)."""
    if health is None:
        return []
    blocks: list[Block] = [
        HeaderBlock(text="Community health"),
        _md(f"*Active:* {_names(health.active_groups, 'practice group')} · "
            f"{_names(health.active_charters, 'charter')}"),
        _md(_reports_line(health)),
        _md(f"*Challenges, last 90 days:* {plural(health.challenges, 'challenge')}, "
            f"{plural(health.participants, 'participant')}, {health.journaling} journaling, "
            f"{plural(health.entries, 'journal entry', 'journal entries')}"),
    ]
    if health.chart_file_id:
        blocks.append(ImageBlock(slack_file={"id": health.chart_file_id}, alt_text=chart_alt_text(health),
                                 title=chart_title(health)))
    blocks += [
        _md(_firsts(health.firsts)),
        ContextBlock(elements=[MarkdownTextObject(
            text="Only coordinators see this section. Reports count as late when a due date passed before them; "
                 "the chart is redrawn once a day.")]),
        DividerBlock(),
    ]
    return blocks


def chart_title(health: Health) -> str:
    return f"Challenge participation, last 90 days (to {health.today:%d %b %Y})"


def chart_alt_text(health: Health) -> str:
    weeks = ", ".join(f"week of {w.starts:%d %b}: {w.journaling}" for w in health.weeks)
    return clip(f"Members journaling each week over the last 13 weeks — {weeks}", 2000)


def _reports_line(health: Health) -> str:
    line = (f"*Reports, last 90 days:* {health.reports_on_time} on time, {health.reports_late} late · "
            f"*overdue now:* {len(health.overdue)}")
    if health.overdue:
        line += " — " + ", ".join(f"{inline(s.name)} (due {s.next_report_due:%a %d %b})"
                                  for s in health.overdue[:MAX_NAMES])
    return line


def _names(names: list[str], noun: str) -> str:
    text = plural(len(names), noun)
    if names:
        shown = ", ".join(inline(n) for n in names[:MAX_NAMES])
        text += f" ({shown}{', …' if len(names) > MAX_NAMES else ''})"
    return text


def _firsts(firsts: list[FirstStep]) -> str:
    if not firsts:
        return "*First steps, last 30 days:* no one started something for the first time."
    lines = [f"• <@{f.user_id}> {FIRST_WORDS[f.kind]}, *{inline(f.name)}* ({f.at:%a %d %b})"
             for f in firsts[:MAX_FIRSTS]]
    more = f"\n…and {len(firsts) - MAX_FIRSTS} more." if len(firsts) > MAX_FIRSTS else ""
    return "*First steps, last 30 days:*\n" + "\n".join(lines) + more


def _md(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, 3000)))
