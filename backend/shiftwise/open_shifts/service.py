"""Open seats staff may claim, with the rule engine's verdict, and claiming one."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import schemas as assignment_schemas
from shiftwise.assignments.service import assignment_event, lock_shift, place
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, can_see_drafts
from shiftwise.errors import Conflict, Forbidden, NotFound, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import AssignmentSource, ShiftState
from shiftwise.open_shifts import schemas
from shiftwise.open_shifts.repository import OpenSeat, OpenShiftRepository
from shiftwise.scheduling import rules
from shiftwise.scheduling.verdict import check_person_on_shifts, judge
from shiftwise.shifts.repository import ShiftRepository
from shiftwise.worker.outbox import record_event


def _window(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    lo = (start or now).astimezone(UTC)
    hi = end.astimezone(UTC) if end is not None else lo + timedelta(days=schemas.DEFAULT_DAYS)
    if hi <= lo:
        raise field_error("query.end", "The period must end after it starts.", "end_before_start")
    if hi - lo > timedelta(days=schemas.MAX_DAYS):
        raise field_error(
            "query.end", f"The period may span at most {schemas.MAX_DAYS} days.", "too_long"
        )
    return lo, hi


def _verdict(found: list[rules.Violation]) -> schemas.ClaimVerdict:
    judgement = judge(found, may_override=False, override_reason=None)
    return schemas.ClaimVerdict(
        allowed=judgement.allowed, violations=judgement.hard, warnings=judgement.warnings
    )


def _read(seat: OpenSeat, verdict: schemas.ClaimVerdict | None) -> schemas.OpenShift:
    s = seat.shift
    return schemas.OpenShift(
        id=s.id,
        location_id=s.location_id,
        location_name=seat.location_name,
        time_zone=seat.time_zone,
        skill_id=s.skill_id,
        skill_name=seat.skill_name,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        break_minutes=s.break_minutes,
        headcount=s.headcount,
        assigned_count=seat.assigned,
        open_seats=s.headcount - seat.assigned,
        notes=s.notes,
        verdict=verdict,
    )


async def list_open(
    session: AsyncSession,
    subject: Subject,
    *,
    location_id: uuid.UUID | None,
    start: datetime | None,
    end: datetime | None,
    page: PageParams,
) -> schemas.OpenShiftPage:
    now = utcnow()
    lo, hi = _window(start, end, now)
    if subject.is_coordinator and location_id is not None:
        if not can_manage_location(subject, location_id):
            raise Forbidden("You do not coordinate this location.")
    if subject.is_staff and subject.person_id is None:
        return schemas.OpenShiftPage(items=[], next_offset=None)
    seats = await OpenShiftRepository(session, subject.organisation_id).open_seats(
        subject, after=now, start=lo, end=hi, location_id=location_id
    )
    if subject.is_staff:
        # The expiry is the last valid local date (as the rule engine judges it).
        seats = [s for s in seats if s.expires_date is None or s.local_date <= s.expires_date]
    chunk = seats[page.offset : page.offset + page.limit]
    next_offset = page.offset + page.limit if len(seats) > page.offset + page.limit else None
    if not subject.is_staff or subject.person_id is None:
        return schemas.OpenShiftPage(items=[_read(s, None) for s in chunk], next_offset=next_offset)
    found = await check_person_on_shifts(
        session,
        subject.organisation_id,
        subject.person_id,
        [(s.shift, s.time_zone) for s in chunk],
    )
    return schemas.OpenShiftPage(
        items=[_read(s, _verdict(found.get(s.shift.id, []))) for s in chunk],
        next_offset=next_offset,
    )


async def claim(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID
) -> assignment_schemas.AssignmentCreated:
    """Place the caller on an open seat: the rules apply in full, with no override."""
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(shift_id)
    if subject.person_id is None:
        raise Forbidden(
            "Only people with a staff profile claim shifts; coordinators assign them.",
            code="no_staff_profile",
        )
    shift = await lock_shift(session, shift)
    if shift.state is ShiftState.draft:
        if not can_see_drafts(subject, shift.location_id):
            raise NotFound(f"No shift with id {shift_id}.", code="shift_not_found")
        raise Conflict("This shift is not published yet.", code="shift_not_published")
    if shift.state is ShiftState.cancelled:
        raise Conflict("This shift is cancelled.", code="shift_cancelled")
    if shift.starts_at <= utcnow():
        raise Conflict("This shift has already started.", code="shift_started")
    placed = await place(
        session,
        subject,
        shift,
        subject.person_id,
        source=AssignmentSource.claim,
        may_override=False,
        audit_action="assignment.claimed",
    )
    # For the location's coordinators: a seat was filled without them.
    await record_event(
        session,
        subject.organisation_id,
        "shift.claimed",
        payload=assignment_event(placed.assignment, shift) | {"person_id": str(subject.person_id)},
        dedupe_key=f"shift.claimed:{placed.assignment.id}",
    )
    return assignment_schemas.AssignmentCreated(
        assignment=placed.read(shift), warnings=placed.warnings
    )
