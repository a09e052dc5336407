"""Planning many shifts at once: bulk create, copy a period, cancel a period."""

from __future__ import annotations

import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments.service import place
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable, field_error
from shiftwise.kit.time import as_utc, local_day_bounds, utcnow
from shiftwise.models import AssignmentSource, AssignmentState, Location, Shift, ShiftState
from shiftwise.planning import schemas
from shiftwise.planning.repository import PlanningRepository
from shiftwise.shifts import service as shift_service
from shiftwise.shifts.repository import ShiftRepository
from shiftwise.swaps.voiding import void_requests_for
from shiftwise.templates.recurrence import to_utc
from shiftwise.worker.outbox import record_event

_CHECK_REASONS: dict[str, schemas.CopySkipReason] = {
    "ends_before_start": "no_real_length",
    "shift_too_long": "too_long",
    "break_too_long": "break_too_long",
}


def _row_errors(index: int, exc: Unprocessable) -> list[FieldError]:
    """The shifts API's field errors, renamed to the row: body.ends_at → body.shifts.3.ends_at."""
    prefix = f"body.shifts.{index}."
    return [
        FieldError(field=prefix + f.field.removeprefix("body."), message=f.message, code=f.code)
        for f in exc.fields or []
    ]


async def bulk_create(
    session: AsyncSession, subject: Subject, data: schemas.BulkCreate
) -> schemas.BulkCreated:
    """All rows or none: every row is checked before anything is written."""
    repo = PlanningRepository(session, subject.organisation_id)
    locations = await repo.locations(r.location_id for r in data.shifts)
    skills = await repo.skill_ids(r.skill_id for r in data.shifts if r.skill_id is not None)
    errors: list[FieldError] = []
    forbidden: list[FieldError] = []
    for i, row in enumerate(data.shifts):
        location = locations.get(row.location_id)
        if location is None or location.archived_at is not None:
            errors.append(
                FieldError(
                    field=f"body.shifts.{i}.location_id",
                    message="No active location with this id in your organisation.",
                    code="location_not_found",
                )
            )
        elif not can_manage_location(subject, location.id):
            forbidden.append(
                FieldError(
                    field=f"body.shifts.{i}.location_id",
                    message="You do not coordinate this location.",
                    code="forbidden",
                )
            )
        if row.skill_id is not None and row.skill_id not in skills:
            errors.append(
                FieldError(
                    field=f"body.shifts.{i}.skill_id",
                    message="No skill with this id in your organisation.",
                    code="skill_not_found",
                )
            )
        try:
            shift_service._check_times(row.starts_at, row.ends_at, row.break_minutes)
        except Unprocessable as exc:
            errors.extend(_row_errors(i, exc))
    if forbidden:
        raise Forbidden("Some rows are at locations you do not coordinate.", fields=forbidden)
    if errors:
        rows = sorted({int(e.field.split(".")[2]) for e in errors})
        raise Unprocessable(
            f"{len(rows)} row(s) are invalid; nothing was created. Rows: "
            + ", ".join(str(r) for r in rows[:20])
            + ("…" if len(rows) > 20 else ""),
            fields=errors,
        )
    created = [
        Shift(
            id=uuid.uuid4(),
            organisation_id=subject.organisation_id,
            location_id=row.location_id,
            skill_id=row.skill_id,
            starts_at=as_utc(row.starts_at),
            ends_at=as_utc(row.ends_at),
            break_minutes=row.break_minutes,
            headcount=row.headcount,
            notes=row.notes,
            state=ShiftState.draft,
        )
        for row in data.shifts
    ]
    await _add(session, subject, created)
    shifts = ShiftRepository(session, subject.organisation_id)
    return schemas.BulkCreated(items=await shift_service.to_read(shifts, created))


async def _add(session: AsyncSession, subject: Subject, shifts: list[Shift]) -> None:
    session.add_all(shifts)
    await session.flush()
    for shift in shifts:
        await audit.record(session, subject, "shift.created", shift)


async def _managed_location(
    repo: PlanningRepository, subject: Subject, location_id: uuid.UUID
) -> Location:
    location = (await repo.locations([location_id])).get(location_id)
    if location is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    ensure_can_manage_location(subject, location.id)
    return location


def _moved(
    shift: Shift, zone: ZoneInfo, offset: timedelta
) -> tuple[Shift, schemas.CopySkipReason | None]:
    """A draft copy `offset` local days later at the same local wall times."""
    start = shift.starts_at.astimezone(zone)
    end = shift.ends_at.astimezone(zone)
    starts_at = to_utc(start.date() + offset, start.time(), zone)
    ends_at = to_utc(end.date() + offset, end.time(), zone)
    reason: schemas.CopySkipReason | None = None
    try:
        shift_service._check_times(starts_at, ends_at, shift.break_minutes)
    except Unprocessable as exc:
        code = exc.fields[0].code if exc.fields else None
        reason = _CHECK_REASONS.get(code or "", "no_real_length")
    copy = Shift(
        id=uuid.uuid4(),
        organisation_id=shift.organisation_id,
        location_id=shift.location_id,
        skill_id=shift.skill_id,
        starts_at=starts_at,
        ends_at=ends_at,
        break_minutes=shift.break_minutes,
        headcount=shift.headcount,
        notes=shift.notes,
        state=ShiftState.draft,
    )
    return copy, reason


async def copy_period(
    session: AsyncSession, subject: Subject, data: schemas.CopyRequest
) -> schemas.CopyResult:
    gap = abs((data.to_start_date - data.from_start_date).days)
    if gap < data.days:
        raise field_error(
            "body.to_start_date",
            "The target period must not overlap the period copied.",
            "periods_overlap",
        )
    repo = PlanningRepository(session, subject.organisation_id)
    location = await _managed_location(repo, subject, data.location_id)
    if location.archived_at is not None:
        raise field_error("body.location_id", "This location is archived.", "location_archived")
    start, end = local_day_bounds(data.from_start_date, data.days, location.time_zone)
    sources = await repo.starting_in(location.id, start, end)
    zone = ZoneInfo(location.time_zone)
    offset = timedelta(days=(data.to_start_date - data.from_start_date).days)
    pairs: list[tuple[Shift, Shift]] = []
    skipped: list[schemas.CopySkipped] = []
    for source in sources:
        copy, reason = _moved(source, zone, offset)
        if reason is None:
            pairs.append((source, copy))
        else:
            skipped.append(schemas.CopySkipped(source_shift_id=source.id, reason=reason))
    created = [copy for _, copy in pairs]
    await _add(session, subject, created)
    result = schemas.CopyResult(created=[], skipped=skipped)
    if data.include_assignments:
        await _copy_assignments(session, subject, repo, pairs, result)
    shifts = ShiftRepository(session, subject.organisation_id)
    result.created = await shift_service.to_read(shifts, created)
    return result


async def _copy_assignments(
    session: AsyncSession,
    subject: Subject,
    repo: PlanningRepository,
    pairs: list[tuple[Shift, Shift]],
    result: schemas.CopyResult,
) -> None:
    """Place each copied shift's people through the one placement path, in start order,
    so each check sees the copies placed before it; refusals are reported, not fatal."""
    sources = await repo.live_assignments([source.id for source, _ in pairs])
    people: dict[uuid.UUID, list[uuid.UUID]] = {}
    for a in sources:
        people.setdefault(a.shift_id, []).append(a.person_id)
    for source, copy in sorted(pairs, key=lambda pair: pair[1].starts_at):
        for person_id in people.get(source.id, []):
            try:
                placed = await place(
                    session,
                    subject,
                    copy,
                    person_id,
                    source=AssignmentSource.manual,
                    may_override=False,
                )
            except Conflict as refused:
                result.assignments_not_copied.append(
                    schemas.AssignmentNotCopied(
                        source_shift_id=source.id,
                        person_id=person_id,
                        error=refused.instance_code,
                        detail=refused.detail,
                        violations=refused.violations or [],
                    )
                )
                continue
            result.copied_assignment_ids.append(placed.assignment.id)


async def cancel_period(
    session: AsyncSession, subject: Subject, data: schemas.CancelPeriod
) -> schemas.CancelResult:
    """Cancel a location's shifts starting in a local period, and their assignments.

    People on published shifts get one "shift.cancelled" event per shift; people on
    drafts were never told of them, so they are not told of the cancellation either.
    """
    repo = PlanningRepository(session, subject.organisation_id)
    location = await _managed_location(repo, subject, data.location_id)
    start, end = local_day_bounds(data.start_date, data.days, location.time_zone)
    # Lock order as elsewhere: shifts, then their assignments.
    shifts = await repo.starting_in(location.id, start, end, lock=True)
    assignments = await repo.live_assignments([s.id for s in shifts])
    by_shift = {s.id: s for s in shifts}
    now = utcnow()
    notified: dict[uuid.UUID, None] = {}
    for a in assignments:
        before = audit.snapshot(a)
        a.state, a.cancelled_at = AssignmentState.cancelled, now
        await session.flush()
        await audit.record(
            session,
            subject,
            "assignment.cancelled",
            a,
            before=before,
            reason=data.reason or "shift cancelled",
        )
        shift = by_shift[a.shift_id]
        if shift.state is ShiftState.published:
            await record_event(
                session,
                subject.organisation_id,
                "shift.cancelled",
                person_id=a.person_id,
                payload={
                    "shift_id": str(shift.id),
                    "assignment_id": str(a.id),
                    "location_id": str(location.id),
                    "starts_at": shift.starts_at.isoformat(),
                    "ends_at": shift.ends_at.isoformat(),
                    "reason": data.reason,
                },
                dedupe_key=f"shift.cancelled:{shift.id}:{a.person_id}",
            )
            notified[a.person_id] = None
    await void_requests_for(
        session,
        subject,
        subject.organisation_id,
        [a.id for a in assignments],
        reason="The shift was cancelled.",
    )
    for shift in shifts:
        before = audit.snapshot(shift)
        shift.state, shift.cancelled_at = ShiftState.cancelled, now
        await session.flush()
        await audit.record(
            session, subject, "shift.cancelled", shift, before=before, reason=data.reason
        )
    return schemas.CancelResult(
        cancelled_shift_ids=[s.id for s in shifts],
        cancelled_assignment_ids=[a.id for a in assignments],
        notified_person_ids=list(notified),
    )
