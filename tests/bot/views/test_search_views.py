"""The search results' builders: member text escaped and clipped, links built from where a message was posted."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.search import Query, Results
from bot.services.search_hits import Hit, HitKind
from bot.views.search import permalink, search_message, search_modal

AT = datetime(2026, 11, 4, 9, 0, tzinfo=UTC)


def hit(**changes: object) -> Hit:
    values: dict[str, object] = dict(kind=HitKind.JOURNAL, snippet="Pairing <!channel> made it *less* scary",
                                     author_id="U1", created_at=AT, place="30 days of *DevOps* <@U2>",
                                     place_kind="challenge", day=3, channel_id="C1", ts="203.000300")
    return Hit(**(values | changes))  # type: ignore[arg-type]


def test_member_text_is_escaped_and_names_cannot_break_the_formatting() -> None:
    message = search_message(Results(Query("pairing", ("pairing",)), [hit()]), "acme")
    section = message.as_kwargs()["blocks"][1]["text"]["text"]
    assert "&lt;!channel&gt;" in section and "<!channel>" not in section
    assert "&lt;@U2&gt;" in section and "\u2217DevOps\u2217" in section


def test_a_long_snippet_is_clipped() -> None:
    message = search_message(Results(Query("pairing", ("pairing",)), [hit(snippet="pairing " * 200)]), "acme")
    assert len(message.as_kwargs()["blocks"][1]["text"]["text"]) < 700


def test_links_are_built_from_the_channel_and_ts_and_name_a_replys_thread() -> None:
    assert permalink("acme", "C1", "203.000300") == "https://acme.slack.com/archives/C1/p203000300"
    assert permalink("acme", "C1", "203.000300", "200.000100") == (
        "https://acme.slack.com/archives/C1/p203000300?thread_ts=200.000100&cid=C1")
    assert permalink("", "C1", "1.2") == "https://slack.com/archives/C1/p12"
    assert permalink("evil.com/x", "C1", "1.2") == "https://slack.com/archives/C1/p12"
    assert permalink("acme", None, "1.2") is None and permalink("acme", "C1", None) is None


def test_a_private_entry_says_only_its_author_sees_it_and_has_no_link() -> None:
    message = search_message(Results(Query("notes", ("notes",)), [hit(private=True, channel_id=None, ts=None)]), "a")
    blocks = message.as_kwargs()["blocks"]
    assert "(private: only you see it)" in blocks[1]["text"]["text"]
    assert "Open in Slack" not in blocks[2]["elements"][0]["text"]


def test_the_modal_keeps_the_words_to_search_again() -> None:
    view = search_modal(Results(Query("pairing retro", ("pairing", "retro")), []), "acme").to_dict()
    assert view["blocks"][0]["element"]["initial_value"] == "pairing retro"
    assert "Nothing matches *pairing* *retro* yet" in view["blocks"][1]["text"]["text"]
