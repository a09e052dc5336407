"""Every rule family reached through the manual assignment API (the engine's own
exhaustive tests are in tests/scheduling/rules)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.models import (
    AuditEntry,
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityStatus,
    Location,
    Person,
    Shift,
    ShiftState,
    TimeOffKind,
    TimeOffRequest,
    TimeOffState,
)
from tests.assignments.helpers import (
    at,
    events,
    post_ok,
    rule_layer,
    violation_rules,
    warning_rules,
)
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

LONDON = ZoneInfo("Europe/London")


async def assign(
    c: httpx.AsyncClient, shift: Shift, person: Person, **extra: str
) -> httpx.Response:
    return await c.post(
        f"/api/v1/shifts/{shift.id}/assignments", json={"person_id": str(person.id)} | extra
    )


async def placed(
    database: Database, loc: Location, start: datetime, hours: float, person: Person
) -> Shift:
    """A shift with `person` already on it, arranged in the database."""
    async with database.session(write=True) as s:
        shift = await factories.shift(s, loc, start, hours)
        await factories.assignment(s, shift, person)
    return shift


async def open_shift(
    database: Database,
    loc: Location,
    start: datetime,
    hours: float,
    state: ShiftState = ShiftState.draft,
) -> Shift:
    async with database.session(write=True) as s:
        return await factories.shift(s, loc, start, hours, state=state, headcount=2)


def local(day: date, hour: int) -> datetime:
    """A London wall time as a UTC instant (adding hours to it then adds real hours)."""
    return datetime.combine(day, time(hour), tzinfo=LONDON).astimezone(UTC)


class TestHardRules:
    async def test_min_rest_refused_then_overridden_with_a_reason_and_audited(
        self, clients: Clients, world: World, database: Database, session: AsyncSession
    ) -> None:
        await placed(database, world.loc, at(0), 8, world.staff)  # 09:00-17:00
        late = await open_shift(database, world.loc, at(14), 3)  # 23:00-02:00: 6 h rest
        c = await clients.as_user(world.coordinator)
        r = await assign(c, late, world.staff)
        assert (r.status_code, violation_rules(r)) == (409, ["min_rest"])
        v = r.json()["violations"][0]
        assert (v["severity"], v["records"]["amount"], v["records"]["limit"]) == (
            "hard",
            "6.00",
            "11.00",
        )
        assert str(late.id) in v["records"]["shift_ids"]
        r = await assign(c, late, world.staff, override_reason="Agency cover fell through")
        assert r.status_code == 201, r.text
        assert warning_rules(r) == ["min_rest"]
        made = r.json()["assignment"]
        entry = await session.scalar(
            select(AuditEntry).where(AuditEntry.record_id == uuid.UUID(made["id"]))
        )
        assert entry is not None
        assert (entry.action, entry.reason) == ("assignment.created", "Agency cover fell through")
        assert entry.after is not None
        assert [v["rule"] for v in entry.after["overridden"]] == ["min_rest"]

    async def test_weekly_hours_count_the_true_length_across_both_clock_changes(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await rule_layer(
                s,
                world,
                {"max_hours_per_week": {"params": {"hours": 7}}, "overtime": {"enabled": False}},
            )
            await rule_layer(
                s,
                world,
                {"max_hours_per_week": {"params": {"hours": 8}}},
                scope=f"person:{world.colleague.id}",
            )
        # Saturday 30 March 2030, 22:00 GMT → Sunday 06:00 BST: 7 real hours (8 on the clock).
        spring = await open_shift(database, world.loc, local(date(2030, 3, 30), 22), 7)
        # Wednesday of the same week, one more hour: 8 > 7.
        extra = await open_shift(database, world.loc, local(date(2030, 3, 27), 10), 1)
        # Saturday 26 October 2030, 22:00 BST → Sunday 06:00 GMT: 9 real hours (8 on the clock).
        autumn = await open_shift(database, world.loc, local(date(2030, 10, 26), 22), 9)
        assert autumn.ends_at == local(date(2030, 10, 27), 6)
        c = await clients.as_user(world.coordinator)
        assert (await assign(c, spring, world.staff)).status_code == 201
        r = await assign(c, extra, world.staff)
        assert (r.status_code, violation_rules(r)) == (409, ["max_hours_per_week"])
        v = r.json()["violations"][0]
        assert (v["records"]["amount"], v["records"]["limit"]) == ("8.00", "7.00")
        assert v["records"]["local_date"] == "2030-03-25"  # the week's Monday
        # The colleague's own limit is 8 h; the autumn night is 9 real hours.
        r = await assign(c, autumn, world.colleague)
        assert (r.status_code, violation_rules(r)) == (409, ["max_hours_per_week"])
        assert r.json()["violations"][0]["records"]["amount"] == "9.00"

    async def test_time_off_and_unavailability_refuse(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            leave = TimeOffRequest(
                organisation_id=world.org.id,
                person_id=world.staff.id,
                starts_at=at(15),  # from midnight on Tuesday 5 March
                ends_at=at(39),
                kind=TimeOffKind.vacation,
                state=TimeOffState.approved,
            )
            pending = TimeOffRequest(
                organisation_id=world.org.id,
                person_id=world.staff.id,
                starts_at=at(39),
                ends_at=at(63),
                kind=TimeOffKind.vacation,
                state=TimeOffState.pending,
            )
            s.add_all([leave, pending])
            # Cleo is unavailable all of Wednesday 6 March, and every Thursday 08:00-20:00.
            s.add(
                AvailabilityException(
                    organisation_id=world.org.id,
                    person_id=world.colleague.id,
                    exception_date=date(2030, 3, 6),
                    status=AvailabilityStatus.unavailable,
                )
            )
            s.add(
                AvailabilitySlot(
                    organisation_id=world.org.id,
                    person_id=world.colleague.id,
                    weekday=3,
                    start_time=time(8),
                    end_time=time(20),
                    status=AvailabilityStatus.unavailable,
                )
            )
            await s.flush()
        tuesday = await open_shift(database, world.loc, at(24), 8)
        wednesday = await open_shift(database, world.loc, at(48), 8)
        thursday = await open_shift(database, world.loc, at(72), 8)
        c = await clients.as_user(world.coordinator)
        r = await assign(c, tuesday, world.staff)
        assert (r.status_code, violation_rules(r)) == (409, ["time_off"])
        assert r.json()["violations"][0]["records"]["time_off_ids"] == [str(leave.id)]
        # A pending request does not block.
        assert (await assign(c, wednesday, world.staff)).status_code == 201
        for shift in (wednesday, thursday):
            r = await assign(c, shift, world.colleague)
            assert (r.status_code, violation_rules(r)) == (409, ["unavailable"])

    async def test_forbidden_succession_night_then_early(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        await placed(database, world.loc, at(13), 8, world.staff)  # Mon 22:00 → Tue 06:00
        early = await open_shift(database, world.loc, at(44), 8)  # Wed 05:00: 23 h later
        c = await clients.as_user(world.coordinator)
        r = await assign(c, early, world.staff)
        assert (r.status_code, violation_rules(r)) == (409, ["forbidden_succession"])
        assert "early shift" in r.json()["violations"][0]["message"].lower()


class TestSoftRules:
    async def test_overtime_and_not_preferred_are_warnings(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        for day in range(4):  # Monday to Thursday, 09:00-17:30
            await placed(database, world.loc, at(24 * day), 8.5, world.staff)
        friday = await open_shift(database, world.loc, at(96), 8.5)
        async with database.session(write=True) as s:
            s.add(
                AvailabilitySlot(
                    organisation_id=world.org.id,
                    person_id=world.colleague.id,
                    weekday=0,
                    start_time=time(6),
                    end_time=time(12),
                    status=AvailabilityStatus.preferred,
                )
            )
        monday = await open_shift(database, world.loc, at(0), 8)
        c = await clients.as_user(world.coordinator)
        r = await assign(c, friday, world.staff)
        assert (r.status_code, warning_rules(r)) == (201, ["overtime"])
        w = r.json()["warnings"][0]
        assert (w["severity"], w["records"]["amount"]) == ("soft", "2.50")
        assert w["records"]["cost"] == "56.25"  # 2.5 h × £15 × 1.5
        r = await assign(c, monday, world.colleague)
        assert (r.status_code, warning_rules(r)) == (201, ["not_preferred"])


class TestLayers:
    async def test_location_and_person_settings_change_the_verdict(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        await placed(database, world.loc, at(0), 8, world.staff)
        late = await open_shift(database, world.loc, at(14), 3)
        await placed(database, world.other_loc, at(0), 8, world.colleague)
        late_south = await open_shift(database, world.other_loc, at(14), 3)
        north = await clients.as_user(world.coordinator)
        south = await clients.as_user(world.other_coordinator)
        admin = await clients.as_user(world.admin)
        assert (await assign(north, late, world.staff)).status_code == 409
        assert (await assign(south, late_south, world.colleague)).status_code == 409
        r = await admin.put(
            f"/api/v1/compliance-rules/locations/{world.loc.id}",
            json={"rules": {"min_rest": {"params": {"hours": 6}}}},
        )
        assert r.status_code == 200, r.text
        assert (await assign(north, late, world.staff)).status_code == 201
        # The North Clinic's setting does not reach the South Clinic…
        assert (await assign(south, late_south, world.colleague)).status_code == 409
        # …but Cleo's own does, wherever she works.
        r = await admin.put(
            f"/api/v1/compliance-rules/people/{world.colleague.id}",
            json={"rules": {"min_rest": {"severity": "soft"}}},
        )
        assert r.status_code == 200, r.text
        r = await assign(south, late_south, world.colleague)
        assert (r.status_code, warning_rules(r)) == (201, ["min_rest"])


class TestEvents:
    async def test_only_published_changes_tell_the_person(
        self, clients: Clients, world: World, database: Database, session: AsyncSession
    ) -> None:
        draft = await open_shift(database, world.loc, at(0), 4)
        published = await open_shift(database, world.loc, at(24), 4, ShiftState.published)
        c = await clients.as_user(world.coordinator)
        on_draft = await post_ok(
            c, f"/api/v1/shifts/{draft.id}/assignments", {"person_id": str(world.staff.id)}
        )
        on_published = await post_ok(
            c, f"/api/v1/shifts/{published.id}/assignments", {"person_id": str(world.staff.id)}
        )
        created = await events(session, "assignment.created")
        assert [(e.person_id, e.payload["assignment_id"]) for e in created] == [
            (world.staff.id, on_published["assignment"]["id"])
        ]
        assert created[0].payload["shift_id"] == str(published.id)
        await post_ok(c, f"/api/v1/assignments/{on_draft['assignment']['id']}/cancel")
        assert await events(session, "assignment.cancelled") == []
        await post_ok(c, f"/api/v1/assignments/{on_published['assignment']['id']}/cancel")
        [cancelled] = await events(session, "assignment.cancelled")
        assert cancelled.person_id == world.staff.id
        assert cancelled.payload["assignment_id"] == on_published["assignment"]["id"]
