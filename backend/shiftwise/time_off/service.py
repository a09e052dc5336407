from __future__ import annotations

import uuid
from datetime import UTC, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_act_for_person, can_decide_for_person
from shiftwise.errors import Conflict, ErrorBody, Forbidden, NotFound, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import AssignmentState, Person, ShiftState, TimeOffRequest, TimeOffState
from shiftwise.swaps.voiding import void_requests_for
from shiftwise.time_off import schemas
from shiftwise.time_off.repository import Affected, TimeOffFilters, TimeOffRepository
from shiftwise.worker.outbox import record_event


class TimeOffConflicts(Conflict):
    """Approval would release assignments and the caller has not confirmed it."""

    code = "time_off_conflicts"

    def __init__(self, affected: list[schemas.AffectedAssignment]) -> None:
        super().__init__(
            f"The person has {len(affected)} assignment(s) in this period. Approve with "
            "release_assignments=true to cancel them and open their seats.",
        )
        self.rows = [a.model_dump(mode="json") for a in affected]

    def body(self) -> ErrorBody:
        return super().body().model_copy(update={"rows": self.rows})


def _read(r: TimeOffRequest, name: str) -> schemas.TimeOffRequest:
    return schemas.TimeOffRequest(
        id=r.id,
        person_id=r.person_id,
        person_display_name=name,
        starts_at=r.starts_at,
        ends_at=r.ends_at,
        kind=r.kind,
        reason=r.reason,
        state=r.state,
        decided_by_user_id=r.decided_by_user_id,
        decided_at=r.decided_at,
        decision_note=r.decision_note,
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def _affected(a: Affected) -> schemas.AffectedAssignment:
    return schemas.AffectedAssignment(
        assignment_id=a.assignment.id,
        shift_id=a.assignment.shift_id,
        location_id=a.location_id,
        location_name=a.location_name,
        time_zone=a.time_zone,
        starts_at=a.assignment.starts_at,
        ends_at=a.assignment.ends_at,
        shift_state=a.shift_state,
    )


def _payload(r: TimeOffRequest, **extra: Any) -> dict[str, Any]:
    return {
        "time_off_request_id": str(r.id),
        "state": r.state.value,
        "kind": r.kind.value,
        "starts_at": r.starts_at.isoformat(),
        "ends_at": r.ends_at.isoformat(),
        **extra,
    }


async def _person_of(repo: TimeOffRepository, r: TimeOffRequest) -> Person:
    person = await repo.person(r.person_id)
    if person is None:  # cannot happen: the foreign key cascades
        raise NotFound("The request's person is gone.", code="person_not_found")
    return person


async def _viewable(
    repo: TimeOffRepository, subject: Subject, request_id: uuid.UUID, *, lock: bool = False
) -> tuple[TimeOffRequest, Person]:
    r = await repo.locked(request_id) if lock else await repo.get(request_id)
    if r is None:
        raise NotFound(f"No time-off request with id {request_id}.", code="time_off_not_found")
    person = await _person_of(repo, r)
    if not can_act_for_person(subject, person.id, person.home_location_id):
        raise Forbidden("You may only see your own time-off requests.")
    return r, person


async def create(
    session: AsyncSession, subject: Subject, data: schemas.TimeOffCreate
) -> schemas.TimeOffRequest:
    starts_at, ends_at = data.starts_at.astimezone(UTC), data.ends_at.astimezone(UTC)
    if ends_at <= starts_at:
        raise field_error("body.ends_at", "ends_at must be after starts_at.", "end_before_start")
    if ends_at - starts_at > timedelta(days=schemas.MAX_DAYS):
        raise field_error(
            "body.ends_at", f"Time off may last at most {schemas.MAX_DAYS} days.", "too_long"
        )
    person_id = data.person_id or subject.person_id
    if person_id is None:
        raise field_error("body.person_id", "You have no staff profile; name a person.")
    repo = TimeOffRepository(session, subject.organisation_id)
    person = await repo.person(person_id, for_update=True)
    if person is None:
        raise field_error(
            "body.person_id", "No person with this id in your organisation.", "person_not_found"
        )
    if not can_act_for_person(subject, person.id, person.home_location_id):
        raise Forbidden("You may ask for time off only for yourself or people you coordinate.")
    clash = await repo.overlapping_requests(person.id, starts_at, ends_at)
    if clash:
        raise Conflict(
            f"This overlaps the {clash[0].state.value} request {clash[0].id} "
            f"({clash[0].starts_at.isoformat()} to {clash[0].ends_at.isoformat()}).",
            code="time_off_overlaps",
        )
    r = repo.add(
        TimeOffRequest(
            id=uuid.uuid4(),
            person_id=person.id,
            starts_at=starts_at,
            ends_at=ends_at,
            kind=data.kind,
            reason=data.reason,
            state=TimeOffState.pending,
        )
    )
    await session.flush()
    await audit.record(session, subject, "time_off.requested", r)
    await record_event(
        session,
        subject.organisation_id,
        "time_off.requested",
        person_id=person.id,
        payload=_payload(r, home_location_id=_str(person.home_location_id)),
        dedupe_key=f"time_off.requested:{r.id}",
    )
    return _read(r, person.display_name)


def _str(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


async def list_requests(
    session: AsyncSession, subject: Subject, filters: TimeOffFilters, page: PageParams
) -> schemas.TimeOffRequestPage:
    if filters.start is not None and filters.end is not None and filters.end <= filters.start:
        raise field_error("query.end", "The period must end after it starts.", "end_before_start")
    repo = TimeOffRepository(session, subject.organisation_id)
    if filters.person_id is not None and not subject.is_admin:
        person = await repo.person(filters.person_id)
        if person is not None and not can_act_for_person(
            subject, person.id, person.home_location_id
        ):
            raise Forbidden("You may not see this person's time-off requests.")
    if (
        filters.location_id is not None
        and not subject.is_admin
        and filters.location_id not in subject.location_ids
    ):
        raise Forbidden("You do not coordinate this location.")
    rows, next_offset = await repo.page(subject, filters, page)
    names = await repo.names(list({r.person_id for r in rows}))
    return schemas.TimeOffRequestPage(
        items=[_read(r, names[r.person_id]) for r in rows], next_offset=next_offset
    )


async def get(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID
) -> schemas.TimeOffRequest:
    repo = TimeOffRepository(session, subject.organisation_id)
    r, person = await _viewable(repo, subject, request_id)
    return _read(r, person.display_name)


async def impact(session: AsyncSession, subject: Subject, request_id: uuid.UUID) -> schemas.Impact:
    repo = TimeOffRepository(session, subject.organisation_id)
    r, person = await _viewable(repo, subject, request_id)
    affected = await repo.affected(person.id, r.starts_at, r.ends_at)
    # Admins and the home location's coordinators see everything approval would
    # release; the person, as on their own schedule, does not see draft shifts.
    if not (
        subject.is_admin
        or (subject.is_coordinator and person.home_location_id in subject.location_ids)
    ):
        affected = [a for a in affected if a.shift_state is not ShiftState.draft]
    return schemas.Impact(
        request_id=r.id,
        person_id=person.id,
        starts_at=r.starts_at,
        ends_at=r.ends_at,
        assignments=[_affected(a) for a in affected],
    )


async def _decidable(
    repo: TimeOffRepository, subject: Subject, request_id: uuid.UUID
) -> tuple[TimeOffRequest, Person]:
    r = await repo.locked(request_id)
    if r is None:
        raise NotFound(f"No time-off request with id {request_id}.", code="time_off_not_found")
    person = await _person_of(repo, r)
    if not can_decide_for_person(subject, person.id, person.home_location_id):
        if subject.person_id == person.id:
            raise Forbidden("You may not decide your own time-off request.")
        raise Forbidden("Only a coordinator of the person's home location or an admin may.")
    if r.state is not TimeOffState.pending:
        raise Conflict(f"This request is already {r.state.value}.", code="request_already_decided")
    return r, person


def _decide(r: TimeOffRequest, subject: Subject, state: TimeOffState, note: str | None) -> None:
    r.state = state
    r.decided_by_user_id = subject.user_id
    r.decided_at = utcnow()
    r.decision_note = note


async def approve(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID, data: schemas.ApproveBody
) -> schemas.Approved:
    repo = TimeOffRepository(session, subject.organisation_id)
    r, person = await _decidable(repo, subject, request_id)
    # Lock order request → person; assignment creation locks shift → person, so no cycle,
    # and an assignment racing this approval either is seen here or sees the approval.
    await repo.person(person.id, for_update=True)
    affected = await repo.affected(person.id, r.starts_at, r.ends_at)
    released = [_affected(a) for a in affected]
    if affected and not data.release_assignments:
        raise TimeOffConflicts(released)
    before = audit.snapshot(r)
    now = utcnow()
    for a in affected:
        row_before = audit.snapshot(a.assignment)
        a.assignment.state, a.assignment.cancelled_at = AssignmentState.cancelled, now
        await session.flush()
        await audit.record(
            session,
            subject,
            "assignment.cancelled",
            a.assignment,
            before=row_before,
            reason=f"Released by approved time off {r.id}.",
        )
        await _record_release(session, subject, r, a)
    await void_requests_for(
        session,
        subject,
        subject.organisation_id,
        [a.assignment.id for a in affected],
        reason="The assignment was released for approved time off.",
    )
    _decide(r, subject, TimeOffState.approved, data.note)
    await session.flush()
    await audit.record(session, subject, "time_off.approved", r, before=before, reason=data.note)
    await record_event(
        session,
        subject.organisation_id,
        "time_off.decided",
        person_id=person.id,
        payload=_payload(r, released_assignment_ids=[str(a.assignment_id) for a in released]),
        dedupe_key=f"time_off.decided:{r.id}",
    )
    return schemas.Approved(request=_read(r, person.display_name), released_assignments=released)


async def _record_release(
    session: AsyncSession, subject: Subject, r: TimeOffRequest, a: Affected
) -> None:
    shift = {
        "assignment_id": str(a.assignment.id),
        "shift_id": str(a.assignment.shift_id),
        "location_id": str(a.location_id),
        "starts_at": a.assignment.starts_at.isoformat(),
        "ends_at": a.assignment.ends_at.isoformat(),
        "time_off_request_id": str(r.id),
    }
    await record_event(
        session,
        subject.organisation_id,
        "assignment.released",
        person_id=a.assignment.person_id,
        payload=shift | {"reason": "time_off"},
        dedupe_key=f"assignment.released:{a.assignment.id}",
    )
    if a.assignment.starts_at > utcnow():
        # For the location's coordinators: a seat to fill again.
        await record_event(
            session,
            subject.organisation_id,
            "shift.open",
            payload=shift,
            dedupe_key=f"shift.open:{a.assignment.id}",
        )


async def deny(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID, data: schemas.DenyBody
) -> schemas.TimeOffRequest:
    repo = TimeOffRepository(session, subject.organisation_id)
    r, person = await _decidable(repo, subject, request_id)
    before = audit.snapshot(r)
    _decide(r, subject, TimeOffState.denied, data.note)
    await session.flush()
    await audit.record(session, subject, "time_off.denied", r, before=before, reason=data.note)
    await record_event(
        session,
        subject.organisation_id,
        "time_off.decided",
        person_id=person.id,
        payload=_payload(r, note=data.note),
        dedupe_key=f"time_off.decided:{r.id}",
    )
    return _read(r, person.display_name)


async def cancel(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID
) -> schemas.TimeOffRequest:
    repo = TimeOffRepository(session, subject.organisation_id)
    r, person = await _viewable(repo, subject, request_id, lock=True)
    if r.state not in (TimeOffState.pending, TimeOffState.approved):
        raise Conflict(f"This request is already {r.state.value}.", code="request_already_decided")
    if r.state is TimeOffState.approved and r.starts_at <= utcnow():
        raise Conflict(
            "Approved time off that has begun cannot be cancelled.", code="time_off_started"
        )
    before = audit.snapshot(r)
    was = r.state
    r.state = TimeOffState.cancelled
    await session.flush()
    await audit.record(session, subject, "time_off.cancelled", r, before=before)
    await record_event(
        session,
        subject.organisation_id,
        "time_off.cancelled",
        person_id=person.id,
        payload=_payload(r, was=was.value, cancelled_by_user_id=str(subject.user_id)),
        dedupe_key=f"time_off.cancelled:{r.id}",
    )
    return _read(r, person.display_name)
