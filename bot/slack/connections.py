"""Web API calls over kept-alive connections, one per thread and host, instead of a new one each call.

slack_sdk's WebClient opens a connection (for slack.com, a TLS handshake) for every call, through
urllib. Under a burst of journal replies the reaction each one gets spent more CPU connecting than
on the call itself (BENCHMARKS.md, section 2). Here each thread keeps its connection to the host
open between calls, and errors are raised exactly as urllib raises them, so slack_sdk's retry
handlers and ours treat a lost connection or a 429 the same way.
"""

from __future__ import annotations

import http.client
import io
import select
import threading
from ssl import SSLContext
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

_open = threading.local()
HOSTS_KEPT = 4  # a thread's connections to other hosts than these last ones are closed


def perform(url: str, request: Request, *, timeout: int, ssl: SSLContext | None) -> dict[str, Any]:
    """The call `request`, as slack_sdk's `_perform_urllib_http_request_internal` returns it."""
    parts = urlsplit(url)
    connection = _connection(parts.scheme, parts.netloc, timeout, ssl)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(request.get_method(), path, body=request.data, headers=dict(request.header_items()))
    except OSError as error:  # as urllib: failing to connect or to send is a URLError
        _forget(parts.scheme, parts.netloc)
        raise URLError(error) from error
    try:
        response = connection.getresponse()
        body = response.read()
    except BaseException:  # the answer was lost: the call may or may not have taken effect
        _forget(parts.scheme, parts.netloc)
        raise
    if response.will_close:
        _forget(parts.scheme, parts.netloc)
    if response.status >= 400:  # as urllib's HTTPErrorProcessor
        raise HTTPError(url, response.status, response.reason, response.msg, io.BytesIO(body))
    if response.msg.get_content_type() == "application/gzip":
        return {"status": response.status, "headers": response.msg, "body": body}
    charset = response.msg.get_content_charset() or "utf-8"
    return {"status": response.status, "headers": response.msg, "body": body.decode(charset)}


def _connection(scheme: str, netloc: str, timeout: int, ssl: SSLContext | None) -> http.client.HTTPConnection:
    connections = kept()
    connection = connections.get((scheme, netloc))
    if connection is not None and _closed_by_server(connection):
        _forget(scheme, netloc)
        connection = None
    if connection is None:
        if scheme == "https":
            connection = http.client.HTTPSConnection(netloc, timeout=timeout, context=ssl)
        else:
            connection = http.client.HTTPConnection(netloc, timeout=timeout)
        for stale in list(connections)[:-HOSTS_KEPT + 1]:
            _forget(*stale)
        connections[(scheme, netloc)] = connection
    return connection


def _closed_by_server(connection: http.client.HTTPConnection) -> bool:
    """An idle kept-alive connection that has something to read has been closed by the server."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def kept() -> dict[tuple[str, str], http.client.HTTPConnection]:
    """This thread's open connections, by (scheme, host:port)."""
    if not hasattr(_open, "by_host"):
        _open.by_host = {}
    return _open.by_host  # type: ignore[no-any-return]


def _forget(scheme: str, netloc: str) -> None:
    connection = kept().pop((scheme, netloc), None)
    if connection is not None:
        connection.close()
