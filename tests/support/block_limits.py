"""Slack's documented Block Kit limits, checked the way Slack rejects a payload that breaks them."""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
TEXT_LIMITS = {"section": 3000, "header": 150, "input_label": 2000, "hint": 2000, "button": 75, "option": 75,
               "placeholder": 150, "field": 2000, "context": 3000, "title": 24, "submit": 24, "close": 24}
OPTION_LIMITS = {"static_select": 100, "multi_static_select": 100, "checkboxes": 10, "radio_buttons": 10, "overflow": 5}


def check_view(view: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [f"view: unknown type {kind!r}"]
    if kind == "modal":
        if not view.get("title"):
            problems.append("view: a modal needs a title")
        for key in ("title", "submit", "close"):
            if view.get(key):
                problems += _text(view[key], TEXT_LIMITS[key], f"view.{key}", plain=True)
        if any(b.get("type") == "input" for b in view.get("blocks", [])) and not view.get("submit"):
            problems.append("view: a modal with inputs needs a submit button")
    if len(view.get("private_metadata") or "") > 3000:
        problems.append("view: private_metadata over 3000 characters")
    if len(view.get("callback_id") or "") > 255:
        problems.append("view: callback_id over 255 characters")
    return problems + check_blocks(view.get("blocks", []), surface=kind)


def check_blocks(blocks: Any, *, surface: str) -> list[str]:
    if not isinstance(blocks, list):
        return ["blocks: not a list"]
    problems: list[str] = []
    if len(blocks) > MAX_BLOCKS[surface]:
        problems.append(f"blocks: {len(blocks)} blocks, over {MAX_BLOCKS[surface]} in a {surface}")
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]"
        block_id = block.get("block_id")
        if block_id is not None:
            if len(block_id) > 255 or block_id in block_ids:
                problems.append(f"{where}: block_id too long or repeated")
            block_ids.add(block_id)
        problems += _block(block, where)
    return problems


def _block(block: dict[str, Any], where: str) -> list[str]:
    kind = block.get("type")
    problems: list[str] = []
    if kind == "section":
        if not block.get("text") and not block.get("fields"):
            problems.append(f"{where}: a section needs text or fields")
        if block.get("text"):
            problems += _text(block["text"], TEXT_LIMITS["section"], where)
        fields = block.get("fields") or []
        if len(fields) > 10:
            problems.append(f"{where}: over 10 fields")
        for field in fields:
            problems += _text(field, TEXT_LIMITS["field"], where)
        if block.get("accessory"):
            problems += _element(block["accessory"], where)
    elif kind == "header":
        problems += _text(block.get("text"), TEXT_LIMITS["header"], where, plain=True)
    elif kind == "context":
        elements = block.get("elements") or []
        if not 0 < len(elements) <= 10:
            problems.append(f"{where}: a context needs 1 to 10 elements")
        for element in elements:
            if element.get("type") in ("plain_text", "mrkdwn"):
                problems += _text(element, TEXT_LIMITS["context"], where)
    elif kind == "actions":
        elements = block.get("elements") or []
        if not 0 < len(elements) <= 25:
            problems.append(f"{where}: actions need 1 to 25 elements")
        action_ids = [e.get("action_id") for e in elements if e.get("action_id")]
        if len(action_ids) != len(set(action_ids)):
            problems.append(f"{where}: repeated action_id")
        for element in elements:
            problems += _element(element, where)
    elif kind == "input":
        problems += _text(block.get("label"), TEXT_LIMITS["input_label"], where, plain=True)
        if block.get("hint"):
            problems += _text(block["hint"], TEXT_LIMITS["hint"], where, plain=True)
        if not block.get("element"):
            problems.append(f"{where}: an input needs an element")
        else:
            problems += _element(block["element"], where)
    elif kind == "image":
        if not block.get("alt_text") or not (block.get("image_url") or block.get("slack_file")):
            problems.append(f"{where}: an image needs alt_text and image_url or slack_file")
    elif kind not in ("divider", "rich_text", "file", "video"):
        problems.append(f"{where}: unknown block type {kind!r}")
    return problems


def _element(element: dict[str, Any], where: str) -> list[str]:
    kind = element.get("type")
    problems: list[str] = []
    if len(element.get("action_id") or "") > 255:
        problems.append(f"{where}: action_id over 255 characters")
    if kind == "button":
        problems += _text(element.get("text"), TEXT_LIMITS["button"], where, plain=True)
        if len(str(element.get("value") or "")) > 2000:
            problems.append(f"{where}: button value over 2000 characters")
        if element.get("style") not in (None, "primary", "danger"):
            problems.append(f"{where}: button style must be primary or danger")
    if element.get("placeholder"):
        problems += _text(element["placeholder"], TEXT_LIMITS["placeholder"], where, plain=True)
    if kind in OPTION_LIMITS:
        grouped = [o for g in element.get("option_groups") or [] for o in g.get("options", [])]
        options = element.get("options") or grouped
        if not options or len(options) > OPTION_LIMITS[kind]:
            problems.append(f"{where}: {kind} needs 1 to {OPTION_LIMITS[kind]} options")
        for option in options:
            problems += _text(option.get("text"), TEXT_LIMITS["option"], where)
            if len(str(option.get("value") or "")) > 150:
                problems.append(f"{where}: option value over 150 characters")
    if kind == "plain_text_input" and int(element.get("max_length") or 0) > 3000:
        problems.append(f"{where}: max_length over 3000")
    return problems


def _text(obj: Any, limit: int, where: str, *, plain: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return [f"{where}: not a text object"]
    if plain and obj["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = obj.get("text") or ""
    if not text:
        return [f"{where}: empty text"]
    if len(text) > limit:
        return [f"{where}: text of {len(text)} characters, over {limit}"]
    return []
