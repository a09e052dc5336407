"""The week grid: a location's period in a fixed number of statements, whatever its size.

Statements: the location with its schedule version (a cached answer stops there, see
cache.py), the shifts, their seats, the people shown, the organisation's
week start, rule period and rule layers (one), and the rule engine's facts about them
(five, from the gateway). Violations come from the one rule engine
(`rules.check_schedule`), judged over the period with the gateway's context around it;
the per-period rules judge every rule period the days touch, whole.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.background import BackgroundTask

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import ensure_can_manage_location
from shiftwise.db import Database
from shiftwise.errors import NotFound, Violation
from shiftwise.kit import collector
from shiftwise.kit.time import local_day_bounds
from shiftwise.models import Location
from shiftwise.schedule import cache, schemas
from shiftwise.schedule import parts as store
from shiftwise.schedule.parts import Parts, PartsKey, PersonPart, SortKey, kept
from shiftwise.schedule.repository import GridShiftRow, ScheduleRepository, Seat, ShownPerson
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import NO_CONTEXT, RuleBook, load_people_facts, load_rule_book
from shiftwise.scheduling.verdict import records_of

_CENT = Decimal("0.01")


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(_CENT, rounding=ROUND_HALF_UP)


async def managed_location(
    repo: ScheduleRepository, subject: Subject, location_id: uuid.UUID
) -> Location:
    """The location (404 outside the organisation), if the caller plans it (else 403)."""
    location = await repo.location(location_id)
    if location is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    ensure_can_manage_location(subject, location.id)
    return location


# The answer is built with model_construct: every value below comes typed from the
# database or the engine, and validating ~3,000 nested objects again cost more than
# the rules (the endpoint serialises it straight to JSON, see endpoints.py).
_construct_shift = schemas.GridShift.model_construct
_construct_assignee = schemas.GridAssignee.model_construct
_construct_violation = Violation.model_construct


def _shift(shift: GridShiftRow, fact: rules.ShiftFact, seats: list[Seat]) -> schemas.GridShift:
    return _construct_shift(
        id=shift.id,
        skill_id=shift.skill_id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        local_date=fact.local_date,
        break_minutes=shift.break_minutes,
        paid_minutes=fact.paid_minutes,
        headcount=shift.headcount,
        state=shift.state,
        published_at=shift.published_at,
        notes=shift.notes,
        template_id=shift.template_id,
        open_seats=max(0, shift.headcount - len(seats)),
        assignments=[
            _construct_assignee(
                id=s.assignment_id, person_id=s.person_id, display_name=s.display_name
            )
            for s in seats
        ],
    )


def violation(v: rules.Violation) -> Violation:
    """`verdict.to_api`'s answer, unvalidated."""
    return _construct_violation(
        rule=v.code.value, severity=v.severity.value, message=v.message, records=records_of(v)
    )


_SERIALISE = schemas.ScheduleGrid.__pydantic_serializer__.to_json
_ROW_JSON = schemas.GridPerson.__pydantic_serializer__.to_json
_VIOLATION_JSON = Violation.__pydantic_serializer__.to_json
# The end of a grid serialised with no people and no violations: where their parts go.
_TAIL = b'"people":[],"violations":[],"open_seats":'


def serialise(found: schemas.ScheduleGrid) -> bytes:
    """The grid as JSON, serialised once by its schema (the route's response_model
    documents it; nothing validates it again)."""
    return _SERIALISE(found)


def _assemble(head: schemas.ScheduleGrid, rows: list[bytes], violations: list[bytes]) -> bytes:
    """The grid's JSON: `head` (people and violations empty) serialised by its schema,
    with the people's rows and the violations, already JSON, put in their place. The
    same bytes as serialising the whole grid (test_grid.py checks), without serialising
    again what the parts hold."""
    body = _SERIALISE(head)
    at = body.rindex(_TAIL)  # the last fields: nothing a shift holds can end there
    return b"".join(
        (
            body[:at],
            b'"people":[',
            b",".join(rows),
            b'],"violations":[',
            b",".join(violations),
            b'],"open_seats":',
            body[at + len(_TAIL) :],
        )
    )


def rule_set(book: RuleBook, location_id: uuid.UUID, person: rules.PersonFacts) -> rules.RuleSet:
    """The person's effective rules (everyone without a layer of their own shares one)."""
    return book.for_(location_id, cast(uuid.UUID, person.person_id))


def paid_minutes_in(facts: rules.PersonFacts, first: date, last: date) -> int:
    """Paid minutes of the person's live assignments whose local date is in [first, last]."""
    return sum(a.paid_minutes for a in facts.assignments if first <= a.local_date <= last)


def _person(
    person: ShownPerson, facts: rules.PersonFacts | None, first: date, last: date
) -> schemas.GridPerson:
    minutes = paid_minutes_in(facts, first, last) if facts else 0
    weekly = person.contracted_hours_per_week
    days = (last - first).days + 1
    skills = sorted(
        (facts.skills.items() if facts else ()),
        key=lambda item: str(item[0]),
    )
    return schemas.GridPerson.model_construct(
        id=person.id,
        display_name=person.display_name,
        home_location_id=person.home_location_id,
        employment_type=person.employment_type,
        is_active=person.is_active,
        skills=[
            schemas.PersonSkillRead.model_construct(
                skill_id=uuid.UUID(str(skill_id)), expires_date=expires
            )
            for skill_id, expires in skills
        ],
        paid_minutes=minutes,
        paid_hours=hours(minutes),
        contracted_hours_per_week=weekly,
        contracted_hours=None if weekly is None else (weekly * days / 7).quantize(_CENT),
        max_hours_per_week=person.max_hours_per_week,
    )


async def week_grid(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID, start_date: date, days: int
) -> schemas.ScheduleGrid:
    """The grid built afresh: every person judged (no cache)."""
    repo = ScheduleRepository(session, subject.organisation_id)
    location = await managed_location(repo, subject, location_id)
    with collector.paused():
        body, _ = await _week_grid(session, subject.organisation_id, location, start_date, days)
        return schemas.ScheduleGrid.model_validate_json(body)


async def grid_response(
    session: AsyncSession,
    database: Database,
    subject: Subject,
    location_id: uuid.UUID,
    start_date: date,
    days: int,
    *,
    if_none_match: str | None,
    accept_encoding: str | None,
) -> Response:
    """The route's answer. One statement reads the location and its organisation's
    schedule version and facts epoch; an answer already built at that version is sent
    from the cache (a 304 when the client holds it) without loading a fact. Otherwise
    the grid is built, re-judging only the people whose facts changed since the parts
    of its last build (this process's, else the stored ones; everyone when the epoch
    moved), serialised under one collector pause and kept; the parts are stored after
    the answer is sent once a tenth of the people were judged since they last were
    (parts.py). The versions are read before any fact: an answer kept under version v
    shows at least v's data, and a part kept at a person's facts version was judged on
    facts at least that new."""
    repo = ScheduleRepository(session, subject.organisation_id)
    found = await repo.location_and_versions(location_id)
    if found is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    location = found.location
    ensure_can_manage_location(subject, location.id)
    where: PartsKey = (subject.organisation_id, location.id, start_date, days)
    key = (*where, found.schedule)
    answer = cache.grids.get(key)
    saving: BackgroundTask | None = None
    if answer is None:
        previous = kept.get(where)
        if previous is None or previous.epoch != found.facts_epoch:
            # The worker may have judged it at this epoch already.
            previous = await store.load(session, *where, found.facts_epoch) or previous
        with collector.paused():
            body, built = await _week_grid(
                session,
                subject.organisation_id,
                location,
                start_date,
                days,
                previous,
                found.facts_epoch,
            )
            answer = cache.Answer.of(body, found.schedule)
        cache.grids.put(key, answer)
        if built.due():
            saving = BackgroundTask(store.save_quietly, database, where, built)
            built = replace(built, unsaved=0)
        kept.put(where, built)
    response = answer.response(if_none_match, accept_encoding)
    response.background = saving
    return response


def _sort_key(v: rules.Violation) -> SortKey:
    """Hard first, then by day, then by person."""
    return (not v.is_hard, v.local_date or date.min, str(v.person_id))


async def judged_parts(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location: Location,
    start_date: date,
    days: int,
    previous: Parts | None = None,
    epoch: int = 0,
) -> tuple[list[ShownPerson], Parts]:
    """The people the grid shows and their parts: those of `previous` that still hold,
    the others judged afresh."""
    repo = ScheduleRepository(session, organisation_id)
    start, end = local_day_bounds(start_date, days, location.time_zone)
    people = await repo.people_shown(location.id, start, end)
    parts: dict[uuid.UUID, PersonPart] = {}
    if previous is not None:
        for p in people:
            part = previous.keep(epoch, p)
            if part is not None:
                parts[p.id] = part
    judged = [p for p in people if p.id not in parts]
    if judged:
        # Everyone's layers, as a build from scratch reads them: the longest rolling
        # weekend window of any of them sets how far around the period facts reach.
        book = await load_rule_book(
            session,
            organisation_id,
            location_ids=[location.id],
            person_ids=[p.id for p in people],
        )
        last_date = start_date + timedelta(days=days - 1)
        parts.update(
            await _judge(session, organisation_id, book, location, start_date, last_date, judged)
        )
    unsaved = (previous.unsaved if previous is not None else 0) + len(judged)
    return people, Parts(epoch, parts, unsaved)


async def _week_grid(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location: Location,
    start_date: date,
    days: int,
    previous: Parts | None = None,
    epoch: int = 0,
) -> tuple[bytes, Parts]:
    """The grid's JSON, and the parts it was built from."""
    repo = ScheduleRepository(session, organisation_id)
    start, end = local_day_bounds(start_date, days, location.time_zone)
    last_date = start_date + timedelta(days=days - 1)

    shifts = await repo.grid_shifts(location.id, start, end)
    seats: dict[uuid.UUID, list[Seat]] = defaultdict(list)
    for seat in await repo.seats(location.id, start, end):
        seats[seat.shift_id].append(seat)
    people, built = await judged_parts(
        session, organisation_id, location, start_date, days, previous, epoch
    )
    parts = built.people

    zone = location.time_zone
    grid_shifts = [
        _shift(
            s,
            rules.ShiftFact(
                s.id, location.id, s.starts_at, s.ends_at, zone, s.skill_id, s.break_minutes
            ),
            seats.get(s.id, []),
        )
        for s in shifts
    ]
    # Each person's violations in the engine's order, then stably by _sort_key: a
    # rebuild that keeps some parts orders them exactly as a build from scratch.
    found = [item for p in people for item in parts[p.id].violations]
    found.sort(key=lambda item: item[0])
    head = schemas.ScheduleGrid.model_construct(
        location=schemas.GridLocation.model_construct(
            id=location.id, name=location.name, time_zone=location.time_zone
        ),
        start_date=start_date,
        end_date=last_date,
        days=days,
        starts_at=start,
        ends_at=end,
        shifts=grid_shifts,
        people=[],
        violations=[],
        open_seats=sum(s.open_seats for s in grid_shifts),
    )
    body = _assemble(head, [parts[p.id].row for p in people], [v for _, v in found])
    return body, built


async def _judge(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    book: RuleBook,
    location: Location,
    start_date: date,
    last_date: date,
    people: list[ShownPerson],
) -> dict[uuid.UUID, PersonPart]:
    """These people's parts: their facts loaded and judged by the rule engine over the
    period, with the rules' context around it and every rule period it touches whole."""
    person_ids = [p.id for p in people]
    first, last = book.window(start_date, last_date, location.time_zone)
    facts = await load_people_facts(
        session, organisation_id, person_ids, first, last, context=NO_CONTEXT
    )
    judged = [facts[i] for i in person_ids if i in facts]
    found: dict[uuid.UUID, list[tuple[SortKey, bytes]]] = defaultdict(list)
    for v in rules.check_schedule(
        judged,
        lambda person: rule_set(book, location.id, person),
        (start_date, last_date),
        rule_period=book.rule_period,
    ):
        found[cast(uuid.UUID, v.person_id)].append((_sort_key(v), _VIOLATION_JSON(violation(v))))
    return {
        p.id: PersonPart(
            shown=p,
            row=_ROW_JSON(_person(p, facts.get(p.id), start_date, last_date)),
            violations=tuple(found.get(p.id, ())),
        )
        for p in people
    }
