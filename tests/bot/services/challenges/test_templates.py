"""Activity sets: the built-in templates, and parsing a community's own YAML with clear errors."""

from __future__ import annotations

import pytest
import yaml

from bot.errors import UserError
from bot.services.challenges.templates import built_in_sets, export_yaml, parse_activity_set


def test_there_are_four_built_in_sets_of_thirty_distinct_concrete_activities() -> None:
    sets = built_in_sets()
    assert [s.name for s in sets] == ["Blockchain", "DevOps", "Public Speaking", "Social Learning"]
    for activity_set in sets:
        assert len(activity_set.activities) == 30 and activity_set.description
        assert len({a.title for a in activity_set.activities}) == 30
        assert len({a.do for a in activity_set.activities}) == 30
        assert all(a.do and a.journal for a in activity_set.activities)


def test_a_built_in_set_exports_as_yaml_that_reads_back_the_same() -> None:
    devops = built_in_sets()[1]
    text = export_yaml(devops)
    assert text.startswith("name: DevOps\n")
    assert yaml.safe_load(text)["activities"][0]["title"] == devops.activities[0].title
    assert tuple(a.as_dict() for a in devops.activities) == tuple(yaml.safe_load(text)["activities"])


def test_a_short_set_with_plain_lines_and_full_activities_is_read() -> None:
    parsed = parse_activity_set("name: Data viz\nactivities:\n  - Redraw a chart\n"
                                "  - title: Colour check\n    do: Check a palette for colour blindness.\n"
                                "    journal: What changed?\n")
    assert parsed.name == "Data viz" and [a.title for a in parsed.activities] == ["Redraw a chart", "Colour check"]
    assert parse_activity_set(export_yaml(parsed)) == parsed


@pytest.mark.parametrize(("text", "says"), [
    ("name: [unclosed", "couldn't read that YAML on line 1"),
    ("just a line", "Start with `name:`"),
    ("activities:\n  - a", "Give the set a `name:`"),
    ("name: X\nactivities: []", "List the activities"),
    ("name: X\nactivities:\n  - [1, 2]", "Activity 1 must be text"),
    ("name: X\nactivities:\n  - title: a\n    when: later", "use only title, do and journal"),
    ("name: X\nactivities:\n  - do: something", "Activity 1 needs a `title:`"),
    ("name: X\nactivities:\n  - a\n  - A", "Activity 2 repeats an earlier one"),
    ("name: X\nactivities:\n" + "".join(f"  - a{n}\n" for n in range(101)), "at most 100"),
    ("name: X\nactivities:\n  - " + "y" * 15_000, "characters; a set can be at most 15,000"),
    ("name: X\nactivities:\n  - title: a\n    do: " + "z" * 600, "over 500 characters"),
    ("name: " + "n" * 61 + "\nactivities:\n  - a", "at most 60 characters"),
    ("name: X\nactivities: &a\n  - *a", "must be text"),
])
def test_a_malformed_or_huge_set_gets_a_clear_error(text: str, says: str) -> None:
    with pytest.raises(UserError) as raised:
        parse_activity_set(text)
    assert says in raised.value.message
