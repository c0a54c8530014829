"""Charter modals: the charter form, the reason for changes, the findings; and what each carries along."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
    UserMultiSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import CharterField as F
from bot.ids import CharterView
from bot.services.charters.form import (
    MAX_GROUP,
    MAX_HOURS_PER_WEEK,
    MAX_LINK,
    MAX_SEATS,
    MAX_SHORT,
    MAX_TEXT,
    MAX_TITLE,
    MAX_WEEKS,
)
from bot.views.charters.summary import md
from bot.views.text import clip, inline
from bot.views.topics import topic_inputs
from models import Charter
from models.charter import Origin, Role, Variation
from models.report import Cadence
from models.topic import Topic

CADENCE_LABELS = {cadence.value: cadence.label for cadence in Cadence}


def charter_form_metadata(charter: Charter | None) -> str:
    """The charter form carries the charter it edits; empty for a new one."""
    return str(charter.id) if charter else ""


def read_charter_form_metadata(view: dict[str, Any]) -> int | None:
    """The charter a submitted form edits; None for a new charter."""
    raw = view.get("private_metadata") or ""
    return int(raw) if raw.isdigit() else None


def changes_metadata(charter: Charter, clicked_in: tuple[str, str] | None) -> str:
    """The charter, and the coordinator's DM (channel, ts) the form was opened from, if any."""
    return f"{charter.id} {clicked_in[0]} {clicked_in[1]}" if clicked_in else str(charter.id)


def read_changes_metadata(view: dict[str, Any]) -> tuple[int, tuple[str, str] | None]:
    """The charter of a submitted changes form, and the coordinator's DM to bring up to date."""
    charter_id, *clicked_in = view["private_metadata"].split()
    return int(charter_id), (clicked_in[0], clicked_in[1]) if len(clicked_in) == 2 else None


def findings_metadata(charter: Charter) -> str:
    """The findings form carries its charter."""
    return str(charter.id)


def read_findings_metadata(view: dict[str, Any]) -> int:
    """The charter of a submitted findings form."""
    return int(view["private_metadata"])


def _text_input(block: F, label: str, *, initial: str | None, max_length: int, multiline: bool = False,
                optional: bool = False, hint: str | None = None, placeholder: str | None = None) -> InputBlock:
    return InputBlock(
        block_id=block, label=label, optional=optional, hint=hint,
        element=PlainTextInputElement(action_id=block, initial_value=initial or None, multiline=multiline,
                                      max_length=max_length, placeholder=placeholder),
    )


def _number_input(block: F, label: str, *, initial: int | None, low: int, high: int, hint: str,
                  optional: bool = False) -> InputBlock:
    return InputBlock(
        block_id=block, label=label, hint=hint, optional=optional,
        element=NumberInputElement(action_id=block, is_decimal_allowed=False, min_value=str(low), max_value=str(high),
                                   initial_value=None if initial is None else str(initial)),
    )


def _options(labels: dict[str, str]) -> list[Option]:
    return [Option(value=value, label=clip(label, 75)) for value, label in labels.items()]


def _initial(options: list[Option], value: str | None) -> Option | None:
    return next((o for o in options if o.value == value), None)


def charter_modal(charter: Charter | None = None, *, group: str = "", offered: list[Topic] | None = None,
                  chosen: list[Topic] | None = None) -> View:
    """The charter form: new when `charter` is None, else the lead's edit of it."""
    c = charter
    origins = _options({Origin.TEAM: "Our team proposes it", Origin.VOLUNTEERS: "A call for volunteers"})
    variations = _options({
        Variation.STANDARD: "Standard",
        Variation.CASE_STUDY: "Existing project adopted as a case study",
        Variation.PRO_BONO: "Pro bono: something useful for someone",
    })
    cadences = _options(CADENCE_LABELS)
    member_ids = [m.user_id for m in c.members if m.role == Role.MEMBER] if c else []
    blocks: list[Block] = [
        md("A charter asks the community to sponsor focused work that is too big for regular participation. "
            "*Save draft* keeps it for you; you submit it to the community afterwards."),
        _text_input(F.TITLE, "Title", initial=c.title if c else None, max_length=MAX_TITLE),
        _text_input(F.GROUP, "Practice group", initial=c.group_name if c else group, max_length=MAX_GROUP,
                    optional=True, hint="The practice group this project belongs to, if any."),
        _text_input(F.GOAL, "Goal", initial=c.goal if c else None, max_length=MAX_TEXT, multiline=True,
                    hint="What the project should achieve for the community."),
        _text_input(F.SCOPE_IN, "In scope", initial=c.scope_in if c else None, max_length=MAX_TEXT, multiline=True),
        _text_input(F.SCOPE_OUT, "Out of scope", initial=c.scope_out if c else None, max_length=MAX_TEXT,
                    multiline=True),
        _text_input(F.DELIVERABLE, "Deliverable brought back to the community", initial=c.deliverable if c else None,
                    max_length=MAX_TEXT, multiline=True),
        InputBlock(block_id=F.ORIGIN, label="Origin",
                   element=RadioButtonsElement(action_id=F.ORIGIN, options=origins,
                                               initial_option=_initial(origins, c.origin if c else Origin.TEAM))),
        InputBlock(block_id=F.MEMBERS, label="Team members", optional=True,
                   hint="Besides you: you lead the project.",
                   element=UserMultiSelectElement(action_id=F.MEMBERS, initial_users=member_ids or None,
                                                  placeholder="Choose people")),
        _number_input(F.SEATS, "How many more people are needed", initial=c.seats_needed if c else 0, low=0,
                      high=MAX_SEATS,
                      hint="Open seats that volunteers can fill. A call for volunteers needs one or more."),
        _number_input(F.HOURS, "Hours per week, per member", initial=c.hours_per_week if c else None, low=1,
                      high=MAX_HOURS_PER_WEEK, hint=f"From 1 to {MAX_HOURS_PER_WEEK}."),
        _number_input(F.WEEKS, "Duration in weeks", initial=c.weeks if c else None, low=1, high=MAX_WEEKS,
                      hint=f"From 1 to {MAX_WEEKS}."),
        InputBlock(block_id=F.BUDGET, label="Budget (optional)", optional=True,
                   hint="A whole amount; leave empty for none.",
                   element=NumberInputElement(action_id=F.BUDGET, is_decimal_allowed=False, min_value="1",
                                              initial_value=str(c.budget_amount) if c and c.budget_amount else None)),
        _text_input(F.CURRENCY, "Budget currency", initial=c.budget_currency if c else None, max_length=3,
                    optional=True, placeholder="EUR", hint="A three-letter code, when there is a budget."),
        InputBlock(block_id=F.LEARNING_SPONSOR, label="Learning sponsor",
                   hint="The person who sponsors the learning on the community's behalf.",
                   element=UserSelectElement(action_id=F.LEARNING_SPONSOR, placeholder="Choose a person",
                                             initial_user=c.learning_sponsor_id if c else None)),
        InputBlock(block_id=F.FUNDING_SPONSOR, label="Funding sponsor", optional=True,
                   hint="Needed when there is a budget: who funds it.",
                   element=UserSelectElement(action_id=F.FUNDING_SPONSOR, placeholder="Choose a person",
                                             initial_user=c.funding_sponsor_id if c else None)),
        InputBlock(block_id=F.CADENCE, label="How often the team reports to the community",
                   element=StaticSelectElement(action_id=F.CADENCE, options=cadences, placeholder="Choose",
                                               initial_option=_initial(cadences, c.cadence if c else "biweekly"))),
        InputBlock(block_id=F.CHANNEL, label="Where the team works and reports", optional=True,
                   hint="A channel for the project; empty means the community channel.",
                   element=ConversationSelectElement(
                       action_id=F.CHANNEL, placeholder="Choose a channel",
                       initial_conversation=c.report_channel_id if c else None,
                       filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True))),
        InputBlock(block_id=F.VARIATION, label="Kind of project",
                   element=RadioButtonsElement(action_id=F.VARIATION, options=variations,
                                               initial_option=_initial(variations,
                                                                       c.variation if c else Variation.STANDARD))),
        _text_input(F.CASE_STUDY_NAME, "Existing project's name", initial=c.case_study_name if c else None,
                    max_length=MAX_SHORT, optional=True, hint="For an existing project adopted as a case study."),
        _text_input(F.CASE_STUDY_LINK, "Existing project's link", initial=c.case_study_link if c else None,
                    max_length=MAX_LINK, optional=True, placeholder="https://…",
                    hint="For an existing project adopted as a case study."),
        _text_input(F.PRO_BONO_FOR, "Pro bono: for whom", initial=c.pro_bono_for if c else None,
                    max_length=MAX_SHORT, optional=True, hint="For pro bono work: who it is useful to."),
        *topic_inputs(offered or [], chosen),
    ]
    return View(type="modal", callback_id=CharterView.FORM, private_metadata=charter_form_metadata(c),
                title="Edit charter" if c else "New charter", submit="Save draft", close="Cancel", blocks=blocks)


def changes_modal(charter: Charter, *, clicked_in: tuple[str, str] | None = None) -> View:
    """The reason for changes; `clicked_in` (channel, ts) is the coordinator's DM to bring up to date after it."""
    return View(
        type="modal", callback_id=CharterView.CHANGES, private_metadata=changes_metadata(charter, clicked_in),
        title="Request changes",
        submit="Send to the lead", close="Cancel",
        blocks=[
            md(f"Charter #{charter.id} *{inline(charter.title)}* goes back to <@{charter.proposer_id}> as a "
                "draft, with your reason. They can edit it and resubmit it."),
            _text_input(F.REASON, "What should change", initial=None, max_length=MAX_TEXT, multiline=True),
        ],
    )


def findings_modal(charter: Charter, offered: list[Topic] | None = None) -> View:
    return View(
        type="modal", callback_id=CharterView.FINDINGS, private_metadata=findings_metadata(charter),
        title="Bring back findings",
        submit="Post and complete", close="Cancel",
        blocks=[
            md(f"Charter #{charter.id} *{inline(charter.title)}*: your findings are posted to the community "
                "channel, and the charter is completed."),
            _text_input(F.FINDINGS, "What we found", initial=None, max_length=MAX_TEXT, multiline=True),
            _text_input(F.FINDINGS_LINK, "Link to the deliverable", initial=None, max_length=MAX_LINK,
                        placeholder="https://…"),
            _text_input(F.NEXT_STEPS, "What the community should do next", initial=None, max_length=MAX_TEXT,
                        multiline=True),
            *topic_inputs(offered or []),
        ],
    )
