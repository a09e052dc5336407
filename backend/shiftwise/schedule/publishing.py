"""Publishing a period, and the events that tell people of published changes.

Both ways of publishing (a location's period here, one shift in shifts.service) record
the same "schedule.published" events through `announce`: one per person assigned to a
newly published shift, naming their shifts. Later changes to published shifts are told
only to the people they change: "assignment.created" / "assignment.cancelled"
(assignments.service), "shift.cancelled" and "shift.changed" (shift_cancelled and
shift_moved below, called by shifts.service; the same topic and key as
planning.cancel_period).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.kit.context import request_id_var
from shiftwise.kit.time import local_day_bounds, utcnow
from shiftwise.models import Assignment, AuditEntry, Location, OutboxEvent, Shift, ShiftState
from shiftwise.schedule import schemas
from shiftwise.schedule.grid import managed_location
from shiftwise.schedule.repository import ScheduleRepository, Seat
from shiftwise.worker.outbox import record_event

PUBLISHED = "schedule.published"


@dataclass(frozen=True)
class Notice:
    """Who is told of a publication, and of which of their shifts."""

    person_id: uuid.UUID
    display_name: str
    shift_ids: list[uuid.UUID]


def notices(seats: Iterable[Seat], shift_order: Sequence[uuid.UUID]) -> list[Notice]:
    """One notice per person on the seats (by name), their shifts in `shift_order`."""
    position = {shift_id: i for i, shift_id in enumerate(shift_order)}
    names: dict[uuid.UUID, str] = {}
    shifts: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for seat in seats:
        names[seat.person_id] = seat.display_name
        shifts[seat.person_id].add(seat.shift_id)
    ordered = sorted(names, key=lambda p: (names[p], str(p)))
    return [Notice(p, names[p], sorted(shifts[p], key=position.__getitem__)) for p in ordered]


def publication_key(shift_ids: Iterable[uuid.UUID]) -> str:
    """Names one publication by the shifts it published: recording it again is a no-op."""
    joined = ",".join(sorted(str(i) for i in shift_ids))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


async def announce(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location_id: uuid.UUID,
    period: tuple[date, date],
    published: Sequence[uuid.UUID],
    who: Sequence[Notice],
) -> None:
    """Record one "schedule.published" event per person (three statements in all).

    Dedupe key: person, location, period and publication (the published shift ids),
    so a retried publication records nothing new.
    """
    if not who:
        return
    first, last = period
    publication = publication_key(published)
    keys = {
        n.person_id: (
            f"{PUBLISHED}:{n.person_id}:{location_id}:{first.isoformat()}:"
            f"{last.isoformat()}:{publication}"
        )
        for n in who
    }
    existing = set(
        (
            await session.scalars(
                select(OutboxEvent.dedupe_key).where(OutboxEvent.dedupe_key.in_(keys.values()))
            )
        ).all()
    )
    session.add_all(
        OutboxEvent(
            organisation_id=organisation_id,
            topic=PUBLISHED,
            person_id=n.person_id,
            payload={
                "location_id": str(location_id),
                "start_date": first.isoformat(),
                "end_date": last.isoformat(),
                "publication": publication,
                "shift_ids": [str(i) for i in n.shift_ids],
            },
            dedupe_key=keys[n.person_id],
        )
        for n in who
        if keys[n.person_id] not in existing
    )
    await session.flush()


async def announce_shift_published(session: AsyncSession, shift: Shift) -> None:
    """What publishing one shift tells: the same event as a period of its one local date."""
    location = await session.get_one(Location, shift.location_id)
    day = shift.starts_at.astimezone(ZoneInfo(location.time_zone)).date()
    seats = await ScheduleRepository(session, shift.organisation_id).shift_seats([shift.id])
    await announce(
        session,
        shift.organisation_id,
        location.id,
        (day, day),
        [shift.id],
        notices(seats, [shift.id]),
    )


def _shift_payload(shift: Shift, a: Assignment) -> dict[str, Any]:
    return {
        "shift_id": str(shift.id),
        "assignment_id": str(a.id),
        "location_id": str(shift.location_id),
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
    }


async def shift_cancelled(
    session: AsyncSession, shift: Shift, live: Sequence[Assignment], reason: str | None = None
) -> None:
    """Tell the people on a published shift that it is cancelled (drafts were never told)."""
    if shift.state is not ShiftState.published:
        return
    for a in live:
        await record_event(
            session,
            shift.organisation_id,
            "shift.cancelled",
            person_id=a.person_id,
            payload=_shift_payload(shift, a) | {"reason": reason},
            dedupe_key=f"shift.cancelled:{shift.id}:{a.person_id}",
        )


async def shift_moved(
    session: AsyncSession,
    shift: Shift,
    live: Sequence[Assignment],
    before: tuple[datetime, datetime],
) -> None:
    """Tell the people on a published shift its new times (call after the move)."""
    if shift.state is not ShiftState.published or (shift.starts_at, shift.ends_at) == before:
        return
    # Each move is its own news (a shift moved A → B → A → B tells every time), so the
    # key names this change; recording it twice within the change is still a no-op.
    change = uuid.uuid4().hex
    for a in live:
        await record_event(
            session,
            shift.organisation_id,
            "shift.changed",
            person_id=a.person_id,
            payload=_shift_payload(shift, a)
            | {
                "previous_starts_at": before[0].isoformat(),
                "previous_ends_at": before[1].isoformat(),
            },
            dedupe_key=f"shift.changed:{shift.id}:{a.person_id}:{change}",
        )


def _audit_published(subject: Subject, shift: Shift, before: dict[str, Any]) -> AuditEntry:
    """The entry audit.record writes for "shift.published", without a flush per shift."""
    return AuditEntry(
        organisation_id=subject.organisation_id,
        actor_user_id=subject.user_id,
        action="shift.published",
        record_type=Shift.__tablename__,
        record_id=shift.id,
        before=before,
        after=audit.snapshot(shift),
        reason=None,
        request_id=request_id_var.get(),
    )


async def publish(
    session: AsyncSession, subject: Subject, data: schemas.PublishRequest, *, dry_run: bool
) -> schemas.PublishSummary:
    """Publish every draft of a location's local period, in the request's transaction."""
    repo = ScheduleRepository(session, subject.organisation_id)
    location = await managed_location(repo, subject, data.location_id)
    start, end = local_day_bounds(data.start_date, data.days, location.time_zone)
    last = data.start_date + timedelta(days=data.days - 1)
    # Lock the drafts first (the lock order of every path: shifts, then assignments).
    drafts = await repo.shifts(location.id, start, end, state=ShiftState.draft, lock=not dry_run)
    seats = await repo.shift_seats([s.id for s in drafts]) if drafts else []
    who = notices(seats, [s.id for s in drafts])
    if not dry_run and drafts:
        now = utcnow()
        befores = [audit.snapshot(s) for s in drafts]
        for shift in drafts:
            shift.state, shift.published_at = ShiftState.published, now
        await session.flush()
        session.add_all(
            _audit_published(subject, s, b) for s, b in zip(drafts, befores, strict=True)
        )
        await announce(
            session,
            subject.organisation_id,
            location.id,
            (data.start_date, last),
            [s.id for s in drafts],
            who,
        )
    return schemas.PublishSummary(
        dry_run=dry_run,
        location_id=location.id,
        start_date=data.start_date,
        end_date=last,
        published_shift_count=len(drafts),
        published_shift_ids=[s.id for s in drafts],
        people_notified=[
            schemas.PersonNotified(
                person_id=n.person_id, display_name=n.display_name, shift_count=len(n.shift_ids)
            )
            for n in who
        ],
    )
