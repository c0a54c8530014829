"""The end-to-end listener tests run over both transports: HTTP and Socket Mode."""

from __future__ import annotations

import pytest

from tests.support.running_app import TRANSPORTS


@pytest.fixture(params=TRANSPORTS)
def transport(request: pytest.FixtureRequest) -> str:
    """Each test that uses `app` (or `pg_app`) runs once over HTTP and once over Socket Mode.

    A fixture that asks for `app` only at run time (`request.getfixturevalue`) gets HTTP.
    """
    return str(getattr(request, "param", "http"))
