"""Slack errors that will not mend, job by job: recorded on the row, told once to who can fix them, the rest goes on.

Each case builds the same three things of one job kind: the target (its channel or member broken),
a sibling in the same workspace and one in a second workspace. Slack breaks the target one way;
ticks run at the due time, a rerun and a later day.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.deps import Deps, build_deps
from bot.jobs.runner import run_jobs
from bot.jobs.scheduler import all_jobs
from bot.jobs.social import PairPartnersJob
from bot.services.challenges.partners import groups_of
from models import Challenge, ChallengeDay, Digest, Nudge, SocialMessage
from models.report import ReminderKind, ReportReminder
from models.social import ChallengeMilestone, MilestoneKind, NudgeOutcome, SocialMessageKind
from tests.support.challenges import stored_challenge
from tests.support.example_subject import Project, add_project, plug_in, unplug
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp, settings_for

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the app's clock starts here, a Monday
HEADS_UP = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # a weekly report's heads-up to its leads
PROMPT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a weekly report's prompt, and the next weekly digest
COORDINATORS = {"T0001": "UCOORD", "T0002": "UCOORD2"}


@dataclass(frozen=True)
class Place:
    """Where one job kind's work goes: a workspace, a channel, whoever owns it, a member and their partner."""

    team: str
    channel: str
    owner: str
    member: str
    partner: str


TARGET = Place("T0001", "CTARGET", "UOWNER", "UMEMBER", "UPARTNER")
SIBLING = Place("T0001", "CSIBLING", "USIB", "USIBM", "USIBP")
SECOND = Place("T0002", "CSECOND", "UOTHER", "UOTHERM", "UOTHERP")


def messages(app: RunningApp, channel: str) -> list[str]:
    return [m["text"] + str(m.get("blocks")) for m in app.fake.messages.get(channel, [])]


def challenge_of(app: RunningApp, place: Place) -> Challenge:
    with app.deps.sessions() as session:
        return session.scalars(select(Challenge).where(Challenge.channel_id == place.channel)).one()


def add_challenge(app: RunningApp, place: Place, *, now: datetime = T0, **values: Any) -> None:
    with app.deps.sessions.begin() as session:
        stored_challenge(session, team_id=place.team, creator=place.owner, now=now, channel_id=place.channel,
                         **({"days": "3", "partners": False, "nudge_delay_hours": None} | values))


def ended_challenge(app: RunningApp, place: Place) -> None:
    """A one-day challenge that ended yesterday, its meetup tomorrow: the wrap-up is due at T0."""
    add_challenge(app, place, now=T0 - timedelta(days=2), days="1", posted_days=1,
                  meetup_date=(T0 + timedelta(days=1)).date().isoformat())
    with app.deps.sessions.begin() as session:
        session.execute(update(ChallengeDay).where(ChallengeDay.team_id == place.team).values(done_at=T0))


def overdue_project(app: RunningApp, place: Place, **values: Any) -> int:
    values = {"leads": [place.owner], "members": [place.member]} | values
    return add_project(app, team_id=place.team, name=f"Project {place.channel}", **values)


def row_error(app: RunningApp, query: Any) -> str | None:
    with app.deps.sessions() as session:
        row = session.scalars(query).one()
        assert row.done_at is not None
        return str(row.error) if row.error else None


@dataclass
class Kind:
    """A job kind: how to set one up at a place, when it runs, its row, and what delivered looks like."""

    name: str
    setup: Callable[[RunningApp, Place], None]
    ticks: list[datetime]
    row: Callable[[Place], Any]
    delivered: Callable[[RunningApp, Place], bool]
    before: Callable[[RunningApp], None] = lambda app: None
    dm_scope: str = "im:write"
    # Who mends a lost channel: the challenge's creator, by default.
    owner: Callable[[Place], str] = field(default=lambda place: place.owner)
    # The other work of the workspace that must go on (a workspace has one digest).
    sibling: Kind | None = None
    # A member Slack will not reach is not tried again (leads are asked again for the next report).
    stops: bool = True


def _day_row(place: Place) -> Any:
    return select(ChallengeDay).join(Challenge).where(Challenge.channel_id == place.channel,
                                                      ChallengeDay.number == 1)


def _milestone_row(kind: str) -> Callable[[Place], Any]:
    return lambda place: select(ChallengeMilestone).join(Challenge).where(
        Challenge.channel_id == place.channel, ChallengeMilestone.kind == kind)


def _digest_setup(app: RunningApp, place: Place) -> None:
    app.set_community(place.channel, coordinators=(COORDINATORS[place.team],), team_id=place.team)
    project = overdue_project(app, place)
    with app.deps.sessions.begin() as session:
        session.get_one(Project, project).next_report_due = date(2026, 11, 27)


def _nudge_row(place: Place) -> Any:
    return select(Nudge).where(Nudge.user_id == place.member, Nudge.day_number == 1)


def _intro_row(place: Place) -> Any:
    return select(SocialMessage).join(Challenge).where(Challenge.channel_id == place.channel,
                                                       SocialMessage.kind == SocialMessageKind.INTRO)


def _reminder_row(kind: ReminderKind) -> Callable[[Place], Any]:
    return lambda place: select(ReportReminder).join(Project, Project.id == ReportReminder.subject_id).where(
        Project.channel_id == place.channel, ReportReminder.kind == kind, ReportReminder.report_due == PROMPT.date())


DAY = Kind(
    "day post", lambda app, p: add_challenge(app, p), [T0, T0 + timedelta(hours=1), T0 + timedelta(days=1)],
    _day_row, lambda app, p: any("Day 1 of 3" in m for m in messages(app, p.channel)),
)
WRAPUP = Kind(
    "wrap-up", ended_challenge, [T0, T0 + timedelta(hours=1), T0 + timedelta(days=1)],
    _milestone_row(MilestoneKind.WRAPUP), lambda app, p: any("is complete" in m for m in messages(app, p.channel)),
)
MEETUP = Kind(
    "meetup reminder", ended_challenge, [T0 + timedelta(days=1), T0 + timedelta(days=1, hours=1)],
    _milestone_row(MilestoneKind.MEETUP),
    lambda app, p: any("report-back meetup" in m for m in messages(app, p.channel)),
    before=lambda app: app.tick(T0),
)
REPORT_PROMPT = Kind(
    "report prompt", lambda app, p: (overdue_project(app, p, channel_id=p.channel), None)[1],
    [PROMPT, PROMPT + timedelta(hours=1), PROMPT + timedelta(days=1)],
    _reminder_row(ReminderKind.PROMPT), lambda app, p: any("report-back day" in m for m in messages(app, p.channel)),
)
DIGEST = Kind(
    "digest", _digest_setup, [PROMPT, PROMPT + timedelta(hours=1), PROMPT + timedelta(days=7)],
    lambda p: select(Digest).where(Digest.team_id == p.team, Digest.week_of == PROMPT.date()),
    lambda app, p: any("This week in the community" in m for m in messages(app, p.channel)),
    owner=lambda p: COORDINATORS[p.team], sibling=REPORT_PROMPT,
)
NUDGE = Kind(
    "nudge", lambda app, p: add_challenge(app, p, members=[p.member], nudge_delay_hours="6"),
    [T0 + timedelta(hours=6), T0 + timedelta(hours=6, minutes=5), T0 + timedelta(days=1),
     T0 + timedelta(days=1, hours=6)],
    _nudge_row, lambda app, p: any("haven't journaled" in m for m in messages(app, f"D{p.member}")),
    before=lambda app: app.tick(T0),
)
INTRO = Kind(
    "partner intro", lambda app, p: add_challenge(app, p, members=[p.member, p.partner], partners=True),
    [T0, T0 + timedelta(minutes=5), T0 + timedelta(days=1)],
    _intro_row,
    lambda app, p: any(p.member in channel and p.partner in channel and messages(app, channel)
                       for channel in list(app.fake.messages) if channel.startswith("G")),
    before=lambda app: app.tick(T0, jobs=[PairPartnersJob()]),
    dm_scope="mpim:write",
)
HEADS_UP_DM = Kind(
    "report heads-up",
    lambda app, p: (overdue_project(app, p, channel_id=p.channel, leads=[p.member, p.owner]), None)[1],
    [HEADS_UP, HEADS_UP + timedelta(hours=1), HEADS_UP + timedelta(days=1)],
    _reminder_row(ReminderKind.HEADS_UP), lambda app, p: any("Heads-up" in m for m in messages(app, f"D{p.owner}")),
    stops=False,
)

CHANNEL_KINDS = [DAY, WRAPUP, MEETUP, REPORT_PROMPT, DIGEST]
DM_KINDS = [NUDGE, INTRO, HEADS_UP_DM]
CHANNEL_CODES = ["not_in_channel", "channel_not_found", "is_archived", "missing_scope"]
DM_CODES = ["account_inactive", "user_not_found", "cannot_dm_bot", "missing_scope"]
CASES = ([pytest.param(k, c, id=f"{k.name}-{c}") for k in CHANNEL_KINDS for c in CHANNEL_CODES]
         + [pytest.param(k, c, id=f"{k.name}-{c}") for k in DM_KINDS for c in DM_CODES])


def break_slack(fake: FakeSlack, kind: Kind, code: str) -> None:
    """Slack starts answering `code` for the target's channel (channel kinds) or member (DM kinds)."""
    channel, member = TARGET.channel, TARGET.member
    if kind in DM_KINDS:
        {"account_inactive": lambda: fake.deactivate_user(member),
         "user_not_found": lambda: fake.remove_user(member),
         "cannot_dm_bot": lambda: fake.make_bot(member),
         "missing_scope": lambda: fake.withhold_scope("conversations.open", kind.dm_scope, user=member)}[code]()
    elif code == "not_in_channel":  # removed from the channel, and not allowed to join it again by itself
        fake.channels[channel]["is_member"] = False
        fake.withhold_scope("conversations.join", "channels:join", channel=channel)
    else:
        {"channel_not_found": lambda: fake.delete_channel(channel),
         "is_archived": lambda: fake.archive_channel(channel),
         "missing_scope": lambda: fake.withhold_scope("chat.postMessage", "chat:write", channel=channel)}[code]()


def notices(app: RunningApp) -> list[tuple[str, str]]:
    """(member, text) of every warning DM the bot sent."""
    return [(str(c["channel"]), c.text) for c in app.fake.calls_to("chat.postMessage")
            if c.text.startswith(":warning:") and not c.get("_failed")]


def expected_words(kind: Kind, code: str) -> list[str]:
    if code == "missing_scope":
        scope = kind.dm_scope if kind in DM_KINDS else "chat:write"
        return [f"lacks the `{scope}` permission", "reinstall CoP Bot", "api.slack.com/apps"]
    if kind is DAY and code != "not_in_channel":
        return ["<#CTARGET>", "is stopped", "`/challenge new`"]
    return ["<#CTARGET>", {"not_in_channel": "Type `/invite @CoP Bot` in <#CTARGET>",
                           "channel_not_found": "If it still exists, type `/invite @CoP Bot`",
                           "is_archived": "Unarchive it"}[code]]


def furnish(app: RunningApp) -> RunningApp:
    """The places' channels and members in the fake Slack, two communities with a coordinator each."""
    plug_in(app)
    app.fake.users["UADMIN"]["is_admin"] = False  # the coordinators are the listed ones only
    for place in (TARGET, SIBLING, SECOND):
        app.fake.add_channel(place.channel)
        for user in (place.owner, place.member, place.partner):
            app.fake.add_user(user, tz="UTC")
    for team, coordinator in COORDINATORS.items():
        app.fake.add_user(coordinator, tz="UTC")
        app.set_community("CCOMMUNITY", coordinators=(coordinator,), team_id=team)
    return app


@pytest.fixture
def world(app: RunningApp) -> Iterator[RunningApp]:
    yield furnish(app)
    unplug()


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_a_lasting_error_is_recorded_told_once_to_who_can_fix_it_and_the_rest_goes_on(
        world: RunningApp, kind: Kind, code: str) -> None:
    app = world
    sibling = kind.sibling or kind
    kind.setup(app, TARGET)
    sibling.setup(app, SIBLING)
    kind.setup(app, SECOND)
    kind.before(app)
    break_slack(app.fake, kind, code)
    for moment in kind.ticks:
        app.tick(moment)
    assert row_error(app, kind.row(TARGET)) == code
    assert sibling.delivered(app, SIBLING) and kind.delivered(app, SECOND)
    if kind is HEADS_UP_DM:
        assert kind.delivered(app, TARGET)  # the other lead still got theirs
    told = notices(app)
    if code == "missing_scope":
        fixer: str | None = COORDINATORS[TARGET.team]
    else:
        fixer = None if kind in DM_KINDS else kind.owner(TARGET)
    assert [who for who, _ in told] == ([fixer] if fixer else []), told
    for word in expected_words(kind, code) if fixer else []:
        assert word in told[0][1]
    if kind in DM_KINDS and code != "missing_scope" and kind.stops:
        # Slack will never deliver to them: they are not tried again.
        opened = app.fake.calls_to("conversations.open")
        assert len([c for c in opened if TARGET.member in str(c["users"])]) == 1


def test_a_channel_problem_mended_and_back_again_is_told_again(world: RunningApp) -> None:
    app = world
    add_challenge(app, TARGET)
    break_slack(app.fake, DAY, "not_in_channel")
    app.tick(T0)
    app.fake.channels[TARGET.channel]["is_member"] = True  # the creator invited the bot
    app.tick(T0 + timedelta(days=1))
    assert any("Day 2 of 3" in m for m in messages(app, TARGET.channel))
    app.fake.channels[TARGET.channel]["is_member"] = False  # removed again
    app.tick(T0 + timedelta(days=2))
    assert [who for who, _ in notices(app)] == [TARGET.owner, TARGET.owner]


def test_a_deactivated_partner_is_taken_out_and_their_partner_regrouped(world: RunningApp) -> None:
    app = world
    people = ["UA", "UB", "UC", "UD"]
    for user in people:
        app.fake.add_user(user, tz="UTC")
    add_challenge(app, TARGET, members=people, partners=True, nudge_delay_hours="6")
    app.tick(T0)
    challenge = challenge_of(app, TARGET)
    with app.deps.sessions() as session:
        [pair] = [g for g in groups_of(session, challenge.id) if "UA" in g]
    [partner] = [u for u in pair if u != "UA"]
    app.fake.deactivate_user("UA")
    before = len(app.fake.calls)
    for moment in (T0 + timedelta(hours=6), T0 + timedelta(hours=6, minutes=1), T0 + timedelta(days=1),
                   T0 + timedelta(days=1, hours=6), T0 + timedelta(days=2, hours=6)):
        app.tick(moment)
    with app.deps.sessions() as session:
        groups = groups_of(session, challenge.id)
        outcomes = session.scalars(select(Nudge.outcome).where(Nudge.user_id == "UA")).all()
    assert sorted(sorted(g) for g in groups) == [sorted(u for u in people if u != "UA")]
    regrouped = [c for c in app.fake.calls_to("chat.postMessage") if str(c["channel"]).startswith("G")
                 and partner in c["channel"] and "UA" not in c["channel"] and not c.get("_failed")]
    assert len(regrouped) == 1 and "partner" in regrouped[0].text.lower()
    # One nudge tried (it failed); none planned or tried for them after that; nobody was told.
    assert outcomes == [NudgeOutcome.UNREACHABLE]
    tried = [(c.method, c.params) for c in app.fake.calls[before:] if "UA" in str(c.get("users") or c.get("channel"))
             and c.method in ("conversations.open", "chat.postMessage")]
    assert len(tried) == 1, tried
    assert notices(app) == []


def test_two_replicas_failing_at_once_on_postgresql_tell_the_lead_once(pg_app: RunningApp) -> None:
    app = furnish(pg_app)
    other = dataclasses.replace(build_deps(settings_for(app.fake, str(app.deps.settings.database_url))),
                                clock=app.clock)
    try:
        for n in range(12):  # twelve groups of one lead, all in the channel the bot was taken out of
            add_project(app, team_id="T0001", name=f"Group {n}", channel_id=TARGET.channel, leads=[TARGET.owner])
        break_slack(app.fake, REPORT_PROMPT, "not_in_channel")
        start = threading.Barrier(2)

        def replica(deps: Deps) -> None:
            start.wait()
            run_jobs(deps, all_jobs(), PROMPT)

        threads = [threading.Thread(target=replica, args=(d,)) for d in (app.deps, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert [who for who, _ in notices(app)] == [TARGET.owner]
        with app.deps.sessions() as session:
            prompts = session.scalars(select(ReportReminder).where(ReportReminder.kind == ReminderKind.PROMPT)).all()
        assert [p.error for p in prompts] == ["not_in_channel"] * 12
    finally:
        other.sessions.kw["bind"].dispose()
        unplug()
