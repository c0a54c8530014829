"""Search what the community learned: reports, their feedback, charters' findings and journal entries.

The index is the database's own (revision 0010): FTS5 on SQLite, a `tsvector` with a GIN index on
PostgreSQL, kept current by triggers. A member's words never reach either as query syntax: each
becomes a quoted literal term, stop words are dropped, and all terms must match (the last one as a
prefix, so a half-typed word finds). Results are ranked by bm25 (SQLite) or ts_rank (PostgreSQL),
ties broken the same way on both, and scoped to the workspace; a private journal entry is found
only by its author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.services.search_hits import Hit, hydrate

LIMIT = 10
MAX_CHARS = 200
MAX_TERMS = 8
# Runs of letters and digits: the words both engines index (see migrations/versions/0010_search_index.py).
WORD = re.compile(r"[^\W_]+")
# Words too common to say what a member is looking for (the FTS operators AND, OR and NOT among them).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves
""".split())

# The workspace and who may see an entry are part of the MATCH (see fts5()), found in the index itself;
# only the body counts in bm25. Ties go to the newer document id on both engines.
_SQLITE = """
SELECT rowid AS doc_id FROM search_index WHERE search_index MATCH :query
ORDER BY bm25(search_index, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0), rowid DESC LIMIT :limit
"""
# ts_rank divided by the document's length (normalization 2) orders like bm25 more often than any other
# normalization (bench/search.py prints how often the two engines agree).
_POSTGRES = """
SELECT doc_id FROM search_index, to_tsquery('simple', :query) AS query
WHERE document @@ query AND team_id = :team_id AND (NOT private OR owner_id = :user_id)
ORDER BY ts_rank(document, query, 2) DESC, doc_id DESC LIMIT :limit
"""


@dataclass(frozen=True)
class Query:
    """The terms of a search: all must be found; the last one may be the start of a word."""

    words: str  # as the member typed them
    terms: tuple[str, ...]

    def fts5(self, team_id: str, user_id: str) -> str:
        """FTS5 syntax: each term a quoted string, so `NEAR`, `OR`, `*` and `"` mean nothing; in the workspace,
        public or the member's own."""
        words = " AND ".join(_quoted(term) for term in self.terms) + "*"
        return (f"team_id : {_quoted(team_id)} AND (private : \"0\" OR owner_id : {_quoted(user_id)}) "
                f"AND body : ({words})")

    def tsquery(self) -> str:
        """tsquery syntax: each term a quoted lexeme."""
        quoted = ["'" + term.replace("'", "''") + "'" for term in self.terms]
        return " & ".join(quoted) + ":*"


@dataclass(frozen=True)
class Results:
    query: Query
    hits: list[Hit]


def parse_query(words: str | None) -> Query:
    """The member's words as search terms; a UserError says why there is nothing to search for."""
    typed = " ".join((words or "").split())
    if not typed:
        raise UserError("Tell me what to look for: `/practice search WORDS`, for example "
                        "`/practice search pairing retrospective`.")
    if len(typed) > MAX_CHARS:
        raise UserError(f"That search is {len(typed)} characters long; keep it under {MAX_CHARS}: "
                        "a few words that would be in what you are looking for.")
    words_found = [w.lower() for w in WORD.findall(typed)]
    if not any(len(w) > 1 for w in words_found):
        raise UserError("Search for at least one word of two letters or more, for example "
                        "`/practice search feedback`.")
    terms = list(dict.fromkeys(w for w in words_found if len(w) > 1 and w not in STOP_WORDS))
    if not terms:
        raise UserError("Those are all very common words (like _the_, _and_, _or_), which every entry has. "
                        "Add a word that says what you are looking for.")
    return Query(words=typed, terms=tuple(terms[:MAX_TERMS]))


def search(session: Session, team_id: str, user_id: str, query: Query, *, limit: int = LIMIT) -> Results:
    """The best `limit` matches of `query` that `user_id` may see in the workspace, best first."""
    postgres = session.get_bind().dialect.name == "postgresql"
    statement, syntax = (_POSTGRES, query.tsquery()) if postgres else (_SQLITE, query.fts5(team_id, user_id))
    params = {"query": syntax, "team_id": team_id, "user_id": user_id, "limit": limit}
    doc_ids = list(session.scalars(text(statement), params))
    return Results(query=query, hits=hydrate(session, team_id, doc_ids, query.terms))


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
