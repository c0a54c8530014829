"""The end-to-end listener tests run over both transports: HTTP and Socket Mode."""

from __future__ import annotations

import pytest

from tests.support.running_app import TRANSPORTS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test that uses `app` (or `pg_app`) runs once over HTTP and once over Socket Mode.

    A fixture that asks for `app` only at run time (`request.getfixturevalue`) gets HTTP: pytest
    cannot parametrize what it does not see when collecting.
    """
    if "transport" in metafunc.fixturenames:
        metafunc.parametrize("transport", TRANSPORTS, indirect=True)
