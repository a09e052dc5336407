"""A request with everything around it, how it reads, and what its parties are told."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location
from shiftwise.errors import Conflict, NotFound, Violation
from shiftwise.models import Organisation, ShiftRequest, ShiftRequestState
from shiftwise.swaps import schemas
from shiftwise.swaps.repository import OPEN_STATES, ShiftRequestRepository, Side
from shiftwise.worker.outbox import record_event


@dataclass(frozen=True)
class Settings:
    """The organisation's self-service settings (Organisation.settings keys).

    auto_approve (`auto_approve_shift_requests`, default false): accepting a request
    also approves it when every rule passes, i.e. the rule engine finds no violation at
    all, hard or soft, for anyone who would gain a shift. A soft violation (a warning)
    leaves it for a coordinator to weigh.
    cutoff (`shift_request_cutoff_hours`, default 24): no request is filed, and none
    stays open, closer than this to the start of a shift it moves.
    """

    auto_approve: bool
    cutoff: timedelta


def settings_of(org: Organisation) -> Settings:
    """The organisation's self-service settings, with defaults for missing or bad values."""
    raw = org.settings or {}
    auto = raw.get("auto_approve_shift_requests", False)
    hours = raw.get("shift_request_cutoff_hours", schemas.DEFAULT_CUTOFF_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or hours < 0:
        hours = schemas.DEFAULT_CUTOFF_HOURS
    return Settings(auto_approve=auto is True, cutoff=timedelta(hours=hours))


async def load_settings(session: AsyncSession, organisation_id: uuid.UUID) -> Settings:
    return settings_of(await session.get_one(Organisation, organisation_id))


def effective_state(r: ShiftRequest, now: datetime) -> ShiftRequestState:
    """Expiry is lazy: a pending or accepted request past expires_at is expired."""
    if r.state in OPEN_STATES and r.expires_at <= now:
        return ShiftRequestState.expired
    return r.state


@dataclass
class Context:
    """A request, the assignments it moves and the names around it."""

    request: ShiftRequest
    given: Side  # the requester's assignment
    taken: Side | None  # swap: the counterpart's assignment
    names: dict[uuid.UUID, str]

    @property
    def parties(self) -> tuple[uuid.UUID, uuid.UUID | None]:
        return self.request.requester_person_id, self.request.counterpart_person_id

    @property
    def location_ids(self) -> list[uuid.UUID]:
        found = [self.given.shift.location_id]
        if self.taken is not None and self.taken.shift.location_id not in found:
            found.append(self.taken.shift.location_id)
        return found

    def sees_everyones_rules(self, viewer: Subject | None) -> bool:
        """Admins and the coordinators of its locations see every violation in full."""
        return viewer is None or any(can_manage_location(viewer, loc) for loc in self.location_ids)

    def redacted(self, viewer: Subject | None, found: list[Violation]) -> list[Violation]:
        """The violations as `viewer` may see them: a colleague learns which rule the
        change breaks for whom, never the other person's time off, availability,
        limits or other shifts (only their own in full)."""
        if self.sees_everyones_rules(viewer):
            return found
        me = str(viewer.person_id) if viewer and viewer.person_id else None
        shown = []
        for v in found:
            whose = v.records.get("person_id")
            if whose is None or whose == me:
                shown.append(v)
                continue
            name = self.names.get(uuid.UUID(str(whose)), "the other person")
            shown.append(
                Violation(
                    rule=v.rule,
                    severity=v.severity,
                    message=f"The change breaks the rule {v.rule} for {name}; "
                    "a coordinator can see why.",
                    records={"person_id": whose},
                )
            )
        return shown

    def read(self, now: datetime, viewer: Subject | None = None) -> schemas.ShiftRequest:
        """The request as `viewer` may see it (None: in full, e.g. for a job)."""
        r = self.request
        counterpart = r.counterpart_person_id
        verdict = schemas.RequestVerdict.model_validate(r.verdict) if r.verdict else None
        if verdict is not None and not self.sees_everyones_rules(viewer):
            verdict = verdict.model_copy(
                update={
                    "violations": self.redacted(viewer, verdict.violations),
                    "warnings": self.redacted(viewer, verdict.warnings),
                }
            )
        return schemas.ShiftRequest(
            id=r.id,
            kind=r.kind,
            state=effective_state(r, now),
            shift=_side(self.given),
            requester_person_id=r.requester_person_id,
            requester_display_name=self.names.get(r.requester_person_id, ""),
            counterpart_person_id=counterpart,
            counterpart_display_name=self.names.get(counterpart) if counterpart else None,
            counterpart_shift=_side(self.taken) if self.taken else None,
            expires_at=r.expires_at,
            note=r.note,
            verdict=verdict,
            accepted_at=r.accepted_at,
            decided_by_user_id=r.decided_by_user_id,
            decided_at=r.decided_at,
            decision_note=r.decision_note,
            created_at=r.created_at,
            updated_at=r.updated_at,
        )


def _side(side: Side) -> schemas.RequestShift:
    a, s = side.assignment, side.shift
    return schemas.RequestShift(
        assignment_id=a.id,
        assignment_state=a.state,
        shift_id=s.id,
        location_id=s.location_id,
        location_name=side.location_name,
        time_zone=side.time_zone,
        skill_id=s.skill_id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        person_id=a.person_id,
        person_display_name=side.person_name,
    )


async def contexts(repo: ShiftRequestRepository, rows: list[ShiftRequest]) -> list[Context]:
    """Contexts for many requests in two statements."""
    ids = {r.assignment_id for r in rows} | {
        r.counterpart_assignment_id for r in rows if r.counterpart_assignment_id
    }
    sides = await repo.sides(ids)
    people = {r.requester_person_id for r in rows} | {
        r.counterpart_person_id for r in rows if r.counterpart_person_id
    }
    names = await repo.names(people)
    return [
        Context(
            r,
            sides[r.assignment_id],
            sides[r.counterpart_assignment_id] if r.counterpart_assignment_id else None,
            names,
        )
        for r in rows
    ]


async def load(
    repo: ShiftRequestRepository, request_id: uuid.UUID, *, lock: bool = False
) -> Context:
    r = await repo.locked(request_id) if lock else await repo.get(request_id)
    if r is None:
        raise NotFound(f"No shift request with id {request_id}.", code="shift_request_not_found")
    return (await contexts(repo, [r]))[0]


def ensure_open(r: ShiftRequest, now: datetime, *states: ShiftRequestState) -> None:
    """409 unless the request is in one of `states` (and, if so, not past its expiry)."""
    state = effective_state(r, now)
    if state is ShiftRequestState.expired:
        raise Conflict(
            f"This request expired at {r.expires_at.isoformat()}.", code="request_expired"
        )
    if state in states:
        return
    if state is ShiftRequestState.pending:
        raise Conflict(
            "The colleague has not accepted this request yet.", code="request_not_accepted"
        )
    if state is ShiftRequestState.accepted:
        raise Conflict("This request is already accepted.", code="request_already_accepted")
    raise Conflict(f"This request is already {state.value}.", code="request_already_decided")


def ensure_before_cutoff(ctx: Context, cutoff: timedelta, now: datetime) -> None:
    """409 once either shift the request moves is within the organisation's cut-off as
    set today: expires_at follows the cut-off of the day it was filed, and a longer one
    since must still stop it."""
    first = min(s.shift.starts_at for s in (ctx.given, ctx.taken) if s is not None)
    if first - cutoff <= now:
        hours = cutoff.total_seconds() / 3600
        raise Conflict(
            f"Requests close {hours:g} h before the shift starts "
            f"({(first - cutoff).isoformat()}); this one can only be denied or withdrawn.",
            code="request_cutoff_passed",
        )


def payload(ctx: Context, **extra: Any) -> dict[str, Any]:
    r = ctx.request
    return {
        "shift_request_id": str(r.id),
        "kind": r.kind.value,
        "state": r.state.value,
        "requester_person_id": str(r.requester_person_id),
        "counterpart_person_id": _str(r.counterpart_person_id),
        "assignment_id": str(r.assignment_id),
        "shift_id": str(ctx.given.shift.id),
        "location_id": str(ctx.given.shift.location_id),
        "starts_at": ctx.given.shift.starts_at.isoformat(),
        "counterpart_assignment_id": _str(r.counterpart_assignment_id),
        "counterpart_shift_id": str(ctx.taken.shift.id) if ctx.taken else None,
        "expires_at": r.expires_at.isoformat(),
        **extra,
    }


def _str(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


async def tell(
    session: AsyncSession,
    ctx: Context,
    topic: str,
    people: list[uuid.UUID | None],
    **extra: Any,
) -> None:
    """Record `topic` once for each person named (None: for the location's coordinators)."""
    body = payload(ctx, **extra)
    for person_id in dict.fromkeys(people):
        await record_event(
            session,
            ctx.request.organisation_id,
            topic,
            person_id=person_id,
            payload=body,
            dedupe_key=f"{topic}:{ctx.request.id}:{person_id or 'coordinators'}",
        )


def others_than(subject: Subject | None, *people: uuid.UUID | None) -> list[uuid.UUID | None]:
    """The people concerned, minus the one acting (they know what they did)."""
    me = subject.person_id if subject else None
    return [p for p in people if p is not None and p != me]
