"""Report-back messages and modals, for any subject (practice group, charter)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.ids import ReportAction, ReportField, ReportView
from bot.services.reports.feedback import MAX_FEEDBACK_TEXT, FeedbackCounts
from bot.services.reports.hours import HOURS_IN_A_WEEK, HoursAsk, hours_field
from bot.services.reports.reminders import ReminderPlan
from bot.services.reports.reports import MAX_REPORT_TEXT
from bot.services.reports.subjects import SubjectInfo
from bot.views.message import Message
from bot.views.text import clip, code, inline, plain, quote
from bot.views.topics import topic_inputs
from bot.words import plural
from models.report import Feedback, FeedbackKind, ReminderKind, Report
from models.topic import Topic

MAX_HOURS_INPUTS = 40  # a modal holds 100 blocks


def plain_label(name: str) -> str:
    """A member's name in a plain_text label: no markup is read there, so only its length matters."""
    return clip(" ".join(name.split()), 60)


def day(value: date | None) -> str:
    return value.strftime("%a %d %b %Y") if value else "—"


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


# -- the report form -----------------------------------------------------------------------------


def build_report_modal(subject: SubjectInfo, *, final: bool, hours: HoursAsk | None = None,
                       names: dict[str, str] | None = None, offered: list[Topic] | None = None) -> View:
    what = "closing report" if final else "report"
    intro = (
        f"Close *{inline(subject.name)}* with a closing report to the community. Once it is posted the "
        f"{subject.noun} is archived."
        if final
        else f"Report the progress of *{inline(subject.name)}* to the community. It is posted in the community "
        "channel, where members can *Endorse*, *Critique* or *Suggest a refinement*."
    )
    return View(
        type="modal",
        callback_id=ReportView.REPORT,
        private_metadata=report_metadata(subject, final=final),
        title="Closing report" if final else "Report back",
        submit="Post",
        close="Cancel",
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=clip(intro))),
            _text_input(ReportField.PROGRESS, "What we did" if final else "Progress",
                        "What the group did and achieved so far."),
            _text_input(ReportField.LEARNINGS, "What we learned", "Insights worth sharing with the whole community."),
            _text_input(ReportField.ASKS, "What we ask of the community",
                        "Feedback, help or resources you would like. Write “nothing for now” if none."),
            *(_hours_inputs(hours, names or {}) if hours else []),
            *topic_inputs(offered or []),
            context(f"Each answer can be up to {MAX_REPORT_TEXT} characters. This {what} is posted as you."),
        ],
    )


def _hours_inputs(ask: HoursAsk, names: dict[str, str]) -> list[Block]:
    """One hours input a team member, for the charter's ledger of hours pledged against hours given."""
    return [
        InputBlock(
            block_id=hours_field(user_id), optional=True,
            label=clip(f"Hours {plain_label(names.get(user_id, 'this member'))} gave since the last report", 150),
            hint=clip(f"0 to {ask.limit}: at most {HOURS_IN_A_WEEK} a week, over "
                      f"{plural(ask.weeks, 'week')}. Leave it empty if you don't know.", 150),
            element=NumberInputElement(action_id=hours_field(user_id), is_decimal_allowed=True, min_value="0",
                                       max_value=str(ask.limit)),
        )
        for user_id in ask.member_ids[:MAX_HOURS_INPUTS]
    ]


def _text_input(block_id: str, label: str, hint: str, *, optional: bool = False,
                max_length: int = MAX_REPORT_TEXT) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=optional,
        element=PlainTextInputElement(action_id=block_id, multiline=True, max_length=max_length),
    )


def report_metadata(subject: SubjectInfo, *, final: bool) -> str:
    """The report form carries its subject ("kind:id") and whether it is a closing report."""
    return json.dumps({"subject": subject.value, "final": final})


def read_report_metadata(view: dict[str, Any]) -> tuple[str, bool]:
    """The subject value and whether it is a closing report, from a submitted report modal."""
    data = json.loads(view.get("private_metadata") or "{}")
    return str(data.get("subject", "")), bool(data.get("final"))


# -- the posted report ---------------------------------------------------------------------------

FEEDBACK_HELP = (
    "*Endorse* shows your support, *Critique* says what could be better, *Suggest a refinement* proposes "
    "a change; each opens a short form, and your feedback is replied in this thread."
)


def report_message(report: Report, noun: str, counts: FeedbackCounts) -> Message:
    kind = "Closing report" if report.final else "Report"
    blocks: list[Block] = [
        HeaderBlock(text=clip(f"{kind}: {report.subject_name}", 150)),
        context(clip(f"From the {noun} *{inline(report.subject_name)}*, posted by <@{report.author_id}>")),
        SectionBlock(text=MarkdownTextObject(text=("*What we did*\n" if report.final else "*Progress*\n")
                                             + clip(plain(report.progress)))),
        SectionBlock(text=MarkdownTextObject(text="*What we learned*\n" + clip(plain(report.learnings)))),
        SectionBlock(text=MarkdownTextObject(text="*What we ask of the community*\n" + clip(plain(report.asks)))),
        context(counts_text(counts)),
        ActionsBlock(
            elements=[
                ButtonElement(text="Endorse", action_id=ReportAction.ENDORSE, value=str(report.id), style="primary"),
                ButtonElement(text="Critique", action_id=ReportAction.CRITIQUE, value=str(report.id)),
                ButtonElement(text="Suggest a refinement", action_id=ReportAction.REFINE, value=str(report.id)),
            ]
        ),
        context(FEEDBACK_HELP),
    ]
    return Message(text=clip(f"{kind}: {inline(report.subject_name)} (from the {noun})", 300), blocks=blocks)


def counts_text(counts: FeedbackCounts) -> str:
    return counts.summary


FEEDBACK_ACTIONS = {
    ReportAction.ENDORSE: FeedbackKind.ENDORSE,
    ReportAction.CRITIQUE: FeedbackKind.CRITIQUE,
    ReportAction.REFINE: FeedbackKind.REFINE,
}

_FEEDBACK_PROMPTS = {
    FeedbackKind.ENDORSE: ("Why you endorse it (optional)", "Endorse"),
    FeedbackKind.CRITIQUE: ("Your critique", "Critique"),
    FeedbackKind.REFINE: ("Your suggested refinement", "Suggest"),
}
_FEEDBACK_INTROS = {
    FeedbackKind.ENDORSE: "Endorse the report of",
    FeedbackKind.CRITIQUE: "Critique the report of",
    FeedbackKind.REFINE: "Suggest a refinement to the report of",
}


def build_feedback_modal(report: Report, kind: FeedbackKind) -> View:
    label, submit = _FEEDBACK_PROMPTS[kind]
    return View(
        type="modal",
        callback_id=ReportView.FEEDBACK,
        private_metadata=feedback_metadata(report, kind),
        title=clip(kind.label, 24),
        submit=submit,
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"{_FEEDBACK_INTROS[kind]} *{clip(inline(report.subject_name), 600)}*. Your words are "
                    "replied in the report's thread, under your name."
                )
            ),
            _text_input(ReportField.FEEDBACK, label, "Be specific and kind.", optional=kind is FeedbackKind.ENDORSE,
                        max_length=MAX_FEEDBACK_TEXT),
        ],
    )


FORM_OUT_OF_DATE = "This form is out of date; open it again from the report."


def feedback_metadata(report: Report, kind: FeedbackKind) -> str:
    """The feedback form carries its report and the kind of feedback."""
    return json.dumps({"report": report.id, "kind": kind.value})


def read_feedback_metadata(view: dict[str, Any]) -> tuple[int | None, FeedbackKind | None]:
    """The report and kind of a submitted feedback form; (None, None) when it cannot be read."""
    data = json.loads(view.get("private_metadata") or "{}")
    try:
        return int(data["report"]), FeedbackKind(data["kind"])
    except (KeyError, ValueError, TypeError):
        return None, None


def feedback_reply(feedback: Feedback) -> Message:
    verb = {FeedbackKind.ENDORSE: "endorses this report", FeedbackKind.CRITIQUE: "offers a critique",
            FeedbackKind.REFINE: "suggests a refinement"}[FeedbackKind(feedback.kind)]
    text = clip(f"<@{feedback.user_id}> {verb}" + (f":\n{quote(feedback.text)}" if feedback.text else "."), 3000)
    return Message(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=text))])


# -- reminders -----------------------------------------------------------------------------------


def report_button(subject: SubjectInfo) -> ButtonElement:
    return ButtonElement(text="Report", action_id=ReportAction.OPEN, value=subject.value, style="primary")


def reminder_message(plan: ReminderPlan) -> Message:
    s = plan.subject
    due, name = day(s.next_report_due), clip(inline(s.name), 600)
    text = {
        ReminderKind.HEADS_UP: f"Heads-up: the report of the {s.noun} *{name}* to the community is due on {due}.",
        ReminderKind.PROMPT: (f"Report-back day for the {s.noun} *{name}* was {due}" if plan.late
                              else f"Today is report-back day for the {s.noun} *{name}*")
        + ": share your progress, what you learned and what you ask of the community.",
        ReminderKind.OVERDUE: f"The report of the {s.noun} *{name}* was due on {due} and has not been posted yet. "
        "A short report is better than none.",
    }[plan.kind]
    return Message(
        text=text,
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=text)),
            ActionsBlock(elements=[report_button(s)]),
            context(f"*Report* opens the report form (or type {code(clip(s.report_command, 200))}); "
                    "any member can post it."),
        ],
    )
