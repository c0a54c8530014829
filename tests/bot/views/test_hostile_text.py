"""Every builder, given names and texts typed to ping or break things: no live mention or link from what the
member typed reaches mrkdwn or a message's text, and Slack's Block Kit limits hold at 10,000 characters."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.services.challenges.home import SocialHome
from bot.services.challenges.journals import JournalTarget
from bot.services.challenges.partners import MyPartners, PartnerStatus
from bot.services.challenges.progress import EntrySummary, Progress
from bot.services.challenges.templates import Activity, ActivitySetData
from bot.services.challenges.wrapup import Finished
from bot.services.challenges.wrapup_stats import Summary
from bot.services.charters.ledger import Ledger, MemberHours
from bot.services.charters.lookup import CharterHome
from bot.services.digest_types import CharterNews, DigestWindow, NewGroups, Overdue, ReportsBack, WrappedUp
from bot.services.home import HomeData
from bot.services.reports.feedback import FeedbackCounts
from bot.services.reports.reminders import ReminderPlan
from bot.services.reports.reports import ReportLine
from bot.services.reports.subjects import SubjectInfo
from bot.views import digest, groups, home, problems, reports
from bot.views.challenges import journal, nudges, partners, posts, social, templates, wrapup
from bot.views.challenges.home import build_home_challenges
from bot.views.charters import lists, messages, modals
from bot.views.charters.ledger import home_ledger_blocks
from bot.views.message import Message
from models import Challenge, ChallengeDay, Charter, CharterMember, Community, JournalEntry
from models.group import GroupMember, GroupStatus, PracticeGroup
from models.report import Cadence, Feedback, FeedbackKind, ReminderKind, Report
from tests.support.block_limits import check_blocks, check_view
from tests.support.mentions import mrkdwn_of

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PINGS = "<!channel> <!here> <!everyone> <@UEVIL> <#CEVIL> <!subteam^SEVIL> <https://evil.example|click>"
LINE = f"{PINGS} &amp; *bold* _it_ ~s~ `c` > q"
LONG = "\n".join([LINE] * (10_000 // (len(LINE) + 1) + 1))[:10_000]
# What the member typed must never come out as one of these: the bot itself writes only <@U…>, <#C…> and its
# own links, never with these ids, and never <!…>.
LIVE = ("<!", "<@UEVIL", "<#CEVIL", "<https://evil", "<http://evil")

LEDGER = Ledger(1, (MemberHours("U1", 40, 12.5), MemberHours("U2", 40, 0)))


def safe(*outputs: Message | View | list[Block] | str, surface: str = "message") -> str:
    """Assert nothing live and the limits kept; return all the parsed text, for further checks."""
    parsed: list[str] = []
    for out in outputs:
        if isinstance(out, str):
            parsed.append(out)
        elif isinstance(out, Message):
            kwargs = out.as_kwargs()
            parsed += [kwargs["text"], *mrkdwn_of(kwargs.get("blocks", []))]
            assert check_blocks(kwargs.get("blocks", []), surface=surface) == []
        elif isinstance(out, View):
            view = out.to_dict()
            parsed += list(mrkdwn_of(view["blocks"]))
            assert check_view(view) == []
        else:
            blocks = [b.to_dict() for b in out]
            parsed += list(mrkdwn_of(blocks))
            assert check_blocks(blocks, surface=surface) == []
    for text in parsed:
        assert not [bad for bad in LIVE if bad in text], text[:300]
    return "\n".join(parsed)


@pytest.fixture(params=[LINE, LONG], ids=["line", "10k"])
def hostile(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def a_group(text: str) -> PracticeGroup:
    group = PracticeGroup(id=1, team_id="T1", name=text, name_key=text.lower(), reason="state_of_the_art", focus=text,
                          activities=text, report_cadence="monthly", channel_id=None, status="active",
                          proposer_id="U1", created_at=NOW, next_report_due=date(2026, 12, 23))
    group.members = [GroupMember(user_id="U1", role="lead", joined_at=NOW)]
    group.endorsements = []
    return group


def a_charter(text: str, **values: Any) -> Charter:
    charter = Charter(**({
        "id": 7, "team_id": "T1", "status": "proposed", "proposer_id": "U1", "title": text, "goal": text,
        "scope_in": text, "scope_out": text, "deliverable": text, "origin": "volunteers", "seats_needed": 2,
        "hours_per_week": 3, "weeks": 8, "learning_sponsor_id": "U9", "cadence": "monthly", "variation": "standard",
        "created_at": NOW, "started_at": NOW, "group": a_group(text), "changes_requested": text,
        "changes_requested_by": "U5", "approved_by": "U5", "closed_by": "U1", "findings": text,
        "findings_link": "https://x.example/|" + text.split()[0], "next_steps": text,
    } | values), endorsements=[])
    charter.members = [CharterMember(user_id="U1", role="lead", joined_at=NOW)]
    return charter


def a_challenge(text: str) -> Challenge:
    return Challenge(id=7, team_id="T1", title=text, description=text, channel_id="C1", creator_id="U1",
                     start_date=date(2026, 11, 23), end_date=date(2026, 12, 22), days=30, post_time=time(9),
                     timezone="Europe/Paris", skip_weekends=False, partners=True, nudge_delay_hours=6,
                     meetup_date=date(2027, 1, 15), status="active", created_at=NOW,
                     activities=[{"title": text, "do": text, "journal": text}] * 30)


def a_subject(text: str) -> SubjectInfo:
    return SubjectInfo(kind="group", id=1, team_id="T1", name=text, noun="practice group", lead_ids=("U1",),
                       member_ids=("U1",), cadence=Cadence.WEEKLY, channel_id=None,
                       next_report_due=date(2026, 11, 30), accepts_reports=True,
                       report_command=f"/practice report {text}")


def a_report(text: str, *, final: bool = False) -> Report:
    return Report(id=3, team_id="T1", subject_kind="group", subject_id=1, subject_name=text, author_id="U1",
                  final=final, progress=text, learnings=text, asks=text, created_at=NOW)


SUMMARY = Summary(participants=2, entries=3, completion=0.5, streaks=[("U1", 3)], busiest=[(1, "2026-11-23", 2)],
                  days=30)


def test_what_a_name_becomes_shows_the_typed_characters_and_keeps_the_bots_bold() -> None:
    text = groups.group_line(a_group("<!channel> *x* & y"))
    assert text.startswith("*&lt;!channel&gt; ∗x∗ &amp; y* — ")
    assert "&amp;amp;" in safe(groups.proposal_message(a_group(LINE)))


def test_practice_groups(hostile: str) -> None:
    group = a_group(hostile)
    safe(groups.proposal_message(group), groups.proposal_message(group, for_coordinator=True),
         groups.group_list([group, a_group(hostile)], "U2"), groups.joined_text(group, with_leads=True),
         groups.left_text(group, "U2"), groups.endorsed_text(group, activated=True),
         groups.endorsed_text(group, activated=False))
    safe(groups.home_blocks([group], [group], is_coordinator=True), surface="home")
    archived = a_group(hostile)
    archived.status = GroupStatus.ARCHIVED
    safe(groups.group_list([group, archived], "U1"), groups.proposal_message(archived))


def test_reports_and_feedback(hostile: str) -> None:
    subject = a_subject(hostile)
    safe(reports.build_report_modal(subject, final=False), reports.build_report_modal(subject, final=True),
         reports.build_feedback_modal(a_report(hostile), FeedbackKind.CRITIQUE))
    safe(reports.report_message(a_report(hostile), "practice group", FeedbackCounts(1, 2, 3)),
         reports.report_message(a_report(hostile, final=True), "charter", FeedbackCounts()),
         reports.feedback_reply(Feedback(report_id=3, user_id="U2", kind="critique", text=hostile, created_at=NOW)),
         problems.channel_problem(problems.report_prompt_what(hostile), "C1", "not_in_channel", "x"),
         *[reports.reminder_message(ReminderPlan(kind, subject, late=True)) for kind in ReminderKind])


def test_a_feedback_quote_keeps_every_line_in_the_quote() -> None:
    reply = reports.feedback_reply(Feedback(report_id=3, user_id="U2", kind="refine", text="a\n<!here>\nb",
                                            created_at=NOW))
    assert reply.text == "<@U2> suggests a refinement:\n>a\n>&lt;!here&gt;\n>b"


def test_charters(hostile: str) -> None:
    drafts = [a_charter(hostile, status=s) for s in ("draft", "proposed", "chartered", "active", "completed")]
    for charter in drafts:
        safe(messages.proposal_message(charter), messages.coordinator_message(charter),
             messages.coordinator_message(charter, resubmitted=True), messages.draft_message(charter),
             lists.charter_detail(charter, LEDGER))
    charter = a_charter(hostile)
    safe(messages.started_message(charter), messages.findings_message(charter, LEDGER),
         messages.approved_message(charter),
         messages.volunteered_message(charter, "U3"), messages.joined_text(charter),
         messages.named_member_message(charter, "C1"), messages.cancelled_text(charter),
         lists.charter_list(drafts))
    safe(modals.changes_modal(charter), modals.findings_modal(charter), modals.charter_modal(a_charter(LINE)))
    safe(lists.home_blocks(CharterHome(mine=drafts, awaiting_approval=drafts), "U1"), surface="home")
    safe(home_ledger_blocks(CharterHome(mine=drafts, ledgers={7: LEDGER})), surface="home")
    for kind in ({"variation": "case_study", "case_study_name": hostile, "case_study_link": "https://x.example/|<!here>"},
                 {"variation": "pro_bono", "pro_bono_for": hostile}):
        safe(lists.charter_detail(a_charter(hostile, **kind), LEDGER))


def test_a_link_a_member_gave_stays_one_link() -> None:
    text = safe(messages.findings_message(a_charter("x", findings_link="https://x.example/a|<!here>&b"), LEDGER))
    assert "<https://x.example/a%7C&lt;!here&gt;&amp;b>" in text


def test_challenges(hostile: str) -> None:
    challenge = a_challenge(hostile)
    day = ChallengeDay(challenge_id=7, number=2, local_date=date(2026, 11, 24))
    target = JournalTarget(challenge, day, JournalEntry(text=hostile, private=False))
    entries = tuple(EntrySummary(n, hostile, False, "thread") for n in range(1, 4))
    progress = Progress(challenge, day, True, [1, 2], 3, 2, 2, entries)
    mine = MyPartners(challenge, True, True, [PartnerStatus("U2", True, False)])
    safe(posts.build_announcement(challenge), posts.build_day_post(challenge, 3, [1, 2]),
         posts.build_invitation(challenge, 2), posts.build_journal_post("U1", 2, hostile),
         problems.challenge_stopped(hostile, "C1", "channel_not_found"), journal.build_status(progress, mine),
         problems.channel_problem(problems.challenge_what(hostile, "the wrap-up"), "C1", "is_archived",
                                  problems.report_instead(hostile)),
         journal.build_joined(challenge), journal.build_left(challenge),
         nudges.build_nudge(challenge, 2, last=True, thread_link=None),
         nudges.build_export_answer(hostile, "csv"),
         nudges.export_comment(hostile, everyone=True, with_private=True, entries=3),
         partners.build_intro(partners.Intro(hostile, "C1", 30, ["U1", "U2"])),
         partners.build_alone(hostile), partners.build_partner_away("U2", hostile, date(2026, 12, 1)),
         partners.build_partner_back("U2", hostile), partners.build_partners_note(["U1"], ["U2"], hostile, 2, 30),
         wrapup.build_wrapup(hostile, SUMMARY, date(2027, 1, 15)), wrapup.build_meetup_reminder(hostile, None))
    safe(journal.build_journal_modal(target), journal.build_journal_saved(target, private=False))
    social_home = SocialHome(partners=[mine], finished=[Finished(challenge, SUMMARY, "1.0")])
    safe(build_home_challenges([progress]), social.build_home_social(social_home), surface="home")


def test_activity_sets(hostile: str) -> None:
    chosen = ActivitySetData(hostile[:60], hostile, (Activity(hostile, hostile, hostile),))
    safe(templates.build_sets_list([chosen, chosen]), templates.build_import_done(chosen),
         templates.set_file_comment(chosen), templates.build_sending_set(chosen))


def test_app_home(hostile: str) -> None:
    community = Community(team_id="T1", community_channel_id="C1", coordinator_ids=["U1"])
    data = HomeData(community=community, is_coordinator=True, practice_groups=[a_group(hostile)],
                    awaiting_endorsement=[a_group(hostile)], user_id="U1",
                    charters=CharterHome(mine=[a_charter(hostile)], awaiting_approval=[a_charter(hostile)]),
                    social=SocialHome(finished=[Finished(a_challenge(hostile), SUMMARY, "1.0")]))
    safe(home.build_home(data))


def test_the_digest(hostile: str) -> None:
    window = DigestWindow(team_id="T1", since=NOW, until=NOW, today=NOW.date())
    completed = a_charter(hostile, status="completed")
    sections = [NewGroups([a_group(hostile)] * 20),
                CharterNews([a_charter(hostile)], [completed], [completed], {7: LEDGER}),
                ReportsBack([ReportLine(a_report(hostile), FeedbackCounts())]), Overdue([a_subject(hostile)]),
                WrappedUp([(a_challenge(hostile), SUMMARY)])]
    text = safe(digest.digest_message(window, sections))  # type: ignore[arg-type]
    if hostile == LINE:
        assert "`/practice join &lt;!channel&gt;" in text
