"""My notification preferences: defaults until I choose, validated, whole replacement."""

from __future__ import annotations

from typing import Any

import pytest

from shiftwise.db import Database
from shiftwise.notifications.preferences import Channel, MessageKind, load_preferences
from tests.conftest import Clients
from tests.fixtures.factories import World


async def test_defaults_until_i_choose(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/notification-preferences")
    assert r.status_code == 200
    body = r.json()
    assert body["person_id"] == str(world.staff.id)
    assert body["channels"]["reminder"] == ["in_app", "sms"]
    assert body["channels"] == body["default_channels"]
    assert body["customised_kinds"] == []
    assert body["time_zone"] == "Europe/London"  # the home location's
    assert body["time_zone_choice"] is None
    assert body["quiet_hours_start"] is None
    assert body["reminder_offsets_minutes"] == [1440, 120]


async def test_replacing_stores_choices_over_defaults(
    clients: Clients, world: World, database: Database
) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.put(
        "/api/v1/notification-preferences",
        json={
            "channels": {"reminder": ["in_app"], "open_shift": []},
            "time_zone": "America/New_York",
            "quiet_hours_start": "22:00",
            "quiet_hours_end": "07:00",
            "reminder_offsets_minutes": [30, 600],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["channels"]["reminder"] == ["in_app"]
    assert body["channels"]["open_shift"] == []
    assert body["channels"]["assigned"] == ["in_app", "email"]  # untouched default
    assert sorted(body["customised_kinds"]) == ["open_shift", "reminder"]
    assert body["time_zone"] == body["time_zone_choice"] == "America/New_York"
    assert body["quiet_hours_start"] == "22:00:00"
    assert body["reminder_offsets_minutes"] == [600, 30]
    assert (await c.get("/api/v1/notification-preferences")).json() == body
    # What delivery reads is what was stored.
    async with database.session(write=False) as s:
        prefs = (await load_preferences(s, [world.staff.id]))[world.staff.id]
    assert not prefs.wants(MessageKind.reminder, Channel.sms)
    assert prefs.reminder_offsets_minutes == (600, 30)
    # PUT replaces the whole: an empty body is the defaults again.
    reset = (await c.put("/api/v1/notification-preferences", json={})).json()
    assert reset["channels"] == reset["default_channels"]
    assert reset["time_zone"] == "Europe/London"
    assert reset["quiet_hours_start"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channels": {"gossip": ["email"]}}, "body.channels.gossip.[key]"),
        ({"channels": {"reminder": ["pigeon"]}}, "body.channels.reminder.0"),
        ({"channels": {"reminder": ["sms", "sms"]}}, "body.channels"),
        ({"time_zone": "Mars/Olympus"}, "body.time_zone"),
        ({"quiet_hours_start": "22:00"}, "body"),
        ({"quiet_hours_start": "22:00", "quiet_hours_end": "22:00"}, "body"),
        ({"quiet_hours_start": "25:00", "quiet_hours_end": "07:00"}, "body.quiet_hours_start"),
        ({"reminder_offsets_minutes": [4]}, "body.reminder_offsets_minutes.0"),
        ({"reminder_offsets_minutes": [10081]}, "body.reminder_offsets_minutes.0"),
        ({"reminder_offsets_minutes": [10, 20, 30, 40, 50, 60]}, "body.reminder_offsets_minutes"),
        ({"reminder_offsets_minutes": [60, 60]}, "body.reminder_offsets_minutes"),
        ({"sms": True}, "body.sms"),
    ],
)
async def test_bad_choices_are_refused_naming_the_field(
    clients: Clients, world: World, body: dict[str, Any], field: str
) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.put("/api/v1/notification-preferences", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "validation_error"
    assert field in [f["field"] for f in r.json()["fields"]]
    # Nothing half-applied.
    assert (await c.get("/api/v1/notification-preferences")).json()["customised_kinds"] == []


async def test_a_login_without_a_profile_has_email_and_in_app_preferences(
    clients: Clients, world: World
) -> None:
    c = await clients.as_user(world.coordinator)
    r = await c.get("/api/v1/notification-preferences")
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["person_id"] is None
    assert got["available_channels"] == ["in_app", "email"]
    assert got["channels"]["cancelled"] == ["in_app", "email"]  # SMS left out: no phone
    assert got["time_zone"] == world.org.default_time_zone
    r = await c.put(
        "/api/v1/notification-preferences",
        json={"channels": {"unfilled_shift": ["in_app"]}, "reminder_offsets_minutes": []},
    )
    assert r.status_code == 200, r.text
    assert r.json()["channels"]["unfilled_shift"] == ["in_app"]
    assert r.json()["customised_kinds"] == ["unfilled_shift"]
    r = await c.put(
        "/api/v1/notification-preferences", json={"channels": {"unfilled_shift": ["sms"]}}
    )
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "body.channels.unfilled_shift"
    assert r.json()["fields"][0]["code"] == "channel_unavailable"
    # Another login's choice is its own.
    admin = await clients.as_user(world.admin)
    assert (await admin.get("/api/v1/notification-preferences")).json()["customised_kinds"] == []
