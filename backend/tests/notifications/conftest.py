from __future__ import annotations

from collections.abc import Iterator

import pytest

from shiftwise.config import Settings
from tests.fakes.loopback import LoopbackServer
from tests.fakes.sendgrid import FakeSendGrid
from tests.fakes.smtp import FakeSmtp
from tests.fakes.teams import FakeTeams
from tests.fakes.twilio import FakeTwilio


@pytest.fixture
def delivery_settings(settings: Settings) -> Settings:
    """What the delivery jobs run with: every channel off (tests switch them on), no
    grouping wait, quick retries. The API keeps the usual test settings."""
    return settings.model_copy(
        update={
            "relay_visibility_seconds": 30,
            "job_backoff_seconds": 0,
            "job_max_attempts": 3,
            "notify_group_window_seconds": 0,
            "notify_http_timeout_seconds": 5,
            "public_url": "https://shiftwise.example",
        }
    )


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    with FakeSmtp() as fake:
        yield fake


@pytest.fixture
def sendgrid() -> Iterator[tuple[FakeSendGrid, str]]:
    fake = FakeSendGrid()
    with LoopbackServer(fake.app) as server:
        yield fake, server.url


@pytest.fixture
def twilio() -> Iterator[tuple[FakeTwilio, str]]:
    fake = FakeTwilio()
    with LoopbackServer(fake.app) as server:
        yield fake, server.url


@pytest.fixture
def teams() -> Iterator[tuple[FakeTeams, str]]:
    fake = FakeTeams()
    with LoopbackServer(fake.app) as server:
        yield fake, server.url
