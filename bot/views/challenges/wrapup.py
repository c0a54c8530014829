"""The wrap-up of a finished challenge, its call for highlights and the meetup reminder."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.services.challenges.wrapup_stats import Summary
from bot.views.message import Message
from bot.views.text import clip, inline
from bot.words import plural


def summary_lines(summary: Summary) -> list[str]:
    """The figures in a few lines of mrkdwn, for the wrap-up, App Home and the digest."""
    lines = [
        f"*{summary.participants}* participant{'s' if summary.participants != 1 else ''} · "
        f"*{summary.entries}* journal entr{'ies' if summary.entries != 1 else 'y'} · "
        f"*{summary.completion:.0%}* completion"
    ]
    if summary.streaks:
        lines.append(("Longest streak: " if len(summary.streaks) == 1 else "Longest streaks: ")
                     + ", ".join(f"<@{u}> {plural(d, 'day')}" for u, d in summary.streaks))
    if summary.busiest:
        days = [f"Day {n} ({date.fromisoformat(w):%a %d %b}, {plural(c, 'entry', 'entries')})"
                for n, w, c in summary.busiest]
        lines.append(("Most active day: " if len(summary.busiest) == 1 else "Most active days: ") + ", ".join(days))
    return lines


def meetup_line(meetup: date | None) -> str:
    if meetup is None:
        return "No report-back meetup date was set: agree on one in this thread."
    return f":calendar: Report-back meetup: *{meetup:%A %d %B %Y}*."


def build_wrapup(title: str, summary: Summary, meetup: date | None, *, partners: bool = True) -> Message:
    """The wrap-up in the channel: figures, meetup date, the call for highlights."""
    return Message(f"{inline(title)} is complete: {summary.figures()}.",
                   _wrapup_blocks(title, summary, meetup, partners=partners))


def _wrapup_blocks(title: str, summary: Summary, meetup: date | None, *, partners: bool = True) -> list[Block]:
    return [
        SectionBlock(text=MarkdownTextObject(
            text=clip(f":checkered_flag: *{inline(title)}* is complete — {plural(summary.days, 'day')} of practice. "
                      "Thank you, everyone!", 3000)
        )),
        SectionBlock(text=MarkdownTextObject(text="\n".join(summary_lines(summary)))),
        SectionBlock(text=MarkdownTextObject(text=meetup_line(meetup))),
        SectionBlock(text=MarkdownTextObject(text=highlights_call(partners))),
        ContextBlock(elements=[MarkdownTextObject(
            text="The chart of who journaled each day"
                 + (" and the meetup as a calendar file are" if meetup else " is")
                 + " in the thread. This wrap-up is the challenge's report-back to the community."
        )]),
    ]


def highlights_call(partners: bool) -> str:
    """The call for highlights; partners are asked to bring each other's only when there were partners."""
    call = (
        ":sparkles: *Share your highlights in this thread*: what you learned, what surprised you, and one thing "
        "you'll keep doing."
    )
    return call + (" Partners, bring one of each other's highlights to the meetup." if partners else "")


def build_meetup_reminder(title: str, wrapup_link: str | None, *, partners: bool = True) -> Message:
    where = f" Highlights so far are in <{wrapup_link}|the wrap-up's thread>." if wrapup_link else ""
    bring = "Bring a highlight of yours and one of your partner's." if partners else "Bring a highlight of yours."
    return Message(f":calendar: Today is the report-back meetup of *{inline(title)}*! {bring}{where}")


def chart_comment(partners: bool, *, meetup: date | None = None) -> str:
    """The comment on the participation chart (and the meetup's calendar file) in the wrap-up's thread."""
    calendar = (f"\n:calendar: The report-back meetup, {meetup:%A %d %B}, is attached as a calendar file (.ics): "
                "open it to add the meetup to your calendar." if meetup else "")
    return f"Participation: who journaled on which day.\n{highlights_call(partners)}{calendar}"


def chart_title(title: str) -> str:
    return f"{title} — participation"


def chart_alt_text(title: str) -> str:
    return f"Chart of journal entries per day for {title}"
