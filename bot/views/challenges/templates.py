"""Activity sets: the list, the import modal and its answer, and the YAML file sent in a DM."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, InputBlock, PlainTextInputElement, SectionBlock
from slack_sdk.models.views import View

from bot.ids import ChallengeAction, ChallengeView, TemplateField
from bot.services.challenges.templates import EXAMPLE, MAX_YAML_CHARS, ActivitySetData
from bot.views.challenges.common import SECTION_TEXT, context, md
from bot.views.message import Message
from bot.views.text import clip, inline, plain

MAX_LISTED_SETS = 40


def build_sets_list(sets: list[ActivitySetData]) -> Message:
    intro = "*Activity sets for 30-day challenges.* Choose one in `/challenge new`."
    blocks: list[Block] = [SectionBlock(text=md(intro))]
    for activity_set in sets[:MAX_LISTED_SETS]:
        origin = "built in" if activity_set.built_in else "this community's"
        first = inline(activity_set.activities[0].title)
        description = clip(plain(activity_set.description), 300)
        blocks.append(SectionBlock(
            text=md(clip(f"*{inline(activity_set.name)}* ({len(activity_set.activities)} activities, {origin})\n"
                         f"{description}\n_Day 1: {first}_", SECTION_TEXT)),
            accessory=ButtonElement(text="Export YAML", action_id=ChallengeAction.EXPORT_SET,
                                    value=activity_set.name),
        ))
    blocks += [
        ActionsBlock(elements=[
            ButtonElement(text="Import a set", action_id=ChallengeAction.IMPORT_SET, value="import"),
        ]),
        context("*Export YAML* sends you the set as a file in a DM, to adapt and import. "
                 "*Import a set* opens a form to paste your community's own set as YAML."),
    ]
    return Message(f"{len(sets)} activity sets: " + ", ".join(inline(s.name) for s in sets), blocks)


def build_import_modal() -> View:
    boxes: list[Block] = [
        InputBlock(block_id=field, label="The set as YAML" if n == 1 else f"…continued ({n})", optional=n > 1,
                   element=PlainTextInputElement(action_id=field, multiline=True, max_length=3000,
                                                 placeholder=EXAMPLE[:150] if n == 1 else "The next lines, if any"))
        for n, field in enumerate(TemplateField, start=1)
    ]
    return View(
        type="modal", callback_id=ChallengeView.IMPORT_SET, title="Import activities", submit="Import", close="Cancel",
        blocks=[
            SectionBlock(text=md("Paste your community's own set of daily activities as YAML: a `name:`, an optional "
                                  "`description:` and `activities:`, each either one line of text or `title:` with "
                                  "`do:` and `journal:`. *Export YAML* on a set gives you a full example. A box holds "
                                  "3,000 characters: continue a longer set in the next box, starting at a new line "
                                  f"(at most {MAX_YAML_CHARS:,} characters in all).")),
            *boxes,
        ],
    )


def build_import_done(imported: ActivitySetData) -> View:
    return View(type="modal", title="Import activities", close="Done", blocks=[
        SectionBlock(text=md(f":white_check_mark: *{inline(imported.name)}* is imported with "
                             f"{len(imported.activities)} activities. Choose it in `/challenge new`.")),
    ])


def set_file_comment(chosen: ActivitySetData) -> str:
    """The comment that comes with a set's YAML file."""
    return (f"*{inline(chosen.name)}* — {len(chosen.activities)} activities as YAML. Change the `name:` and "
            "activities, then import it with `/challenge templates import`.")


def build_templates_usage() -> Message:
    return Message("Use `/challenge templates` to list the sets, `/challenge templates import`, "
                   "or `/challenge templates export NAME`.")


def build_sending_set(chosen: ActivitySetData) -> Message:
    return Message(f"I'm sending you “{inline(chosen.name)}” as a YAML file in a DM.")


def set_file_name(chosen: ActivitySetData) -> str:
    return "-".join(chosen.name.lower().split()) + ".yml"


def read_import_boxes(view: dict[str, Any]) -> str:
    """The submitted import modal's boxes joined, each as typed: YAML's leading indentation matters."""
    values: dict[str, dict[str, dict[str, Any]]] = view.get("state", {}).get("values", {})
    parts = [str(next(iter(values.get(box, {}).values()), {}).get("value") or "").rstrip() for box in TemplateField]
    return "\n".join(part for part in parts if part.strip())
