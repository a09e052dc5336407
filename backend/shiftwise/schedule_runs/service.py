"""Schedule runs: start one, watch it, cancel it, accept or discard its proposal."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments import service as assignments
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location
from shiftwise.errors import Conflict, Forbidden, NotFound, ShiftwiseError, Violation
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    Assignment,
    AssignmentSource,
    AssignmentState,
    ScheduleRun,
    ScheduleRunState,
    Shift,
    ShiftState,
)
from shiftwise.schedule_runs import schemas
from shiftwise.schedule_runs.repository import ScheduleRunRepository
from shiftwise.schedule_runs.tasks import run_solver
from shiftwise.worker.outbox import enqueue

_ACTIVE = (ScheduleRunState.queued, ScheduleRunState.running)


def _ensure_plans_all(subject: Subject, location_ids: Iterable[uuid.UUID]) -> None:
    if not all(can_manage_location(subject, loc) for loc in location_ids):
        raise Forbidden("You do not coordinate every location of this run.")


def _progress(run: ScheduleRun) -> schemas.RunProgress:
    return schemas.RunProgress(
        objective=run.objective, bound=run.bound, gap=run.gap, elapsed_s=run.elapsed_s
    )


def _read(run: ScheduleRun, location_ids: list[uuid.UUID]) -> schemas.ScheduleRun:
    return schemas.ScheduleRun(
        id=run.id,
        location_ids=location_ids,
        start_date=run.start_date,
        days=run.days,
        time_limit_s=run.time_limit_s,
        mode=run.mode,
        state=run.state,
        cancel_requested=run.cancel_requested,
        progress=_progress(run),
        message=run.message,
        created_by_user_id=run.created_by_user_id,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        decided_at=run.decided_at,
        decided_by_user_id=run.decided_by_user_id,
        proposal=None if run.proposal is None else schemas.Proposal.model_validate(run.proposal),
    )


async def _load(
    session: AsyncSession, subject: Subject, run_id: uuid.UUID, *, for_update: bool = False
) -> tuple[ScheduleRunRepository, ScheduleRun, list[uuid.UUID]]:
    """The run (404 outside the organisation), if the caller plans all its locations."""
    repo = ScheduleRunRepository(session, subject.organisation_id)
    run = await repo.get_or_404(run_id, for_update=for_update)
    if for_update:
        await session.refresh(run)
    locations = (await repo.locations_of([run.id])).get(run.id, [])
    _ensure_plans_all(subject, locations)
    return repo, run, locations


async def create(
    session: AsyncSession, subject: Subject, data: schemas.ScheduleRunCreate
) -> schemas.ScheduleRun:
    repo = ScheduleRunRepository(session, subject.organisation_id)
    wanted = list(dict.fromkeys(data.location_ids))
    found = {loc.id for loc in await repo.locations(wanted)}
    missing = [loc for loc in wanted if loc not in found]
    if missing:
        raise NotFound(f"No location with id {missing[0]}.", code="location_not_found")
    _ensure_plans_all(subject, wanted)
    run = repo.add(
        ScheduleRun(
            id=uuid.uuid4(),
            created_by_user_id=subject.user_id,
            start_date=data.start_date,
            days=data.days,
            time_limit_s=data.time_limit_s,
            mode=data.mode,
            state=ScheduleRunState.queued,
            cancel_requested=False,
        )
    )
    await session.flush()
    await repo.set_locations(run.id, wanted)
    await audit.record(session, subject, "schedule_run.created", run)
    await enqueue(
        session,
        subject.organisation_id,
        run_solver.message(run_id=run.id),
        dedupe_key=f"schedule_run:{run.id}",
    )
    return _read(run, sorted(wanted, key=str))


async def get(session: AsyncSession, subject: Subject, run_id: uuid.UUID) -> schemas.ScheduleRun:
    _, run, locations = await _load(session, subject, run_id)
    return _read(run, locations)


async def list_runs(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID | None, page: PageParams
) -> schemas.ScheduleRunPage:
    if subject.is_staff:
        raise Forbidden("Only coordinators and administrators may see schedule runs.")
    repo = ScheduleRunRepository(session, subject.organisation_id)
    if location_id is not None:
        if not await repo.locations([location_id]):
            raise NotFound(f"No location with id {location_id}.", code="location_not_found")
        _ensure_plans_all(subject, [location_id])
    within = None if subject.is_admin else subject.location_ids
    rows, next_offset = await repo.page(page, location_id=location_id, within=within)
    locations = await repo.locations_of([r.id for r in rows])
    return schemas.ScheduleRunPage(
        items=[
            schemas.ScheduleRunSummary(
                id=r.id,
                location_ids=locations.get(r.id, []),
                start_date=r.start_date,
                days=r.days,
                mode=r.mode,
                state=r.state,
                progress=_progress(r),
                created_at=r.created_at,
                finished_at=r.finished_at,
            )
            for r in rows
        ],
        next_offset=next_offset,
    )


async def cancel(session: AsyncSession, subject: Subject, run_id: uuid.UUID) -> schemas.ScheduleRun:
    _, run, locations = await _load(session, subject, run_id, for_update=True)
    if run.state not in _ACTIVE:
        raise Conflict(
            f"This run is {run.state.value}; only a queued or running run can be cancelled.",
            code="run_not_active",
        )
    before = audit.snapshot(run)
    run.cancel_requested = True
    if run.state is ScheduleRunState.queued:
        run.state, run.finished_at = ScheduleRunState.cancelled, utcnow()
        run.message = "Cancelled before it started."
    await session.flush()
    await audit.record(session, subject, "schedule_run.cancelled", run, before=before)
    return _read(run, locations)


def _decidable(run: ScheduleRun) -> schemas.Proposal:
    if run.state is not ScheduleRunState.succeeded or run.proposal is None:
        raise Conflict(
            f"This run is {run.state.value}; only a finished run's proposal can be decided.",
            code="run_not_decidable",
        )
    return schemas.Proposal.model_validate(run.proposal)


def _stale(
    item: schemas.ProposedAssignment, rule: str, message: str, extra: dict[str, str] | None = None
) -> Violation:
    records = {"person_id": str(item.person_id), "shift_id": str(item.shift_id)}
    return Violation(
        rule=rule,
        severity="hard",
        message=f"{item.person_display_name} on {item.local_date.isoformat()}: {message}",
        records=records | (extra or {}),
    )


async def accept(
    session: AsyncSession, subject: Subject, run_id: uuid.UUID
) -> schemas.AcceptResult:
    """Apply the whole proposal through place() in this transaction, or nothing (409)."""
    _, run, locations = await _load(session, subject, run_id, for_update=True)
    proposal = _decidable(run)
    changed: list[Violation] = []
    cancelled: list[uuid.UUID] = []
    for item in proposal.remove:
        live = await session.get(Assignment, item.assignment_id)
        if live is None or live.state is not AssignmentState.assigned:
            changed.append(_stale(item, "assignment_gone", "the assignment to remove is gone."))
            continue
        await assignments.cancel(session, subject, item.assignment_id)
        cancelled.append(item.assignment_id)
    created: list[uuid.UUID] = []
    warnings: list[Violation] = []
    for wanted in sorted(
        proposal.add, key=lambda a: (a.starts_at, str(a.shift_id), str(a.person_id))
    ):
        shift = await session.get(Shift, wanted.shift_id)
        if shift is None or shift.organisation_id != subject.organisation_id:
            changed.append(_stale(wanted, "shift_not_found", "the shift is gone."))
            continue
        if shift.state is ShiftState.cancelled:
            changed.append(_stale(wanted, "shift_cancelled", "the shift was cancelled."))
            continue
        if (shift.starts_at, shift.ends_at) != (wanted.starts_at, wanted.ends_at):
            changed.append(_stale(wanted, "shift_moved", "the shift's times changed."))
            continue
        try:
            placed = await assignments.place(
                session,
                subject,
                shift,
                wanted.person_id,
                source=AssignmentSource.auto_schedule,
                may_override=False,
            )
        except ShiftwiseError as exc:
            found = exc.violations or []
            detail = "; ".join(v.message for v in found) or exc.detail
            changed.append(_stale(wanted, exc.instance_code, detail))
            continue
        created.append(placed.assignment.id)
        warnings.extend(placed.warnings)
    if changed:
        raise Conflict(
            f"The proposal is stale: {len(changed)} of its changes are no longer possible "
            "(the schedule changed since the run). Nothing was applied; start a new run.",
            code="proposal_stale",
            violations=changed,
        )
    before = audit.snapshot(run)
    run.state, run.decided_at, run.decided_by_user_id = (
        ScheduleRunState.accepted,
        utcnow(),
        subject.user_id,
    )
    await session.flush()
    after = audit.snapshot(run) | {
        "created_assignment_ids": [str(a) for a in created],
        "cancelled_assignment_ids": [str(a) for a in cancelled],
    }
    after.pop("proposal", None)
    before.pop("proposal", None)
    await audit.record(session, subject, "schedule_run.accepted", run, before=before, after=after)
    return schemas.AcceptResult(
        run=_read(run, locations),
        created_assignment_ids=created,
        cancelled_assignment_ids=cancelled,
        warnings=warnings,
    )


async def discard(
    session: AsyncSession, subject: Subject, run_id: uuid.UUID
) -> schemas.ScheduleRun:
    """Drop the proposal: only the audit entry remembers it."""
    _, run, locations = await _load(session, subject, run_id, for_update=True)
    _decidable(run)
    before = audit.snapshot(run)
    before.pop("proposal", None)
    run.state, run.proposal = ScheduleRunState.discarded, None
    run.decided_at, run.decided_by_user_id = utcnow(), subject.user_id
    await session.flush()
    await audit.record(session, subject, "schedule_run.discarded", run, before=before)
    return _read(run, locations)
