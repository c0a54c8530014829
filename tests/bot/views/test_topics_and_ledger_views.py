"""Builders of topics and of a charter's ledger: what members typed stays inert, Slack's limits are kept."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ids import TopicField
from bot.services.charters.ledger import Ledger, MemberHours
from bot.services.topics import Related
from bot.views.charters.ledger import findings_ledger_text, hours, ledger_text, total_text
from bot.views.topics import related_message, topic_answers, topic_inputs
from models.topic import Tagged, Topic
from tests.support.block_limits import check_blocks

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_related_names_are_escaped_and_linked_only_where_slack_gave_a_link() -> None:
    items = [Related(Tagged.GROUP, "<!channel> *Data*", "C1", "1.2"), Related(Tagged.CHALLENGE, "a|b", None, None)]
    message = related_message(items, {0: "https://test.slack.com/archives/C1/p12"})
    assert message.text == ("Related, on the same topics: practice group <https://test.slack.com/archives/C1/p12|"
                            "&lt;!channel&gt; \u2217Data\u2217> · challenge *a|b*")
    assert check_blocks(message.as_kwargs()["blocks"], surface="message") == []


def test_the_topic_inputs_offer_the_workspaces_topics_and_keep_the_chosen_ones() -> None:
    topics = [Topic(id=n, team_id="T1", key=f"t{n}", name="x" * 40, created_at=NOW) for n in range(1, 101)]
    blocks = [b.to_dict() for b in topic_inputs(topics, topics[:2])]
    assert [b["block_id"] for b in blocks] == [TopicField.CHOSEN, TopicField.NEW]
    assert len(blocks[0]["element"]["options"]) == 100 and len(blocks[0]["element"]["initial_options"]) == 2
    assert [b["block_id"] for b in (x.to_dict() for x in topic_inputs([]))] == [TopicField.NEW]
    assert topic_answers({TopicField.CHOSEN: ["3"], TopicField.NEW: "APIs"}).chosen == ["3"]


def test_the_ledger_in_words() -> None:
    ledger = Ledger(1, (MemberHours("U1", 40, 12.5), MemberHours("U2", 40, 0), MemberHours("U9", 0, 3)))
    assert hours(2.0) == "2" and hours(2.54) == "2.5"
    assert total_text(ledger) == "15.5 of 80 pledged hours reported (19%)"
    assert "<@U1> 12.5 of 40 · <@U2> 0 of 40 · <@U9> 3 of 0" in ledger_text(ledger)
    assert findings_ledger_text(Ledger(2, ())).startswith("*Hours the team gave* 0 of the 0 pledged\n")
