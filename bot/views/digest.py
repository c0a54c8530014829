"""The weekly digest message: each domain's section worded, with what members typed made safe to repeat."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.services.digest_types import CharterNews, DigestSection, DigestWindow, NewGroups, Overdue, ReportsBack
from bot.views.charters.ledger import total_text
from bot.views.message import Message
from bot.views.reports import context
from bot.views.text import clip, code, inline, link
from bot.words import plural
from models.group import REASONS, Reason

MAX_LINES = 15  # a section shows this many items, then says how many more
DIGEST_HELP = "Use the buttons on each report in this channel to endorse, critique or suggest a refinement."


def section_title(section: DigestSection) -> str:
    if isinstance(section, NewGroups):
        return "New practice groups"
    if isinstance(section, CharterNews):
        return "Charters"
    if isinstance(section, ReportsBack):
        return "Reports back to the community"
    if isinstance(section, Overdue):
        return "Reports overdue"
    return "Challenges wrapped up"


def section_lines(section: DigestSection) -> list[str]:
    """One mrkdwn line an item of the section."""
    if isinstance(section, NewGroups):
        return [f"*{inline(g.name)}* ({REASONS[Reason(g.reason)].label}) proposed by <@{g.proposer_id}> — now "
                f"{g.status}, {plural(len(g.members), 'member')}: {code(f'/practice join {g.name}')}"
                for g in section.groups]
    if isinstance(section, CharterNews):
        return [f"*{inline(c.name)}* proposed by <@{c.proposer_id}> — {c.status}, {c.hours_per_week} h/week × "
                f"{plural(c.weeks, 'week')}"
                + (f", {plural(c.open_seats, 'open seat')}: `/charter volunteer {c.id}`"
                   if c.open_seats and not c.is_closed else "")
                for c in section.proposed] + [
                f"*{inline(c.name)}* at work — {total_text(section.ledgers[c.id])}" for c in section.active
                if c.id in section.ledgers] + [
                f"*{inline(c.name)}* brought back its findings: {link(c.findings_link)}"
                + (f" — {total_text(section.ledgers[c.id])}" if c.id in section.ledgers else "")
                for c in section.completed]
    if isinstance(section, ReportsBack):
        return [f"*{inline(line.report.subject_name)}*" + (" (closing report)" if line.report.final else "")
                + f" by <@{line.report.author_id}> — {line.counts.summary}" for line in section.reports]
    if isinstance(section, Overdue):
        return [f"*{inline(s.name)}* ({s.noun}) — due {s.next_report_due:%a %d %b}: {code(s.report_command)}"
                for s in section.subjects]
    return [f"*{inline(c.title)}* wrapped up in <#{c.channel_id}> — {summary.figures()}"
            + (f"; report-back meetup {c.meetup_date:%a %d %b}" if c.meetup_date else "")
            for c, summary in section.challenges]


def digest_message(window: DigestWindow, sections: list[DigestSection]) -> Message:
    title = f"This week in the community ({window.since:%d %b} – {window.today:%d %b})"
    blocks: list[Block] = [HeaderBlock(text=title)]
    counts: list[str] = []
    for section in sections:
        lines = section_lines(section)
        shown = [clip(line, 600) for line in lines[:MAX_LINES]]
        more = len(lines) - len(shown)
        text = f"*{section_title(section)}*\n" + "\n".join(f"• {line}" for line in shown)
        if more:
            text += f"\n…and {more} more"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(text))))
        counts.append(f"{section_title(section).lower()}: {len(lines)}")
    blocks.append(context(DIGEST_HELP))
    return Message(text=f"{title} — {', '.join(counts)}", blocks=blocks)
