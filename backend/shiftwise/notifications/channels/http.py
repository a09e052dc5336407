"""What the HTTP channels share: one call, its failures sorted into retry or not."""

from __future__ import annotations

from typing import Any

import httpx

from shiftwise.notifications.channels.base import Transient, retry_after


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
