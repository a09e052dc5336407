"""What the periodic jobs tell people: shift reminders, unfilled-shift warnings to
coordinators, nudges about requests waiting for a coordinator.

Each pass records outbox events (the delivery side turns them into messages) with a
deterministic dedupe key, so running a pass twice — a redelivered job, two schedulers,
a retry after a crash — records nothing new. Keys carry what makes a message a new
one: a moved shift is reminded of again, a request waiting another day is nudged again.

Topics and who they name:
- "shift.reminder": person_id = the assigned person; payload shift_id, assignment_id,
  location_id, starts_at, offset_minutes. Sent at each of the person's reminder offsets
  (preferences; default 24 h and 2 h) once its moment has come, if the person was on
  the shift by then (someone assigned later was just told by the assignment message)
  and the moment is less than REMINDER_STALE ago (a scheduler that was down does not
  send a pile of late reminders); when several are due at once, only the nearest.
- "shift.unfilled": person_id None (the audience is the location's coordinators, found
  by the delivery side from payload location_id); payload shift_id, location_id,
  starts_at, headcount, open_seats, lead_hours. Published shifts still short of people,
  warned about at each of the organisation's lead times (Organisation.settings
  `unfilled_shift_warning_hours`, default [72, 24]).
- "shift_request.waiting": person_id None (same audience); payload shift_request_id,
  kind, location_id, shift_id, waiting_since, days_waiting. Requests accepted by the
  colleague and waiting for a coordinator longer than `request_waiting_hours`
  (default 24), nudged again every further day.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import (
    Assignment,
    AssignmentState,
    Organisation,
    OutboxEvent,
    Shift,
    ShiftRequest,
    ShiftRequestState,
    ShiftState,
)
from shiftwise.notifications.preference_schemas import MAX_REMINDER_MINUTES
from shiftwise.notifications.preferences import load_preferences
from shiftwise.worker.outbox import record_event

REMINDER_TOPIC = "shift.reminder"
UNFILLED_TOPIC = "shift.unfilled"
WAITING_TOPIC = "shift_request.waiting"

REMINDER_STALE = timedelta(hours=6)
DEFAULT_UNFILLED_HOURS: tuple[int, ...] = (72, 24)
DEFAULT_WAITING_HOURS = 24
_MAX_LEAD_HOURS = 24 * 28


@dataclass(frozen=True)
class Planned:
    """One event a pass wants recorded."""

    topic: str
    dedupe_key: str
    person_id: uuid.UUID | None
    payload: dict[str, Any]


def _stamp(at: datetime) -> str:
    return at.strftime("%Y%m%dT%H%MZ")


def due_reminder(
    starts_at: datetime,
    assigned_at: datetime,
    offsets: Sequence[int],
    now: datetime,
) -> int | None:
    """The reminder offset (minutes) to send now for one assignment, if any."""
    if now >= starts_at:
        return None
    due = [
        o
        for o in offsets
        if (moment := starts_at - timedelta(minutes=o)) <= now
        and now - moment < REMINDER_STALE
        and assigned_at <= moment
    ]
    return min(due) if due else None


async def plan_reminders(
    session: AsyncSession, organisation_id: uuid.UUID, now: datetime
) -> list[Planned]:
    rows = (
        await session.execute(
            select(
                Assignment.id,
                Assignment.person_id,
                Assignment.created_at,
                Shift.id,
                Shift.location_id,
                Shift.starts_at,
            )
            .join(Shift, Shift.id == Assignment.shift_id)
            .where(
                Assignment.organisation_id == organisation_id,
                Assignment.state == AssignmentState.assigned,
                Shift.state == ShiftState.published,
                Shift.starts_at > now,
                Shift.starts_at <= now + timedelta(minutes=MAX_REMINDER_MINUTES),
            )
        )
    ).all()
    prefs = await load_preferences(session, {r[1] for r in rows})
    planned = []
    for assignment_id, person_id, created_at, shift_id, location_id, starts_at in rows:
        person = prefs.get(person_id)
        if person is None:
            continue
        offset = due_reminder(starts_at, created_at, person.reminder_offsets_minutes, now)
        if offset is None:
            continue
        planned.append(
            Planned(
                REMINDER_TOPIC,
                f"reminder:{assignment_id}:{offset}:{_stamp(starts_at)}",
                person_id,
                {
                    "shift_id": str(shift_id),
                    "assignment_id": str(assignment_id),
                    "location_id": str(location_id),
                    "starts_at": starts_at.isoformat(),
                    "offset_minutes": offset,
                },
            )
        )
    return planned


def _hours_list(raw: Any, default: tuple[int, ...]) -> tuple[int, ...]:
    if not isinstance(raw, list) or not raw:
        return default
    if not all(isinstance(h, int) and not isinstance(h, bool) for h in raw):
        return default
    kept = tuple(sorted({h for h in raw if 0 < h <= _MAX_LEAD_HOURS}, reverse=True))
    return kept or default


def _hours(raw: Any, default: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw <= _MAX_LEAD_HOURS:
        return default
    return raw


async def plan_unfilled(
    session: AsyncSession, organisation_id: uuid.UUID, now: datetime
) -> list[Planned]:
    org = await session.get_one(Organisation, organisation_id)
    leads = _hours_list(
        (org.settings or {}).get("unfilled_shift_warning_hours"), DEFAULT_UNFILLED_HOURS
    )
    filled = (
        select(Assignment.shift_id, func.count().label("n"))
        .where(
            Assignment.organisation_id == organisation_id,
            Assignment.state == AssignmentState.assigned,
        )
        .group_by(Assignment.shift_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(
                Shift.id,
                Shift.location_id,
                Shift.starts_at,
                Shift.headcount,
                func.coalesce(filled.c.n, 0),
            )
            .outerjoin(filled, filled.c.shift_id == Shift.id)
            .where(
                Shift.organisation_id == organisation_id,
                Shift.state == ShiftState.published,
                Shift.starts_at > now,
                Shift.starts_at <= now + timedelta(hours=max(leads)),
                func.coalesce(filled.c.n, 0) < Shift.headcount,
            )
        )
    ).all()
    planned = []
    for shift_id, location_id, starts_at, headcount, n in rows:
        # The nearest lead time already reached (the shift is inside its window).
        lead = min(h for h in leads if starts_at - timedelta(hours=h) <= now)
        planned.append(
            Planned(
                UNFILLED_TOPIC,
                f"unfilled:{shift_id}:{lead}:{_stamp(starts_at)}",
                None,
                {
                    "shift_id": str(shift_id),
                    "location_id": str(location_id),
                    "starts_at": starts_at.isoformat(),
                    "headcount": headcount,
                    "open_seats": headcount - int(n),
                    "lead_hours": lead,
                },
            )
        )
    return planned


async def plan_waiting(
    session: AsyncSession, organisation_id: uuid.UUID, now: datetime
) -> list[Planned]:
    org = await session.get_one(Organisation, organisation_id)
    after = timedelta(
        hours=_hours((org.settings or {}).get("request_waiting_hours"), DEFAULT_WAITING_HOURS)
    )
    since = func.coalesce(ShiftRequest.accepted_at, ShiftRequest.created_at)
    rows = (
        await session.execute(
            select(ShiftRequest, Shift.id, Shift.location_id)
            .join(Assignment, Assignment.id == ShiftRequest.assignment_id)
            .join(Shift, Shift.id == Assignment.shift_id)
            .where(
                ShiftRequest.organisation_id == organisation_id,
                ShiftRequest.state == ShiftRequestState.accepted,
                ShiftRequest.expires_at > now,
                since <= now - after,
            )
        )
    ).all()
    planned = []
    for request, shift_id, location_id in rows:
        waiting_since = request.accepted_at or request.created_at
        days = (now - waiting_since) // timedelta(days=1)
        planned.append(
            Planned(
                WAITING_TOPIC,
                f"request_waiting:{request.id}:{_stamp(waiting_since)}:{days}",
                None,
                {
                    "shift_request_id": str(request.id),
                    "kind": request.kind.value,
                    "shift_id": str(shift_id),
                    "location_id": str(location_id),
                    "waiting_since": waiting_since.isoformat(),
                    "days_waiting": days,
                },
            )
        )
    return planned


async def record_new(
    session: AsyncSession, organisation_id: uuid.UUID, planned: list[Planned]
) -> int:
    """Record the planned events not recorded before; return how many were new."""
    if not planned:
        return 0
    keys = [p.dedupe_key for p in planned]
    present: set[str] = set()
    for i in range(0, len(keys), 500):
        present.update(
            k
            for k in await session.scalars(
                select(OutboxEvent.dedupe_key).where(OutboxEvent.dedupe_key.in_(keys[i : i + 500]))
            )
            if k is not None
        )
    new = 0
    for p in planned:
        if p.dedupe_key in present:
            continue
        await record_event(
            session,
            organisation_id,
            p.topic,
            person_id=p.person_id,
            payload=p.payload,
            dedupe_key=p.dedupe_key,
        )
        present.add(p.dedupe_key)
        new += 1
    return new
