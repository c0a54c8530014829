"""Who may do what, in one matrix.

Rows: every restricted action — coordinator-only (endorse on behalf of the community, approve,
request changes, settings), lead-only (start, complete, edit, submit), leads-and-coordinators (close,
cancel), member-only (report), author-only (journal entries, by thread edit or by the modal) and
export. Columns: who tries — a plain member of the thing, the lead of another thing, a coordinator,
and the thing's owner (its lead, creator or author; for settings, a workspace admin).

A refused try gets a clear answer naming who may (ephemeral, a notice, or an inline error) and
changes no row of the database; an allowed one does what it says.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import select

from bot.ids import (
    Action,
    CharterAction,
    CharterField,
    CharterView,
    GroupAction,
    JournalField,
    ReportAction,
    ReportField,
    ReportView,
    SettingsField,
    ViewId,
)
from bot.services.community import get_community
from bot.services.groups import ProposalInput, endorse_group, propose_group
from bot.services.reports.subjects import describe, subject_value
from bot.views.charters.modals import changes_modal, charter_modal, findings_modal
from bot.views.reports import build_report_modal
from bot.views.settings import build_settings_modal
from models import Challenge, Charter, JournalEntry, PracticeGroup, Report
from models.challenge import JournalSource
from models.charter import CharterStatus
from models.group import GroupStatus
from tests.support import charters as ch
from tests.support.challenges import create_challenge, days, reply
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, running_app
from tests.support.settling import Listeners
from tests.support.slack_requests import Response
from tests.support.snapshot import changes, snapshot
from tests.support.waiting import eventually

# Who tries: U2 is a plain member of each thing (in the group, on the charter's team, in the challenge);
# U3 leads another group; UCOORD is a listed coordinator; U1 owns each thing.
ACTORS = {"member": "U2", "other lead": "U3", "coordinator": "UCOORD", "owner": "U1"}
_views = itertools.count(1)  # each opened modal has its own view id, as on Slack
ADMIN = "UADMIN"  # the owner of a workspace's settings: an admin, always a coordinator
OWN_ENTRY = "Day 1: I automated the build."
OWN_MODAL_ENTRY = "Day 1, written in the form."


@dataclass
class World:
    """The things one row acts on, made the way members make them."""

    app: RunningApp
    group_id: int = 0
    group_name: str = "Data Viz"
    charter_id: int = 0
    challenge_id: int = 0
    challenge_title: str = ""
    journal_view: dict[str, Any] = field(default_factory=dict)

    def group(self) -> PracticeGroup:
        with self.app.deps.sessions() as session:
            return session.get_one(PracticeGroup, self.group_id)

    def charter(self) -> Charter:
        return ch.stored(self.app, self.charter_id)

    def entry(self, source: JournalSource, user: str = "U1") -> JournalEntry | None:
        with self.app.deps.sessions() as session:
            return session.scalars(select(JournalEntry).where(
                JournalEntry.challenge_id == self.challenge_id, JournalEntry.user_id == user,
                JournalEntry.source == source)).first()


def group_world(app: RunningApp, *, active: bool) -> World:
    with app.deps.sessions() as session:
        world = World(app, group_name=f"Data Viz {len(session.scalars(select(PracticeGroup.id)).all())}")
    with app.deps.sessions.begin() as session:
        group, _ = propose_group(session, "T0001", "U1", ProposalInput(
            name=world.group_name, reason="subtopic", focus="Charts", activities="Reading", cadence="weekly",
            member_ids=["U2"], channel_id=None), now=app.clock.now)
        if active:
            endorse_group(session, group, "UCOORD", is_coordinator=True, as_coordinator=True, now=app.clock.now)
        world.group_id = group.id
    return world


def charter_world(app: RunningApp, status: CharterStatus) -> World:
    """A charter of U1's (U2 named on its team) at `status`."""
    if status == CharterStatus.DRAFT:
        return World(app, charter_id=ch.draft(app))
    charter_id = ch.proposed_charter(app)
    if status in (CharterStatus.CHARTERED, CharterStatus.ACTIVE):
        ch.approve(app, charter_id)
    if status == CharterStatus.ACTIVE:
        ch.start(app, charter_id)
    return World(app, charter_id=charter_id)


def challenge_world(app: RunningApp) -> World:
    """U1's challenge, its first day posted; U1 and U2 take part; U1 replied in the thread and wrote in the form."""
    with app.deps.sessions() as session:
        title = f"30 days of DevOps {len(session.scalars(select(Challenge.id)).all())}"
    challenge = create_challenge(app, partners=[], title=title)
    app.tick()
    for user in ("U1", "U2"):
        assert app.slack.command("/challenge", f"join {title}", user=user).status == 200
    world = World(app, challenge_id=challenge.id, challenge_title=title)
    day = eventually(lambda: days(app, challenge.id)[0].post_ts)
    reply(app, day, OWN_ENTRY, user="U1", ts=f"{app.clock.now.timestamp():.0f}.9{challenge.id:05d}")
    eventually(lambda: world.entry(JournalSource.THREAD))
    app.fake.reset_calls()
    assert app.slack.command("/challenge", f"journal {title}", user="U1").status == 200
    world.journal_view = app.fake.wait_for("views.open")["view"]
    assert app.slack.submit(world.journal_view, {JournalField.TEXT: OWN_MODAL_ENTRY}, user="U1").status == 200
    eventually(lambda: world.entry(JournalSource.MODAL))
    return world


# -- the rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One restricted action: how to set it up, how an actor tries it, who may, what a refusal says."""

    world: Callable[[RunningApp], World]
    act: Callable[[World, str], Response]
    allowed: frozenset[str]
    refusal: str | None  # words the refusal says; None for events, where nobody asked and nobody is answered
    done: Callable[[World, str], bool]
    owner: str = "U1"


Act = Callable[[World, str], Response]


def _click(action: str, value: Callable[[World], str | None], *, home: bool = False) -> Act:
    def act(world: World, user: str) -> Response:
        view = {"id": "VHOME", "type": "home"} if home else None
        return world.app.slack.action(action, value(world), user=user, view=view,
                                      channel=None if home else "CCOMMUNITY")
    return act


def _command(command: str, text: Callable[[World], str]) -> Callable[[World, str], Response]:
    return lambda world, user: world.app.slack.command(command, text(world), user=user)


def _submit(view: Callable[[World], Any], answers: dict[str, Any]) -> Callable[[World, str], Response]:
    def act(world: World, user: str) -> Response:
        built = view(world)
        opened = (built if isinstance(built, dict) else built.to_dict()) | {"id": f"V-{user}-{next(_views)}"}
        return world.app.slack.submit(opened, answers, user=user)
    return act


def _opened(callback_id: str) -> Callable[[World, str], bool]:
    """The allowed try opened this modal."""
    return lambda world, user: bool(world.app.fake.calls_to("views.open") and any(
        c["view"].get("callback_id") == callback_id for c in world.app.fake.calls_to("views.open")))


def _charter_is(status: CharterStatus) -> Callable[[World, str], bool]:
    return lambda world, user: world.charter().status == status


def _reported(world: World, user: str) -> bool:
    with world.app.deps.sessions() as session:
        return session.scalars(select(Report).where(Report.author_id == user)).first() is not None


def _edited_by_thread(world: World, user: str) -> bool:
    entry = world.entry(JournalSource.THREAD)
    return entry is not None and entry.text == "Edited in the thread"


def _written_in_form(world: World, user: str) -> bool:
    """The member's own form entry is written; the owner's stays theirs."""
    mine = world.entry(JournalSource.MODAL, user)
    owners = world.entry(JournalSource.MODAL, "U1")
    return (mine is not None and mine.text == "Rewritten in the form"
            and owners is not None and (user == "U1" or owners.text == OWN_MODAL_ENTRY))


def _exported(world: World, user: str) -> bool:
    """A file in the member's DM: everyone's public entries for the owner and coordinators, their own for others."""
    upload = world.app.fake.wait_for("upload")
    content = world.app.fake.uploads[upload["file_id"]].decode()
    return (OWN_ENTRY in content) == (user in ("U1", "UCOORD"))


def _thread_edit(world: World, user: str) -> Response:
    entry = world.entry(JournalSource.THREAD)
    assert entry is not None
    return world.app.slack.event({
        "type": "message", "subtype": "message_changed", "channel": "CCOMMUNITY", "ts": "1764000000.000777",
        "message": {"type": "message", "user": user, "text": "Edited in the thread", "ts": entry.slack_ts,
                    "thread_ts": "1"}})


def _thread_delete(world: World, user: str) -> Response:
    """Slack says a reply in the day's thread was deleted, and whose it was."""
    entry = world.entry(JournalSource.THREAD)
    assert entry is not None
    return world.app.slack.event({
        "type": "message", "subtype": "message_deleted", "channel": "CCOMMUNITY", "ts": "1764000000.000778",
        "deleted_ts": entry.slack_ts, "previous_message": {"type": "message", "user": user, "text": OWN_ENTRY,
                                                           "ts": entry.slack_ts, "thread_ts": "1"}})


def _settings_modal(world: World) -> Any:
    with world.app.deps.sessions() as session:
        return build_settings_modal(get_community(session, "T0001"))


def _settings_saved(world: World, user: str) -> bool:
    with world.app.deps.sessions() as session:
        return get_community(session, "T0001").default_timezone == "Europe/Paris"


REPORT = {ReportField.PROGRESS: "Charted our data", ReportField.LEARNINGS: "Bars beat pies", ReportField.ASKS: "None"}
FINDINGS = {CharterField.FINDINGS: "Pact fits best.", CharterField.FINDINGS_LINK: "https://wiki.example.com/pact",
            CharterField.NEXT_STEPS: "Try it next quarter."}
LEAD_ONLY = "Only the charter's lead"
COORDINATORS = frozenset({"coordinator", "owner"})  # in settings rows, the owner is a workspace admin


def proposed_group(app: RunningApp) -> World:
    return group_world(app, active=False)


def active_group(app: RunningApp) -> World:
    return group_world(app, active=True)


def charter_at(status: CharterStatus) -> Callable[[RunningApp], World]:
    return lambda app: charter_world(app, status)


ROWS: dict[str, Row] = {
    "endorse a group as the community": Row(
        proposed_group, _click(GroupAction.ENDORSE_AS_COORDINATOR, lambda w: str(w.group_id)),
        frozenset({"coordinator"}), "Only coordinators can endorse a group on behalf of the community",
        lambda w, u: w.group().status == GroupStatus.ACTIVE),
    "approve a charter": Row(
        charter_at(CharterStatus.PROPOSED), _click(CharterAction.APPROVE, lambda w: str(w.charter_id)),
        frozenset({"coordinator"}), "Only coordinators can approve a charter", _charter_is(CharterStatus.CHARTERED)),
    "request changes (button)": Row(
        charter_at(CharterStatus.PROPOSED), _click(CharterAction.REQUEST_CHANGES, lambda w: str(w.charter_id)),
        frozenset({"coordinator"}), "Only coordinators can request changes", _opened(CharterView.CHANGES)),
    "request changes (form)": Row(
        charter_at(CharterStatus.PROPOSED),
        _submit(lambda w: changes_modal(w.charter()), {CharterField.REASON: "Narrow the scope, please."}),
        frozenset({"coordinator"}), "Only coordinators can request changes", _charter_is(CharterStatus.DRAFT)),
    "start a charter": Row(
        charter_at(CharterStatus.CHARTERED), _click(CharterAction.START, lambda w: str(w.charter_id)),
        frozenset({"owner"}), LEAD_ONLY, _charter_is(CharterStatus.ACTIVE)),
    "complete a charter (command)": Row(
        charter_at(CharterStatus.ACTIVE), _command("/charter", lambda w: f"complete {w.charter_id}"),
        frozenset({"owner"}), LEAD_ONLY, _opened(CharterView.FINDINGS)),
    "complete a charter (findings form)": Row(
        charter_at(CharterStatus.ACTIVE), _submit(lambda w: findings_modal(w.charter()), FINDINGS),
        frozenset({"owner"}), LEAD_ONLY, _charter_is(CharterStatus.COMPLETED)),
    "cancel a charter": Row(
        charter_at(CharterStatus.ACTIVE), _command("/charter", lambda w: f"cancel {w.charter_id}"),
        frozenset({"owner", "coordinator"}), "Only the charter's lead (<@U1>) or a coordinator",
        _charter_is(CharterStatus.CANCELLED)),
    "edit a charter (command)": Row(
        charter_at(CharterStatus.PROPOSED), _command("/charter", lambda w: f"edit {w.charter_id}"),
        frozenset({"owner"}), LEAD_ONLY, _opened(CharterView.FORM)),
    "edit a charter (button)": Row(
        charter_at(CharterStatus.PROPOSED), _click(CharterAction.EDIT, lambda w: str(w.charter_id)),
        frozenset({"owner"}), LEAD_ONLY, _opened(CharterView.FORM)),
    "edit a charter (form)": Row(
        charter_at(CharterStatus.PROPOSED),
        _submit(lambda w: charter_modal(w.charter()), ch.FORM | {CharterField.TITLE: "A sharper title"}),
        frozenset({"owner"}), LEAD_ONLY, lambda w, u: w.charter().title == "A sharper title"),
    "submit a charter": Row(
        charter_at(CharterStatus.DRAFT), _click(CharterAction.SUBMIT, lambda w: str(w.charter_id)),
        frozenset({"owner"}), LEAD_ONLY, _charter_is(CharterStatus.PROPOSED)),
    "endorse a charter": Row(
        charter_at(CharterStatus.PROPOSED), _click(CharterAction.ENDORSE, lambda w: str(w.charter_id)),
        frozenset({"member", "other lead", "coordinator"}), "endorsements come from the rest of the community",
        lambda w, u: u in {e.user_id for e in w.charter().endorsements}),
    "report on a charter": Row(
        charter_at(CharterStatus.ACTIVE), _command("/charter", lambda w: f"report {w.charter_id}"),
        frozenset({"owner", "member"}), "Only members of", _opened(ReportView.REPORT)),
    "report on a group (command)": Row(
        active_group, _command("/practice", lambda w: f"report {w.group_name}"),
        frozenset({"owner", "member"}), "Only members of *{group}* can report", _opened(ReportView.REPORT)),
    "report on a group (button)": Row(
        active_group, _click(ReportAction.OPEN, lambda w: subject_value(w.group())),
        frozenset({"owner", "member"}), "Only members of *{group}* can report", _opened(ReportView.REPORT)),
    "report on a group (form)": Row(
        active_group, _submit(lambda w: build_report_modal(describe(w.group()), final=False), REPORT),
        frozenset({"owner", "member"}), "Only members of *{group}* can report", _reported),
    "close a group (command)": Row(
        active_group, _command("/practice", lambda w: f"close {w.group_name}"),
        frozenset({"owner", "coordinator"}), "Only the leads of *{group}* and coordinators can close it",
        _opened(ReportView.REPORT)),
    "close a group (closing report form)": Row(
        active_group, _submit(lambda w: build_report_modal(describe(w.group()), final=True), REPORT),
        frozenset({"owner", "coordinator"}), "Only the leads of *{group}* and coordinators can close it",
        lambda w, u: w.group().status == GroupStatus.ARCHIVED),
    "edit a journal entry (thread edit)": Row(
        challenge_world, _thread_edit, frozenset({"owner"}), None, _edited_by_thread),
    "delete a journal entry (thread delete)": Row(
        challenge_world, _thread_delete, frozenset({"owner"}), None,
        lambda w, u: w.entry(JournalSource.THREAD) is None),
    "edit a journal entry (form)": Row(
        challenge_world, _submit(lambda w: w.journal_view, {JournalField.TEXT: "Rewritten in the form"}),
        frozenset({"owner", "member"}), "Join", _written_in_form),
    "export the journals": Row(
        challenge_world, _command("/challenge", lambda w: f"export {w.challenge_title}"),
        frozenset({"owner", "member", "coordinator"}),
        "You can export the journal of a challenge you take part in or created; coordinators can export any",
        _exported),
    "open the settings": Row(
        lambda app: World(app), _click(Action.OPEN_SETTINGS, lambda w: None, home=True),
        COORDINATORS, "Only coordinators", _opened(ViewId.SETTINGS), owner=ADMIN),
    "change the settings": Row(
        lambda app: World(app), _submit(_settings_modal, {
            SettingsField.CHANNEL: "CCOMMUNITY", SettingsField.COORDINATORS: ["UCOORD"],
            SettingsField.TIMEZONE: "Europe/Paris"}),
        COORDINATORS, "Only coordinators can change settings", _settings_saved, owner=ADMIN),
}


@pytest.fixture
def community(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[tuple[RunningApp, Listeners]]:
    """The app, a community (channel, coordinator UCOORD) and U3 leading a group of their own."""
    with running_app(fake_slack, sqlite_url) as app:
        listeners = Listeners(app)
        ch.with_community(app)
        with app.deps.sessions.begin() as session:
            group, _ = propose_group(session, "T0001", "U3", ProposalInput(
                name="Other group", reason="subtopic", focus="Other things", activities="", cadence="weekly",
                member_ids=[], channel_id=None), now=app.clock.now)
            endorse_group(session, group, "UCOORD", is_coordinator=True, as_coordinator=True, now=app.clock.now)
        yield app, listeners


def _answer(app: RunningApp, response: Response) -> str:
    """Everything the actor was told: the ack, ephemeral messages, notices and inline errors."""
    told = [response.body] + [c.text for c in app.fake.calls
                              if c.method in ("response_url", "views.open", "chat.postEphemeral")]
    return "\n".join(told)


@pytest.mark.parametrize("action", list(ROWS))
def test_who_may_do_what(community: tuple[RunningApp, Listeners], action: str) -> None:
    """Each actor tries the action: the refused ones first, on one thing (a refusal changes nothing), then each
    allowed one on a thing of its own."""
    app, listeners = community
    row = ROWS[action]
    refused = [actor for actor in ACTORS if actor not in row.allowed]
    shared = row.world(app) if refused else None
    wrong = [f"{actor}: {problem}" for actor in refused + sorted(row.allowed)
             if (problem := _try(app, listeners, row, action, actor, shared if actor in refused else None))]
    assert not wrong, f"{action}:\n" + "\n".join(wrong)


def _try(app: RunningApp, listeners: Listeners, row: Row, action: str, actor: str, world: World | None) -> str | None:
    """What went wrong when `actor` tried `action` (on `world`, or a new one); None when it went as the matrix
    says."""
    world = world or row.world(app)
    user = row.owner if actor == "owner" else ACTORS[actor]
    listeners.settle()
    app.fake.reset_calls()
    engine = app.deps.sessions.kw["bind"]
    before = snapshot(engine)
    response = row.act(world, user)
    listeners.settle()
    if response.status != 200:
        return f"HTTP {response.status} {response.body[:200]}"
    if actor in row.allowed:
        try:
            eventually(lambda: row.done(world, user))
        except AssertionError:
            return f"{user} could not {action}: was told {_answer(app, response)[:300]}"
        return None
    if changed := changes(before, snapshot(engine)):
        return f"{user} was refused, yet {changed}"
    if row.refusal is not None and row.refusal.format(group=world.group_name) not in (told := _answer(app, response)):
        return f"{user} was not told who may: {told[:300]}"
    return None


def test_a_members_coordinator_checks_ask_slack_once_in_a_while(community: tuple[RunningApp, Listeners]) -> None:
    """Whether a member is a workspace admin is asked of Slack (users.info) once, not at every click."""
    app, listeners = community
    world = charter_world(app, CharterStatus.PROPOSED)
    listeners.settle()
    app.fake.reset_calls()
    clicks = 6
    for _ in range(clicks):  # an admin (not listed as a coordinator) opens Settings again and again
        assert app.slack.action(Action.OPEN_SETTINGS, user=ADMIN, view={"id": "VHOME", "type": "home"}).status == 200
    for action in (CharterAction.APPROVE, CharterAction.REQUEST_CHANGES) * (clicks // 2):  # a plain member tries
        assert app.slack.action(action, str(world.charter_id), user="U2", channel="CCOMMUNITY").status == 200
    listeners.settle()
    opened = [c for c in app.fake.calls_to("views.open") if c["view"].get("callback_id") == ViewId.SETTINGS]
    assert len(opened) == clicks
    assert len(app.fake.calls_to("response_url")) == clicks  # each refused click answered
    assert len(app.fake.calls_to("users.info", user=ADMIN)) == 1
    assert len(app.fake.calls_to("users.info", user="U2")) == 1


@pytest.mark.parametrize(("form", "who"), [("findings", LEAD_ONLY),
                                          ("changes", "Only coordinators can request changes")])
def test_someone_who_may_not_is_told_so_before_what_to_fill_in(community: tuple[RunningApp, Listeners], form: str,
                                                                who: str) -> None:
    """An empty form from someone who may not send it: the answer is who may, not which box is empty."""
    app, listeners = community
    world = charter_world(app, CharterStatus.ACTIVE if form == "findings" else CharterStatus.PROPOSED)
    listeners.settle()
    view = findings_modal(world.charter()) if form == "findings" else changes_modal(world.charter())
    response = app.slack.submit(view.to_dict(), {}, user="U2")
    errors = response.json()["errors"]
    assert any(who in error for error in errors.values()), errors
