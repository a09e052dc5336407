from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments.repository import AssignmentRepository
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.errors import Conflict, Forbidden, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import as_utc, utcnow
from shiftwise.models import Assignment, AssignmentState, Shift, ShiftState
from shiftwise.models.shift import MAX_SHIFT_LENGTH
from shiftwise.schedule import publishing
from shiftwise.scheduling.verdict import Judgement, check_people_on_shift, judge, refusal
from shiftwise.shifts import schemas
from shiftwise.shifts.policies import ensure_can_view_shift
from shiftwise.shifts.repository import Assignee, ShiftFilters, ShiftRepository
from shiftwise.swaps.voiding import void_requests_for

_NOT_NULL = ("starts_at", "ends_at", "break_minutes", "headcount")


def _read(shift: Shift, assignees: list[Assignee]) -> schemas.Shift:
    return schemas.Shift(
        id=shift.id,
        location_id=shift.location_id,
        skill_id=shift.skill_id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        break_minutes=shift.break_minutes,
        headcount=shift.headcount,
        notes=shift.notes,
        state=shift.state,
        template_id=shift.template_id,
        published_at=shift.published_at,
        cancelled_at=shift.cancelled_at,
        created_at=shift.created_at,
        updated_at=shift.updated_at,
        assigned_count=len(assignees),
        open_seats=max(0, shift.headcount - len(assignees)),
        assignments=[
            schemas.ShiftAssignee(id=a.id, person_id=a.person_id, display_name=a.display_name)
            for a in assignees
        ],
    )


async def to_read(repo: ShiftRepository, shifts: list[Shift]) -> list[schemas.Shift]:
    """Shifts with their live assignments: one extra statement however many shifts."""
    assignees = await repo.assignees([s.id for s in shifts])
    return [_read(s, assignees.get(s.id, [])) for s in shifts]


def _check_times(starts_at: datetime, ends_at: datetime, break_minutes: int) -> None:
    if ends_at <= starts_at:
        raise field_error(
            "body.ends_at", "The shift must end after it starts.", "ends_before_start"
        )
    if ends_at - starts_at > MAX_SHIFT_LENGTH:
        raise field_error("body.ends_at", "A shift may last at most 24 hours.", "shift_too_long")
    if timedelta(minutes=break_minutes) >= ends_at - starts_at:
        raise field_error(
            "body.break_minutes", "The break must be shorter than the shift.", "break_too_long"
        )


async def _check_skill(repo: ShiftRepository, skill_id: uuid.UUID | None) -> None:
    if skill_id is not None and not await repo.skill_exists(skill_id):
        raise field_error(
            "body.skill_id", "No skill with this id in your organisation.", "skill_not_found"
        )


async def create(
    session: AsyncSession, subject: Subject, data: schemas.ShiftCreate
) -> schemas.Shift:
    repo = ShiftRepository(session, subject.organisation_id)
    location = await repo.location(data.location_id)
    if location is None or location.archived_at is not None:
        raise field_error(
            "body.location_id",
            "No active location with this id in your organisation.",
            "location_not_found",
        )
    ensure_can_manage_location(subject, location.id)
    await _check_skill(repo, data.skill_id)
    _check_times(data.starts_at, data.ends_at, data.break_minutes)
    shift = repo.add(
        Shift(
            id=uuid.uuid4(),
            location_id=location.id,
            skill_id=data.skill_id,
            starts_at=as_utc(data.starts_at),
            ends_at=as_utc(data.ends_at),
            break_minutes=data.break_minutes,
            headcount=data.headcount,
            notes=data.notes,
            state=ShiftState.draft,
        )
    )
    await session.flush()
    await audit.record(session, subject, "shift.created", shift)
    return _read(shift, [])


async def list_shifts(
    session: AsyncSession, subject: Subject, filters: ShiftFilters, page: PageParams
) -> schemas.ShiftPage:
    if filters.start is not None and filters.end is not None and filters.end <= filters.start:
        raise field_error("query.end", "The period must end after it starts.", "end_before_start")
    if (
        filters.location_id is not None
        and subject.is_coordinator
        and not can_manage_location(subject, filters.location_id)
    ):
        raise Forbidden("You do not coordinate this location.")
    repo = ShiftRepository(session, subject.organisation_id)
    rows, next_offset = await repo.page(subject, filters, page)
    return schemas.ShiftPage(items=await to_read(repo, rows), next_offset=next_offset)


async def get(session: AsyncSession, subject: Subject, shift_id: uuid.UUID) -> schemas.Shift:
    repo = ShiftRepository(session, subject.organisation_id)
    shift = await repo.get_or_404(shift_id)
    ensure_can_view_shift(subject, shift)
    return (await to_read(repo, [shift]))[0]


async def _editable(repo: ShiftRepository, subject: Subject, shift_id: uuid.UUID) -> Shift:
    """The shift, locked for this transaction, after checking the caller may change it."""
    shift = await repo.get_or_404(shift_id, for_update=True)
    ensure_can_manage_location(subject, shift.location_id)
    if shift.state is ShiftState.cancelled:
        raise Conflict("This shift is cancelled and can no longer change.", code="shift_cancelled")
    return shift


# What a person on the shift is judged on: changing any of these re-checks them all.
_JUDGED = ("starts_at", "ends_at", "break_minutes", "skill_id")


async def _rejudge(
    session: AsyncSession,
    subject: Subject,
    shift: Shift,
    live: list[Assignment],
    changed: Shift,
    override_reason: str | None,
) -> Judgement:
    """Judge every person on the shift as placed on `changed` (the shift as it would be),
    through the rule engine's gateway; raise 409 listing the hard violations per person
    unless overridden with a written reason. Locks the people (after the shift, in id
    order: the placement's lock order) so their schedules hold still until commit."""
    person_ids = sorted({a.person_id for a in live})
    await AssignmentRepository(session, shift.organisation_id).lock_people(person_ids)
    location = await ShiftRepository(session, shift.organisation_id).location(shift.location_id)
    if location is None:  # cannot happen: the foreign key and the shift's scope agree
        raise Conflict("The shift's location is gone.", code="location_not_found")
    verdicts = await check_people_on_shift(
        session,
        shift.organisation_id,
        changed,
        location.time_zone,
        person_ids,
        exclude_assignment_ids=[a.id for a in live],
    )
    found = [v for person_id in person_ids for v in verdicts.get(person_id, [])]
    judgement = judge(
        found,
        may_override=can_manage_location(subject, shift.location_id),
        override_reason=override_reason,
    )
    if not judgement.allowed:
        raise refusal(judgement)
    return judgement


def _as_changed(shift: Shift, changes: dict[str, Any], starts: datetime, ends: datetime) -> Shift:
    """A detached copy of the shift with the changes applied, for the rules to judge
    before anything is written (never added to the session)."""
    return Shift(
        id=shift.id,
        organisation_id=shift.organisation_id,
        location_id=shift.location_id,
        skill_id=changes.get("skill_id", shift.skill_id),
        starts_at=starts,
        ends_at=ends,
        break_minutes=changes.get("break_minutes", shift.break_minutes),
        headcount=changes.get("headcount", shift.headcount),
        state=shift.state,
    )


async def update(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID, data: schemas.ShiftUpdate
) -> schemas.ShiftUpdated:
    repo = ShiftRepository(session, subject.organisation_id)
    shift = await _editable(repo, subject, shift_id)
    changes = data.model_dump(exclude_unset=True)
    override_reason = changes.pop("override_reason", None)
    for name in _NOT_NULL:
        if name in changes and changes[name] is None:
            raise field_error(f"body.{name}", f"{name} may not be null.", "null_not_allowed")
    before = audit.snapshot(shift)
    starts = as_utc(changes.get("starts_at", shift.starts_at))
    ends = as_utc(changes.get("ends_at", shift.ends_at))
    _check_times(starts, ends, changes.get("break_minutes", shift.break_minutes))
    if "skill_id" in changes:
        await _check_skill(repo, changes["skill_id"])
    live = await repo.live_assignments(shift.id)
    if changes.get("headcount", shift.headcount) < len(live):
        raise Conflict(
            f"{len(live)} people are assigned; cancel assignments before reducing headcount.",
            code="headcount_below_assigned",
        )
    changed = _as_changed(shift, changes, starts, ends)
    judgement: Judgement | None = None
    if live and any(getattr(changed, n) != getattr(shift, n) for n in _JUDGED):
        judgement = await _rejudge(session, subject, shift, live, changed, override_reason)
    moved_from = (shift.starts_at, shift.ends_at)
    for name, value in changes.items():
        setattr(shift, name, value)
    shift.starts_at, shift.ends_at = starts, ends
    if (starts, ends) != moved_from:
        for a in live:
            a.starts_at, a.ends_at = starts, ends
    shift.detached = shift.template_id is not None  # "this shift": template edits skip it
    await session.flush()
    warnings = judgement.warnings if judgement else []
    overridden = judgement.overridden if judgement else []
    after = audit.snapshot(shift) | {
        "overridden": [v.model_dump(mode="json") for v in overridden],
        "warnings": [v.model_dump(mode="json") for v in warnings],
    }
    reason = override_reason.strip() if overridden and override_reason else None
    await audit.record(
        session, subject, "shift.updated", shift, before=before, after=after, reason=reason
    )
    await publishing.shift_moved(session, shift, live, moved_from)
    read = (await to_read(repo, [shift]))[0]
    return schemas.ShiftUpdated(**read.model_dump(), warnings=warnings)


async def publish(session: AsyncSession, subject: Subject, shift_id: uuid.UUID) -> schemas.Shift:
    repo = ShiftRepository(session, subject.organisation_id)
    shift = await _editable(repo, subject, shift_id)
    if shift.state is ShiftState.published:
        raise Conflict("This shift is already published.", code="already_published")
    before = audit.snapshot(shift)
    shift.state, shift.published_at = ShiftState.published, utcnow()
    await session.flush()
    await audit.record(session, subject, "shift.published", shift, before=before)
    await publishing.announce_shift_published(session, shift)
    return (await to_read(repo, [shift]))[0]


async def cancel(session: AsyncSession, subject: Subject, shift_id: uuid.UUID) -> schemas.Shift:
    repo = ShiftRepository(session, subject.organisation_id)
    shift = await _editable(repo, subject, shift_id)
    before = audit.snapshot(shift)
    now = utcnow()
    live = await repo.live_assignments(shift.id)
    await publishing.shift_cancelled(session, shift, live)
    for a in live:
        a_before = audit.snapshot(a)
        a.state, a.cancelled_at = AssignmentState.cancelled, now
        await session.flush()
        await audit.record(
            session, subject, "assignment.cancelled", a, before=a_before, reason="shift cancelled"
        )
    await void_requests_for(
        session,
        subject,
        subject.organisation_id,
        [a.id for a in live],
        reason="The shift was cancelled.",
    )
    shift.state, shift.cancelled_at = ShiftState.cancelled, now
    await session.flush()
    await audit.record(session, subject, "shift.cancelled", shift, before=before)
    return _read(shift, [])
