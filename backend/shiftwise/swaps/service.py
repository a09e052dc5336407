"""Filing, reading, denying, cancelling and expiring swap, offer and drop requests.

Accepting and approving (the steps that consult the rule engine) are in decisions.py.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_decide_shift_request, can_view_shift_request
from shiftwise.errors import Conflict, Forbidden, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Shift,
    ShiftRequest,
    ShiftRequestKind,
    ShiftRequestState,
    ShiftState,
)
from shiftwise.swaps import schemas
from shiftwise.swaps.context import (
    Context,
    contexts,
    effective_state,
    ensure_open,
    load,
    load_settings,
    others_than,
    tell,
)
from shiftwise.swaps.repository import RequestFilters, ShiftRequestRepository


def _profile(subject: Subject) -> uuid.UUID:
    if subject.person_id is None:
        raise Forbidden(
            "Only people with a staff profile swap, offer or drop shifts.", code="no_staff_profile"
        )
    return subject.person_id


def _ensure_requestable(shift: Shift, cutoff: timedelta, now: datetime, field: str) -> None:
    if shift.state is ShiftState.cancelled:
        raise Conflict("The shift is cancelled.", code="shift_cancelled")
    if shift.state is not ShiftState.published:
        raise field_error(field, "The shift is not published yet.", "shift_not_published")
    if shift.starts_at <= now:
        raise Conflict(
            "The shift has already started; it can no longer be swapped, offered or dropped.",
            code="request_cutoff_passed",
        )
    if shift.starts_at - cutoff <= now:
        hours = cutoff.total_seconds() / 3600
        raise Conflict(
            f"Requests close {hours:g} h before the shift starts "
            f"({(shift.starts_at - cutoff).isoformat()}).",
            code="request_cutoff_passed",
        )


async def _own_assignment(
    repo: ShiftRequestRepository, subject: Subject, assignment_id: uuid.UUID
) -> tuple[Assignment, uuid.UUID]:
    # Locked, so two requests for one assignment cannot both pass the duplicate check.
    given = await repo.assignment(assignment_id, for_update=True)
    if given is None:
        raise field_error(
            "body.assignment_id",
            "No assignment with this id in your organisation.",
            "assignment_not_found",
        )
    person_id = _profile(subject)
    if given.person_id != person_id:
        raise Forbidden("You may only swap, offer or drop your own shifts.")
    if given.state is not AssignmentState.assigned:
        raise field_error("body.assignment_id", "This assignment is cancelled.", "cancelled")
    return given, person_id


def _check_fields(data: schemas.ShiftRequestCreate) -> None:
    kind = data.kind
    if kind is ShiftRequestKind.drop and data.counterpart_person_id is not None:
        raise field_error(
            "body.counterpart_person_id",
            "A drop goes to anyone qualified: leave out counterpart_person_id.",
            "not_allowed",
        )
    if kind is not ShiftRequestKind.drop and data.counterpart_person_id is None:
        raise field_error(
            "body.counterpart_person_id", f"A {kind.value} names the colleague.", "missing"
        )
    if kind is ShiftRequestKind.swap and data.counterpart_assignment_id is None:
        raise field_error(
            "body.counterpart_assignment_id",
            "A swap names the colleague's assignment you take in return.",
            "missing",
        )
    if kind is not ShiftRequestKind.swap and data.counterpart_assignment_id is not None:
        raise field_error(
            "body.counterpart_assignment_id",
            f"Only a swap takes an assignment in return, not a {kind.value}.",
            "not_allowed",
        )


async def create(
    session: AsyncSession, subject: Subject, data: schemas.ShiftRequestCreate
) -> schemas.ShiftRequest:
    _check_fields(data)
    now = utcnow()
    settings = await load_settings(session, subject.organisation_id)
    repo = ShiftRequestRepository(session, subject.organisation_id)
    given, me = await _own_assignment(repo, subject, data.assignment_id)
    sides = await repo.sides([given.id])
    _ensure_requestable(sides[given.id].shift, settings.cutoff, now, "body.assignment_id")
    starts = [sides[given.id].shift.starts_at]
    taken: Assignment | None = None
    if data.counterpart_person_id is not None:
        if data.counterpart_person_id == me:
            raise field_error(
                "body.counterpart_person_id",
                f"You cannot {data.kind.value} a shift with yourself.",
                "counterpart_is_requester",
            )
        if await repo.person(data.counterpart_person_id) is None:
            raise field_error(
                "body.counterpart_person_id",
                "No person with this id in your organisation.",
                "person_not_found",
            )
    if data.counterpart_assignment_id is not None:
        field = "body.counterpart_assignment_id"
        taken = await repo.assignment(data.counterpart_assignment_id)
        if taken is None:
            raise field_error(
                field, "No assignment with this id in your organisation.", "assignment_not_found"
            )
        if taken.person_id != data.counterpart_person_id:
            raise field_error(field, "This assignment is not the colleague's.", "not_theirs")
        if taken.state is not AssignmentState.assigned:
            raise field_error(field, "This assignment is cancelled.", "cancelled")
        if taken.shift_id == given.shift_id:
            raise field_error(field, "You are both on this shift already.", "same_shift")
        sides |= await repo.sides([taken.id])
        _ensure_requestable(sides[taken.id].shift, settings.cutoff, now, field)
        starts.append(sides[taken.id].shift.starts_at)
    clash = await repo.open_for(given.id, now)
    if clash is not None:
        raise Conflict(
            f"There is already a {clash.state.value} request ({clash.id}) for this assignment.",
            code="duplicate_request",
        )
    expires_at = min(
        now + timedelta(hours=schemas.LIFETIME_HOURS), *(s - settings.cutoff for s in starts)
    )
    r = repo.add(
        ShiftRequest(
            id=uuid.uuid4(),
            kind=data.kind,
            state=ShiftRequestState.pending,
            assignment_id=given.id,
            requester_person_id=me,
            counterpart_person_id=data.counterpart_person_id,
            counterpart_assignment_id=taken.id if taken else None,
            expires_at=expires_at,
            note=data.note,
        )
    )
    await session.flush()
    await audit.record(session, subject, "shift_request.created", r)
    ctx = (await contexts(repo, [r]))[0]
    if r.kind is ShiftRequestKind.drop:
        # For the colleagues who may take it (the notifier picks the qualified ones).
        await tell(session, ctx, "shift_request.drop_available", [None], skill_id=_skill(ctx))
    else:
        await tell(session, ctx, "shift_request.received", [r.counterpart_person_id])
    return ctx.read(now, subject)


def _skill(ctx: Context) -> str | None:
    skill_id = ctx.given.shift.skill_id
    return None if skill_id is None else str(skill_id)


async def may_take_drop(repo: ShiftRequestRepository, subject: Subject, ctx: Context) -> bool:
    """An open drop is visible to colleagues holding the shift's skill (the rules judge
    the rest when they accept)."""
    r, me = ctx.request, subject.person_id
    if me is None or r.kind is not ShiftRequestKind.drop or me == r.requester_person_id:
        return False
    if effective_state(r, utcnow()) is not ShiftRequestState.pending:
        return False
    skill_id = ctx.given.shift.skill_id
    return skill_id is None or await repo.holds_skill(me, skill_id)


async def ensure_can_view(repo: ShiftRequestRepository, subject: Subject, ctx: Context) -> None:
    if can_view_shift_request(subject, ctx.parties, ctx.location_ids):
        return
    if await may_take_drop(repo, subject, ctx):
        return
    raise Forbidden("You may not see this request.")


def ensure_can_decide(subject: Subject, ctx: Context) -> None:
    if can_decide_shift_request(subject, ctx.parties, ctx.location_ids):
        return
    if subject.person_id is not None and subject.person_id in ctx.parties:
        raise Forbidden("You may not decide a request you are part of.", code="own_request")
    raise Forbidden("Only a coordinator of the shift's location or an admin may decide.")


async def list_requests(
    session: AsyncSession, subject: Subject, filters: RequestFilters, page: PageParams
) -> schemas.ShiftRequestPage:
    if (
        subject.is_coordinator
        and filters.location_id is not None
        and filters.location_id not in subject.location_ids
    ):
        raise Forbidden("You do not coordinate this location.")
    now = utcnow()
    repo = ShiftRequestRepository(session, subject.organisation_id)
    rows, next_offset = await repo.page(subject, filters, page, now)
    return schemas.ShiftRequestPage(
        items=[c.read(now, subject) for c in await contexts(repo, rows)],
        next_offset=next_offset,
    )


async def get(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID
) -> schemas.ShiftRequest:
    repo = ShiftRequestRepository(session, subject.organisation_id)
    ctx = await load(repo, request_id)
    await ensure_can_view(repo, subject, ctx)
    return ctx.read(utcnow(), subject)


async def deny(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID, data: schemas.DecisionBody
) -> schemas.ShiftRequest:
    repo = ShiftRequestRepository(session, subject.organisation_id)
    ctx = await load(repo, request_id, lock=True)
    ensure_can_decide(subject, ctx)
    now = utcnow()
    r = ctx.request
    ensure_open(r, now, ShiftRequestState.pending, ShiftRequestState.accepted)
    before = audit.snapshot(r)
    r.state, r.decided_by_user_id, r.decided_at = ShiftRequestState.denied, subject.user_id, now
    r.decision_note = data.note
    await session.flush()
    await audit.record(session, subject, "shift_request.denied", r, before=before, reason=data.note)
    people = others_than(subject, r.requester_person_id, r.counterpart_person_id)
    await tell(session, ctx, "shift_request.denied", people, note=data.note)
    return ctx.read(now, subject)


async def cancel(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID
) -> schemas.ShiftRequest:
    repo = ShiftRequestRepository(session, subject.organisation_id)
    ctx = await load(repo, request_id, lock=True)
    r = ctx.request
    if subject.person_id is None or subject.person_id != r.requester_person_id:
        raise Forbidden("Only the person who made the request may withdraw it.")
    now = utcnow()
    ensure_open(r, now, ShiftRequestState.pending, ShiftRequestState.accepted)
    before = audit.snapshot(r)
    r.state = ShiftRequestState.cancelled
    await session.flush()
    await audit.record(session, subject, "shift_request.cancelled", r, before=before)
    people = others_than(subject, r.counterpart_person_id)
    await tell(session, ctx, "shift_request.cancelled", people)
    return ctx.read(now, subject)


async def expire_due(
    session: AsyncSession,
    now: datetime | None = None,
    *,
    organisation_id: uuid.UUID | None = None,
) -> int:
    """Mark every pending or accepted request past its expiry as expired, in every
    organisation (or only `organisation_id`'s), audited and told to its parties: for a
    periodic job (shiftwise.swaps.tasks). Rows a decision holds are skipped (the next run
    finds them if still due). Only flushes."""
    now = now or utcnow()
    stmt = select(ShiftRequest).where(
        ShiftRequest.state.in_([ShiftRequestState.pending, ShiftRequestState.accepted]),
        ShiftRequest.expires_at <= now,
    )
    if organisation_id is not None:
        stmt = stmt.where(ShiftRequest.organisation_id == organisation_id)
    rows = (
        await session.scalars(
            stmt.order_by(
                ShiftRequest.organisation_id, ShiftRequest.expires_at, ShiftRequest.id
            ).with_for_update(skip_locked=True)
        )
    ).all()
    by_org: dict[uuid.UUID, list[ShiftRequest]] = {}
    for r in rows:
        by_org.setdefault(r.organisation_id, []).append(r)
    for org_id, requests in by_org.items():
        repo = ShiftRequestRepository(session, org_id)
        for ctx in await contexts(repo, requests):
            r = ctx.request
            before = audit.snapshot(r)
            r.state = ShiftRequestState.expired
            await session.flush()
            await audit.record(
                session,
                None,
                "shift_request.expired",
                r,
                organisation_id=org_id,
                before=before,
            )
            people = others_than(None, r.requester_person_id, r.counterpart_person_id)
            await tell(session, ctx, "shift_request.expired", people)
    return len(rows)
