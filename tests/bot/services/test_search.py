"""Turning a member's words into search terms: literal words only, never query syntax."""

from __future__ import annotations

import pytest

from bot.errors import UserError
from bot.services.search import MAX_TERMS, parse_query
from bot.services.search_hits import snippet


@pytest.mark.parametrize(("words", "terms"), [
    ("Pairing retrospective", ("pairing", "retrospective")),
    ('"pairing" OR retro*', ("pairing", "retro")),
    ("NEAR(pairing, deploy)", ("near", "pairing", "deploy")),
    ("pairing pairing PAIRING", ("pairing",)),
    ("ci/cd e-mail foo_bar", ("ci", "cd", "mail", "foo", "bar")),
    ("École café", ("école", "café")),
    ("'a' & !b | c:* -- ; drop", ("drop",)),
])
def test_words_become_literal_terms(words: str, terms: tuple[str, ...]) -> None:
    assert parse_query(words).terms == terms


def test_each_term_is_quoted_in_either_syntax_and_the_last_is_a_prefix() -> None:
    query = parse_query("pairing retro")
    assert query.fts5("T1", "U1") == (
        'team_id : "T1" AND (private : "0" OR owner_id : "U1") AND body : ("pairing" AND "retro"*)')
    assert query.tsquery() == "'pairing' & 'retro':*"


def test_a_long_search_keeps_its_first_terms() -> None:
    assert len(parse_query(" ".join(f"word{n}" for n in range(20))).terms) == MAX_TERMS


@pytest.mark.parametrize(("words", "problem"), [
    (None, "Tell me what to look for"),
    ("  ", "Tell me what to look for"),
    ("x", "two letters or more"),
    ('" * ( )', "two letters or more"),
    ("the OR and", "very common words"),
    ("w" * 201, "201 characters"),
])
def test_nothing_to_search_for_is_a_user_error(words: str | None, problem: str) -> None:
    with pytest.raises(UserError, match=problem):
        parse_query(words)


def test_a_snippet_is_the_part_around_the_first_word_found() -> None:
    body = "Intro words. " * 20 + "Then we tried pairing on the deploy script.\n\nIt worked. " + "More words. " * 30
    cut = snippet(body, ("pairing",))
    assert cut.startswith("…") and cut.endswith("…") and "tried pairing on the deploy script. It worked." in cut
    assert len(cut) <= 242
    assert snippet("Short and sweet.", ("sweet",)) == "Short and sweet."
