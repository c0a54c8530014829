"""The notices about lasting Slack problems: what failed, why, and what the reader can do about it."""

from __future__ import annotations

import pytest

from bot.views import problems
from tests.support.block_limits import check_blocks

WRAPUP = problems.challenge_what("30 days of DevOps", "the wrap-up")


def test_not_in_channel_says_how_to_invite_the_bot() -> None:
    notice = problems.channel_problem(WRAPUP, "C1", "not_in_channel", problems.wrapup_instead())
    assert notice.text.startswith(":warning: I couldn't post the wrap-up of “30 days of DevOps” in <#C1>")
    assert "I'm not a member of it (`not_in_channel`)" in notice.text
    assert "Type `/invite @CoP Bot` in <#C1> and I'll post there again" in notice.text
    assert check_blocks(notice.as_kwargs()["blocks"], surface="message") == []


def test_a_channel_slack_cannot_find_may_be_private_or_deleted() -> None:
    notice = problems.channel_problem(problems.the_digest(), "C1", "channel_not_found", problems.digest_instead())
    assert "it was deleted, or it is private and I was removed from it" in notice.text
    assert "If it still exists, type `/invite @CoP Bot` in it; if not, pick another community channel in my " \
           "Home tab's *Settings*." in notice.text


def test_an_archived_channel_can_be_unarchived_or_replaced() -> None:
    notice = problems.channel_problem(problems.report_prompt_what("Data Viz"), "C1", "is_archived",
                                      problems.report_instead("/practice report Data Viz"))
    assert "the report-back prompt of *Data Viz* in <#C1>: it was archived" in notice.text
    assert "Unarchive it, or members can still report with `/practice report Data Viz`." in notice.text


def test_a_stopped_challenge_says_so_and_how_to_start_again() -> None:
    notice = problems.challenge_stopped("30 days of DevOps", "C1", "is_archived")
    assert "I can no longer post in <#C1>: it was archived (`is_archived`)" in notice.text
    assert "“30 days of DevOps” is stopped" in notice.text and "`/challenge new`" in notice.text


def test_a_missing_permission_names_it_and_how_to_reinstall() -> None:
    notice = problems.missing_scope("im:write", "send the reminders to journal")
    assert notice.text.startswith(":warning: I couldn't send the reminders to journal: "
                                  "the app lacks the `im:write` permission.")
    assert "reinstall CoP Bot from its page at https://api.slack.com/apps" in notice.text


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived", "invalid_blocks"])
def test_every_channel_notice_says_what_to_do(error: str) -> None:
    notice = problems.channel_problem(WRAPUP, "C1", error, problems.wrapup_instead())
    assert f"(`{error}`)" in notice.text and "<#C1>" in notice.text
    assert any(verb in notice.text for verb in ("Type `/invite", "If it still exists", "Unarchive", "Check that"))


def test_a_title_cannot_ping_or_break_the_notice() -> None:
    notice = problems.channel_problem(problems.challenge_what("<!channel> *big*", "the wrap-up"), "C1",
                                      "is_archived", problems.wrapup_instead())
    assert "<!channel>" not in notice.text
