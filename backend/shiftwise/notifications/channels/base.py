"""The contract every outbound channel keeps, and the errors that steer retries.

A sender gets the rendered message, the address (already decrypted, never logged)
and the delivery's deterministic idempotency key, which it hands to the provider
where the provider's API carries one. It returns the provider's id for the message
or raises: `Transient` (try again later, honouring the provider's Retry-After) or
`Refused` (the provider refused this address for good: the contact is failing).
Anything else (a bad request, bad credentials) is `Transient` too: an operator can
fix configuration, and the delivery goes dead after the last attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class Rendered:
    """One message in every form a channel might need."""

    subject: str
    text: str
    html: str
    sms: str
    card: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Receipt:
    provider_message_id: str | None
    provider_status: str | None = None


class Transient(Exception):
    """Retry later; `retry_after` is the provider's own wait, when it named one."""

    def __init__(self, message: str, *, retry_after: timedelta | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Refused(Exception):
    """The provider refused the address for good (invalid number, bounced mailbox)."""


class Sender(Protocol):
    channel: str
    provider: str

    async def send(self, message: Rendered, address: str, key: str) -> Receipt:
        """Hand one message to the provider; raise Transient or Refused."""


def retry_after(value: str | None, now: datetime | None = None) -> timedelta | None:
    """A Retry-After header, in seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when - (now or datetime.now(UTC)), timedelta(0))
