"""`/challenge templates`: list the activity sets, import a community's own as YAML, export any as YAML."""

from __future__ import annotations

from typing import Any

from bot.ids import ChallengeAction, ChallengeField, TemplateField
from bot.services.challenges.templates import built_in_sets, export_yaml
from tests.support.challenges import create_challenge, open_new_challenge
from tests.support.running_app import RunningApp

OWN_SET = """name: Data Visualisation
description: A chart a day.
activities:
  - title: Redraw a bad chart
    do: Find a misleading chart and redraw it.
    journal: What was wrong, and what you changed.
  - Sketch three charts of one dataset
  - Check a palette for colour blindness
"""


def open_import(app: RunningApp) -> dict[str, Any]:
    app.fake.reset_calls()
    assert app.slack.action(ChallengeAction.IMPORT_SET, "import", user="U1", channel="CCOMMUNITY").status == 200
    return app.fake.wait_for("views.open")["view"]


def test_the_list_shows_every_set_with_what_its_buttons_do(app: RunningApp) -> None:
    answer = app.slack.command("/challenge", "templates").json()
    text = str(answer["blocks"])
    for name in ("DevOps", "Public Speaking", "Blockchain", "Social Learning"):
        assert f"*{name}* (30 activities, built in)" in text
    assert ChallengeAction.EXPORT_SET in text and ChallengeAction.IMPORT_SET in text
    assert "*Export YAML* sends you the set as a file" in text


def test_an_imported_set_is_listed_and_can_run_a_challenge(app: RunningApp) -> None:
    response = app.slack.submit(open_import(app), {TemplateField.YAML: OWN_SET})
    assert "Data Visualisation* is imported with 3 activities" in response.body
    assert "*Data Visualisation* (3 activities, this community's)" in app.slack.command("/challenge", "templates").body
    options = str(open_new_challenge(app))
    assert "Data Visualisation (3 activities)" in options
    challenge = create_challenge(app, template="data visualisation", days="3")
    assert [a["title"] for a in challenge.activities][1] == "Sketch three charts of one dataset"


def test_a_long_set_continues_across_the_import_boxes(app: RunningApp) -> None:
    adapted = export_yaml(built_in_sets()[1]).replace("name: DevOps", "name: Our DevOps")
    lines = adapted.splitlines()
    boxes = {TemplateField.YAML: "\n".join(lines[:40]), TemplateField.YAML_2: "\n".join(lines[40:80]),
             TemplateField.YAML_3: "\n".join(lines[80:])}
    assert all(len(box) <= 3000 for box in boxes.values())
    assert "Our DevOps* is imported with 30 activities" in app.slack.submit(open_import(app), boxes).body


def test_bad_yaml_and_a_taken_name_are_answered_inline(app: RunningApp) -> None:
    body = app.slack.submit(open_import(app), {TemplateField.YAML: "name: X\nactivities:\n  - a\n - b"}).json()
    assert "couldn't read that YAML on line" in body["errors"][TemplateField.YAML]
    body = app.slack.submit(open_import(app), {TemplateField.YAML: "name: devops\nactivities:\n  - a"}).json()
    assert "A set called “devops” already exists" in body["errors"][TemplateField.YAML]
    assert "this community's" not in app.slack.command("/challenge", "templates").body


def test_every_problem_in_a_pasted_set_is_shown_at_once(app: RunningApp) -> None:
    pasted = "name: ''\nactivities:\n  - Sketch\n  - {do: no title}\n  - sketch\n  - {title: x, when: daily}\n"
    shown = app.slack.submit(open_import(app), {TemplateField.YAML: pasted}).json()["errors"][TemplateField.YAML]
    for problem in ("Give the set a `name:`", "Activity 2 needs a `title:`", "Activity 3 repeats an earlier one",
                    "Activity 4 has `when:`"):
        assert problem in shown
    assert "this community's" not in app.slack.command("/challenge", "templates").body


def test_export_sends_the_set_as_a_yaml_file_in_a_dm(app: RunningApp) -> None:
    assert "sending you “Public Speaking”" in app.slack.command("/challenge", "templates export public speaking").body
    done = app.fake.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "DU1" and "Public Speaking" in done["initial_comment"]
    [upload] = app.fake.uploads.values()
    assert upload.decode().startswith("name: Public Speaking\n")
    app.fake.reset_calls()
    app.slack.action(ChallengeAction.EXPORT_SET, "Blockchain", user="U2", channel="CCOMMUNITY")
    assert app.fake.wait_for("files.completeUploadExternal")["channel_id"] == "DU2"


def test_exporting_an_unknown_set_says_which_exist(app: RunningApp) -> None:
    answer = app.slack.command("/challenge", "templates export Knitting").body
    assert "no activity set called “Knitting”" in answer and "DevOps" in answer
    assert "templates import" in app.slack.command("/challenge", "templates frobnicate").body


def test_an_unknown_template_in_the_new_challenge_form_is_answered_inline(app: RunningApp) -> None:
    response = app.slack.submit(open_new_challenge(app), {**_answers(), ChallengeField.TEMPLATE: "Gone"})
    assert "no activity set called “Gone”" in response.json()["errors"][ChallengeField.TEMPLATE]


def _answers() -> dict[str, Any]:
    from tests.support.challenges import answers

    return answers()
