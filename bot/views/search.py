"""Search results: what the community learned that matches a member's words, with who, when, where and a link."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.ids import SearchAction, SearchField, SearchView
from bot.services.search import LIMIT, Results
from bot.services.search_hits import Hit, HitKind
from bot.views.message import Message
from bot.views.text import clip, inline, quote
from models.report import FeedbackKind

SNIPPET = 500  # escaped characters of a result's quote
PLACES = {"group": "practice group", "charter": "charter", "challenge": "challenge"}
FEEDBACK = {FeedbackKind.ENDORSE: "Endorsement", FeedbackKind.CRITIQUE: "Critique",
            FeedbackKind.REFINE: "Suggested refinement"}
ONLY_YOU = "Only you can see this message."


def search_message(results: Results, team_domain: str) -> Message:
    """The answer to `/practice search WORDS`, seen only by the member who searched."""
    blocks = [SectionBlock(text=MarkdownTextObject(text=_summary(results))), *_hit_blocks(results, team_domain)]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=ONLY_YOU)]))
    return Message(text=_summary(results), blocks=blocks)


def search_problem_message(problem: str) -> Message:
    """Why nothing was searched for, and how to search."""
    return Message(text=problem, blocks=[
        SectionBlock(text=MarkdownTextObject(text=f":mag: {problem}")),
        ContextBlock(elements=[MarkdownTextObject(text=f"{_SEARCHES} {ONLY_YOU}")]),
    ])


def search_modal(results: Results | None, team_domain: str, *, words: str = "", problem: str | None = None) -> View:
    """The results modal (from App Home): the box to search again, then the results or why there are none."""
    blocks: list[Block] = [_query_input(words or (results.query.words if results else ""))]
    if problem:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":mag: {problem}")))
    if results:
        blocks += [SectionBlock(text=MarkdownTextObject(text=_summary(results))), *_hit_blocks(results, team_domain)]
    return View(type="modal", callback_id=SearchView.RESULTS, title="Search", submit="Search", close="Close",
                blocks=blocks)


def home_search_blocks() -> list[Block]:
    """The search box on App Home: typing words and pressing Enter opens the results."""
    box = PlainTextInputElement(action_id=SearchAction.QUERY, placeholder="pairing retrospective",
                                dispatch_action_config={"trigger_actions_on": ["on_enter_pressed"]})
    return [
        InputBlock(block_id=SearchField.QUERY, label="Search what the community learned", element=box,
                   dispatch_action=True, hint=f"Press Enter to see the results. {_SEARCHES}"),
        DividerBlock(),
    ]


_SEARCHES = "Search looks in reports, their feedback, charters' findings and journal entries (your private ones too)."


def _query_input(words: str) -> InputBlock:
    box = PlainTextInputElement(action_id=SearchField.QUERY, initial_value=words[:200] or None, max_length=200,
                                placeholder="pairing retrospective")
    return InputBlock(block_id=SearchField.QUERY, label="Words to look for", element=box,
                      hint=f"Search shows what matches all the words. {_SEARCHES}")


def _summary(results: Results) -> str:
    terms = " ".join(f"*{inline(t)}*" for t in results.query.terms)
    if not results.hits:
        return (f":mag: Nothing matches {terms} yet. Try fewer words, or another word for the same thing "
                "(the search finds whole words, and the start of the last one).")
    count = len(results.hits)
    if count >= LIMIT:
        return f":mag: The {count} best matches for {terms} (add a word to narrow it down):"
    return f":mag: {count} {'match' if count == 1 else 'matches'} for {terms}:"


def _hit_blocks(results: Results, team_domain: str) -> list[Block]:
    blocks: list[Block] = []
    for hit in results.hits:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"{_what(hit)}\n{clip(quote(hit.snippet), SNIPPET)}")))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_who_when_link(hit, team_domain))]))
    return blocks


def _what(hit: Hit) -> str:
    place = f"{PLACES.get(hit.place_kind, hit.place_kind)} *{inline(hit.place)}*"
    if hit.kind is HitKind.REPORT:
        return f":bar_chart: {'Closing report' if hit.final else 'Report'} of the {place}"
    if hit.kind is HitKind.FEEDBACK:
        label = FEEDBACK[hit.feedback] if hit.feedback else "Feedback"
        return f":speech_balloon: {label} on a report of the {place}"
    if hit.kind is HitKind.FINDINGS:
        return f":trophy: Findings of the {place}"
    private = " (private: only you see it)" if hit.private else ""
    return f":memo: Journal entry, day {hit.day} of the {place}{private}"


def _who_when_link(hit: Hit, team_domain: str) -> str:
    stamp = int(hit.created_at.timestamp())
    when = f"<!date^{stamp}^{{date_short_pretty}}|{hit.created_at:%d %b %Y}>"
    parts = [f"<@{hit.author_id}>", when]
    url = permalink(team_domain, hit.channel_id, hit.ts, hit.thread_ts)
    if url:
        parts.append(f"<{url}|Open in Slack>")
    return " · ".join(parts)


def permalink(team_domain: str, channel_id: str | None, ts: str | None, thread_ts: str | None = None) -> str | None:
    """Slack's link to a message, built from where it was posted (a reply's link names its thread)."""
    if not channel_id or not ts:
        return None
    host = f"{team_domain}.slack.com" if team_domain.replace("-", "").isalnum() else "slack.com"
    url = f"https://{host}/archives/{channel_id}/p{ts.replace('.', '')}"
    return f"{url}?thread_ts={thread_ts}&cid={channel_id}" if thread_ts else url
