"""What a job handler raises to steer its retries."""

from __future__ import annotations

from datetime import timedelta


class RetryLater(Exception):
    """A retriable failure. `delay` (e.g. a provider's Retry-After) replaces the backoff."""

    def __init__(self, message: str, *, delay: timedelta | None = None) -> None:
        super().__init__(message)
        self.delay = delay


class PermanentFailure(Exception):
    """Retrying cannot help (e.g. an invalid phone number): dead-letter at once."""
