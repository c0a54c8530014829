"""A charter's commitment ledger in words: hours pledged against hours reported, by member and in total."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject

from bot.services.charters.ledger import Ledger
from bot.services.charters.lookup import CharterHome
from bot.views.text import clip, inline


def hours(value: float) -> str:
    """6 → "6", 2.5 → "2.5"."""
    return f"{round(value, 1):g}"


def share(ledger: Ledger) -> str:
    return f" ({round(100 * ledger.reported / ledger.pledged)}%)" if ledger.pledged else ""


def total_text(ledger: Ledger) -> str:
    """"12 of 80 pledged hours reported (15%)"."""
    return f"{hours(ledger.reported)} of {hours(ledger.pledged)} pledged hours reported{share(ledger)}"


def members_text(ledger: Ledger) -> str:
    """"<@U1> 6 of 40 · <@U2> 6 of 40"."""
    return " · ".join(f"<@{m.user_id}> {hours(m.reported)} of {hours(m.pledged)}" for m in ledger.members)


def ledger_text(ledger: Ledger) -> str:
    """The ledger as `/charter show` gives it: the total, then each member."""
    return (f"*Hours* {total_text(ledger)}\n{members_text(ledger)}\n"
            "_Each report asks the hours every team member gave since the last one._")


def findings_ledger_text(ledger: Ledger) -> str:
    """The ledger summed up in the findings post."""
    return (f"*Hours the team gave* {hours(ledger.reported)} of the {hours(ledger.pledged)} pledged"
            f"{share(ledger)}\n{members_text(ledger)}")


def home_ledger_blocks(home: CharterHome) -> list[Block]:
    """App Home: the ledger of each of the member's charters that keeps one (active, or with hours reported)."""
    lines = [f"*#{charter.id} {inline(charter.title)}* — {total_text(ledger)}: {members_text(ledger)}"
             for charter in home.mine if (ledger := home.ledgers.get(charter.id)) is not None]
    if not lines:
        return []
    return [ContextBlock(elements=[MarkdownTextObject(text=clip(":stopwatch: " + line, 2000))]) for line in lines[:10]]
