from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_act_for_person
from shiftwise.availability import schemas
from shiftwise.availability.repository import AvailabilityRepository
from shiftwise.availability.slots import (
    WEEK,
    dated_span,
    first_clashes,
    time_problem,
    weekly_span,
)
from shiftwise.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable, field_error
from shiftwise.kit.time import utcnow
from shiftwise.models import AvailabilityException, AvailabilitySlot, Person

DEFAULT_DAYS = 28
MAX_DAYS = 366
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


async def _person(
    repo: AvailabilityRepository, subject: Subject, person_id: uuid.UUID, *, lock: bool = False
) -> Person:
    """The person (404 outside the organisation), if the caller may act for them (403)."""
    person = await repo.person(person_id, for_update=lock)
    if person is None:
        raise NotFound(f"No person with id {person_id}.", code="person_not_found")
    if not can_act_for_person(subject, person.id, person.home_location_id):
        raise Forbidden("You may only see and change your own availability.")
    return person


def _slot(s: AvailabilitySlot) -> schemas.Slot:
    return schemas.Slot.model_validate(s)


def _exception(e: AvailabilityException) -> schemas.AvailabilityExceptionRead:
    return schemas.AvailabilityExceptionRead.model_validate(e)


def _period(start_date: date | None, end_date: date | None) -> tuple[date, date]:
    first = start_date or utcnow().date()
    last = end_date or first + timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise field_error("query.end_date", "end_date must not be before start_date.")
    if (last - first).days >= MAX_DAYS:
        raise field_error("query.end_date", f"Ask for at most {MAX_DAYS} days at a time.")
    return first, last


async def read(
    session: AsyncSession,
    subject: Subject,
    person_id: uuid.UUID | None,
    start_date: date | None,
    end_date: date | None,
) -> schemas.Availability:
    if person_id is None:
        if subject.person_id is None:
            raise field_error("query.person_id", "You have no staff profile; name a person.")
        person_id = subject.person_id
    first, last = _period(start_date, end_date)
    repo = AvailabilityRepository(session, subject.organisation_id)
    person = await _person(repo, subject, person_id)
    return schemas.Availability(
        person_id=person.id,
        display_name=person.display_name,
        start_date=first,
        end_date=last,
        slots=[_slot(s) for s in await repo.slots(person.id)],
        exceptions=[_exception(e) for e in await repo.exceptions(person.id, first, last)],
    )


def _check_pattern(data: schemas.PatternReplace) -> None:
    problems: list[FieldError] = []
    for i, slot in enumerate(data.slots):
        problem = time_problem(slot.start_time, slot.end_time)
        if problem is not None:
            problems.append(FieldError(field=f"body.slots.{i}.{problem[0]}", message=problem[1]))
    if not problems:
        spans = [weekly_span(s.weekday, s.start_time, s.end_time) for s in data.slots]
        for clash in first_clashes(spans, WEEK):
            other = data.slots[clash.other]
            problems.append(
                FieldError(
                    field=f"body.slots.{clash.index}.{clash.field}",
                    message=(
                        f"Overlaps slot {clash.other} ({_WEEKDAYS[other.weekday]} "
                        f"{other.start_time:%H:%M}–{other.end_time:%H:%M})."
                    ),
                    code="slot_overlap",
                )
            )
    if problems:
        detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise Unprocessable(f"The weekly pattern is invalid: {detail}", fields=problems)


async def replace_pattern(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID, data: schemas.PatternReplace
) -> schemas.Pattern:
    repo = AvailabilityRepository(session, subject.organisation_id)
    person = await _person(repo, subject, person_id, lock=True)
    _check_pattern(data)
    before = [_slot(s).model_dump(mode="json", exclude={"id"}) for s in await repo.slots(person.id)]
    saved = await repo.replace_slots(
        person.id,
        [
            AvailabilitySlot(
                id=uuid.uuid4(),
                weekday=s.weekday,
                start_time=s.start_time,
                end_time=s.end_time,
                status=s.status,
            )
            for s in data.slots
        ],
    )
    slots = [_slot(s) for s in saved]
    await audit.record(
        session,
        subject,
        "availability.pattern_replaced",
        person,
        before={"slots": before},
        after={"slots": [s.model_dump(mode="json", exclude={"id"}) for s in slots]},
    )
    return schemas.Pattern(person_id=person.id, slots=slots)


def _check_exception_times(data: schemas.ExceptionCreate) -> None:
    if (data.start_time is None) != (data.end_time is None):
        missing = "end_time" if data.end_time is None else "start_time"
        raise field_error(f"body.{missing}", "Give both start_time and end_time, or neither.")
    if data.start_time is not None and data.end_time is not None:
        problem = time_problem(data.start_time, data.end_time)
        if problem is not None:
            raise field_error(f"body.{problem[0]}", problem[1])


async def add_exception(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID, data: schemas.ExceptionCreate
) -> schemas.AvailabilityExceptionRead:
    repo = AvailabilityRepository(session, subject.organisation_id)
    person = await _person(repo, subject, person_id, lock=True)
    _check_exception_times(data)
    span = dated_span(data.exception_date, data.start_time, data.end_time)
    day = timedelta(days=1)
    for existing in await repo.exceptions(
        person.id, data.exception_date - day, data.exception_date + day
    ):
        other = dated_span(existing.exception_date, existing.start_time, existing.end_time)
        if span.overlaps(other):
            raise Conflict(
                f"This overlaps the exception {existing.id} on "
                f"{existing.exception_date.isoformat()}; delete it first.",
                code="exception_overlaps",
            )
    exception = repo.add(
        AvailabilityException(
            id=uuid.uuid4(),
            person_id=person.id,
            exception_date=data.exception_date,
            start_time=data.start_time,
            end_time=data.end_time,
            status=data.status,
            note=data.note,
        )
    )
    await session.flush()
    created = _exception(exception)
    # audit.snapshot has no JSON form for times; the read schema's dump has.
    after = created.model_dump(mode="json")
    await audit.record(session, subject, "availability.exception_created", exception, after=after)
    return created


async def delete_exception(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID, exception_id: uuid.UUID
) -> None:
    repo = AvailabilityRepository(session, subject.organisation_id)
    person = await _person(repo, subject, person_id, lock=True)
    exception = await repo.exception_of(person.id, exception_id)
    if exception is None:
        raise NotFound(
            f"No availability exception with id {exception_id} for this person.",
            code="availability_exception_not_found",
        )
    before = _exception(exception).model_dump(mode="json")
    await session.delete(exception)
    await session.flush()
    await audit.record(
        session, subject, "availability.exception_deleted", exception, before=before, after=None
    )
