"""Periodic jobs record reminders, unfilled-shift warnings and waiting-request nudges
as outbox events, once: a second pass (or a concurrent one) records nothing new."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shiftwise.config import Settings
from shiftwise.db import Database, create_engine
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    AssignmentState,
    NotificationPreference,
    Organisation,
    OutboxEvent,
    ShiftRequest,
    ShiftRequestKind,
    ShiftRequestState,
    ShiftState,
)
from shiftwise.notifications import reminders
from shiftwise.notifications.reminders import due_reminder
from shiftwise.worker.actors import load_actors
from shiftwise.worker.executor import Outcome, execute
from shiftwise.worker.relay import relay_once
from shiftwise.worker.scheduler import periodic_jobs, tick
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.worker.helpers import RecordingPublisher

load_actors()
JOBS = (
    "notifications.remind_shifts",
    "notifications.warn_unfilled",
    "notifications.nudge_waiting_requests",
)


async def events(database: Database, topic: str) -> list[OutboxEvent]:
    async with database.session(write=False) as s:
        return list(
            (
                await s.scalars(
                    select(OutboxEvent)
                    .where(OutboxEvent.topic == topic)
                    .order_by(OutboxEvent.dedupe_key)
                )
            ).all()
        )


def soon(minutes: int) -> datetime:
    return utcnow().replace(second=0, microsecond=0) + timedelta(minutes=minutes)


async def assigned(
    database: Database,
    world: World,
    starts_in_minutes: int,
    *,
    person: Any = None,
    assigned_ago: timedelta = timedelta(days=3),
    state: ShiftState = ShiftState.published,
    headcount: int = 1,
) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A shift and one assignment on it (a new person unless one is named, so shifts
    never overlap for anyone); returns the shift, assignment and person ids."""
    async with database.session(write=True) as s:
        shift = await factories.shift(
            s, world.loc, soon(starts_in_minutes), hours=1, headcount=headcount, state=state
        )
        who = person or await factories.person(s, world.org, home=world.loc)
        a = await factories.assignment(s, shift, who)
        a.created_at = utcnow() - assigned_ago
        return shift.id, a.id, who.id


def test_every_job_is_registered_with_the_scheduler() -> None:
    assert set(JOBS) <= set(periodic_jobs())


def test_due_reminder_picks_the_nearest_moment_that_has_come() -> None:
    start = datetime(2030, 5, 1, 9, 0, tzinfo=UTC)
    long_ago = start - timedelta(days=30)
    offsets = (1440, 120)
    assert due_reminder(start, long_ago, offsets, start - timedelta(hours=25)) is None
    assert due_reminder(start, long_ago, offsets, start - timedelta(hours=23)) == 1440
    assert due_reminder(start, long_ago, offsets, start - timedelta(minutes=119)) == 120
    # Both due at once (the 24 h one less than 6 h late): only the nearest.
    assert due_reminder(start, long_ago, (300, 120), start - timedelta(minutes=100)) == 120
    assert due_reminder(start, long_ago, offsets, start) is None  # started: too late
    assert due_reminder(start, long_ago, (), start - timedelta(minutes=1)) is None
    # Assigned after the moment came: the assignment message told them already.
    assert (
        due_reminder(start, start - timedelta(hours=1), (120,), start - timedelta(minutes=30))
        is None
    )
    # A moment long past (the scheduler was down) is not sent late.
    assert due_reminder(start, long_ago, (1440,), start - timedelta(hours=17)) is None


async def test_reminders_once_per_moment(
    database: Database, settings: Settings, world: World
) -> None:
    shift_id, assignment_id, _ = await assigned(database, world, 90, person=world.staff)
    await assigned(database, world, 100, state=ShiftState.draft)  # not published
    await assigned(database, world, 600, person=world.colleague)  # nothing due yet
    _, cancelled, _ = await assigned(database, world, 90)  # due, but cancelled
    async with database.session(write=True) as s:
        from shiftwise.models import Assignment

        row = await s.get_one(Assignment, cancelled)
        row.state = AssignmentState.cancelled
    now = utcnow()
    for _ in range(2):
        async with database.session(write=True) as s:
            planned = await reminders.plan_reminders(s, world.org.id, now)
            await reminders.record_new(s, world.org.id, planned)
    (event,) = await events(database, "shift.reminder")
    assert event.person_id == world.staff.id
    assert event.organisation_id == world.org.id
    assert event.payload["assignment_id"] == str(assignment_id)
    assert event.payload["shift_id"] == str(shift_id)
    assert event.payload["offset_minutes"] == 120
    assert (event.dedupe_key or "").startswith(f"reminder:{assignment_id}:120:")


async def test_reminders_follow_the_persons_offsets(database: Database, world: World) -> None:
    await assigned(database, world, 90, person=world.staff)
    async with database.session(write=True) as s:
        s.add(
            NotificationPreference(
                person_id=world.staff.id, organisation_id=world.org.id, reminder_offsets_minutes=[]
            )
        )
    async with database.session(write=True) as s:
        assert await reminders.plan_reminders(s, world.org.id, utcnow()) == []


async def test_a_moved_shift_is_reminded_of_again(database: Database, world: World) -> None:
    shift_id, _, _ = await assigned(database, world, 90)
    async with database.session(write=True) as s:
        await reminders.record_new(
            s, world.org.id, await reminders.plan_reminders(s, world.org.id, utcnow())
        )
    async with database.session(write=True) as s:
        from shiftwise.models import Assignment, Shift

        shift = await s.get_one(Shift, shift_id)
        shift.starts_at += timedelta(minutes=10)
        shift.ends_at += timedelta(minutes=10)
        for a in await s.scalars(select(Assignment).where(Assignment.shift_id == shift_id)):
            a.starts_at, a.ends_at = shift.starts_at, shift.ends_at
    async with database.session(write=True) as s:
        new = await reminders.record_new(
            s, world.org.id, await reminders.plan_reminders(s, world.org.id, utcnow())
        )
    assert new == 1
    assert len(await events(database, "shift.reminder")) == 2


async def test_unfilled_shifts_warn_the_locations_coordinators(
    database: Database, world: World
) -> None:
    short, _, _ = await assigned(database, world, 20 * 60, headcount=3)  # 1 of 3
    await assigned(database, world, 20 * 60 + 5)  # full
    async with database.session(write=True) as s:
        empty = await factories.shift(
            s, world.loc, soon(50 * 60), headcount=2, state=ShiftState.published
        )
        await factories.shift(s, world.loc, soon(80 * 60), state=ShiftState.published)  # too far
    for _ in range(2):
        async with database.session(write=True) as s:
            planned = await reminders.plan_unfilled(s, world.org.id, utcnow())
            await reminders.record_new(s, world.org.id, planned)
    got = {e.payload["shift_id"]: e for e in await events(database, "shift.unfilled")}
    assert set(got) == {str(short), str(empty.id)}
    assert got[str(short)].person_id is None  # the audience is the location's coordinators
    assert got[str(short)].payload["location_id"] == str(world.loc.id)
    assert (got[str(short)].payload["open_seats"], got[str(short)].payload["lead_hours"]) == (2, 24)
    assert (got[str(empty.id)].payload["open_seats"], got[str(empty.id)].payload["lead_hours"]) == (
        2,
        72,
    )


async def test_unfilled_lead_times_are_the_organisations_setting(
    database: Database, world: World
) -> None:
    await assigned(database, world, 20 * 60, headcount=2)
    async with database.session(write=True) as s:
        org = await s.get_one(Organisation, world.org.id)
        org.settings = {**(org.settings or {}), "unfilled_shift_warning_hours": [6]}
    async with database.session(write=True) as s:
        assert await reminders.plan_unfilled(s, world.org.id, utcnow()) == []
        org = await s.get_one(Organisation, world.org.id)
        org.settings = {**(org.settings or {}), "unfilled_shift_warning_hours": "nonsense"}
    async with database.session(write=True) as s:
        assert len(await reminders.plan_unfilled(s, world.org.id, utcnow())) == 1  # defaults


async def _request(
    database: Database, world: World, state: ShiftRequestState, accepted_ago: timedelta
) -> uuid.UUID:
    _, assignment_id, requester = await assigned(database, world, 5 * 24 * 60)
    async with database.session(write=True) as s:
        r = ShiftRequest(
            id=uuid.uuid4(),
            organisation_id=world.org.id,
            kind=ShiftRequestKind.offer,
            state=state,
            assignment_id=assignment_id,
            requester_person_id=requester,
            counterpart_person_id=world.colleague.id,
            expires_at=utcnow() + timedelta(days=4),
            accepted_at=utcnow() - accepted_ago,
        )
        s.add(r)
        return r.id


async def test_requests_waiting_for_a_coordinator_are_nudged_each_day(
    database: Database, world: World
) -> None:
    waiting = await _request(database, world, ShiftRequestState.accepted, timedelta(hours=30))
    await _request(database, world, ShiftRequestState.accepted, timedelta(hours=2))  # fresh
    await _request(
        database, world, ShiftRequestState.pending, timedelta(hours=30)
    )  # colleague's turn
    for now in (utcnow(), utcnow() + timedelta(hours=1), utcnow() + timedelta(hours=20)):
        async with database.session(write=True) as s:
            await reminders.record_new(
                s, world.org.id, await reminders.plan_waiting(s, world.org.id, now)
            )
    got = await events(database, "shift_request.waiting")
    assert [e.payload["shift_request_id"] for e in got] == [str(waiting)] * 2
    assert sorted(e.payload["days_waiting"] for e in got) == [1, 2]
    assert all(e.person_id is None and e.payload["location_id"] == str(world.loc.id) for e in got)


async def test_jobs_run_by_the_worker_twice_record_once(
    database: Database, settings: Settings, world: World
) -> None:
    await assigned(database, world, 90, headcount=2)
    publisher = RecordingPublisher()
    for minutes in (-60, 0):  # two slots: every job runs twice
        await tick(database, utcnow() + timedelta(minutes=minutes))
        await relay_once(database, publisher, settings)
        ours = [d.event_id for d in publisher.take() if d.actor in JOBS]
        assert len(ours) == 2 * len(JOBS)  # one per job and organisation
        for event_id in ours:
            assert await execute(database, settings, event_id) is Outcome.done
    assert len(await events(database, "shift.reminder")) == 1
    assert len(await events(database, "shift.unfilled")) == 1


async def test_two_passes_at_once_record_once(
    database: Database, settings: Settings, world: World
) -> None:
    """Two workers running the same pass concurrently: one wins, the other's commit
    fails on the dedupe key (its job is retried and then finds nothing to do)."""
    await assigned(database, world, 90)
    other = Database(create_engine(settings))

    async def one_pass(db: Database) -> str:
        try:
            async with db.session(write=True) as s:
                planned = await reminders.plan_reminders(s, world.org.id, utcnow())
                await reminders.record_new(s, world.org.id, planned)
        except IntegrityError:
            return "lost"
        return "ok"

    try:
        results = await asyncio.gather(one_pass(database), one_pass(other))
    finally:
        await other.dispose()
    assert "ok" in results
    assert len(await events(database, "shift.reminder")) == 1
