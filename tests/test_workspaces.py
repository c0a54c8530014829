"""Two installed workspaces see nothing of each other.

Workspace A has a practice group with a report, two charters (one proposed, one active), a running
challenge with its first day posted and a journal entry, and its own activity set. Then workspace B,
with its own team id, members and token, replays every slash command and sub-command, every button
in bot/ids.py, every modal (with A's private_metadata) and message events in A's channel and threads,
naming A's things by their names and ids; as B's admin, and as A's coordinator, who is a member of B
too. B's answers (acks, ephemeral messages, modals, DMs, files) never name anything of A's, and no
row of A's (nor of anyone but B) changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from string import Formatter
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.db import make_engine, make_sessions
from bot.ids import (
    Action,
    CalendarAction,
    ChallengeAction,
    ChallengeView,
    CharterAction,
    CharterField,
    CharterView,
    Command,
    DataAction,
    DataField,
    DataView,
    GroupAction,
    GroupField,
    GroupView,
    JournalField,
    ReportAction,
    ReportField,
    ReportView,
    SearchAction,
    SearchField,
    SearchView,
    SettingsField,
    TemplateField,
    ViewId,
)
from bot.services.challenges.journals import JournalTarget
from bot.services.challenges.templates import import_set
from bot.services.community import get_community
from bot.services.groups import ProposalInput, endorse_group, propose_group
from bot.services.memberdata.erase import MemberData
from bot.services.reports.reports import ReportInput, create_report
from bot.services.reports.subjects import describe
from bot.views.challenges.journal import build_journal_modal
from bot.views.challenges.new import build_new_challenge_modal
from bot.views.challenges.templates import build_import_modal
from bot.views.charters.modals import changes_modal, charter_modal, findings_modal
from bot.views.groups import build_propose_modal
from bot.views.memberdata import delete_member_modal, delete_workspace_modal
from bot.views.reports import build_feedback_modal, build_report_modal
from bot.views.search import search_modal
from bot.views.settings import build_settings_modal
from bot.views.usage import SUBCOMMANDS
from models import Challenge, ChallengeDay, Charter, JournalEntry, PracticeGroup, Report
from models.group import GroupMember, MemberRole
from models.report import FeedbackKind
from tests.support.challenges import answers, create_challenge, reply
from tests.support.charters import FORM, active_charter, add_group, proposed_charter, with_community
from tests.support.fake_slack import TEAM_ID, FakeSlack
from tests.support.ids import action_ids, callback_ids
from tests.support.oauth import OAUTH_ENV, install
from tests.support.running_app import SIGNING_SECRET, RunningApp, running_app
from tests.support.settling import Listeners
from tests.support.slack_requests import Response, SlackSender
from tests.support.snapshot import changes, foreign_changes, snapshot
from tests.support.waiting import eventually

A, B = TEAM_ID, "T0002"
B_TOKEN = "xoxb-workspace-b"
B_ADMIN = "UBADMIN"  # an admin of B: a coordinator there, the most any request from B can be
A_COORDINATOR = "UCOORD"  # A's coordinator, also a member of B: in B they are no coordinator of A's

# Words that name A's things; none may reach anyone in B.
GROUP, CHARTER, PROPOSED, CHALLENGE, ENTRY, REPORT, SET = (
    "Zebra Sketching", "Survey of contract-testing tools", "Okapi tooling review", "Quokka Challenge",
    "Narwhal reflections", "Pangolin progress", "Capybara Set")
SECRETS = (GROUP, CHARTER, PROPOSED, CHALLENGE, ENTRY, REPORT, SET, "Zebra", "Okapi", "Quokka", "Narwhal",
           "Pangolin", "Capybara")


@dataclass(frozen=True)
class WorkspaceA:
    group: PracticeGroup
    report: Report
    charter: Charter  # active
    proposed: Charter
    challenge: Challenge
    day: ChallengeDay
    entry: JournalEntry


@dataclass
class Replay:
    """Workspace B's side: its sender, and the checks after each request."""

    app: RunningApp
    slack: SlackSender
    a: WorkspaceA
    listeners: Listeners

    def check(self, what: str, response: Response, typed: str | None = None) -> None:
        """Nothing of A's in the answer, nor in anything the bot sent while answering; what B `typed` itself
        (a name it asked about) may be said back."""
        self.listeners.settle()

        def heard(text: str) -> str:
            return text.replace(typed, "…") if typed else text

        assert response.status in (200, 404), (what, response.status)
        leaked = [word for word in SECRETS if word in heard(response.body)]
        assert not leaked, f"{what} answered with A's {leaked}: {response.body[:400]}"
        for call in self.app.fake.calls:
            said = heard(call.text + str(call.params.get("view", "")))
            leaked = [word for word in SECRETS if word in said]
            assert not leaked, f"{what} made {call.method} with A's {leaked}: {said[:400]}"
            assert call.token in (B_TOKEN, None), f"{what} called {call.method} with A's token"
        for content in self.app.fake.uploads.values():
            assert not [word for word in SECRETS if word.encode() in content], f"{what} sent a file with A's entries"
        self.app.fake.reset_calls()
        self.app.fake.uploads.clear()


@pytest.fixture
def fake_two(fake_slack: FakeSlack) -> FakeSlack:
    """The fake Slack with a second workspace: its token, admin, member and channel."""
    fake_slack.add_team(B, B_TOKEN)
    fake_slack.add_user(B_ADMIN, name="Bea", is_admin=True, team_id=B)
    fake_slack.add_user("UB2", name="Bo", team_id=B)
    fake_slack.add_channel("CBCOMMUNITY", name="b-community", team_id=B)
    return fake_slack


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def replay(request: pytest.FixtureRequest, fake_two: FakeSlack) -> Iterator[Replay]:
    """Both workspaces installed and A's things made, on SQLite and on PostgreSQL."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    with running_app(fake_two, url, **OAUTH_ENV) as app:
        listeners = Listeners(app)
        install(app)
        install(app, B)
        a = workspace_a(app)
        app.set_community("CBCOMMUNITY", coordinators=(B_ADMIN,), team_id=B)
        app.fake.users[A_COORDINATOR]["team_id"] = None  # A's coordinator is a member of B too (Enterprise Grid)
        listeners.settle()
        app.fake.reset_calls()
        app.fake.uploads.clear()
        yield Replay(app, SlackSender(app.url, SIGNING_SECRET, app.fake, team_id=B), a, listeners)


def workspace_a(app: RunningApp) -> WorkspaceA:
    """A's things, made the way A's members make them."""
    with_community(app)
    charter_id = active_charter(app, **{CharterField.TITLE: CHARTER})
    proposed_id = proposed_charter(app, **{CharterField.TITLE: PROPOSED})
    group_id = add_group(app, GROUP)
    challenge = create_challenge(app, title=CHALLENGE, partners=[])
    app.tick()
    assert app.slack.command("/challenge", f"join {CHALLENGE}", user="U1").status == 200
    day = eventually(lambda: _first(app, select(ChallengeDay).where(ChallengeDay.challenge_id == challenge.id,
                                                                    ChallengeDay.post_ts.is_not(None))))
    reply(app, day.post_ts or "", ENTRY, user="U1")
    entry = eventually(lambda: _first(app, select(JournalEntry)))
    with app.deps.sessions.begin() as session:
        group = session.get_one(PracticeGroup, group_id)
        endorse_group(session, group, "UCOORD", is_coordinator=True, as_coordinator=True, now=app.clock.now)
        report, _ = create_report(session, group, "U3", ReportInput(REPORT, "Learnt a lot", "Nothing"), final=False,
                                  now=app.clock.now)
        import_set(session, A, f"name: {SET}\nactivities:\n  - Draw a capybara\n", by="U1", now=app.clock.now)
    with app.deps.sessions() as session:
        return WorkspaceA(session.get_one(PracticeGroup, group_id), session.get_one(Report, report.id),
                          session.get_one(Charter, charter_id), session.get_one(Charter, proposed_id),
                          session.get_one(Challenge, challenge.id), day, entry)


def _first(app: RunningApp, query: Any) -> Any:
    with app.deps.sessions() as session:
        return session.scalars(query).first()


# -- what B replays ----------------------------------------------------------------------------------

COMMANDS: dict[Command, list[str]] = {
    Command.PRACTICE: ["propose", "list", "join {group}", "leave {group}", "report {group}", "close {group}",
                       "search {group}", "search reflections", "data export", "data delete <@U1>",
                       "data delete-workspace"],
    Command.CHARTER: ["new {group}", "list", "show {charter}", "show {proposed}", "edit {proposed}",
                      "volunteer {proposed}", "report {charter}", "complete {charter}", "cancel {proposed}",
                      "cancel {charter}"],
    Command.CHALLENGE: ["new", "join {challenge}", "join", "leave {challenge}", "leave", "status {challenge}",
                        "status", "journal {challenge}", "journal", "templates", "templates export {set}",
                        "export {challenge}", "export {challenge} md", "nudges off", "away 2026-12-01", "back"],
}


def _names(a: WorkspaceA) -> dict[str, Any]:
    return {"group": GROUP, "charter": a.charter.id, "proposed": a.proposed.id, "challenge": CHALLENGE, "set": SET}


def test_every_documented_sub_command_is_replayed() -> None:
    for command, syntaxes in SUBCOMMANDS.items():
        replayed = {text.split()[0] for text in COMMANDS[command] if text}
        assert {syntax.split()[0] for syntax, _ in syntaxes} <= replayed, command


@pytest.mark.parametrize("user", [B_ADMIN, A_COORDINATOR])
def test_commands_from_another_workspace_see_nothing_of_it(replay: Replay, user: str) -> None:
    before = snapshot(replay.app.deps.sessions.kw["bind"])
    for command, texts in COMMANDS.items():
        for text in texts:
            names = _names(replay.a)
            said = text.format(**names)
            named = [str(names[key]) for _, key, _, _ in Formatter().parse(text) if key]
            # Typed in A's channel: a command that falls back on "the challenge in this channel" must not find A's.
            response = replay.slack.command(command, said, user=user, channel="CCOMMUNITY")
            replay.check(f"{command} {said}", response, typed=named[0] if named else None)
    assert foreign_changes(before, snapshot(replay.app.deps.sessions.kw["bind"]), B) == []



def _clicks(a: WorkspaceA) -> dict[str, list[str | None]]:
    """Each button with the values A's copies of it carry."""
    subjects = [f"group:{a.group.id}", f"charter:{a.charter.id}"]
    charters = [str(a.proposed.id), str(a.charter.id)]
    return {
        Action.OPEN_SETTINGS: [None],
        ReportAction.OPEN: subjects, ReportAction.ENDORSE: [str(a.report.id)],
        ReportAction.CRITIQUE: [str(a.report.id)], ReportAction.REFINE: [str(a.report.id)],
        ChallengeAction.JOIN: [str(a.challenge.id)], ChallengeAction.OPEN_JOURNAL: [str(a.challenge.id)],
        ChallengeAction.IMPORT_SET: [None], ChallengeAction.EXPORT_SET: [SET],
        GroupAction.JOIN: [str(a.group.id)], GroupAction.ENDORSE: [str(a.group.id)],
        GroupAction.ENDORSE_AS_COORDINATOR: [str(a.group.id)],
        CalendarAction.ADD: [f"challenge:{a.challenge.id}", f"group:{a.group.id}", f"charter:{a.charter.id}"],
        SearchAction.QUERY: [GROUP, "reflections"], DataAction.EXPORT: [None],
        **{action: charters for action in CharterAction},
    }


def test_every_button_is_replayed() -> None:
    thing = SimpleNamespace(id=1, proposal_ts=None)
    a = SimpleNamespace(group=thing, report=thing, charter=thing, proposed=thing, challenge=thing)
    assert set(_clicks(a)) == action_ids()  # type: ignore[arg-type]


@pytest.mark.parametrize("user", [B_ADMIN, A_COORDINATOR])
def test_buttons_from_another_workspace_see_nothing_of_it(replay: Replay, user: str) -> None:
    a = replay.a
    before = snapshot(replay.app.deps.sessions.kw["bind"])
    # Clicked on A's own messages: the proposal in A's community channel.
    message = {"ts": a.proposed.proposal_ts, "type": "message", "text": "", "blocks": []}
    for action_id, values in _clicks(a).items():
        for value in values:
            response = replay.slack.action(action_id, value, user=user, channel="CCOMMUNITY", message=message)
            replay.check(f"{action_id} {value}", response, typed=value)
    assert foreign_changes(before, snapshot(replay.app.deps.sessions.kw["bind"]), B) == []


ModalCase = Callable[[RunningApp, WorkspaceA], tuple[Any, dict[str, Any]]]


def _modals() -> dict[str, list[ModalCase]]:
    """Each modal as A's member had it (A's private_metadata), with what B fills in."""
    def settings(app: RunningApp, a: WorkspaceA) -> tuple[Any, dict[str, Any]]:
        with app.deps.sessions() as session:
            view = build_settings_modal(get_community(session, A))
        return view, {SettingsField.CHANNEL: "CCOMMUNITY", SettingsField.COORDINATORS: [B_ADMIN],
                      SettingsField.TIMEZONE: "UTC"}

    report_answers = {ReportField.PROGRESS: "B's progress", ReportField.LEARNINGS: "B's learnings",
                      ReportField.ASKS: "B's asks"}
    charter_answers = FORM | {CharterField.TITLE: "B's own charter", CharterField.CHANNEL: "CCOMMUNITY"}
    findings = {CharterField.FINDINGS: "B's findings", CharterField.NEXT_STEPS: "B's next steps"}
    return {
        ViewId.SETTINGS: [settings],
        ReportView.REPORT: [
            lambda app, a: (build_report_modal(describe(a.group), final=False), report_answers),
            lambda app, a: (build_report_modal(describe(a.group), final=True), report_answers),
            lambda app, a: (build_report_modal(describe(a.charter), final=False), report_answers)],
        ReportView.FEEDBACK: [lambda app, a, kind=kind: (build_feedback_modal(a.report, kind),  # type: ignore[misc]
                                                         {ReportField.FEEDBACK: "B says"}) for kind in FeedbackKind],
        ChallengeView.NEW: [lambda app, a: (
            build_new_challenge_modal([], timezone="UTC", channel_id="CCOMMUNITY", today=a.challenge.start_date),
            answers(title="B's challenge", channel="CCOMMUNITY", template="DevOps"))],
        ChallengeView.JOURNAL: [lambda app, a: (build_journal_modal(JournalTarget(a.challenge, a.day, a.entry)),
                                                {JournalField.TEXT: "B's entry", JournalField.PRIVATE: []})],
        ChallengeView.IMPORT_SET: [lambda app, a: (build_import_modal(), {
            TemplateField.YAML: f"name: {SET}\nactivities:\n  - B's own activity\n"})],
        GroupView.PROPOSE: [lambda app, a: (build_propose_modal(B_ADMIN), {
            GroupField.NAME: "B's group", GroupField.REASON: "subtopic", GroupField.FOCUS: "B's focus",
            GroupField.ACTIVITIES: "Reading", GroupField.CADENCE: "weekly", GroupField.MEMBERS: [],
            GroupField.CHANNEL: "CCOMMUNITY"})],
        CharterView.FORM: [lambda app, a: (charter_modal(a.proposed), charter_answers),
                           lambda app, a: (charter_modal(a.charter), charter_answers)],
        CharterView.CHANGES: [lambda app, a: (changes_modal(a.proposed, clicked_in=("CCOMMUNITY", a.proposed.proposal_ts
                                                                                    or "")),
                                              {CharterField.REASON: "B wants changes"})],
        CharterView.FINDINGS: [lambda app, a: (findings_modal(a.charter), findings)],
        SearchView.RESULTS: [lambda app, a: (search_modal(None, "a-workspace", words=GROUP),
                                             {SearchField.QUERY: "reflections"})],
        # Last: B's admin confirms, so B's own data goes; A's must stay.
        DataView.DELETE_MEMBER: [lambda app, a: (delete_member_modal("U1", MemberData(journal_entries=1)), {})],
        DataView.DELETE_WORKSPACE: [lambda app, a: (delete_workspace_modal("Workspace A", {"journal_entries": 1}),
                                                    {DataField.CONFIRM: "DELETE"})],
    }



def test_every_modal_is_replayed() -> None:
    assert set(_modals()) == callback_ids()


def test_modals_from_another_workspace_see_nothing_of_it(replay: Replay) -> None:
    before = snapshot(replay.app.deps.sessions.kw["bind"])
    for callback_id, cases in _modals().items():
        for case in cases:
            view, filled = case(replay.app, replay.a)
            # The answer names B's own words (an imported set's name, say), never A's; SET is B's to reuse.
            response = replay.slack.submit(view.to_dict() | {"id": f"VB{callback_id}"}, filled, user=B_ADMIN)
            replay.check(f"modal {callback_id}", response,
                         typed=SET if callback_id == ChallengeView.IMPORT_SET else None)
    assert foreign_changes(before, snapshot(replay.app.deps.sessions.kw["bind"]), B) == []


def test_message_events_from_another_workspace_see_nothing_of_it(replay: Replay) -> None:
    a = replay.a
    post_ts, entry_ts = a.day.post_ts or "", a.entry.slack_ts or ""
    events: list[dict[str, Any]] = [
        {"type": "message", "channel": "CCOMMUNITY", "channel_type": "channel", "user": B_ADMIN, "text": "B's reply",
         "ts": "1764000000.000900", "thread_ts": post_ts},
        {"type": "message", "channel": "CCOMMUNITY", "channel_type": "channel", "user": "U2", "text": "as U2",
         "ts": "1764000000.000901", "thread_ts": post_ts},
        {"type": "message", "subtype": "message_changed", "channel": "CCOMMUNITY", "ts": "1764000000.000902",
         "message": {"type": "message", "user": "U1", "text": "rewritten by B", "ts": entry_ts, "thread_ts": post_ts}},
        {"type": "message", "subtype": "message_deleted", "channel": "CCOMMUNITY", "ts": "1764000000.000903",
         "deleted_ts": entry_ts, "previous_message": {"type": "message", "user": "U1", "ts": entry_ts,
                                                      "thread_ts": post_ts}},
        {"type": "app_home_opened", "user": B_ADMIN, "tab": "home"},
    ]
    before = snapshot(replay.app.deps.sessions.kw["bind"])
    messages = {c: [dict(m) for m in ms] for c, ms in replay.app.fake.messages.items()}
    reactions = set(replay.app.fake.reactions)
    for event in events:
        replay.check(f"{event['type']} {event.get('subtype', '')}", replay.slack.event(event))
    assert foreign_changes(before, snapshot(replay.app.deps.sessions.kw["bind"]), B) == []
    assert {c: [dict(m) for m in ms] for c, ms in replay.app.fake.messages.items() if c in messages} == messages
    assert replay.app.fake.reactions == reactions


def test_the_snapshot_sees_every_change_outside_a_workspace(sqlite_url: str) -> None:
    """A row of A's changed, even one without a team_id of its own (a group's member), is caught; B's own are not."""
    engine = make_engine(sqlite_url)
    sessions = make_sessions(engine)

    def group(team_id: str, name: str) -> int:
        with sessions.begin() as session:
            made, _ = propose_group(session, team_id, "U1", ProposalInput(
                name=name, reason="subtopic", focus="Charts", activities="", cadence="weekly", member_ids=["U2"],
                channel_id=None), now=datetime(2026, 11, 23, tzinfo=UTC))
            return made.id

    try:
        a_group = group(A, GROUP)
        before = snapshot(engine)
        group(B, "B's group")
        after = snapshot(engine)
        assert foreign_changes(before, after, B) == [] and len(changes(before, after)) == 3  # a group, two members
        with sessions.begin() as session:
            session.execute(update(GroupMember).where(GroupMember.group_id == a_group, GroupMember.user_id == "U2")
                            .values(role=MemberRole.LEAD))
        changed = foreign_changes(after, snapshot(engine), B)
        assert len(changed) == 1 and changed[0].startswith("practice_group_members"), changed
    finally:
        engine.dispose()


def test_a_form_from_another_workspace_under_a_view_id_already_seen_is_its_own(replay: Replay) -> None:
    """A form is recognised as submitted again by its view id within its workspace only: B's new charter form
    under the view id of A's is B's new draft, not A's charter again (which would drop B's silently)."""
    a_view = replay.a.charter.form_view_id
    assert a_view
    before = snapshot(replay.app.deps.sessions.kw["bind"])
    view = charter_modal().to_dict() | {"id": a_view}
    response = replay.slack.submit(view, FORM | {CharterField.TITLE: "B's own charter"}, user=B_ADMIN)
    replay.check("a charter form under A's view id", response)
    assert foreign_changes(before, snapshot(replay.app.deps.sessions.kw["bind"]), B) == []
    with replay.app.deps.sessions() as session:
        mine = session.scalars(select(Charter).where(Charter.team_id == B)).one()
    assert (mine.title, mine.proposer_id, mine.form_view_id) == ("B's own charter", B_ADMIN, a_view)
