"""The `shiftwise` command against the test database, through Typer's runner."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner, Result

from shiftwise.cli import app
from shiftwise.config import get_settings
from shiftwise.demo import ADMIN_EMAIL, DEMO_PASSWORD
from shiftwise.models import AuditEntry, Organisation, Role, User
from tests.conftest import Clients

PASSWORD = "tide-tables-at-dawn"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[None]:
    """Point the CLI's settings (read from the environment) at this test's database."""
    monkeypatch.setenv("SHIFTWISE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def invoke(*args: str) -> Result:
    # The commands run their own event loop, so they run in a thread beside the test's.
    return await asyncio.to_thread(CliRunner().invoke, app, list(args))


@pytest.mark.usefixtures("cli_env")
async def test_create_admin_then_sign_in(clients: Clients, session: AsyncSession) -> None:
    result = await invoke(
        "create-admin",
        "--org-name",
        "Seaside Clinic",
        "--email",
        "Boss@Seaside.example",
        "--password",
        PASSWORD,
        "--time-zone",
        "America/New_York",
    )
    assert result.exit_code == 0, result.output
    assert "Created organisation 'Seaside Clinic'" in result.output

    client = clients.anonymous()
    response = await client.post(
        "/api/v1/auth/login", json={"email": "boss@seaside.example", "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    me = response.json()["me"]
    assert me["role"] == Role.admin.value
    assert me["organisation_name"] == "Seaside Clinic"
    org = await session.scalar(select(Organisation))
    assert org is not None
    assert org.default_time_zone == "America/New_York"
    actions = set((await session.scalars(select(AuditEntry.action))).all())
    assert actions == {"organisation.created", "user.created"}


@pytest.mark.usefixtures("cli_env")
async def test_create_admin_refuses_a_weak_password(session: AsyncSession) -> None:
    result = await invoke(
        "create-admin", "--org-name", "X", "--email", "x@x.example", "--password", "password1"
    )
    assert result.exit_code == 1
    assert "too common" in result.output
    assert await session.scalar(select(func.count()).select_from(Organisation)) == 0


@pytest.mark.usefixtures("cli_env")
async def test_create_admin_refuses_an_unknown_zone() -> None:
    result = await invoke(
        "create-admin",
        "--org-name",
        "X",
        "--email",
        "x@x.example",
        "--password",
        PASSWORD,
        "--time-zone",
        "Atlantis/Central",
    )
    assert result.exit_code == 1
    assert "Unknown time zone" in result.output


@pytest.mark.usefixtures("cli_env")
async def test_create_admin_refuses_a_taken_email(session: AsyncSession) -> None:
    args = ("create-admin", "--org-name", "A", "--email", "a@a.example", "--password", PASSWORD)
    assert (await invoke(*args)).exit_code == 0
    second = await invoke(*args)
    assert second.exit_code == 1
    assert "already exists" in second.output
    assert await session.scalar(select(func.count()).select_from(User)) == 1
    assert await session.scalar(select(func.count()).select_from(Organisation)) == 1


@pytest.mark.usefixtures("cli_env")
async def test_demo_command_loads_once_and_prints_sign_ins(clients: Clients) -> None:
    first = await invoke("demo")
    assert first.exit_code == 0, first.output
    assert "Loaded 'Harbourview Care'" in first.output
    second = await invoke("demo")
    assert second.exit_code == 0, second.output
    assert "exists; nothing to do" in second.output
    for output in (first.output, second.output):
        assert ADMIN_EMAIL in output
        assert "coordinator@harbourview.example" in output
        assert "staff@harbourview.example" in output
        assert DEMO_PASSWORD in output
    response = await clients.anonymous().post(
        "/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200


def test_commands_are_listed() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "migrate", "demo", "create-admin"):
        assert command in result.output
