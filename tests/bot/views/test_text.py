"""Member text in mrkdwn: escaped as Slack documents, names kept from the bot's formatting, clipped whole."""

from __future__ import annotations

import pytest

from bot.views.text import clip, code, inline, link, plain, quote


@pytest.mark.parametrize(("typed", "shown"), [
    ("<!channel> hi", "&lt;!channel&gt; hi"),
    ("<!here>", "&lt;!here&gt;"),
    ("<!everyone>", "&lt;!everyone&gt;"),
    ("<@U123>", "&lt;@U123&gt;"),
    ("<#C123>", "&lt;#C123&gt;"),
    ("<!subteam^S1>", "&lt;!subteam^S1&gt;"),
    ("<https://evil|click>", "&lt;https://evil|click&gt;"),
    ("R&D", "R&amp;D"),
    ("&amp;", "&amp;amp;"),
    ("*bold* _it_\nline two", "*bold* _it_\nline two"),
    ("", ""),
])
def test_plain_escapes_the_three_control_characters_only(typed: str, shown: str) -> None:
    assert plain(typed) == shown


def test_plain_of_nothing_is_empty() -> None:
    assert plain(None) == ""


def test_inline_keeps_a_name_from_the_bots_formatting() -> None:
    assert inline("*Data* _Viz_ ~x~ `y`") == "∗Data∗ ˍVizˍ ∼x∼ ˋyˋ"
    assert inline("two\nlines\n> quoted") == "two lines &gt; quoted"
    assert inline("<!here> & co") == "&lt;!here&gt; &amp; co"


def test_code_keeps_a_command_copyable_and_closed() -> None:
    assert code("/practice join data_viz <!here>") == "`/practice join data_viz &lt;!here&gt;`"
    assert code("a`b") == "`aˋb`"


def test_quote_quotes_every_line() -> None:
    assert quote("one\n<!channel>") == ">one\n>&lt;!channel&gt;"


def test_link_keeps_the_url_and_label_to_themselves() -> None:
    assert link("https://x.org/a?b=1&c=2") == "<https://x.org/a?b=1&amp;c=2>"
    assert link("https://x.org/|<!channel>", "*Our* <site>") == "<https://x.org/%7C&lt;!channel&gt;|∗Our∗ &lt;site&gt;>"
    assert link("https://x.org", "") == "<https://x.org>"


def test_clip_leaves_short_text_alone() -> None:
    assert clip("a" * 10, 10) == "a" * 10


@pytest.mark.parametrize("character", ["&", "<", ">"])
def test_clip_never_cuts_an_entity(character: str) -> None:
    escaped = plain(f"x{character}" * 2000)
    for limit in range(40, 60):
        clipped = clip(escaped, limit)
        assert len(clipped) <= limit and clipped.endswith("…")
        body = clipped[:-1]
        assert body.count("&") == body.count(";"), body


def test_clip_never_cuts_a_mention_or_link_the_bot_wrote() -> None:
    text = "x" * 90 + "<@U12345678> and " + link("https://example.org/" + "p" * 50, "the page")
    for limit in range(91, len(text)):
        body = clip(text, limit)[:-1]
        assert body.count("<") == body.count(">"), limit
