"""The challenge builders: within Slack's Block Kit limits, and every button explained."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.services.challenges.progress import EntrySummary, Progress
from bot.services.challenges.templates import built_in_sets
from bot.views.challenges.journal import build_status
from bot.views.challenges.new import build_new_challenge_modal
from bot.views.challenges.posts import build_announcement, build_day_post, build_entry_removed, build_invitation
from bot.views.challenges.templates import build_import_modal, build_sets_list
from models import Challenge
from tests.support.block_limits import check_blocks, check_view


def challenge(**overrides: object) -> Challenge:
    devops = built_in_sets()[1]
    values: dict[str, object] = dict(
        id=7, team_id="T1", title="30 days of DevOps", description="Daily practice.", channel_id="C1", creator_id="U1",
        start_date=date(2026, 11, 30), end_date=date(2027, 1, 8), days=30, post_time=time(9, 0),
        timezone="Europe/Paris", skip_weekends=True, partners=True, nudge_delay_hours=6, meetup_date=date(2027, 1, 15),
        activities=[a.as_dict() for a in devops.activities], template_name="DevOps", status="active",
        created_at=datetime(2026, 11, 23, tzinfo=UTC),
    )
    return Challenge(**(values | overrides))


def test_the_new_challenge_modal_is_within_slacks_limits() -> None:
    view = build_new_challenge_modal(list(built_in_sets()), timezone="Europe/Paris", channel_id="C1",
                                     today=date(2026, 11, 23)).to_dict()
    assert check_view(view) == []
    assert "*Create* posts an announcement with a *Join* button" in str(view)


def test_the_day_post_says_which_day_what_to_do_and_how_to_journal() -> None:
    post = build_day_post(challenge(), 3, missed=[])
    text, blocks = post.text, post.blocks
    rendered = str([b.to_dict() for b in blocks])
    assert text == "30 days of DevOps: Day 3 of 30 — Read a pipeline definition line by line"
    assert "*In your journal:*" in rendered and "reply in this thread" in rendered
    assert "I add :memo: to it once it is saved" in rendered and "deleting it removes the entry" in rendered
    assert "*Join* adds you" in rendered and "*Journal* opens a form" in rendered
    assert check_blocks([b.to_dict() for b in blocks], surface="message") == []


def test_missed_days_are_listed_in_the_next_post() -> None:
    blocks = build_day_post(challenge(), 4, missed=[2]).blocks
    assert "Day 2 was not posted: Day 2 — Time your build" in str([b.to_dict() for b in blocks])


def test_the_announcement_and_invitation_explain_their_join_button() -> None:
    for message in (build_announcement(challenge()), build_invitation(challenge(), 2)):
        rendered = message.as_kwargs()["blocks"]
        assert check_blocks(rendered, surface="message") == []
        assert "*Join* adds you" in str(rendered)
    assert "weekends skipped" in build_announcement(challenge()).text


def test_the_sets_list_and_import_modal_are_within_limits() -> None:
    assert check_blocks(build_sets_list(list(built_in_sets())).as_kwargs()["blocks"], surface="message") == []
    assert check_view(build_import_modal().to_dict()) == []


def test_status_lists_the_latest_entries_by_day_with_their_first_words() -> None:
    entries = [EntrySummary(n, f"entry {n} " + "word " * 20, False, "thread") for n in range(1, 13)]
    entries[-1] = EntrySummary(12, "secret", True, "modal")
    text = build_status(Progress(challenge=challenge(), day=None, joined=True, entry_days=list(range(1, 13)),
                                 entries=12, current_streak=0, longest_streak=12, entry_list=tuple(entries))).text
    assert "*Your entries (12):*\n…and 2 earlier\n• Day 3 — “entry 3 word word" in text
    assert "word…” (your reply in the day's thread)" in text and "• Day 1 " not in text
    assert "• Day 12 — private entry (only you can see it)" in text and "secret" not in text


def test_a_removed_entry_says_what_happened_and_where_to_look() -> None:
    removed = build_entry_removed(4).text
    assert "Day 4 journal entry is removed" in removed and "/challenge status" in removed
