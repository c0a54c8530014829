"""The builders of partner introductions, nudges, wrap-ups and the partner lines of status and App Home."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from slack_sdk.models.blocks import Block

from bot.services.challenges.home import SocialHome
from bot.services.challenges.partners import MyPartners, PartnerStatus
from bot.services.challenges.wrapup import Finished
from bot.services.challenges.wrapup_stats import Summary
from bot.views.challenges.nudges import (
    build_away_answer,
    build_back_answer,
    build_nudge,
    build_nudges_answer,
    export_comment,
)
from bot.views.challenges.partners import Intro, build_intro, intro_text, mentions, partners_note_text
from bot.views.challenges.social import build_home_social, status_lines
from bot.views.challenges.wrapup import build_meetup_reminder, build_wrapup, meetup_line, summary_lines
from models import Challenge
from tests.support.block_limits import check_blocks

SUMMARY = Summary(participants=12, entries=230, completion=0.6389, streaks=[("U1", 30), ("U2", 1)],
                  busiest=[(3, "2026-11-25", 11)], days=30)


def challenge() -> Challenge:
    return Challenge(id=7, team_id="T0001", title="Public speaking", channel_id="CCOMMUNITY", creator_id="U1",
                     start_date=date(2026, 11, 23), days=30, post_time=time(10), timezone="Europe/Paris",
                     partners=True, activities=[{"title": f"Activity {n}", "do": "Do it.", "journal": "Write it."}
                                                for n in range(1, 31)], status="active",
                     created_at=datetime(2026, 11, 20, tzinfo=UTC))


def text_of(blocks: list[Block]) -> str:
    return "\n".join(str(b.to_dict()) for b in blocks)


def valid(blocks: list[Block]) -> None:
    assert check_blocks([b.to_dict() for b in blocks], surface="message") == []


def test_mentions_read_naturally() -> None:
    assert mentions(["U1"]) == "<@U1>"
    assert mentions(["U1", "U2", "U3"]) == "<@U1>, <@U2> and <@U3>"


def test_an_introduction_says_who_what_and_what_partners_do() -> None:
    intro = Intro("Public speaking", "CCOMMUNITY", 30, ["U1", "U2"], zones=["Europe/Paris", None])
    blocks = build_intro(intro).blocks
    valid(blocks)
    text = text_of(blocks)
    assert "<@U1> and <@U2>, you are accountability partners for *Public speaking* (<#CCOMMUNITY>)" in text
    assert "What an accountability partner does" in text and "<@U1>: Europe/Paris" in text
    joined = Intro("Public speaking", "CCOMMUNITY", 30, ["U1", "U2", "U3"], newcomers=["U3"])
    assert intro_text(joined).startswith("<@U3> joined your accountability group")


def test_the_nudge_has_the_activity_a_journal_button_and_says_when_it_is_the_last() -> None:
    blocks = build_nudge(challenge(), 3, last=False, thread_link="https://x/p1").blocks
    valid(blocks)
    text = text_of(blocks)
    assert "Day 3 of 30" in text and "Activity 3" in text and "<https://x/p1|the day's thread>" in text
    assert "*Journal* opens a form" in text and "last nudge" not in text
    last = build_nudge(challenge(), 3, last=True, thread_link=None)
    assert "last nudge until you journal again" in text_of(last.blocks)


def test_answers_to_nudges_and_away() -> None:
    assert "*off*" in build_nudges_answer(False).text and "*on*" in build_nudges_answer(True).text
    assert "told your accountability partners" in build_away_answer(date(2026, 12, 4), 2).text
    assert "told" not in build_away_answer(date(2026, 12, 4), 0).text


def test_the_wrap_up_shows_the_figures_and_the_meetup() -> None:
    blocks = build_wrapup("Public speaking", SUMMARY, date(2026, 12, 10)).blocks
    valid(blocks)
    assert summary_lines(SUMMARY) == [
        "*12* participants · *230* journal entries · *64%* completion",
        "Longest streaks: <@U1> 30 days, <@U2> 1 day",
        "Most active day: Day 3 (Wed 25 Nov, 11 entries)",
    ]
    assert "Thursday 10 December 2026" in text_of(blocks)
    assert "agree on one in this thread" in meetup_line(None)
    assert "Partners, bring" in text_of(blocks)


def test_a_wrap_up_without_partners_does_not_mention_them() -> None:
    blocks = build_wrapup("Public speaking", SUMMARY, None, partners=False).blocks
    valid(blocks)
    assert "Partners" not in text_of(blocks)


def test_status_lines_for_each_situation() -> None:
    c = challenge()
    assert status_lines(MyPartners(c, False, True, None), None) == ""
    assert "when the challenge starts" in status_lines(MyPartners(c, True, False, None), None)
    assert "none yet" in status_lines(MyPartners(c, True, True, None), None)
    mine = MyPartners(c, True, True, [PartnerStatus("U2", True, False), PartnerStatus("U3", False, True)])
    line = status_lines(mine, date(2026, 12, 1))
    assert "<@U2> — journaled today" in line and "<@U3> — away" in line and "away until Tue 01 Dec" in line


def test_app_home_shows_partners_time_away_and_finished_challenges() -> None:
    c = challenge()
    home = SocialHome(partners=[MyPartners(c, True, True, [PartnerStatus("U2", False, False)])],
                      away_until=date(2026, 12, 1), nudges_off=True, finished=[Finished(c, SUMMARY, "1.2")])
    blocks = build_home_social(home)
    text = text_of(blocks)
    assert "*Public speaking* — Your accountability partner: <@U2> — not journaled yet today" in text
    assert "away until Tue 01 Dec" in text and "Nudges are off" in text and "is complete" in text
    assert build_home_social(SocialHome()) == []


def test_back_answers_and_meetup_reminders_fit_who_reads_them() -> None:
    assert "told your accountability partner." in build_back_answer(1).text and "partners." in build_back_answer(2).text
    assert "told" not in build_back_answer(0).text
    assert "one of your partner's" in build_meetup_reminder("Public speaking", None).text
    alone = build_meetup_reminder("Public speaking", "https://x/w", partners=False).text
    assert "partner" not in alone and "<https://x/w|the wrap-up's thread>" in alone


def test_the_note_to_partners_names_who_is_behind_kindly() -> None:
    note = partners_note_text(["U2", "U3"], ["U1"], "Public speaking", 4, 30)
    assert "Day 4 of 30 of *Public speaking*: <@U2> and <@U3> haven't journaled yet." in note
    assert "<@U1>, a kind word here may help." in note
    assert "<@U2> hasn't journaled" in partners_note_text(["U2"], ["U1"], "Public speaking", 4, 30)


def test_the_export_comment_says_whose_entries_and_how_many():
    assert export_comment("Public speaking", everyone=True, with_private=False, entries=1) == \
        "The journal of *Public speaking*: every public entry (1 entry)."
    assert "and your private ones (3 entries)" in export_comment("Public speaking", everyone=True, with_private=True,
                                                                 entries=3)
    assert "your entries, private ones included" in export_comment("Public speaking", everyone=False,
                                                                   with_private=True, entries=2)
