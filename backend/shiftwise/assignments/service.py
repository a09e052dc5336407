from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import schemas
from shiftwise.assignments.checks import OVERRIDABLE_RULES, check_assignment
from shiftwise.assignments.policies import ensure_can_view_assignment
from shiftwise.assignments.repository import AssignmentFilters, AssignmentRepository, Placement
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.errors import Conflict, Forbidden, NotFound, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import Assignment, AssignmentSource, AssignmentState, ShiftState
from shiftwise.shifts.repository import ShiftRepository


def _read(a: Assignment, placement: Placement) -> schemas.Assignment:
    return schemas.Assignment(
        id=a.id,
        shift_id=a.shift_id,
        location_id=placement.location_id,
        person_id=a.person_id,
        person_display_name=placement.display_name,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        source=a.source,
        state=a.state,
        override_reason=a.override_reason,
        created_by_user_id=a.created_by_user_id,
        cancelled_at=a.cancelled_at,
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


async def _to_read(repo: AssignmentRepository, rows: list[Assignment]) -> list[schemas.Assignment]:
    placements = await repo.placements([a.id for a in rows])
    return [_read(a, placements[a.id]) for a in rows]


async def create(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID, data: schemas.AssignmentCreate
) -> schemas.AssignmentCreated:
    shifts = ShiftRepository(session, subject.organisation_id)
    repo = AssignmentRepository(session, subject.organisation_id)
    # Locking the shift, then the person, serialises capacity and double-booking checks
    # (on SQLite the request's BEGIN IMMEDIATE already does).
    shift = await shifts.get_or_404(shift_id, for_update=True)
    ensure_can_manage_location(subject, shift.location_id)
    if shift.state is ShiftState.cancelled:
        raise Conflict("This shift is cancelled.", code="shift_cancelled")
    person = await repo.person(data.person_id, for_update=True)
    if person is None:
        raise field_error(
            "body.person_id", "No person with this id in your organisation.", "person_not_found"
        )
    if await repo.is_on_shift(shift.id, person.id):
        raise Conflict("This person is already on this shift.", code="already_assigned")
    if await repo.live_count(shift.id) >= shift.headcount:
        raise Conflict("This shift has no open seats.", code="shift_full")
    location = await shifts.location(shift.location_id)
    if location is None:  # cannot happen: the foreign key and the shift's scope agree
        raise NotFound("The shift's location is gone.", code="location_not_found")
    violations = await check_assignment(repo, shift, person, location.time_zone)
    hard = [v for v in violations if v.severity == "hard"]
    overridable = data.override_reason is not None
    blocking = [v for v in hard if not (overridable and v.rule in OVERRIDABLE_RULES)]
    if blocking:
        raise Conflict(
            "The assignment breaks hard rules. Rules a written override_reason can override: "
            + ", ".join(sorted(OVERRIDABLE_RULES))
            + ".",
            code="rule_violation",
            violations=hard,
        )
    overridden = [v for v in hard if v not in blocking]
    reason = data.override_reason if overridden else None
    assignment = repo.add(
        Assignment(
            id=uuid.uuid4(),
            shift_id=shift.id,
            person_id=person.id,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            source=AssignmentSource.manual,
            state=AssignmentState.assigned,
            override_reason=reason,
            created_by_user_id=subject.user_id,
        )
    )
    await session.flush()
    after = audit.snapshot(assignment) | {
        "overridden": [v.model_dump(mode="json") for v in overridden]
    }
    await audit.record(
        session, subject, "assignment.created", assignment, after=after, reason=reason
    )
    placement = Placement(location.id, shift.state, person.display_name)
    warnings = [v for v in violations if v.severity != "hard"] + overridden
    return schemas.AssignmentCreated(assignment=_read(assignment, placement), warnings=warnings)


async def list_for_shift(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID, page: PageParams
) -> schemas.AssignmentPage:
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(shift_id)
    ensure_can_manage_location(subject, shift.location_id)
    repo = AssignmentRepository(session, subject.organisation_id)
    rows, next_offset = await repo.page(subject, AssignmentFilters(shift_id=shift.id), page)
    return schemas.AssignmentPage(items=await _to_read(repo, rows), next_offset=next_offset)


async def list_assignments(
    session: AsyncSession, subject: Subject, filters: AssignmentFilters, page: PageParams
) -> schemas.AssignmentPage:
    if filters.start is not None and filters.end is not None and filters.end <= filters.start:
        raise field_error("query.end", "The period must end after it starts.", "end_before_start")
    if subject.is_staff and filters.person_id not in (None, subject.person_id):
        raise Forbidden("You may only see your own assignments.")
    if (
        subject.is_coordinator
        and filters.location_id is not None
        and not can_manage_location(subject, filters.location_id)
    ):
        raise Forbidden("You do not coordinate this location.")
    repo = AssignmentRepository(session, subject.organisation_id)
    rows, next_offset = await repo.page(subject, filters, page)
    return schemas.AssignmentPage(items=await _to_read(repo, rows), next_offset=next_offset)


async def get(
    session: AsyncSession, subject: Subject, assignment_id: uuid.UUID
) -> schemas.Assignment:
    repo = AssignmentRepository(session, subject.organisation_id)
    assignment = await repo.get_or_404(assignment_id)
    placement = (await repo.placements([assignment.id]))[assignment.id]
    ensure_can_view_assignment(subject, assignment, placement)
    return _read(assignment, placement)


async def cancel(
    session: AsyncSession, subject: Subject, assignment_id: uuid.UUID
) -> schemas.Assignment:
    repo = AssignmentRepository(session, subject.organisation_id)
    assignment = await repo.get_or_404(assignment_id)
    placement = (await repo.placements([assignment.id]))[assignment.id]
    ensure_can_manage_location(subject, placement.location_id)
    # Same lock order as creating: the shift first, then re-read the assignment.
    await ShiftRepository(session, subject.organisation_id).get_or_404(
        assignment.shift_id, for_update=True
    )
    await session.refresh(assignment)
    if assignment.state is AssignmentState.cancelled:
        raise Conflict("This assignment is already cancelled.", code="already_cancelled")
    before = audit.snapshot(assignment)
    assignment.state, assignment.cancelled_at = AssignmentState.cancelled, utcnow()
    await session.flush()
    await audit.record(session, subject, "assignment.cancelled", assignment, before=before)
    return _read(assignment, placement)
