"""The shape of bot/: small files and listeners, imports flowing one way, no cycles (see README, Development)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
MAX_FILE_LINES = 300
MAX_LISTENER_LINES = 25

# What each layer must not import (by module prefix). Imports flow app → slack_app → listeners, jobs →
# flows → services, the Slack layer and views → models.
FORBIDDEN = {
    "bot.services": ("slack_sdk", "slack_bolt", "bot.slack", "bot.views", "bot.flows", "bot.listeners", "bot.jobs"),
    "bot.views": ("bot.slack", "bot.flows", "bot.listeners", "bot.jobs", "sqlalchemy"),
    "bot.slack": ("bot.services", "bot.flows", "bot.listeners", "bot.jobs"),
    "bot.flows": ("bot.listeners", "bot.jobs"),
    "bot.jobs": ("bot.listeners",),
    "models": ("bot",),
}
SHARED_LISTENER_MODULES = ("bot.listeners.common", "bot.listeners.commands")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> list[Path]:
    return sorted([*BOT.rglob("*.py"), *(ROOT / "models").rglob("*.py")])


def imports_of(path: Path) -> set[str]:
    """The modules `path` imports, at module level or inside functions (TYPE_CHECKING ones included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): p for p in sources()}


def inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_file_in_bot_is_over_300_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text().splitlines()) for p in BOT.rglob("*.py")}
    assert {path: lines for path, lines in sizes.items() if lines > MAX_FILE_LINES} == {}


def test_no_listener_function_is_over_25_lines() -> None:
    long = []
    for path in (BOT / "listeners").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_LISTENER_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_imports_flow_one_way() -> None:
    wrong = [
        f"{module} imports {imported}"
        for module, path in MODULES.items()
        for layer, banned in FORBIDDEN.items()
        if inside(module, layer)
        for imported in imports_of(path)
        if any(inside(imported, b) for b in banned)
    ]
    assert wrong == []


def test_no_listener_imports_another_listener() -> None:
    wrong = []
    for module, path in MODULES.items():
        if not inside(module, "bot.listeners") or module == "bot.listeners":
            continue
        own = ".".join(module.split(".")[:3])  # bot.listeners.<domain>
        for imported in imports_of(path):
            if imported in MODULES and inside(imported, "bot.listeners") and not inside(imported, own):
                if not any(inside(imported, shared) for shared in SHARED_LISTENER_MODULES):
                    wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = {m: {i for i in imports_of(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph[module]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt] if nxt in path else [module, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # A package importing its own submodules to expose them is not a cycle of layers.
    real = [c for c in cycles if not all(inside(m, c[0]) or inside(c[0], m) for m in c)]
    assert real == []
