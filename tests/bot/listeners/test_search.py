"""`/practice search` and App Home's search box end to end, on SQLite and PostgreSQL, against the fake Slack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bot.ids import Command, SearchAction, SearchField, SearchView
from models.challenge import Challenge, JournalEntry
from models.charter import Charter, CharterStatus, Origin
from models.report import Cadence, Feedback, FeedbackKind, Report
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.fake_slack import TEAM_ID
from tests.support.running_app import RunningApp
from tests.support.waiting import eventually

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_app(request: pytest.FixtureRequest) -> RunningApp:
    """The app over HTTP on each database: the same test, and the same expected results, on both."""
    return request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")  # type: ignore[no-any-return]


def seed(app: RunningApp) -> None:
    """What a community learned over a month: reports, feedback, findings and journal entries (two of them private),
    and another workspace's report that must never show."""
    app.set_community("CCOMMUNITY")  # where findings are posted
    with app.deps.sessions.begin() as session:
        viz = _report(session, "Data Viz", "U1", 0, progress="Ran two sessions on dashboards.",
                      learnings="Pairing on a chart catches misleading axes early; it beats a review after.",
                      asks="Who has a retrospective format for pairing?", ts="100.000100")
        _report(session, "Contract testing", "U2", 1, kind="charter",
                progress="Surveyed Pact and Spring Cloud Contract.",
                learnings="Consumer-driven contracts need a broker.", asks="Volunteers to try Pact", ts="101.000100")
        session.add_all([
            Feedback(team_id=TEAM_ID, report_id=viz.id, user_id="U2", kind=FeedbackKind.CRITIQUE,
                     text="Pairing is great, but rotate partners every week.", created_at=T0 + timedelta(days=2)),
            Feedback(team_id=TEAM_ID, report_id=viz.id, user_id="U3", kind=FeedbackKind.ENDORSE, text="",
                     created_at=T0 + timedelta(days=2)),
        ])
        _charter(session)
        challenge = _challenge(session)
        for user, day, private, words in [
            ("U1", 1, False, "Mapped the deploy pipeline: 14 steps, 3 waits on reviews."),
            ("U2", 2, True, "Pairing with my manager felt awkward."),
            ("U1", 2, True, "My private pairing notes."),
            ("U3", 3, False, "Retrospective: pairing made the deploy less scary."),
        ]:
            session.add(JournalEntry(team_id=TEAM_ID, challenge_id=challenge.id, user_id=user, day_number=day,
                                     text=words, private=private, source="thread", channel_id=None if private else
                                     "CCOMMUNITY", slack_ts=None if private else f"20{day}.000{user[-1]}00",
                                     created_at=T0 + timedelta(days=3 + day)))
        _report(session, "Elsewhere", "U1", 9, team_id="T9", progress="Pairing pairing pairing.", learnings="",
                asks="", ts=None)


def _report(session: Session, name: str, author: str, days: int, *, kind: str = "group", team_id: str = TEAM_ID,
            ts: str | None, **texts: str) -> Report:
    report = Report(team_id=team_id, subject_kind=kind, subject_id=1, subject_name=name, author_id=author,
                    created_at=T0 + timedelta(days=days), channel_id="CCOMMUNITY" if ts else None, message_ts=ts,
                    **texts)
    session.add(report)
    session.flush()
    return report


def _charter(session: Session) -> None:
    session.add(Charter(
        team_id=TEAM_ID, status=CharterStatus.COMPLETED, proposer_id="U2", title="Contract testing", goal="Pick a tool",
        scope_in="APIs", scope_out="UIs", deliverable="A recommendation", origin=Origin.TEAM, hours_per_week=2,
        weeks=6, learning_sponsor_id="U3", cadence=Cadence.WEEKLY, created_at=T0,
        findings="Pact fits our polyglot services; hold a retrospective after each contract change.",
        next_steps="Try Pact on one service per team.", findings_ts="300.000100", closed_by="U2",
        closed_at=T0 + timedelta(days=20),
    ))


def _challenge(session: Session) -> Challenge:
    challenge = Challenge(team_id=TEAM_ID, title="30 days of DevOps", channel_id="CCOMMUNITY", creator_id="U1",
                          start_date=T0.date(), end_date=(T0 + timedelta(days=29)).date(), days=30,
                          post_time=T0.time(), timezone="UTC", activities=[], created_at=T0)
    session.add(challenge)
    session.flush()
    return challenge


def search(app: RunningApp, words: str, user: str = "U1") -> dict[str, Any]:
    """The ephemeral answer to `/practice search WORDS`."""
    response = app.slack.command(Command.PRACTICE, f"search {words}", user=user)
    assert response.status == 200
    answer: dict[str, Any] = response.json()
    return answer


def found(answer: dict[str, Any]) -> list[str]:
    """Each result's first line (what and where), in order."""
    return [b["text"]["text"].split("\n")[0] for b in answer["blocks"][1:] if b["type"] == "section"]


def indexed(app: RunningApp) -> int:
    with app.deps.sessions() as session:
        return int(session.scalar(text("SELECT count(*) FROM search_index")) or 0)


PAIRING_FOR_U1 = [  # the shorter the entry the word is in, the better it matches
    ":memo: Journal entry, day 2 of the challenge *30 days of DevOps* (private: only you see it)",
    ":memo: Journal entry, day 3 of the challenge *30 days of DevOps*",
    ":speech_balloon: Critique on a report of the practice group *Data Viz*",
    ":bar_chart: Report of the practice group *Data Viz*",
]


def test_search_ranks_what_the_community_learned_the_same_on_both_engines(any_app: RunningApp) -> None:
    seed(any_app)
    answer = search(any_app, "pairing")
    assert found(answer) == PAIRING_FOR_U1
    assert answer["blocks"][0]["text"]["text"] == ":mag: 4 matches for *pairing*:"
    critique = answer["blocks"][5]["text"]["text"]
    assert "\n>Pairing is great, but rotate partners every week." in critique
    who = answer["blocks"][6]["elements"][0]["text"]
    assert who.startswith("<@U2> · <!date^1793782800^{date_short_pretty}|04 Nov 2026>")
    assert who.endswith("<https://test.slack.com/archives/CCOMMUNITY/p100000100|Open in Slack>")
    # Another word, every kind: the findings link to the community channel, replies to their thread.
    answer = search(any_app, "retrospective")
    assert found(answer) == [
        ":memo: Journal entry, day 3 of the challenge *30 days of DevOps*",
        ":trophy: Findings of the charter *Contract testing*",
        ":bar_chart: Report of the practice group *Data Viz*",
    ]
    assert "/CCOMMUNITY/p203000300|Open in Slack>" in answer["blocks"][2]["elements"][0]["text"]
    assert "/CCOMMUNITY/p300000100|Open in Slack>" in answer["blocks"][4]["elements"][0]["text"]
    # All words must match, the last one as the start of a word; case and stop words do not matter.
    assert found(search(any_app, "The PACT and the contr")) == [
        ":bar_chart: Report of the charter *Contract testing*",
        ":trophy: Findings of the charter *Contract testing*",
    ]
    assert found(search(any_app, "pact broker")) == [":bar_chart: Report of the charter *Contract testing*"]


def test_private_entries_are_found_only_by_their_author_and_other_workspaces_never(any_app: RunningApp) -> None:
    seed(any_app)
    assert found(search(any_app, "manager", user="U2")) == [
        ":memo: Journal entry, day 2 of the challenge *30 days of DevOps* (private: only you see it)"]
    assert search(any_app, "manager", user="U1")["blocks"][0]["text"]["text"].startswith(
        ":mag: Nothing matches *manager* yet.")
    assert "My private pairing notes" not in str(search(any_app, "pairing", user="U3"))
    assert len(found(search(any_app, "pairing", user="U3"))) == 3


@pytest.mark.parametrize(("words", "answer"), [
    ("", "Tell me what to look for"),
    ("   x  ", "at least one word of two letters or more"),
    ("? ! .", "at least one word of two letters or more"),
    ("the and OR of", "Those are all very common words"),
    ("x" * 201, "keep it under 200"),
])
def test_nothing_to_search_for_gets_a_clear_answer_and_changes_nothing(any_app: RunningApp, words: str,
                                                                      answer: str) -> None:
    seed(any_app)
    before = indexed(any_app)
    reply = search(any_app, words)
    assert answer in reply["text"] and ":mag:" in reply["blocks"][0]["text"]["text"]
    assert indexed(any_app) == before == 9


@pytest.mark.parametrize(("words", "terms"), [
    ('"pairing', "*pairing*"),
    ("pairing*", "*pairing*"),
    ("pair* OR deploy", "*pair* *deploy*"),
    ("NEAR(pairing deploy)", "*near* *pairing* *deploy*"),
    ("pairing\" OR 1=1; DROP TABLE reports; --", "*pairing* *drop* *table* *reports*"),
    ("'pairing' & !deploy:*", "*pairing* *deploy*"),
])
def test_query_syntax_in_the_words_is_only_words(any_app: RunningApp, words: str, terms: str) -> None:
    seed(any_app)
    summary = search(any_app, words)["blocks"][0]["text"]["text"]
    assert terms in summary and "{" not in summary
    assert indexed(any_app) == 9
    with any_app.deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 3


def test_the_index_follows_journal_replies_written_edited_and_deleted(app: RunningApp) -> None:
    create_challenge(app)
    app.tick()
    app.slack.command("/challenge", "join", user="U1")
    day1 = day_posts(app)[-1]["ts"]
    ts = reply(app, day1, "Value stream mapping showed three waits on reviews.")
    eventually(lambda: found(search(app, "stream mapping")))
    [result] = search(app, "stream mapping")["blocks"][2]["elements"]
    assert f"?thread_ts={day1}&cid=CCOMMUNITY|Open in Slack>" in result["text"]
    edited = {"type": "message", "subtype": "message_changed", "channel": "CCOMMUNITY", "hidden": True, "ts": "9.1",
              "message": {"type": "message", "user": "U1", "text": "Kanban limits cut the waits.", "ts": ts,
                          "thread_ts": day1}}
    app.slack.event(edited)
    eventually(lambda: found(search(app, "kanban")))
    assert found(search(app, "stream mapping")) == []
    app.slack.event({"type": "message", "subtype": "message_deleted", "channel": "CCOMMUNITY", "hidden": True,
                     "deleted_ts": ts, "ts": "9.2", "previous_message": edited["message"]})
    eventually(lambda: not found(search(app, "kanban")))
    assert indexed(app) == 0


def test_app_home_search_box_opens_the_results_and_the_modal_searches_again(app: RunningApp) -> None:
    seed(app)
    app.slack.event({"type": "app_home_opened", "user": "U1", "tab": "home"})
    home = app.fake.wait_for("views.publish")["view"]
    box = next(b for b in home["blocks"] if b.get("block_id") == SearchField.QUERY)
    assert box["dispatch_action"] is True and box["element"]["action_id"] == SearchAction.QUERY
    app.fake.reset_calls()
    app.slack.action(SearchAction.QUERY, "retrospective", view=home)
    modal = app.fake.wait_for("views.open")["view"]
    assert modal["callback_id"] == SearchView.RESULTS
    assert ":trophy: Findings of the charter *Contract testing*" in str(modal["blocks"])
    # Searching again from the modal replaces its results; words with nothing to look for get an inline error.
    response = app.slack.submit(modal, {SearchField.QUERY: "broker"})
    updated = response.json()
    assert updated["response_action"] == "update"
    assert ":bar_chart: Report of the charter *Contract testing*" in str(updated["view"]["blocks"])
    assert "Data Viz" not in str(updated["view"]["blocks"])
    errors = app.slack.submit(modal, {SearchField.QUERY: "the of"}).json()
    assert errors["response_action"] == "errors" and "very common words" in errors["errors"][SearchField.QUERY]
    # Enter with nothing to look for: the modal says why.
    app.fake.reset_calls()
    app.slack.action(SearchAction.QUERY, "a", view=home)
    assert "two letters or more" in str(app.fake.wait_for("views.open")["view"]["blocks"])
