from __future__ import annotations

import pytest

from shiftwise.db import Database
from tests.audit.helpers import entries
from tests.conftest import Clients
from tests.fixtures.factories import World


class TestReadOrganisation:
    async def test_any_signed_in_user_reads_their_organisation(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.get("/api/v1/organisation")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["id"] == str(world.org.id)
        assert body["name"] == "Acme Care"
        assert body["default_time_zone"] == "Europe/London"
        assert body["week_start"] == 0
        assert body["settings"] == {}

    async def test_each_organisation_sees_only_its_own(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.foreign_admin)
        assert (await c.get("/api/v1/organisation")).json()["name"] == "Other Org"

    async def test_requires_sign_in(self, clients: Clients, world: World) -> None:
        r = await clients.anonymous().get("/api/v1/organisation")
        assert r.status_code == 401


class TestUpdateOrganisation:
    async def test_admin_changes_settings_and_one_audit_entry_is_written(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(
            "/api/v1/organisation",
            json={
                "name": "Acme Health",
                "default_time_zone": "America/Chicago",
                "week_start": 6,
                "settings": {"retention_months": 18},
            },
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["name"] == "Acme Health"
        assert body["default_time_zone"] == "America/Chicago"
        assert body["week_start"] == 6
        assert body["settings"] == {"retention_months": 18}
        [entry] = await entries(database, world.org.id)
        assert entry.action == "organisation.updated"
        assert entry.actor_user_id == world.admin.id
        assert entry.before is not None
        assert entry.before["name"] == "Acme Care"
        assert entry.after is not None
        assert entry.after["week_start"] == 6

    async def test_settings_merge_by_key_and_null_removes_a_key(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        first = {"retention_months": 6, "request_waiting_hours": 12}
        await c.patch("/api/v1/organisation", json={"settings": first})
        second = {"retention_months": None, "auto_approve_shift_requests": True}
        r = await c.patch("/api/v1/organisation", json={"settings": second})
        expected = {"request_waiting_hours": 12, "auto_approve_shift_requests": True}
        assert r.json()["settings"] == expected
        assert (await c.get("/api/v1/organisation")).json()["settings"] == expected

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"default_time_zone": "Mars/Olympus"}, "body.default_time_zone"),
            ({"default_time_zone": "GMT+1"}, "body.default_time_zone"),
            ({"week_start": 7}, "body.week_start"),
            ({"week_start": -1}, "body.week_start"),
            ({"name": ""}, "body.name"),
            ({"name": None}, "body.name"),
            ({"colour": "blue"}, "body.colour"),
            # A misspelt or unknown setting is refused, never silently ignored.
            (
                {"settings": {"auto_aprove_shift_requests": True}},
                "body.settings.auto_aprove_shift_requests",
            ),
            (
                {"settings": {"auto_approve_shift_requests": "yes"}},
                "body.settings.auto_approve_shift_requests",
            ),
            (
                {"settings": {"shift_request_cutoff_hours": -1}},
                "body.settings.shift_request_cutoff_hours",
            ),
            (
                {"settings": {"shift_request_cutoff_hours": "a day"}},
                "body.settings.shift_request_cutoff_hours",
            ),
            ({"settings": {"request_waiting_hours": 0}}, "body.settings.request_waiting_hours"),
            (
                {"settings": {"unfilled_shift_warning_hours": []}},
                "body.settings.unfilled_shift_warning_hours",
            ),
            (
                {"settings": {"unfilled_shift_warning_hours": [24, 0]}},
                "body.settings.unfilled_shift_warning_hours",
            ),
            ({"settings": {"retention_months": 0}}, "body.settings.retention_months"),
            ({"settings": {"rule_period": {"weeks": 0}}}, "body.settings.rule_period.weeks"),
        ],
    )
    async def test_bad_input_is_422_naming_the_field(
        self, clients: Clients, world: World, payload: dict[str, object], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch("/api/v1/organisation", json=payload)
        assert r.status_code == 422, r.text
        assert field in [f["field"] for f in r.json()["fields"]]

    @pytest.mark.parametrize("who", ["coordinator", "staff_user"])
    async def test_only_admins_may_change_it(
        self, clients: Clients, world: World, database: Database, who: str
    ) -> None:
        c = await clients.as_user(getattr(world, who))
        r = await c.patch("/api/v1/organisation", json={"name": "Mine now"})
        assert r.status_code == 403
        assert await entries(database) == []
