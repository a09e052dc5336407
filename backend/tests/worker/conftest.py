from __future__ import annotations

import pytest

from shiftwise.config import Settings


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Fast timings so retries and visibility timeouts pass within a test."""
    return Settings(
        database_url=database_url,
        environment="test",
        static_dir=None,
        log_level="WARNING",
        relay_poll_seconds=0.05,
        relay_visibility_seconds=30,
        job_backoff_seconds=0,
        job_max_attempts=3,
    )
