from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import AuditEntry, Shift, ShiftState
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.schedule.helpers import MONDAY, events, shift_states, utc

URL = "/api/v1/schedule/publish"


def body(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "location_id": str(world.loc.id),
        "start_date": MONDAY.isoformat(),
        "days": 7,
    } | overrides


async def arrange(s: AsyncSession, world: World) -> dict[str, uuid.UUID]:
    """Drafts with Sam on two and Cleo on one, an empty draft, and shifts left alone."""
    shifts = {
        "a": await factories.shift(s, world.loc, utc(MONDAY, 9), headcount=2),
        "b": await factories.shift(s, world.loc, utc(MONDAY + timedelta(days=2), 9)),
        "empty": await factories.shift(s, world.loc, utc(MONDAY + timedelta(days=3), 9)),
        "published": await factories.shift(
            s, world.loc, utc(MONDAY + timedelta(days=4), 9), state=ShiftState.published
        ),
        "cancelled": await factories.shift(s, world.loc, utc(MONDAY + timedelta(days=5), 9)),
        "next_week": await factories.shift(s, world.loc, utc(MONDAY + timedelta(days=7), 9)),
        "elsewhere": await factories.shift(s, world.other_loc, utc(MONDAY + timedelta(days=1), 15)),
    }
    shifts["cancelled"].state = ShiftState.cancelled
    for key, person in [
        ("a", world.staff),
        ("a", world.colleague),
        ("b", world.staff),
        ("published", world.colleague),
        ("next_week", world.staff),
        ("elsewhere", world.staff),
    ]:
        await factories.assignment(s, shifts[key], person)
    await s.commit()
    return {key: shift.id for key, shift in shifts.items()}


class TestPublish:
    async def test_dry_run_says_who_will_be_told_and_changes_nothing(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        shifts = await arrange(session, world)
        c = await clients.as_user(world.coordinator)
        r = await c.post(URL, params={"dry_run": "true"}, json=body(world))
        assert r.status_code == 200, r.text
        summary = r.json()
        assert summary["dry_run"] is True
        assert summary["published_shift_count"] == 3
        assert summary["published_shift_ids"] == [str(shifts[k]) for k in ("a", "b", "empty")]
        assert summary["people_notified"] == [
            {
                "person_id": str(world.colleague.id),
                "display_name": "Cleo Colleague",
                "shift_count": 1,
            },
            {"person_id": str(world.staff.id), "display_name": "Sam Staff", "shift_count": 2},
        ]
        states = await shift_states(session)
        assert states[shifts["a"]] is ShiftState.draft
        assert await events(session) == []

    async def test_publishes_the_drafts_and_tells_each_person_once(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        shifts = await arrange(session, world)
        c = await clients.as_user(world.coordinator)
        dry = (await c.post(URL, params={"dry_run": "true"}, json=body(world))).json()
        r = await c.post(URL, json=body(world))
        assert r.status_code == 200, r.text
        summary = r.json()
        assert summary | {"dry_run": True} == dry

        states = await shift_states(session)
        for key in ("a", "b", "empty", "published"):
            assert states[shifts[key]] is ShiftState.published, key
        assert states[shifts["cancelled"]] is ShiftState.cancelled
        assert states[shifts["next_week"]] is ShiftState.draft
        assert states[shifts["elsewhere"]] is ShiftState.draft
        published_at = await session.scalars(
            select(Shift.published_at).where(Shift.id.in_([shifts["a"], shifts["b"]]))
        )
        assert all(at is not None for at in published_at)

        told = await events(session)
        assert {e.topic for e in told} == {"schedule.published"}
        by_person = {e.person_id: e for e in told}
        assert len(told) == len(by_person) == 2
        sam = by_person[world.staff.id].payload
        assert sam["location_id"] == str(world.loc.id)
        assert (sam["start_date"], sam["end_date"]) == ("2030-03-04", "2030-03-10")
        assert sam["shift_ids"] == [str(shifts["a"]), str(shifts["b"])]
        assert by_person[world.colleague.id].payload["shift_ids"] == [str(shifts["a"])]
        dedupe_key = by_person[world.staff.id].dedupe_key
        assert dedupe_key is not None
        assert dedupe_key.startswith(
            f"schedule.published:{world.staff.id}:{world.loc.id}:2030-03-04:2030-03-10:"
        )
        audited = await session.scalars(
            select(AuditEntry.record_id).where(AuditEntry.action == "shift.published")
        )
        assert sorted(map(str, audited.all())) == sorted(
            str(shifts[k]) for k in ("a", "b", "empty")
        )

        # Publishing the period again changes nothing and tells no one.
        again = (await c.post(URL, json=body(world))).json()
        assert (again["published_shift_count"], again["people_notified"]) == (0, [])
        assert len(await events(session)) == 2

    async def test_later_changes_tell_only_whom_they_change(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        shifts = await arrange(session, world)
        extra = await factories.person(
            session, world.org, "Nia New", home=world.loc, skills={world.skill: None}
        )
        extra_id = extra.id
        await session.commit()
        c = await clients.as_user(world.coordinator)
        assert (await c.post(URL, json=body(world))).status_code == 200
        seen = len(await events(session))

        async def new_events() -> list[tuple[str, Any]]:
            nonlocal seen
            found = await events(session)
            fresh = found[seen:]
            seen = len(found)
            return [(e.topic, e.person_id) for e in fresh]

        # One new assignment on a published shift: one event, for that person.
        r = await c.post(
            f"/api/v1/shifts/{shifts['empty']}/assignments", json={"person_id": str(extra_id)}
        )
        assert r.status_code == 201, r.text
        assert await new_events() == [("assignment.created", extra_id)]
        # One cancelled assignment: one event, for that person.
        r = await c.post(f"/api/v1/assignments/{r.json()['assignment']['id']}/cancel")
        assert r.status_code == 200, r.text
        assert await new_events() == [("assignment.cancelled", extra_id)]
        # A published shift moved: one event per person on it, no one else.
        # Moved there, elsewhere, and there again: told each time. (Not back to 09:00:
        # 10 h after Sam's Tuesday shift elsewhere, the move itself breaks min_rest.)
        for hour in (11, 13, 11):
            moved = utc(MONDAY + timedelta(days=2), hour)
            r = await c.patch(
                f"/api/v1/shifts/{shifts['b']}",
                json={
                    "starts_at": moved.isoformat(),
                    "ends_at": (moved + timedelta(hours=8)).isoformat(),
                },
            )
            assert r.status_code == 200, r.text
            assert await new_events() == [("shift.changed", world.staff.id)]
        # Notes only: nobody's times change, nobody is told.
        r = await c.patch(f"/api/v1/shifts/{shifts['b']}", json={"notes": "Ward 2"})
        assert r.status_code == 200, r.text
        assert await new_events() == []
        # A published shift cancelled: each person on it, once.
        r = await c.post(f"/api/v1/shifts/{shifts['a']}/cancel")
        assert r.status_code == 200, r.text
        assert sorted(await new_events(), key=str) == sorted(
            [("shift.cancelled", world.staff.id), ("shift.cancelled", world.colleague.id)], key=str
        )
        # Changes to a draft tell no one (its people are told when it is published).
        r = await c.post(f"/api/v1/shifts/{shifts['next_week']}/cancel")
        assert r.status_code == 200, r.text
        assert await new_events() == []

    async def test_one_shift_published_tells_the_same_way(
        self, clients: Clients, world: World, session: AsyncSession
    ) -> None:
        shifts = await arrange(session, world)
        c = await clients.as_user(world.coordinator)
        r = await c.post(f"/api/v1/shifts/{shifts['a']}/publish")
        assert r.status_code == 200, r.text
        told = await events(session)
        assert {(e.topic, e.person_id) for e in told} == {
            ("schedule.published", world.staff.id),
            ("schedule.published", world.colleague.id),
        }
        payload = told[0].payload
        assert (payload["start_date"], payload["end_date"]) == ("2030-03-04", "2030-03-04")
        assert payload["shift_ids"] == [str(shifts["a"])]
        # The period publish then publishes only the rest, and tells only about those.
        summary = (await c.post(URL, json=body(world))).json()
        assert summary["published_shift_count"] == 2
        assert [p["shift_count"] for p in summary["people_notified"]] == [1]
        fresh = (await events(session))[2:]
        assert [(e.person_id, e.payload["shift_ids"]) for e in fresh] == [
            (world.staff.id, [str(shifts["b"])])
        ]
        assert set(payload) == set(fresh[0].payload)


async def test_who_may_publish_and_bad_input(clients: Clients, world: World) -> None:
    assert (await clients.anonymous().post(URL, json=body(world))).status_code == 401
    for user, status in [
        (world.staff_user, 403),
        (world.other_coordinator, 403),
        (world.foreign_admin, 404),
        (world.coordinator, 200),
        (world.admin, 200),
    ]:
        c = await clients.as_user(user)
        r = await c.post(URL, params={"dry_run": "true"}, json=body(world))
        assert r.status_code == status, (user.role, r.text)
        r = await c.post(URL, json=body(world))
        assert r.status_code == status, (user.role, r.text)
    c = await clients.as_user(world.admin)
    for bad in ({"days": 0}, {"days": 32}, {"start_date": "not a date"}, {"colour": "red"}):
        r = await c.post(URL, json=body(world, **bad))
        assert r.status_code == 422, r.text
