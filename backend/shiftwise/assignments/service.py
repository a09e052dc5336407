"""Assignments: the one placement function every path calls, and the endpoints' services."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import schemas
from shiftwise.assignments.checks import SEAT_REFUSALS, assess
from shiftwise.assignments.policies import ensure_can_view_assignment
from shiftwise.assignments.repository import AssignmentFilters, AssignmentRepository, Placement
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.errors import Conflict, Forbidden, NotFound, Violation, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    Assignment,
    AssignmentSource,
    AssignmentState,
    Location,
    Person,
    Shift,
    ShiftState,
)
from shiftwise.scheduling.verdict import judge, refusal, to_api
from shiftwise.shifts.repository import ShiftRepository
from shiftwise.swaps.voiding import void_requests_for
from shiftwise.worker.outbox import record_event


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


@dataclass(frozen=True)
class PlacementResult:
    """A person placed on a shift, and what the rules said about it."""

    assignment: Assignment
    person: Person
    location: Location
    warnings: list[Violation]  # soft violations, then hard ones overridden with the reason
    overridden: list[Violation]  # the hard ones set aside (also audited)
    event_recorded: bool  # "assignment.created" recorded (the shift is published)

    def read(self, shift: Shift) -> schemas.Assignment:
        placement = Placement(self.location.id, shift.state, self.person.display_name)
        return _read(self.assignment, placement)


async def lock_shift(session: AsyncSession, shift: Shift) -> Shift:
    """Take the shift's row lock and re-read it (pending changes are flushed first)."""
    locked = await session.scalar(
        select(Shift)
        .where(Shift.id == shift.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None:
        raise NotFound(f"No shift with id {shift.id}.", code="shift_not_found")
    return locked


def assignment_event(a: Assignment, shift: Shift) -> dict[str, Any]:
    """The payload of "assignment.created" / "assignment.cancelled"."""
    return {
        "assignment_id": str(a.id),
        "shift_id": str(shift.id),
        "location_id": str(shift.location_id),
        "starts_at": a.starts_at.isoformat(),
        "ends_at": a.ends_at.isoformat(),
        "source": a.source.value,
    }


async def place(
    session: AsyncSession,
    actor: Subject | None,
    shift: Shift,
    person_id: uuid.UUID,
    *,
    source: AssignmentSource,
    override_reason: str | None = None,
    may_override: bool,
    exclude_assignment_ids: Collection[uuid.UUID] = (),
    audit_action: str = "assignment.created",
) -> PlacementResult:
    """Place a person on a shift: THE one way every path creates an assignment.

    Locking: place() itself takes the shift's row lock (re-reading the shift) and then
    the person's, so callers need not lock the shift first (a caller that already did,
    e.g. to check access or state, loses nothing: a transaction re-takes its own lock).
    Callers must not lock people before calling place(): the order is always shift,
    then person, so concurrent placements cannot deadlock. On SQLite the request's
    BEGIN IMMEDIATE serialises writers anyway.

    Checks, in order: the shift is not cancelled (409 shift_cancelled), the person is
    in the organisation (422 body.person_id), not already on the shift (409
    already_assigned), a seat is free (409 shift_full); then the rule engine through
    the gateway (verdict.check_people_on_shift). Hard violations refuse with 409
    rule_violation unless `may_override` and a written `override_reason` (never for
    overlap or inactive_person); soft ones come back as warnings.

    `exclude_assignment_ids` are treated as gone (capacity, already-on-shift and the
    rules), e.g. the assignment a swap gives away; cancel them before calling if they
    overlap the shift, as the database refuses overlapping live assignments.

    Then it inserts the assignment (times copied from the shift), audits it under
    `audit_action` with the overridden violations and the reason, and records
    "assignment.created" for the person when the shift is published (drafts are told
    when published). It only flushes: the caller's transaction commits.
    """
    shift = await lock_shift(session, shift)
    found = await assess(
        session, shift, person_id, lock_person=True, exclude_assignment_ids=exclude_assignment_ids
    )
    judgement = judge(found.violations, may_override=may_override, override_reason=override_reason)
    if not judgement.allowed:
        raise refusal(judgement)
    reason = override_reason.strip() if judgement.overridden and override_reason else None
    assignment = Assignment(
        id=uuid.uuid4(),
        organisation_id=shift.organisation_id,
        shift_id=shift.id,
        person_id=found.person.id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        source=source,
        state=AssignmentState.assigned,
        override_reason=reason,
        created_by_user_id=actor.user_id if actor else None,
    )
    session.add(assignment)
    await session.flush()
    after = audit.snapshot(assignment) | {
        "overridden": [v.model_dump(mode="json") for v in judgement.overridden],
        "warnings": [v.model_dump(mode="json") for v in judgement.warnings],
    }
    await audit.record(
        session,
        actor,
        audit_action,
        assignment,
        organisation_id=shift.organisation_id,
        after=after,
        reason=reason,
    )
    published = shift.state is ShiftState.published
    if published:
        await record_event(
            session,
            shift.organisation_id,
            "assignment.created",
            person_id=assignment.person_id,
            payload=assignment_event(assignment, shift),
            dedupe_key=f"assignment.created:{assignment.id}",
        )
    return PlacementResult(
        assignment=assignment,
        person=found.person,
        location=found.location,
        warnings=judgement.warnings,
        overridden=judgement.overridden,
        event_recorded=published,
    )


async def create(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID, data: schemas.AssignmentCreate
) -> schemas.AssignmentCreated:
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(
        shift_id, for_update=True
    )
    ensure_can_manage_location(subject, shift.location_id)
    placed = await place(
        session,
        subject,
        shift,
        data.person_id,
        source=AssignmentSource.manual,
        override_reason=data.override_reason,
        may_override=can_manage_location(subject, shift.location_id),
    )
    return schemas.AssignmentCreated(assignment=placed.read(shift), warnings=placed.warnings)


async def check(
    session: AsyncSession, subject: Subject, data: schemas.AssignmentCheck
) -> schemas.AssignmentCheckResult:
    """What create() would answer, without changing anything (no locks, no writes)."""
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(data.shift_id)
    ensure_can_manage_location(subject, shift.location_id)
    may_override = can_manage_location(subject, shift.location_id)
    try:
        found = await assess(session, shift, data.person_id, lock_person=False)
    except Conflict as exc:
        if exc.instance_code not in SEAT_REFUSALS:
            raise
        return schemas.AssignmentCheckResult(
            violations=[],
            would_succeed=False,
            overridable=False,
            refusal=_refusal_summary(exc),
        )
    judgement = judge(
        found.violations, may_override=may_override, override_reason=data.override_reason
    )
    return schemas.AssignmentCheckResult(
        violations=[to_api(v) for v in found.violations],
        would_succeed=judgement.allowed,
        overridable=judgement.overridable,
        refusal=None if judgement.allowed else _refusal_summary(refusal(judgement)),
    )


def _refusal_summary(exc: Conflict) -> schemas.Refusal:
    return schemas.Refusal(error=exc.instance_code, detail=exc.detail)


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
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(
        assignment.shift_id, for_update=True
    )
    await session.refresh(assignment)
    if assignment.state is AssignmentState.cancelled:
        raise Conflict("This assignment is already cancelled.", code="already_cancelled")
    before = audit.snapshot(assignment)
    assignment.state, assignment.cancelled_at = AssignmentState.cancelled, utcnow()
    await session.flush()
    await audit.record(session, subject, "assignment.cancelled", assignment, before=before)
    await void_requests_for(
        session,
        subject,
        subject.organisation_id,
        [assignment.id],
        reason="The assignment was cancelled.",
    )
    if shift.state is ShiftState.published:
        # Only the person it changes is told; drafts were never announced.
        await record_event(
            session,
            subject.organisation_id,
            "assignment.cancelled",
            person_id=assignment.person_id,
            payload=assignment_event(assignment, shift),
            dedupe_key=f"assignment.cancelled:{assignment.id}",
        )
    return _read(assignment, placement)
