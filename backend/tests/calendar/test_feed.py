"""Calendar feeds, parsed back with icalendar: times and zones, UIDs, cancellations,
and tokens that can be reset and give no hint when wrong."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from icalendar import Calendar

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import Assignment, AssignmentState, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

FEED = re.compile(r"http://testserver/calendar/([A-Za-z0-9_-]{43})\.ics")


def day(offset: int, hour: int) -> datetime:
    base = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    return base + timedelta(days=offset, hours=hour)


async def shift_for(
    database: Database,
    world: World,
    starts_at: datetime,
    *,
    other_location: bool = False,
    state: ShiftState = ShiftState.published,
    published: bool = True,
    person: Any = None,
) -> tuple[Shift, Assignment]:
    async with database.session(write=True) as s:
        loc = world.other_loc if other_location else world.loc
        sh = await factories.shift(s, loc, starts_at, 8, skill=world.skill, state=state)
        sh.published_at = starts_at - timedelta(days=7) if published else None
        a = await factories.assignment(s, sh, person or world.staff)
        return sh, a


async def feed_url(c: httpx.AsyncClient) -> str:
    r = await c.post("/api/v1/me/calendar-token")
    assert r.status_code == 200, r.text
    return str(r.json()["url"])


async def test_the_feed_lists_published_shifts_with_zones_uids_and_cancellations(
    clients: Clients, database: Database, world: World
) -> None:
    london, london_a = await shift_for(database, world, day(2, 9))
    ny, ny_a = await shift_for(database, world, day(3, 14), other_location=True)
    _, dropped_a = await shift_for(database, world, day(4, 9))
    withdrawn, withdrawn_a = await shift_for(database, world, day(5, 9), state=ShiftState.cancelled)
    recent, recent_a = await shift_for(database, world, day(-10, 9))
    await shift_for(database, world, day(6, 9), state=ShiftState.draft, published=False)
    await shift_for(database, world, day(-40, 9))  # older than the 30-day window
    await shift_for(database, world, day(2, 18), person=world.colleague)
    async with database.session(write=True) as s:
        row = await s.get(Assignment, dropped_a.id)
        assert row is not None
        row.state = AssignmentState.cancelled

    c = await clients.as_user(world.staff_user)
    url = await feed_url(c)
    r = await clients.anonymous().get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "no-store" in r.headers["cache-control"]
    cal = Calendar.from_ical(r.content)

    events: dict[str, Any] = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    expected = {a.id for a in (london_a, ny_a, dropped_a, withdrawn_a, recent_a)}
    assert set(events) == {f"{i}@shiftwise" for i in expected}
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/London", "America/New_York"}

    ny_event = events[f"{ny_a.id}@shiftwise"]
    assert ny_event["DTSTART"].params["TZID"] == "America/New_York"
    assert ny_event["DTSTART"].dt == ny.starts_at
    assert ny_event["DTEND"].dt == ny.ends_at
    assert ny_event["DTSTART"].dt.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
    assert str(ny_event["LOCATION"]) == "South Clinic"
    assert str(ny_event["SUMMARY"]) == "Nurse at South Clinic"
    london_event = events[f"{london_a.id}@shiftwise"]
    assert london_event["DTSTART"].params["TZID"] == "Europe/London"
    assert london_event["DTSTART"].dt.astimezone(UTC) == london.starts_at
    assert london_event["DTEND"].dt - london_event["DTSTART"].dt == timedelta(hours=8)

    status = {uid: str(e["STATUS"]) for uid, e in events.items()}
    assert status == {
        f"{london_a.id}@shiftwise": "CONFIRMED",
        f"{ny_a.id}@shiftwise": "CONFIRMED",
        f"{dropped_a.id}@shiftwise": "CANCELLED",
        f"{withdrawn_a.id}@shiftwise": "CANCELLED",
        f"{recent_a.id}@shiftwise": "CONFIRMED",
    }
    # The same feed twice: the same UIDs (calendar apps update, not duplicate).
    again = Calendar.from_ical((await clients.anonymous().get(url)).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)
    assert withdrawn.state is ShiftState.cancelled
    assert recent.starts_at < utcnow()


async def test_tokens_reset_and_wrong_tokens_get_one_plain_404(
    clients: Clients, database: Database, world: World
) -> None:
    c = await clients.as_user(world.staff_user)
    r = await c.get("/api/v1/me/calendar-feed")
    assert (r.status_code, r.json()["error"]) == (404, "calendar_feed_not_created")
    first = await feed_url(c)
    token = FEED.fullmatch(first)
    assert token is not None
    shown = (await c.get("/api/v1/me/calendar-feed")).json()
    assert shown["url"] == first
    assert shown["webcal_url"] == first.replace("http://", "webcal://")

    second = await feed_url(c)
    assert second != first
    anonymous = clients.anonymous()
    assert (await anonymous.get(second)).status_code == 200
    answers = [
        await anonymous.get(first),  # replaced
        await anonymous.get("/calendar/" + "A" * 43 + ".ics"),  # never issued
        await anonymous.get("/calendar/short.ics"),  # malformed
        await anonymous.get("/calendar/" + "%00" * 43 + ".ics"),
    ]
    assert {a.status_code for a in answers} == {404}
    assert len({a.content for a in answers}) == 1


async def test_who_may_have_a_feed(clients: Clients, world: World) -> None:
    anonymous = clients.anonymous()
    assert (await anonymous.post("/api/v1/me/calendar-token")).status_code == 401
    assert (await anonymous.get("/api/v1/me/calendar-feed")).status_code == 401
    admin = await clients.as_user(world.admin)  # no staff profile in this world
    r = await admin.post("/api/v1/me/calendar-token")
    assert (r.status_code, r.json()["error"]) == (403, "no_staff_profile")
    assert (await admin.get("/api/v1/me/calendar-feed")).status_code == 403


async def test_a_feed_of_a_person_made_inactive_is_gone(
    clients: Clients, database: Database, world: World
) -> None:
    c = await clients.as_user(world.staff_user)
    url = await feed_url(c)
    async with database.session(write=True) as s:
        from shiftwise.models import Person

        person = await s.get(Person, world.staff.id)
        assert person is not None
        person.is_active = False
    assert (await clients.anonymous().get(url)).status_code == 404
