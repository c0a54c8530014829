"""Set up a virtual environment and run the bot, or its checks and tests: `python3 dev.py run|test [args]`.

Each command installs what it needs into `.venv` first (again only when pyproject.toml changes),
so both work on a fresh machine that has nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXTRAS = {"run": "postgres", "test": "test"}


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_installed(extra: str) -> Path:
    """Create .venv and install the project with `extra`, unless that is already done."""
    python = venv_python()
    if not python.exists():
        print("Creating .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extra}-{digest}"
    if not stamp.exists():
        print(f"Installing cop-bot[{extra}] into .venv …", file=sys.stderr)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-e", f".[{extra}]"],
            cwd=ROOT, check=True,
        )
        stamp.touch()
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print("usage: python3 dev.py run | test [pytest arguments]", file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_installed(EXTRAS[command])
    if command == "run":  # the bot replaces this process, so that SIGTERM and Ctrl-C reach it, not a parent
        os.chdir(ROOT)
        os.execv(python, [str(python), "app.py"])
    return test(python, rest)


def test(python: Path, pytest_args: list[str]) -> int:
    """The linter and the type checker (configured in pyproject.toml), then pytest; fails if any fails.

    All three run even when one fails, so one run shows every problem.
    """
    checks = [
        [str(python), "-m", "ruff", "check", "--quiet", "."],
        [str(python), "-m", "mypy"],
        [str(python), "-m", "pytest", *pytest_args],
    ]
    codes = [subprocess.run(check, cwd=ROOT).returncode for check in checks]
    return next((code for code in codes if code), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
