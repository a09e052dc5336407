"""What the HTTP channels share: one call, its failures sorted into retry or not."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from shiftwise.notifications.channels.base import Transient, retry_after


class _WithoutQuery(logging.Filter):
    """httpx logs every request's URL: a Teams webhook's query is its secret (`sig`), a
    Twilio lookup's query names a phone number. Log requests without their query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                a.copy_with(query=None) if isinstance(a, httpx.URL) else a for a in record.args
            )
        return True


logging.getLogger("httpx").addFilter(_WithoutQuery())


async def post(client: httpx.AsyncClient, url: str, provider: str, **kwargs: Any) -> httpx.Response:
    """POST; connection trouble, 429 and 5xx become Transient (with Retry-After)."""
    try:
        response = await client.post(url, **kwargs)
    except httpx.HTTPError as exc:
        # The exception's text may carry the URL (a Teams webhook is a secret): name the type.
        raise Transient(f"{provider}: {type(exc).__name__}") from None
    if response.status_code == 429 or response.status_code >= 500:
        raise Transient(
            f"{provider}: HTTP {response.status_code}",
            retry_after=retry_after(response.headers.get("Retry-After")),
        )
    return response
