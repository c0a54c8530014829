"""Charters: the charter form, the proposal message kept current, findings, lists and the Home section."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.ids import CharterAction, CharterField as F, CharterView, ReportAction
from bot.services.charters import (
    CADENCES,
    MAX_GROUP,
    MAX_HOURS_PER_WEEK,
    MAX_LINK,
    MAX_SEATS,
    MAX_SHORT,
    MAX_TEXT,
    MAX_TITLE,
    MAX_WEEKS,
    STATUS_MEANING,
    CharterHome,
)
from bot.services.reports import subject_value
from bot.views.reports import clip, day
from bot.words import plural
from models import Charter
from models.charter import CharterStatus as S
from models.charter import Origin, Role, Variation
from models.report import Cadence

Message = dict[str, Any]
CADENCE_LABELS = {cadence.value: cadence.label for cadence in Cadence}
HOME_LIMIT = 10


def _md(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text))])


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _button(text: str, action: CharterAction, charter: Charter, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=text, action_id=action, value=str(charter.id), style=style)


# -- what a charter says, at a glance -------------------------------------------------------------


def effort_text(charter: Charter) -> str:
    """"4 h/week × 10 weeks = 40 hours per member (160 hours for a team of 4)"."""
    per_member = charter.hours_per_week * charter.weeks
    team = len(charter.members) + charter.open_seats
    weeks = "week" if charter.weeks == 1 else "weeks"
    total = f" ({per_member * team} hours for a team of {team})" if team > 1 else ""
    return f"{charter.hours_per_week} h/week × {charter.weeks} {weeks} = *{per_member} hours per member*{total}"


def team_text(charter: Charter) -> str:
    labels = {Role.LEAD: " (lead)", Role.MEMBER: "", Role.VOLUNTEER: " (volunteer)"}
    people = ", ".join(f"<@{m.user_id}>{labels[Role(m.role)]}" for m in charter.members)
    seats = charter.open_seats
    if charter.seats_needed == 0 or charter.is_closed:
        more = ""
    elif seats == 0:
        more = " · *team complete*"
    else:
        more = f" · *{plural(seats, 'open seat')}*"
    return f"{people}{more}"


def budget_text(charter: Charter) -> str:
    learning = f"*Learning sponsor* <@{charter.learning_sponsor_id}>"
    if charter.budget_amount is None:
        return f"*Budget* none · {learning}"
    return (f"*Budget* {charter.budget_amount:,} {charter.budget_currency} · *Funding sponsor* "
            f"<@{charter.funding_sponsor_id}> · {learning}")


def cadence_text(charter: Charter) -> str:
    where = f"<#{charter.report_channel_id}>" if charter.report_channel_id else "the community channel"
    return f"*Reports to the community* {CADENCES.get(charter.cadence, charter.cadence)}, in {where}"


def variation_text(charter: Charter) -> str:
    if charter.variation == Variation.CASE_STUDY:
        return (f"*Kind* an existing project adopted as a case study: "
                f"<{charter.case_study_link}|{charter.case_study_name}>")
    if charter.variation == Variation.PRO_BONO:
        return f"*Kind* pro bono: doing something useful for *{charter.pro_bono_for}*"
    return "*Kind* a standard practice development project"


def status_text(charter: Charter) -> str:
    count = len(charter.endorsements)
    endorsements = f" · {plural(count, 'endorsement')}" if count else ""
    group = f" · practice group *{charter.group_name}*" if charter.group_name else ""
    origin = "proposed by its team" if charter.origin == Origin.TEAM else "a call for volunteers"
    return f"*#{charter.id}* · status *{charter.status}* · {origin}{group}{endorsements}"


def charter_blocks(charter: Charter) -> list[Block]:
    """The charter at a glance: goal, scope, deliverable, team and seats, effort, budget, sponsors, cadence."""
    return [
        HeaderBlock(text=clip(charter.title, 150)),
        _context(status_text(charter)),
        _md(f"*Goal*\n{charter.goal}"),
        SectionBlock(fields=[
            MarkdownTextObject(text=clip(f"*In scope*\n{charter.scope_in}", 1900)),
            MarkdownTextObject(text=clip(f"*Out of scope*\n{charter.scope_out}", 1900)),
        ]),
        _md(f"*Deliverable for the community*\n{charter.deliverable}"),
        _md(f"*Team* {team_text(charter)}\n*Effort asked* {effort_text(charter)}\n{budget_text(charter)}\n"
            f"{cadence_text(charter)}\n{variation_text(charter)}"),
    ]


def charter_text(charter: Charter) -> str:
    """The notification text of a charter message."""
    return f"Charter #{charter.id} ({charter.status}): {clip(charter.title, 150)}"


# -- the proposal message in the community channel -----------------------------------------------


def proposal_message(charter: Charter) -> Message:
    """The proposal as the community sees it, with the buttons its status allows."""
    blocks = charter_blocks(charter)
    buttons: list[ButtonElement] = []
    explain: list[str] = []
    if charter.status in (S.PROPOSED, S.CHARTERED):
        buttons.append(_button("Endorse", CharterAction.ENDORSE, charter))
        explain.append("*Endorse* adds your support")
    if takes_volunteers(charter):
        buttons.append(_button("Volunteer", CharterAction.VOLUNTEER, charter, "primary"))
        explain.append("*Volunteer* puts you on the team while seats are open")
    if charter.status == S.PROPOSED:
        buttons.append(_button("Approve", CharterAction.APPROVE, charter, "primary"))
        explain.append("coordinators *Approve* it to charter the project")
    if charter.status == S.CHARTERED:
        buttons.append(_button("Start the project", CharterAction.START, charter, "primary"))
        explain.append("the lead presses *Start the project* when the work begins")
    if charter.status in (S.PROPOSED, S.CHARTERED):
        buttons.append(_button("Request changes", CharterAction.REQUEST_CHANGES, charter))
        explain.append("coordinators *Request changes* to send it back to the lead with a reason")
    if buttons:
        blocks += [ActionsBlock(elements=buttons), _context(_sentence(" · ".join(explain)))]
    blocks += _closing_note(charter)
    return {"text": charter_text(charter), "blocks": blocks}


def coordinator_message(charter: Charter, *, resubmitted: bool = False) -> Message:
    """A coordinator's DM about a charter awaiting approval: the charter, and Approve / Request changes while
    it is proposed; afterwards, what became of it."""
    if resubmitted:
        intro = (f":arrows_counterclockwise: <@{charter.proposer_id}> revised charter #{charter.id} after the "
                 "changes you asked for and resubmitted it.")
    else:
        intro = f":scroll: <@{charter.proposer_id}> proposed a new charter to the community."
    blocks: list[Block] = [_md(f"{intro} As a coordinator, you approve charters on the community's behalf."),
                           DividerBlock(), *charter_blocks(charter)]
    if charter.status == S.PROPOSED:
        blocks += [
            ActionsBlock(elements=[_button("Approve", CharterAction.APPROVE, charter, "primary"),
                                   _button("Request changes", CharterAction.REQUEST_CHANGES, charter)]),
            _context("*Approve* charters the project: its lead can then start it. *Request changes* sends it back "
                     "to its lead as a draft, with your reason, to edit and resubmit."),
        ]
    elif charter.status == S.CHARTERED:
        blocks.append(_context(f":white_check_mark: Approved by <@{charter.approved_by}>."))
    elif charter.status == S.DRAFT and charter.changes_requested:
        blocks.append(_context(f":memo: <@{charter.changes_requested_by}> requested changes; the lead is revising it."))
    else:
        blocks.append(_context(f"It is now {STATUS_MEANING[S(charter.status)]}."))
    return {"text": f"Charter #{charter.id} awaits your approval: {clip(charter.title, 150)}"
            if charter.status == S.PROPOSED else charter_text(charter), "blocks": blocks}


def _closing_note(charter: Charter) -> list[Block]:
    if charter.status == S.DRAFT and charter.changes_requested:
        return [_md(f":memo: <@{charter.changes_requested_by}> requested changes: {charter.changes_requested}\n"
                    f"<@{charter.proposer_id}> is revising the charter and will resubmit it.")]
    if charter.status == S.ACTIVE:
        return [_context(f"Active since {day(charter.started_at.date() if charter.started_at else None)}. "
                         f"The team reports back {CADENCES.get(charter.cadence, charter.cadence)}; "
                         f"next report due {day(charter.next_report_due)}.")]
    if charter.status == S.COMPLETED:
        return [_md(f":checkered_flag: Completed: the findings were brought back to the community. "
                    f"<{charter.findings_link}|The deliverable>")]
    if charter.status == S.CANCELLED:
        return [_context(f"Cancelled by <@{charter.closed_by}>.")]
    return []


# -- messages to the lead ------------------------------------------------------------------------


def draft_message(charter: Charter) -> Message:
    """The lead's draft, with Submit and Edit."""
    if charter.changes_requested:
        intro = (f":memo: <@{charter.changes_requested_by}> requested changes to your charter "
                 f"#{charter.id}:\n>{charter.changes_requested}")
    else:
        intro = f"Your charter #{charter.id} is saved as a *draft*. Only its team can see it until you submit it."
    blocks: list[Block] = [_md(intro), DividerBlock(), *charter_blocks(charter)]
    blocks += [
        ActionsBlock(elements=[
            _button("Submit to the community", CharterAction.SUBMIT, charter, "primary"),
            _button("Edit", CharterAction.EDIT, charter),
        ]),
        _context("*Submit to the community* posts it in the community channel for endorsement and a coordinator's "
                 "approval. *Edit* reopens the form."),
    ]
    return {"text": f"Your charter draft #{charter.id}: {clip(charter.title, 150)}", "blocks": blocks}


def approved_message(charter: Charter) -> Message:
    seats = (f" {plural(charter.open_seats, 'seat is', 'seats are')} still open for volunteers."
             if charter.open_seats else "")
    return {"text": f":white_check_mark: <@{charter.approved_by}> approved your charter #{charter.id} "
                    f"*{clip(charter.title, 150)}*: it is chartered by the community.{seats} When the work begins, "
                    "press *Start the project* on the proposal (or *Start* in my Home tab): the team then reports "
                    f"back {CADENCES.get(charter.cadence, charter.cadence)}."}


def volunteered_message(charter: Charter, user_id: str) -> Message:
    seats = ("The team is now complete." if charter.open_seats == 0
             else f"{plural(charter.open_seats, 'seat is', 'seats are')} still open.")
    return {"text": f":raised_hand: <@{user_id}> volunteered for your charter #{charter.id} "
                    f"*{clip(charter.title, 150)}*. {seats}"}


def joined_text(charter: Charter) -> str:
    """What a new volunteer is told."""
    return (f":raised_hand: You are on the team of charter #{charter.id} *{clip(charter.title, 150)}*, led by "
            f"<@{charter.proposer_id}>: {plural(charter.hours_per_week, 'hour')} a week for "
            f"{plural(charter.weeks, 'week')}. `/charter show {charter.id}` shows it in full.")


def named_member_message(charter: Charter, channel_id: str) -> Message:
    """A member the lead named on the team learns of it when the charter is proposed."""
    return {"text": f":wave: <@{charter.proposer_id}> named you on the team of charter #{charter.id} "
                    f"*{clip(charter.title, 150)}*, now proposed in <#{channel_id}>: "
                    f"{plural(charter.hours_per_week, 'hour')} a week for {plural(charter.weeks, 'week')}. "
                    f"`/charter show {charter.id}` shows it in full; if you cannot take part, tell "
                    f"<@{charter.proposer_id}>, who can edit the team until it is approved."}


def started_text(charter: Charter) -> str:
    return (f":rocket: Charter #{charter.id} *{clip(charter.title, 150)}* is now active. The team reports back "
            f"{CADENCES.get(charter.cadence, charter.cadence)}.")


def resubmitted_text(charter: Charter) -> str:
    return f":arrows_counterclockwise: <@{charter.proposer_id}> revised the charter and resubmitted it."


# -- modals --------------------------------------------------------------------------------------


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


def charter_modal(charter: Charter | None = None, *, group: str = "") -> View:
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
        _md("A charter asks the community to sponsor focused work that is too big for regular participation. "
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
                      high=MAX_SEATS, hint="Open seats that volunteers can fill. A call for volunteers needs one or more."),
        _number_input(F.HOURS, "Hours per week, per member", initial=c.hours_per_week if c else None, low=1,
                      high=MAX_HOURS_PER_WEEK, hint=f"From 1 to {MAX_HOURS_PER_WEEK}."),
        _number_input(F.WEEKS, "Duration in weeks", initial=c.weeks if c else None, low=1, high=MAX_WEEKS,
                      hint=f"From 1 to {MAX_WEEKS}."),
        InputBlock(block_id=F.BUDGET, label="Budget (optional)", optional=True, hint="A whole amount; leave empty for none.",
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
                       filter={"include": ["public", "private"], "exclude_bot_users": True})),
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
    ]
    return View(type="modal", callback_id=CharterView.FORM, private_metadata=str(c.id) if c else "",
                title="Edit charter" if c else "New charter", submit="Save draft", close="Cancel", blocks=blocks)


def changes_modal(charter: Charter, *, clicked_in: tuple[str, str] | None = None) -> View:
    """The reason for changes; `clicked_in` (channel, ts) is the coordinator's DM to bring up to date after it."""
    where = f" {clicked_in[0]} {clicked_in[1]}" if clicked_in else ""
    return View(
        type="modal", callback_id=CharterView.CHANGES, private_metadata=f"{charter.id}{where}", title="Request changes",
        submit="Send to the lead", close="Cancel",
        blocks=[
            _md(f"Charter #{charter.id} *{clip(charter.title, 150)}* goes back to <@{charter.proposer_id}> as a "
                "draft, with your reason. They can edit it and resubmit it."),
            _text_input(F.REASON, "What should change", initial=None, max_length=MAX_TEXT, multiline=True),
        ],
    )


def findings_modal(charter: Charter) -> View:
    return View(
        type="modal", callback_id=CharterView.FINDINGS, private_metadata=str(charter.id), title="Bring back findings",
        submit="Post and complete", close="Cancel",
        blocks=[
            _md(f"Charter #{charter.id} *{clip(charter.title, 150)}*: your findings are posted to the community "
                "channel, and the charter is completed."),
            _text_input(F.FINDINGS, "What we found", initial=None, max_length=MAX_TEXT, multiline=True),
            _text_input(F.FINDINGS_LINK, "Link to the deliverable", initial=None, max_length=MAX_LINK,
                        placeholder="https://…"),
            _text_input(F.NEXT_STEPS, "What the community should do next", initial=None, max_length=MAX_TEXT,
                        multiline=True),
        ],
    )


def findings_message(charter: Charter) -> Message:
    team = ", ".join(f"<@{u}>" for u in charter.member_ids)
    return {
        "text": f"Findings of charter #{charter.id}: {clip(charter.title, 150)}",
        "blocks": [
            HeaderBlock(text=clip(f"Findings: {charter.title}", 150)),
            _context(f"Charter #{charter.id} · completed · team {team} · learning sponsor "
                     f"<@{charter.learning_sponsor_id}>"),
            _md(f"*What we found*\n{charter.findings}"),
            _md(f"*The deliverable* <{charter.findings_link}>\n_{clip(charter.deliverable, 1000)}_"),
            _md(f"*What the community should do next*\n{charter.next_steps}"),
        ],
    }


# -- lists, detail and the App Home --------------------------------------------------------------


def _line(charter: Charter) -> str:
    seats = f" · {plural(charter.open_seats, 'open seat')}" if charter.open_seats and not charter.is_closed else ""
    return (f"*#{charter.id} {clip(charter.title, 150)}* — {charter.status} · team of {len(charter.members)}"
            f"{seats} · {charter.hours_per_week} h/week × {plural(charter.weeks, 'week')}")


def takes_volunteers(charter: Charter) -> bool:
    """Seats are open for volunteers (a call for volunteers, or a team asking for more), once submitted and until
    it closes."""
    return charter.status in (S.PROPOSED, S.CHARTERED, S.ACTIVE) and charter.open_seats > 0


def charter_list(charters: list[Charter]) -> Message:
    """Every charter with its status in the playbook's words, and Volunteer on calls with open seats."""
    if not charters:
        return {"text": "No charters yet. `/charter new` drafts one."}
    shown = charters[:40]
    blocks: list[Block] = []
    for charter in shown:
        section = _md(f"{_line(charter)}\n_{STATUS_MEANING[S(charter.status)].capitalize()}._")
        if takes_volunteers(charter):
            section.accessory = _button("Volunteer", CharterAction.VOLUNTEER, charter, "primary")
        blocks.append(section)
    more = f" {plural(len(charters) - len(shown), 'older charter')} not shown." if len(charters) > len(shown) else ""
    volunteer = ("*Volunteer* puts you on a charter's team while seats are open. "
                 if any(takes_volunteers(c) for c in shown) else "")
    blocks.append(_context(f"{volunteer}`/charter show ID` shows a charter in full.{more}"))
    return {"text": f"{plural(len(charters), 'charter')} in this community", "blocks": blocks}


def charter_detail(charter: Charter) -> Message:
    blocks = charter_blocks(charter) + _closing_note(charter)
    if takes_volunteers(charter):
        blocks.append(_context(f"`/charter volunteer {charter.id}` puts you on the team."))
    return {"text": charter_text(charter), "blocks": blocks}


def next_report_text(charter: Charter) -> str:
    if charter.status == S.ACTIVE and charter.next_report_due:
        return f"Next report due *{day(charter.next_report_due)}* · `/charter report {charter.id}`"
    return f"Reports {CADENCES.get(charter.cadence, charter.cadence)} once active"


def home_blocks(data: CharterHome, user_id: str) -> list[Block]:
    """"Your charters" with their next report, and for coordinators the charters awaiting approval."""
    blocks: list[Block] = [HeaderBlock(text="Your charters")]
    if not data.mine:
        blocks.append(_context("You are on no charter yet. `/charter new` drafts one; `/charter list` shows them all."))
    for charter in data.mine[:HOME_LIMIT]:
        section = SectionBlock(text=MarkdownTextObject(text=clip(f"{_line(charter)}\n{next_report_text(charter)}")))
        if charter.status == S.ACTIVE:
            section.accessory = ButtonElement(text="Report", action_id=ReportAction.OPEN,
                                              value=subject_value(charter), style="primary")
        elif charter.status == S.DRAFT and user_id in charter.lead_ids:
            section.accessory = _button("Submit", CharterAction.SUBMIT, charter, "primary")
        elif charter.status == S.CHARTERED and user_id in charter.lead_ids:
            section.accessory = _button("Start", CharterAction.START, charter, "primary")
        blocks.append(section)
    shown = {e.accessory.text.text for e in blocks if isinstance(e, SectionBlock) and e.accessory is not None}
    meanings = {"Report": "*Report* opens the form to report your project's progress to the community",
                "Submit": "*Submit* sends your draft to the community",
                "Start": "*Start* begins your approved project"}
    if explained := [text for label, text in meanings.items() if label in shown]:
        blocks.append(_context("; ".join(explained) + "."))
    if data.awaiting_approval:
        blocks.append(HeaderBlock(text="Charters awaiting approval"))
        for charter in data.awaiting_approval[:HOME_LIMIT]:
            blocks += [
                _md(f"{_line(charter)}\nProposed by <@{charter.proposer_id}> · {effort_text(charter)}"),
                ActionsBlock(elements=[_button("Approve", CharterAction.APPROVE, charter, "primary"),
                                       _button("Request changes", CharterAction.REQUEST_CHANGES, charter)]),
            ]
        blocks.append(_context("As a coordinator, *Approve* charters the project; *Request changes* sends it back to "
                               "its lead with your reason."))
    return blocks
