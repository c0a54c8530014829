"""Searching what the community learned, from a command, App Home or the results modal."""

from __future__ import annotations

from bot.deps import Deps
from bot.services.search import Results, parse_query, search


def find(deps: Deps, team_id: str, user_id: str, words: str | None) -> Results:
    """What `user_id` may see that matches `words`, best first; a UserError says why nothing was searched."""
    query = parse_query(words)
    with deps.sessions() as session:
        return search(session, team_id, user_id, query)
