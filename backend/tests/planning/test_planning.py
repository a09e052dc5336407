from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import Assignment, AssignmentState, OutboxEvent, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


def fields(r: httpx.Response) -> list[str]:
    return [f["field"] for f in r.json().get("fields", [])]


def row(world: World, start: str, end: str, **overrides: Any) -> dict[str, Any]:
    return {
        "location_id": str(world.loc.id),
        "skill_id": str(world.skill.id),
        "starts_at": start,
        "ends_at": end,
    } | overrides


def hours(shift: dict[str, Any]) -> float:
    span = datetime.fromisoformat(shift["ends_at"]) - datetime.fromisoformat(shift["starts_at"])
    return span.total_seconds() / 3600


async def count_shifts(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Shift)) or 0)


class TestBulk:
    async def test_creates_every_row_as_drafts(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        rows = [
            row(world, f"2030-03-{d:02d}T09:00:00+00:00", f"2030-03-{d:02d}T17:00:00+00:00")
            for d in range(4, 9)
        ]
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": rows})
        assert r.status_code == 201, r.text
        items = r.json()["items"]
        assert [s["starts_at"][:10] for s in items] == [f"2030-03-0{d}" for d in range(4, 9)]
        assert {s["state"] for s in items} == {"draft"}

    async def test_all_or_nothing_with_every_row_named(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        c = await clients.as_user(world.admin)
        ok = row(world, "2030-03-04T09:00:00+00:00", "2030-03-04T17:00:00+00:00")
        rows = [
            ok,
            ok,
            row(world, "2030-03-04T09:00:00+00:00", "2030-03-04T08:00:00+00:00"),
            row(world, "2030-03-04T09:00:00+00:00", "2030-03-05T17:00:00+00:00"),
            ok | {"location_id": str(world.foreign_loc.id)},
            ok | {"skill_id": str(uuid.uuid4()), "break_minutes": 600},
        ]
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": rows})
        assert r.status_code == 422, r.text
        assert fields(r) == [
            "body.shifts.2.ends_at",
            "body.shifts.3.ends_at",
            "body.shifts.4.location_id",
            "body.shifts.5.skill_id",
            "body.shifts.5.break_minutes",
        ]
        assert await count_shifts(session) == 0
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": [ok, ok | {"ends_at": "x"}]})
        assert (r.status_code, fields(r)) == (422, ["body.shifts.1.ends_at"])
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": [ok] * 501})
        assert (r.status_code, fields(r)) == (422, ["body.shifts"])
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": []})
        assert (r.status_code, fields(r)) == (422, ["body.shifts"])

    async def test_every_row_must_be_at_a_location_you_coordinate(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        ok = row(world, "2030-03-04T09:00:00+00:00", "2030-03-04T17:00:00+00:00")
        other = ok | {"location_id": str(world.other_loc.id)}
        c = await clients.as_user(world.coordinator)
        r = await c.post("/api/v1/shifts/bulk", json={"shifts": [ok, other]})
        assert (r.status_code, fields(r)) == (403, ["body.shifts.1.location_id"])
        staff = await clients.as_user(world.staff_user)
        assert (await staff.post("/api/v1/shifts/bulk", json={"shifts": [ok]})).status_code == 403
        assert await count_shifts(session) == 0


class TestCopy:
    async def test_copies_a_week_at_the_same_wall_times_across_the_clock_change(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        # Week of 16 March 2026 in London (GMT) to the week of 23 March: the Saturday
        # 22:00–06:00 night of the target week is the spring-forward night (7 h).
        night = await factories.shift(session, world.loc, datetime(2026, 3, 21, 22, tzinfo=UTC))
        day = await factories.shift(
            session, world.loc, datetime(2026, 3, 16, 7, tzinfo=UTC), skill=world.skill
        )
        day.break_minutes, day.notes, day.headcount = 30, "Ward 3", 3
        gone = await factories.shift(session, world.loc, datetime(2026, 3, 18, 7, tzinfo=UTC))
        gone.state = ShiftState.cancelled
        await factories.shift(session, world.other_loc, datetime(2026, 3, 17, 12, tzinfo=UTC))
        await factories.shift(session, world.loc, datetime(2026, 3, 23, 7, tzinfo=UTC))  # outside
        await factories.assignment(session, night, world.staff)
        await session.commit()
        c = await clients.as_user(world.coordinator)
        payload = {
            "location_id": str(world.loc.id),
            "from_start_date": "2026-03-16",
            "to_start_date": "2026-03-23",
            "days": 7,
        }
        r = await c.post("/api/v1/shifts/copy", json=payload)
        assert r.status_code == 201, r.text
        created = r.json()["created"]
        assert [(s["starts_at"], hours(s)) for s in created] == [
            ("2026-03-23T07:00:00Z", 8),
            ("2026-03-28T22:00:00Z", 7),
        ]
        first = created[0]
        assert (first["break_minutes"], first["notes"], first["headcount"]) == (30, "Ward 3", 3)
        assert first["skill_id"] == str(world.skill.id)
        assert {(s["state"], s["assigned_count"], s["template_id"]) for s in created} == {
            ("draft", 0, None)
        }
        # That week (with the copies) into a GMT week: the 7-hour night is 8 hours again.
        r = await c.post(
            "/api/v1/shifts/copy",
            json=payload | {"from_start_date": "2026-03-23", "to_start_date": "2026-10-26"},
        )
        assert [(s["starts_at"], hours(s)) for s in r.json()["created"]] == [
            ("2026-10-26T07:00:00Z", 8),
            ("2026-10-26T07:00:00Z", 8),
            ("2026-10-31T22:00:00Z", 8),
        ]

    async def test_assignments_copy_through_the_rules_and_refusals_are_reported(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        early = await factories.shift(
            session, world.loc, datetime(2026, 5, 4, 7, tzinfo=UTC), skill=world.skill, headcount=2
        )
        await factories.assignment(session, early, world.staff)
        await factories.assignment(session, early, world.colleague)
        # The colleague is already busy when the copy would start: that copy is refused.
        busy = await factories.shift(session, world.other_loc, datetime(2026, 5, 11, 6, tzinfo=UTC))
        await factories.assignment(session, busy, world.colleague)
        await session.commit()
        c = await clients.as_user(world.coordinator)
        r = await c.post(
            "/api/v1/shifts/copy",
            json={
                "location_id": str(world.loc.id),
                "from_start_date": "2026-05-04",
                "to_start_date": "2026-05-11",
                "days": 7,
                "include_assignments": True,
            },
        )
        assert r.status_code == 201, r.text
        body = r.json()
        assert len(body["copied_assignment_ids"]) == 1
        assert body["created"][0]["assignments"][0]["person_id"] == str(world.staff.id)
        [refused] = body["assignments_not_copied"]
        assert refused["person_id"] == str(world.colleague.id)
        assert refused["error"] == "rule_violation"
        assert "overlap" in [v["rule"] for v in refused["violations"]]

    async def test_refusals(self, clients: Clients, world: World) -> None:
        body = {
            "location_id": str(world.loc.id),
            "from_start_date": "2026-03-16",
            "to_start_date": "2026-03-20",
            "days": 7,
        }
        c = await clients.as_user(world.coordinator)
        r = await c.post("/api/v1/shifts/copy", json=body)
        assert (r.status_code, fields(r)) == (422, ["body.to_start_date"])
        r = await c.post("/api/v1/shifts/copy", json=body | {"days": 0})
        assert (r.status_code, fields(r)) == (422, ["body.days"])
        other = await clients.as_user(world.other_coordinator)
        r = await other.post("/api/v1/shifts/copy", json=body | {"to_start_date": "2026-03-23"})
        assert r.status_code == 403
        foreign = await clients.as_user(world.foreign_admin)
        r = await foreign.post("/api/v1/shifts/copy", json=body | {"to_start_date": "2026-03-23"})
        assert r.status_code == 404


class TestCancelPeriod:
    async def test_cancels_shifts_and_assignments_and_tells_who_was_on_published_ones(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        published = await factories.shift(
            session,
            world.other_loc,
            datetime(2026, 7, 6, 13, tzinfo=UTC),  # 09:00 in New York, 6 July
            headcount=2,
            state=ShiftState.published,
        )
        draft = await factories.shift(
            session, world.other_loc, datetime(2026, 7, 7, 13, tzinfo=UTC)
        )
        # 8 July 01:00 UTC is still 7 July (21:00) in New York: inside a 2-day period.
        late = await factories.shift(
            session,
            world.other_loc,
            datetime(2026, 7, 8, 1, tzinfo=UTC),
            state=ShiftState.published,
        )
        after = await factories.shift(
            session,
            world.other_loc,
            datetime(2026, 7, 8, 13, tzinfo=UTC),
            state=ShiftState.published,
        )
        elsewhere = await factories.shift(session, world.loc, datetime(2026, 7, 6, 13, tzinfo=UTC))
        for shift, person in [
            (published, world.staff),
            (published, world.colleague),
            (draft, world.staff),
            (late, world.colleague),
            (after, world.staff),
        ]:
            await factories.assignment(session, shift, person)
        await session.commit()
        c = await clients.as_user(world.other_coordinator)
        payload = {
            "location_id": str(world.other_loc.id),
            "start_date": "2026-07-06",
            "days": 2,
            "reason": "Flood",
        }
        r = await c.post("/api/v1/shifts/cancel-period", json=payload)
        assert r.status_code == 200, r.text
        result = r.json()
        assert result["cancelled_shift_ids"] == [str(s.id) for s in (published, draft, late)]
        assert len(result["cancelled_assignment_ids"]) == 4
        assert set(result["notified_person_ids"]) == {str(world.staff.id), str(world.colleague.id)}
        rows = (await session.execute(select(Shift.id, Shift.state))).all()
        states = {r[0]: r[1] for r in rows}
        assert states[published.id] is states[draft.id] is states[late.id] is ShiftState.cancelled
        assert states[after.id] is ShiftState.published
        assert states[elsewhere.id] is ShiftState.draft
        live = (
            await session.scalars(
                select(Assignment.shift_id).where(Assignment.state == AssignmentState.assigned)
            )
        ).all()
        assert live == [after.id]
        events = (
            await session.execute(
                select(
                    OutboxEvent.topic,
                    OutboxEvent.person_id,
                    OutboxEvent.dedupe_key,
                    OutboxEvent.payload,
                ).order_by(OutboxEvent.dedupe_key)
            )
        ).all()
        assert sorted((e.person_id, e.dedupe_key) for e in events) == sorted(
            [
                (world.staff.id, f"shift.cancelled:{published.id}:{world.staff.id}"),
                (world.colleague.id, f"shift.cancelled:{published.id}:{world.colleague.id}"),
                (world.colleague.id, f"shift.cancelled:{late.id}:{world.colleague.id}"),
            ]
        )
        assert {e.topic for e in events} == {"shift.cancelled"}
        assert {e.payload["reason"] for e in events} == {"Flood"}
        again = (await c.post("/api/v1/shifts/cancel-period", json=payload)).json()
        assert again == {
            "cancelled_shift_ids": [],
            "cancelled_assignment_ids": [],
            "notified_person_ids": [],
        }

    async def test_who_may_cancel(self, clients: Clients, world: World) -> None:
        payload = {"location_id": str(world.loc.id), "start_date": "2026-07-06", "days": 1}
        for user, status in [
            (world.staff_user, 403),
            (world.other_coordinator, 403),
            (world.foreign_admin, 404),
            (world.admin, 200),
        ]:
            c = await clients.as_user(user)
            r = await c.post("/api/v1/shifts/cancel-period", json=payload)
            assert r.status_code == status, (user.role, r.text)
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/shifts/cancel-period", json=payload | {"days": 63})
        assert (r.status_code, fields(r)) == (422, ["body.days"])
