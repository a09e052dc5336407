"""Accepting and approving: both re-check the rules for everyone who would gain a shift.

The checks are the placement's own (assignments.checks.assess, through the rule engine's
gateway), each person judged without the assignment they give away; the change itself
goes through assignments.service.place, so no path around the rules exists.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.assignments.checks import assess
from shiftwise.assignments.repository import AssignmentRepository
from shiftwise.assignments.service import PlacementResult, assignment_event, lock_shift, place
from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.errors import Conflict, Forbidden
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    AssignmentSource,
    AssignmentState,
    ShiftRequestKind,
    ShiftRequestState,
    ShiftState,
)
from shiftwise.scheduling import rules
from shiftwise.scheduling.verdict import Judgement, judge, refusal
from shiftwise.swaps import schemas
from shiftwise.swaps.context import (
    Context,
    ensure_before_cutoff,
    ensure_open,
    load,
    load_settings,
    others_than,
    tell,
)
from shiftwise.swaps.repository import ShiftRequestRepository, Side
from shiftwise.swaps.service import ensure_can_decide
from shiftwise.swaps.voiding import void_requests_for
from shiftwise.worker.outbox import record_event

AUTO_APPROVED = "Approved automatically: every rule passes."


def _given_away(ctx: Context) -> list[uuid.UUID]:
    ids = [ctx.given.assignment.id]
    if ctx.taken is not None:
        ids.append(ctx.taken.assignment.id)
    return ids


class RequestVoided(Conflict):
    """The request can no longer happen and has just been cancelled (same code as
    before: clients see request_invalid). The endpoint commits the cancellation before
    answering, so the request never stays open on an assignment or shift that is gone."""

    code = "request_invalid"


def _why_invalid(ctx: Context, counterpart_id: uuid.UUID) -> tuple[str, str] | None:
    """Why the request can no longer happen (detail, reason for its cancellation), or
    None while the assignments it moves are live, their owners' and on live shifts."""
    r = ctx.request
    pairs: list[tuple[Side, uuid.UUID, str]] = [(ctx.given, r.requester_person_id, "requester")]
    if ctx.taken is not None:
        pairs.append((ctx.taken, counterpart_id, "colleague"))
    for side, owner, whose in pairs:
        a = side.assignment
        if side.shift.state is ShiftState.cancelled:
            return f"The shift {side.shift.id} is cancelled.", "The shift was cancelled."
        if a.state is not AssignmentState.assigned or a.person_id != owner:
            return (
                f"The {whose}'s assignment {a.id} is no longer theirs to give away.",
                "The assignment was cancelled."
                if a.state is not AssignmentState.assigned
                else "The assignment is no longer theirs to give away.",
            )
    return None


async def _ensure_still_valid(
    session: AsyncSession, actor: Subject, ctx: Context, counterpart_id: uuid.UUID
) -> None:
    """Refuse (409 request_invalid) a request whose assignments or shifts are gone, and
    cancel it: whoever cancelled them skips a request being decided at that moment
    (voiding's SKIP LOCKED), so the decider, holding its lock, settles it here."""
    invalid = _why_invalid(ctx, counterpart_id)
    if invalid is None:
        return
    detail, reason = invalid
    r = ctx.request
    await void_requests_for(session, actor, r.organisation_id, _given_away(ctx), reason=reason)
    raise RequestVoided(detail)


async def _judge_change(
    session: AsyncSession, ctx: Context, counterpart_id: uuid.UUID
) -> list[rules.Violation]:
    """Every violation of the people who would gain a shift, each judged without the
    assignment(s) given away (seat refusals, e.g. already on the shift, raise 409)."""
    excluded = _given_away(ctx)
    found = await assess(
        session, ctx.given.shift, counterpart_id, lock_person=False, exclude_assignment_ids=excluded
    )
    violations = list(found.violations)
    if ctx.taken is not None:
        back = await assess(
            session,
            ctx.taken.shift,
            ctx.request.requester_person_id,
            lock_person=False,
            exclude_assignment_ids=excluded,
        )
        violations += back.violations
    return violations


def _verdict(
    found: list[rules.Violation], now: datetime
) -> tuple[Judgement, schemas.RequestVerdict]:
    judgement = judge(found, may_override=False, override_reason=None)
    return judgement, schemas.RequestVerdict(
        checked_at=now,
        allowed=judgement.allowed,
        violations=judgement.hard,
        warnings=judgement.warnings,
    )


async def _lock(session: AsyncSession, ctx: Context, counterpart_id: uuid.UUID) -> None:
    """Lock the shifts (in id order), then the people (in id order), as place() does one
    of each, so concurrent placements and approvals cannot deadlock; then re-read the
    assignments the request moves."""
    shifts = {ctx.given.shift.id: ctx.given.shift}
    if ctx.taken is not None:
        shifts[ctx.taken.shift.id] = ctx.taken.shift
    for shift_id in sorted(shifts):
        await lock_shift(session, shifts[shift_id])
    people = [ctx.request.requester_person_id, counterpart_id]
    await AssignmentRepository(session, ctx.request.organisation_id).lock_people(people)
    await session.refresh(ctx.given.assignment)
    if ctx.taken is not None:
        await session.refresh(ctx.taken.assignment)


async def _give_away(
    session: AsyncSession, actor: Subject | None, ctx: Context, side: Side, now: datetime
) -> None:
    a = side.assignment
    before = audit.snapshot(a)
    a.state, a.cancelled_at = AssignmentState.cancelled, now
    await session.flush()
    await audit.record(
        session,
        actor,
        "assignment.cancelled",
        a,
        organisation_id=a.organisation_id,
        before=before,
        reason=f"Given away by approved shift request {ctx.request.id}.",
    )
    if side.shift.state is ShiftState.published:
        await record_event(
            session,
            a.organisation_id,
            "assignment.cancelled",
            person_id=a.person_id,
            payload=assignment_event(a, side.shift),
            dedupe_key=f"assignment.cancelled:{a.id}",
        )


async def _apply(
    session: AsyncSession,
    actor: Subject | None,
    ctx: Context,
    counterpart_id: uuid.UUID,
    now: datetime,
    note: str | None,
) -> list[PlacementResult]:
    """Approve: give the assignment(s) away and place the new one(s), all or nothing
    (a refusal raises and the request's transaction rolls back). Locks are held."""
    r = ctx.request
    await _give_away(session, actor, ctx, ctx.given, now)
    if ctx.taken is not None:
        await _give_away(session, actor, ctx, ctx.taken, now)
    excluded = _given_away(ctx)
    await void_requests_for(
        session,
        actor,
        r.organisation_id,
        excluded,
        reason=f"The shift was given away by approved request {r.id}.",
        keep=r.id,
    )
    placed = [
        await place(
            session,
            actor,
            ctx.given.shift,
            counterpart_id,
            source=AssignmentSource.swap,
            may_override=False,
            exclude_assignment_ids=excluded,
            audit_action="assignment.swapped",
        )
    ]
    if ctx.taken is not None:
        placed.append(
            await place(
                session,
                actor,
                ctx.taken.shift,
                r.requester_person_id,
                source=AssignmentSource.swap,
                may_override=False,
                exclude_assignment_ids=excluded,
                audit_action="assignment.swapped",
            )
        )
    before = audit.snapshot(r)
    r.state = ShiftRequestState.approved
    r.decided_by_user_id = actor.user_id if actor else None
    r.decided_at = now
    r.decision_note = note
    await session.flush()
    await audit.record(
        session,
        actor,
        "shift_request.approved",
        r,
        organisation_id=r.organisation_id,
        before=before,
        reason=note if actor else AUTO_APPROVED,
    )
    people = others_than(actor, r.requester_person_id, r.counterpart_person_id)
    await tell(
        session,
        ctx,
        "shift_request.approved",
        people,
        new_assignment_ids=[str(p.assignment.id) for p in placed],
        automatic=actor is None,
        note=note,
    )
    return placed


def _outcome(
    subject: Subject,
    ctx: Context,
    now: datetime,
    placed: list[PlacementResult],
    judgement: Judgement,
) -> schemas.ShiftRequestOutcome:
    shifts = {ctx.given.shift.id: ctx.given.shift}
    if ctx.taken is not None:
        shifts[ctx.taken.shift.id] = ctx.taken.shift
    return schemas.ShiftRequestOutcome(
        request=ctx.read(now, subject),
        assignments=[p.read(shifts[p.assignment.shift_id]) for p in placed],
        warnings=ctx.redacted(subject, judgement.warnings),
    )


async def accept(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID
) -> schemas.ShiftRequestOutcome:
    repo = ShiftRequestRepository(session, subject.organisation_id)
    ctx = await load(repo, request_id, lock=True)
    r, me = ctx.request, subject.person_id
    if r.kind is ShiftRequestKind.drop:
        if me is None:
            raise Forbidden(
                "Only people with a staff profile take shifts.", code="no_staff_profile"
            )
        if me == r.requester_person_id:
            raise Forbidden("You cannot take your own shift.", code="own_request")
    elif me is None or me != r.counterpart_person_id:
        raise Forbidden("Only the colleague it names may accept this request.")
    now = utcnow()
    ensure_open(r, now, ShiftRequestState.pending)
    settings = await load_settings(session, subject.organisation_id)
    ensure_before_cutoff(ctx, settings.cutoff, now)
    if settings.auto_approve:
        await _lock(session, ctx, me)  # the check below then stands for the approval
    await _ensure_still_valid(session, subject, ctx, me)
    found = await _judge_change(session, ctx, me)
    judgement, verdict = _verdict(found, now)
    if not judgement.allowed:
        # The colleague accepting learns which rule fails for the requester, not why.
        hard = ctx.redacted(subject, judgement.hard)
        raise refusal(replace(judgement, hard=hard, blocking=hard))
    before = audit.snapshot(r)
    r.state, r.counterpart_person_id, r.accepted_at = ShiftRequestState.accepted, me, now
    r.verdict = verdict.model_dump(mode="json")
    await session.flush()
    ctx.names |= await repo.names([me])
    await audit.record(session, subject, "shift_request.accepted", r, before=before)
    await tell(session, ctx, "shift_request.accepted", [r.requester_person_id])
    # "Every rule passes": no violation at all. Hard ones refused above; a soft one (a
    # warning) is a coordinator's call, so the request waits for them.
    if settings.auto_approve and not found:
        placed = await _apply(session, None, ctx, me, now, None)
        return _outcome(subject, ctx, now, placed, judgement)
    # For the coordinators of the location: a request waits for their decision.
    await tell(session, ctx, "shift_request.waiting", [None])
    return _outcome(subject, ctx, now, [], judgement)


async def approve(
    session: AsyncSession, subject: Subject, request_id: uuid.UUID, data: schemas.DecisionBody
) -> schemas.ShiftRequestOutcome:
    repo = ShiftRequestRepository(session, subject.organisation_id)
    ctx = await load(repo, request_id, lock=True)
    ensure_can_decide(subject, ctx)
    r = ctx.request
    now = utcnow()
    ensure_open(r, now, ShiftRequestState.accepted)
    settings = await load_settings(session, subject.organisation_id)
    ensure_before_cutoff(ctx, settings.cutoff, now)
    counterpart = r.counterpart_person_id
    if counterpart is None:  # cannot happen: accepting names the counterpart
        raise Conflict("The request has no counterpart.", code="request_invalid")
    await _lock(session, ctx, counterpart)
    await _ensure_still_valid(session, subject, ctx, counterpart)
    judgement, verdict = _verdict(await _judge_change(session, ctx, counterpart), now)
    if not judgement.allowed:
        raise refusal(judgement)
    r.verdict = verdict.model_dump(mode="json")
    placed = await _apply(session, subject, ctx, counterpart, now, data.note)
    return _outcome(subject, ctx, now, placed, judgement)
