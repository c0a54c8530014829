"""Hostile and odd input in every modal's fields (property-based): never a 5xx, never a partial write, always an
answer, and nothing the bot repeats pings anyone or breaks Block Kit.

Each example runs in a fresh workspace (its own fake Slack and SQLite copy): the modal is opened the way a member
opens it (so its private_metadata is the real one), filled with valid answers of which some are replaced by
hostile or odd values, and submitted. Every callback_id in bot/ids.py needs a case here, so new modals get covered.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from bot.db import make_engine, upgrade
from bot.ids import (
    Action,
    ChallengeAction,
    ChallengeField,
    ChallengeView,
    CharterAction,
    CharterField,
    CharterView,
    Command,
    DataField,
    DataView,
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
    TopicField,
    ViewId,
)
from bot.services.groups import ProposalInput, endorse_group, propose_group
from bot.slack_app import SORRY
from models.base import Base
from models.report import Report
from tests.support.block_limits import check_blocks, check_view
from tests.support.challenges import answers as challenge_answers
from tests.support.challenges import create_challenge
from tests.support.charters import FORM, active_charter, click, findings_form, open_form, proposed_charter
from tests.support.fake_slack import FakeSlack
from tests.support.ids import callback_ids
from tests.support.mentions import parsed
from tests.support.running_app import RunningApp, running_app
from tests.support.waiting import eventually

LIVE = ("<!", "<@UEVIL", "<#CEVIL")
HOSTILE_TEXT = st.one_of(
    st.sampled_from([
        "<!channel>", "<!here>", "<!everyone>", "<@UEVIL>", "<#CEVIL>", "<!subteam^SEVIL>", "<https://evil.example|x>",
        "*bold* _it_ ~s~ `code` ```block```", "&<>", "&amp;", "", "   ", "\n\t\n", "\u202eRTL override",
        "\u200b\u200d\ufeff", "\ud800 half a pair",
        "👩‍👩‍👧 💥", "مرحبا بالعالم", "\u0000", "\x07\x1b[31m", "x" * 10_000,
        "<!channel> " * 400, "'; DROP TABLE charters; --", "%s{0}{}", "2026-02-30", "-1", "1e309", "٣",
    ]),
    st.text(max_size=60),
)
ODD_CHOICE = st.sampled_from(["nope", "", "<!channel>", "x" * 300, "0", "-1", "2026-13-45", "25:99", "UEVIL", "CEVIL"])
ANY_ODD: st.SearchStrategy[Any] = st.one_of(
    HOSTILE_TEXT, ODD_CHOICE, st.none(),
    st.lists(st.one_of(ODD_CHOICE, st.sampled_from(["U1", "U2", "UEVIL", "CCOMMUNITY"])), max_size=3),
)


@dataclass
class Case:
    """A modal: how a member opens it, valid answers, who submits, and the tables an accepted submission writes."""

    open: Callable[[RunningApp], dict[str, Any]]
    fields: tuple[str, ...]
    valid: dict[str, Any] = field(default_factory=dict)
    user: str = "U1"
    writes: tuple[str, ...] = ()


def workspace_community(app: RunningApp) -> None:
    app.set_community("CCOMMUNITY", coordinators=("UCOORD",))
    for user, name in (("UCOORD", "Coco"), ("U4", "Barbara"), ("U5", "Edsger")):
        app.fake.add_user(user, name=name)


def opened(app: RunningApp, send: Callable[[], Any]) -> dict[str, Any]:
    app.fake.reset_calls()
    send()
    view: dict[str, Any] = app.fake.wait_for("views.open")["view"]
    return view


def active_group(app: RunningApp) -> int:
    with app.deps.sessions.begin() as session:
        group, _ = propose_group(session, "T0001", "U1", ProposalInput(
            name="Data Viz", reason="subtopic", focus="Charts", activities="Reading group", cadence="weekly",
            member_ids=["U2"], channel_id=None), now=app.clock.now)
        endorse_group(session, group, "UCOORD", is_coordinator=True, as_coordinator=True, now=app.clock.now)
        return group.id


REPORT: dict[str, Any] = {ReportField.PROGRESS: "Two charts redrawn.", ReportField.LEARNINGS: "Less ink.",
                          ReportField.ASKS: "Data"}


def open_report(app: RunningApp, subject: str) -> dict[str, Any]:
    return opened(app, lambda: app.slack.action(ReportAction.OPEN, subject, user="U1", channel="D1"))


def open_charter_report(app: RunningApp) -> dict[str, Any]:
    """A charter's report form: it also asks each member's hours (one input each, "report_hours:U…")."""
    app.clock.advance(days=8)
    view = open_report(app, f"charter:{active_charter(app)}")
    assert f"{ReportField.HOURS}:U2" in json.dumps(view)
    return view


def open_feedback(app: RunningApp) -> dict[str, Any]:
    assert app.slack.submit(open_report(app, f"group:{active_group(app)}"), REPORT).body == ""
    report_id, ts = eventually(lambda: posted_report(app)) or (0, "")
    report = next(m for m in app.fake.messages["CCOMMUNITY"] if m["ts"] == ts)
    return opened(app, lambda: app.slack.action(ReportAction.REFINE, str(report_id), user="U3",
                                                channel="CCOMMUNITY", message=report))


def posted_report(app: RunningApp) -> tuple[int, str] | None:
    with app.deps.sessions() as session:
        row = session.execute(select(Report.id, Report.message_ts).where(Report.message_ts.is_not(None))).first()
        return (row[0], str(row[1])) if row else None


def open_journal(app: RunningApp) -> dict[str, Any]:
    create_challenge(app)
    app.tick()
    assert app.slack.command(Command.CHALLENGE, "join", user="U1").body.startswith("You have joined")
    return opened(app, lambda: app.slack.command(Command.CHALLENGE, "journal", user="U1"))


def open_changes(app: RunningApp) -> dict[str, Any]:
    charter_id = proposed_charter(app)
    click(app, CharterAction.REQUEST_CHANGES, charter_id, "UCOORD")
    return dict(app.fake.wait_for("views.open")["view"])


YAML_SET = "name: Data Viz set\ndescription: A chart a day.\nactivities:\n  - Redraw a chart\n  - Sketch three\n"
TOPICS = (TopicField.CHOSEN, TopicField.NEW)
HOURS = (f"{ReportField.HOURS}:U1", f"{ReportField.HOURS}:U2")


def enum_values(*enums: type[StrEnum]) -> tuple[str, ...]:
    return tuple(str(v) for enum in enums for v in enum)


CASES: dict[str, Case] = {
    ViewId.SETTINGS: Case(
        lambda app: opened(app, lambda: app.slack.action(Action.OPEN_SETTINGS, user="UCOORD")),
        enum_values(SettingsField),
        {SettingsField.CHANNEL: "CCOMMUNITY", SettingsField.COORDINATORS: ["UCOORD"],
         SettingsField.TIMEZONE: "Europe/Paris"},
        user="UCOORD", writes=("communities",)),
    GroupView.PROPOSE: Case(
        lambda app: opened(app, lambda: app.slack.command(Command.PRACTICE, "propose")),
        enum_values(GroupField) + TOPICS,
        {GroupField.NAME: "Data Viz", GroupField.REASON: "subtopic", GroupField.FOCUS: "Charts",
         GroupField.ACTIVITIES: "Reading group", GroupField.CADENCE: "weekly", GroupField.MEMBERS: ["U1", "U2"],
         GroupField.CHANNEL: None},
        writes=("practice_groups",)),
    ReportView.REPORT: Case(open_charter_report, enum_values(ReportField) + TOPICS + HOURS, REPORT,
                            writes=("reports",)),
    ReportView.FEEDBACK: Case(open_feedback, (ReportField.FEEDBACK,), {ReportField.FEEDBACK: "Try a legend."},
                              user="U3", writes=("report_feedback",)),
    ChallengeView.NEW: Case(
        lambda app: opened(app, lambda: app.slack.command(Command.CHALLENGE, "new")),
        enum_values(ChallengeField) + TOPICS, challenge_answers(), writes=("challenges", "challenge_days")),
    ChallengeView.JOURNAL: Case(open_journal, enum_values(JournalField),
                                {JournalField.TEXT: "Drew the pipeline.", JournalField.PRIVATE: []},
                                writes=("journal_entries",)),
    ChallengeView.IMPORT_SET: Case(
        lambda app: opened(app, lambda: app.slack.action(ChallengeAction.IMPORT_SET, "import", channel="CCOMMUNITY")),
        enum_values(TemplateField), {TemplateField.YAML: YAML_SET}, writes=("activity_sets",)),
    CharterView.FORM: Case(lambda app: open_form(app), enum_values(CharterField) + TOPICS, FORM,
                           writes=("charters",)),
    CharterView.CHANGES: Case(open_changes, (CharterField.REASON,), {CharterField.REASON: "Narrow the scope."},
                              user="UCOORD", writes=("charters",)),
    CharterView.FINDINGS: Case(
        lambda app: findings_form(app, active_charter(app)),
        (CharterField.FINDINGS, CharterField.FINDINGS_LINK, CharterField.NEXT_STEPS) + TOPICS,
        {CharterField.FINDINGS: "Pact fits.", CharterField.FINDINGS_LINK: "https://wiki.example.com/ct",
         CharterField.NEXT_STEPS: "Try it."},
        writes=("charters",)),
    DataView.DELETE_MEMBER: Case(
        lambda app: (active_group(app), opened(app, lambda: app.slack.command(
            Command.PRACTICE, "data delete <@U2>", user="UCOORD")))[1],
        (), user="UCOORD"),
    DataView.DELETE_WORKSPACE: Case(
        lambda app: opened(app, lambda: app.slack.command(Command.PRACTICE, "data delete-workspace", user="UCOORD")),
        enum_values(DataField), {DataField.CONFIRM: "DELETE"}, user="UCOORD"),
    SearchView.RESULTS: Case(
        lambda app: opened(app, lambda: app.slack.action(SearchAction.QUERY, "charts", view={"id": "VHOME"})),
        enum_values(SearchField), {SearchField.QUERY: "charts"}),
}


def test_every_modal_has_a_case() -> None:
    """A new modal (a view enum in bot/ids.py) fails here until it has a case above."""
    assert callback_ids() == set(CASES)


# -- a fresh workspace per example ---------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_database(request: pytest.FixtureRequest, migrated_sqlite_template: Path) -> Callable[[], str]:
    """A function giving an empty migrated database for each example: a copy of the SQLite template, or the
    PostgreSQL test database migrated once and emptied each time (PostgreSQL checks lengths, SQLite does not)."""
    if request.param == "sqlite":
        folder = request.getfixturevalue("tmp_path")
        names = itertools.count()

        def copy() -> str:
            path = folder / f"cop-bot-{next(names)}.db"
            shutil.copy(migrated_sqlite_template, path)
            return f"sqlite:///{path}"
        return copy
    url: str = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade(engine)
    request.addfinalizer(engine.dispose)

    def emptied() -> str:
        with engine.begin() as connection:
            tables = connection.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                             "AND tablename != 'alembic_version'")).all()  # the search index too
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        return url
    return emptied


@contextmanager
def workspace(database_url: str) -> Iterator[RunningApp]:
    fake = FakeSlack().start()
    for user, name in (("U1", "Ada"), ("U2", "Grace"), ("U3", "Linus")):
        fake.add_user(user, name=name)
    fake.add_user("UADMIN", name="Admin", is_admin=True)
    fake.add_channel("CCOMMUNITY", name="community")
    fake.add_channel("CPUBLIC", name="open-channel", is_member=False)
    fake.add_channel("CARCHIVED", name="old", is_archived=True)
    try:
        with running_app(fake, database_url) as app:
            workspace_community(app)
            yield app
    finally:
        fake.stop()


def snapshot(app: RunningApp) -> dict[str, list[str]]:
    with app.deps.sessions() as session:
        return {table.name: sorted(repr(tuple(row)) for row in session.execute(select(table)))
                for table in Base.metadata.sorted_tables}


def changed(before: dict[str, list[str]], after: dict[str, list[str]]) -> set[str]:
    return {name for name in after if after[name] != before.get(name)}


def filled(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """`answers` shaped the way Slack sends each input: a list for multi-selects, one value for the others."""
    kinds = {b["block_id"]: b["element"]["type"] for b in view.get("blocks", []) if b.get("type") == "input"}
    shaped: dict[str, Any] = {}
    for block_id, answer in answers.items():
        kind = kinds.get(block_id, "")
        if kind.startswith("multi_") or kind == "checkboxes":
            shaped[block_id] = [] if answer is None else answer if isinstance(answer, list) else [str(answer)]
        elif isinstance(answer, list):
            shaped[block_id] = str(answer[0]) if answer else None
        else:
            shaped[block_id] = answer
    return shaped


# -- what every submission must do ---------------------------------------------------------------------------------

def live(text: str) -> bool:
    """A mention or channel link the member typed, still live (the bot's own `<!date^…>` is not one)."""
    return any(bad in text.replace("<!date^", "") for bad in LIVE)


def check_calls(app: RunningApp) -> None:
    """Every call since the submission: within Block Kit's limits, no live mention the member typed, no apology."""
    for call in app.fake.calls:
        params = call.params
        assert "_failed" not in params, (call.method, params["_failed"])
        if call.method in ("views.open", "views.update", "views.push", "views.publish"):
            view = params["view"]
            assert check_view(view if isinstance(view, dict) else json.loads(view)) == [], call.method
        elif isinstance(params.get("blocks"), list):
            assert check_blocks(params["blocks"], surface="message") == [], call.method
        assert len(str(params.get("text") or "")) <= 40_000, call.method
        said = parsed(params)
        assert not [t[:120] for t in said if live(t)], call.method
        assert not any(SORRY in t for t in said), call.method


def answered_later(app: RunningApp) -> bool:
    follow = ("chat.postMessage", "chat.postEphemeral", "chat.update", "views.publish", "views.update", "response_url")
    return bool(eventually(lambda: any(app.fake.calls_to(m) for m in follow), timeout=5))


def check_submission(app: RunningApp, callback_id: str, overrides: dict[str, Any]) -> None:
    case = CASES[callback_id]
    view = case.open(app)
    assert view["callback_id"] == callback_id
    before = snapshot(app)
    app.fake.reset_calls()
    response = app.slack.submit(view, filled(view, case.valid | overrides), user=case.user)
    assert response.status == 200, response.body
    answer = response.json() if response.body.startswith("{") else {}
    assert not response.body or answer, response.body
    said = parsed(answer)
    assert not [t[:120] for t in said if live(t)]
    if answer.get("response_action") == "errors":
        inputs = {b["block_id"] for b in view["blocks"] if b.get("type") == "input"}
        assert answer["errors"] and set(answer["errors"]) <= inputs, answer["errors"]
        assert all(0 < len(e) <= 2000 for e in answer["errors"].values())
        assert snapshot(app) == before, "an inline error, yet rows changed"
    elif answer.get("response_action") in ("update", "push"):
        assert check_view(answer["view"]) == []
        assert not any(SORRY in t for t in said)
        touched = changed(before, snapshot(app))  # a refusal shown in the modal changes nothing; a save, all
        assert not touched & set(case.writes) or set(case.writes) <= touched, touched
    else:
        assert answer.get("response_action", "clear") == "clear", answer
        assert answered_later(app), "the modal closed and nothing followed"
        eventually(lambda: set(case.writes) <= changed(before, snapshot(app)), timeout=5)
    check_calls(app)
    if os.environ.get("HOSTILE_TRACE"):
        print(callback_id, answer.get("response_action", "closed"), answer.get("errors"),
              sorted(changed(before, snapshot(app))))


# A few examples a modal keep the run near a minute; HOSTILE_EXAMPLES=50 HOSTILE_RANDOM=1 digs deeper.
SETTINGS = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "4")), deadline=None,
                    derandomize=not os.environ.get("HOSTILE_RANDOM"),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def overrides_for(callback_id: str) -> st.SearchStrategy[dict[str, Any]]:
    fields = CASES[callback_id].fields
    if not fields:
        return st.just({})
    return st.dictionaries(st.sampled_from(fields), st.one_of(HOSTILE_TEXT, ANY_ODD), min_size=1, max_size=4)


def modal_test(callback_id: str, *examples: dict[str, Any]) -> Callable[..., None]:
    @SETTINGS
    @given(overrides=overrides_for(callback_id))
    def test(fresh_database: Callable[[], str], overrides: dict[str, Any]) -> None:
        with workspace(fresh_database()) as app:
            check_submission(app, callback_id, overrides)

    for case in examples:
        test = example(overrides=case)(test)
    return test


test_settings = modal_test(ViewId.SETTINGS, {SettingsField.COORDINATORS: ["<!channel>"]})
test_group_proposal = modal_test(GroupView.PROPOSE, {GroupField.NAME: "<!channel> *Viz*",
                                                     GroupField.FOCUS: "x" * 10_000},
                                 {GroupField.NAME: "Data\ud800Viz", GroupField.FOCUS: "\udfff"},
                                 {GroupField.MEMBERS: ["<!channel>"]})
test_report_back = modal_test(ReportView.REPORT, {ReportField.PROGRESS: "<!here> &<> `c`"},
                              {HOURS[0]: "1e309", HOURS[1]: "nan"}, {HOURS[0]: "-0", HOURS[1]: "2,5"})
test_feedback = modal_test(ReportView.FEEDBACK, {ReportField.FEEDBACK: "<@UEVIL> " * 500})
test_new_challenge = modal_test(ChallengeView.NEW, {ChallengeField.TITLE: "<!channel> ~x~"},
                                {ChallengeField.TIMEZONE: "x" * 300})
test_journal_entry = modal_test(ChallengeView.JOURNAL, {JournalField.TEXT: "<!channel>\n> <#CEVIL>"})
test_templates_import = modal_test(ChallengeView.IMPORT_SET, {TemplateField.YAML: "name: <!channel>\nactivities: [a]"},
                                   {TemplateField.YAML: YAML_SET.replace("Data", "Da\udc00ta")},
                                   {TemplateField.YAML: "0000-00-00"},
                                   {TemplateField.YAML: f"{YAML_SET}  - 2026-02-30\n"},
                                   {TemplateField.YAML: "[" * 2000})
test_charter_form = modal_test(CharterView.FORM, {CharterField.TITLE: "<!channel> <@UEVIL>"},
                               {CharterField.MEMBERS: ["<!here>"], CharterField.LEARNING_SPONSOR: "<!channel>"},
                               {CharterField.BUDGET: "100", CharterField.FUNDING_SPONSOR: "<!here>"})
test_charter_changes = modal_test(CharterView.CHANGES, {CharterField.REASON: "<!here> " * 300})
test_charter_findings = modal_test(CharterView.FINDINGS, {CharterField.FINDINGS_LINK: "https://evil.example|<!here>"})
test_data_delete_member = modal_test(DataView.DELETE_MEMBER)
test_data_delete_workspace = modal_test(DataView.DELETE_WORKSPACE, {DataField.CONFIRM: "<!channel>"})
test_search_again = modal_test(SearchView.RESULTS, {SearchField.QUERY: "\"<!here>\" OR NEAR(*"})


def test_nul_and_half_surrogate_pairs_are_stored_on_postgresql(pg_app: RunningApp) -> None:
    """PostgreSQL refuses NUL in text: the proposal, the command and the journal reply that carry one are answered."""
    app = pg_app
    workspace_community(app)
    view = CASES[GroupView.PROPOSE].open(app)
    name = "Data\x00Viz\ud800"
    valid = CASES[GroupView.PROPOSE].valid | {GroupField.NAME: name, GroupField.FOCUS: "Charts\x00"}
    response = app.slack.submit(view, filled(view, valid))
    assert (response.status, response.body) == (200, "")
    eventually(lambda: "DataViz\ufffd" in snapshot(app)["practice_groups"][0])
    joined = app.slack.command(Command.PRACTICE, "join Data\x00Viz\ufffd", user="U3")  # a form: no half pairs
    assert joined.status == 200 and joined.body.startswith("You joined *DataViz\ufffd*.")
    unknown = app.slack.command(Command.CHALLENGE, "join \x00")
    assert unknown.status == 200 and "There is no challenge running" in unknown.body
