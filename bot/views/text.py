"""What members typed, made safe to repeat in mrkdwn: no mention, channel or link, and within Slack's limits.

Slack parses `&`, `<` and `>` in mrkdwn and in a message's `text`, so `<!channel>` typed in a title would
notify the whole channel. Every piece of member text a builder puts in mrkdwn goes through `plain` (free
text, where the member's own *bold* stays) or `inline` (a name or title set in the bot's own formatting).
plain_text objects (headers, buttons, options, modal titles) are not parsed and take the text as it is.
"""

from __future__ import annotations

SECTION_TEXT = 2900  # under Slack's 3000, leaving room for the label
LONGEST_ENTITY = 600  # a link the bot makes (a 500-character URL and its label), the longest `<…>` it writes

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Lookalikes of the characters that open or close bold, italics, strike-through and code, so that a name set
# in the bot's `*{name}*` cannot end the bold early or start a code span that swallows the rest of the line.
_LOOKALIKES = str.maketrans({
    "*": "\u2217",  # ∗ asterisk operator
    "_": "\u02cd",  # ˍ modifier letter low macron
    "~": "\u223c",  # ∼ tilde operator
    "`": "\u02cb",  # ˋ modifier letter grave accent
})


def plain(text: str | None) -> str:
    """Free text as the member wrote it (their own *bold* and line breaks stay), with no live mention or link."""
    return (text or "").translate(_ESCAPES)


def inline(text: str | None) -> str:
    """A name or title set inside the bot's own formatting: one line, no mention or link, no formatting."""
    return " ".join(plain(text).split()).translate(_LOOKALIKES)


def code(text: str | None) -> str:
    """A command with a member's words in it, as inline code: formatting is not parsed there, mentions are."""
    return "`" + " ".join(plain(text).split()).replace("`", "\u02cb") + "`"


def quote(text: str | None) -> str:
    """Free text as a block quote, every line of it."""
    return ">" + plain(text).replace("\n", "\n>")


def link(url: str | None, label: str | None = None) -> str:
    """A link to a URL a member gave, with their label; `|` would end the URL, so it is percent-encoded."""
    target = (url or "").translate(_ESCAPES).replace("|", "%7C")
    shown = inline(label)
    return f"<{target}|{shown}>" if shown else f"<{target}>"


def clip(text: str, limit: int = SECTION_TEXT) -> str:
    """`text` in at most `limit` characters, ending in "…" when cut; never in the middle of an `&amp;`, nor of
    a `<@U…>` or a link the bot wrote. Clip after escaping: the escaped text is the longer one."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&", max(0, len(cut) - 4))
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    opened = cut.rfind("<", max(0, len(cut) - LONGEST_ENTITY))
    if opened != -1 and ">" not in cut[opened:]:
        cut = cut[:opened]
    return cut + "…"
