"""Statements of the week grid, candidates and publishing: each a fixed number of them.

Every statement is scoped to the repository's organisation. Sets that grow with the
location (its shifts, their assignments, the people shown) are read by joins and
sub-selects on the period, never by one statement per row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Select, and_, exists, or_, select

from shiftwise.kit.repository import Repository
from shiftwise.models import (
    Assignment,
    AssignmentState,
    EmploymentType,
    Location,
    Organisation,
    Person,
    PersonSkill,
    Shift,
    ShiftState,
)


@dataclass(frozen=True)
class Seat:
    """A live assignment on a shift of the period, with the person's name."""

    shift_id: uuid.UUID
    assignment_id: uuid.UUID
    person_id: uuid.UUID
    display_name: str


@dataclass(frozen=True)
class ShownPerson:
    """A person as the grid and candidates show them: plain columns, no entity."""

    id: uuid.UUID
    display_name: str
    home_location_id: uuid.UUID | None
    employment_type: EmploymentType
    is_active: bool
    contracted_hours_per_week: Decimal | None
    max_hours_per_week: Decimal | None
    facts_version: int  # moves with every write to the rules' facts about them


@dataclass(frozen=True)
class Versions:
    """The location and the counters a grid answer is keyed by, read in one statement."""

    location: Location
    schedule: int  # the organisation's schedule version (schedule/version.py)
    facts_epoch: int  # moves when everyone's facts may have


_SHOWN = (
    Person.id,
    Person.display_name,
    Person.home_location_id,
    Person.employment_type,
    Person.is_active,
    Person.contracted_hours_per_week,
    Person.max_hours_per_week,
    Person.facts_version,
)

# The columns of a shift the grid shows (GridShiftRow's fields, in order).
_GRID_SHIFT = (
    Shift.id,
    Shift.skill_id,
    Shift.starts_at,
    Shift.ends_at,
    Shift.break_minutes,
    Shift.headcount,
    Shift.state,
    Shift.published_at,
    Shift.notes,
    Shift.template_id,
)


@dataclass(frozen=True)
class GridShiftRow:
    id: uuid.UUID
    skill_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    break_minutes: int
    headcount: int
    state: ShiftState
    published_at: datetime | None
    notes: str | None
    template_id: uuid.UUID | None


class ScheduleRepository(Repository[Shift]):
    model = Shift
    noun = "shift"

    async def location_and_versions(self, location_id: uuid.UUID) -> Versions | None:
        """The location with its organisation's schedule version and facts epoch."""
        row = (
            await self.session.execute(
                select(Location, Organisation.schedule_version, Organisation.facts_epoch)
                .join(Organisation, Organisation.id == Location.organisation_id)
                .where(Location.id == location_id, Location.organisation_id == self.organisation_id)
            )
        ).first()
        return None if row is None else Versions(row[0], int(row[1]), int(row[2]))

    async def location(self, location_id: uuid.UUID) -> Location | None:
        found: Location | None = await self.session.scalar(
            select(Location).where(
                Location.id == location_id, Location.organisation_id == self.organisation_id
            )
        )
        return found

    def _in_period(
        self, location_id: uuid.UUID, start: datetime, end: datetime, state: ShiftState | None
    ) -> Select[Shift]:
        """The location's shifts starting in [start, end): their local date is in the period."""
        stmt = self.scoped().where(
            Shift.location_id == location_id,
            Shift.starts_at >= start,
            Shift.starts_at < end,
        )
        if state is None:
            return stmt.where(Shift.state != ShiftState.cancelled)
        return stmt.where(Shift.state == state)

    async def shifts(
        self,
        location_id: uuid.UUID,
        start: datetime,
        end: datetime,
        *,
        state: ShiftState | None = None,
        lock: bool = False,
    ) -> list[Shift]:
        """Non-cancelled shifts (or those in `state`) starting in the period, in time order."""
        stmt = self._in_period(location_id, start, end, state).order_by(Shift.starts_at, Shift.id)
        if lock:
            stmt = stmt.with_for_update()
        return list((await self.session.scalars(stmt)).all())

    async def grid_shifts(
        self, location_id: uuid.UUID, start: datetime, end: datetime
    ) -> list[GridShiftRow]:
        """The same shifts as `shifts(...)`, as the grid's columns only (plain rows on
        the connection: no entities to build for a read-only page)."""
        stmt = (
            self._in_period(location_id, start, end, None)
            .with_only_columns(*_GRID_SHIFT)
            .order_by(Shift.starts_at, Shift.id)
        )
        conn = await self.session.connection()
        return [GridShiftRow(*tuple(row)) for row in await conn.execute(stmt)]

    async def seats(
        self,
        location_id: uuid.UUID,
        start: datetime,
        end: datetime,
        *,
        state: ShiftState | None = None,
    ) -> list[Seat]:
        """Live assignments on the same shifts as `shifts(...)`, by a join from them.

        Driven from the shifts (scoped to the organisation, found by location and
        start): the assignments are reached by shift, so the statement never reads the
        rest of the organisation's assignments (an `assignments.organisation_id` term
        made SQLite walk all of them, ~10x slower at 15,000).
        """
        conn = await self.session.connection()
        rows = await conn.execute(
            self._in_period(location_id, start, end, state)
            .with_only_columns(
                Assignment.shift_id, Assignment.id, Assignment.person_id, Person.display_name
            )
            .select_from(Shift)
            .join(Assignment, Assignment.shift_id == Shift.id)
            .join(Person, Person.id == Assignment.person_id)
            .where(Assignment.state == AssignmentState.assigned)
            .order_by(Person.display_name, Assignment.id)
        )
        return [Seat(*row) for row in rows]

    async def shift_seats(self, shift_ids: list[uuid.UUID]) -> list[Seat]:
        """Live assignments on these shifts, with the people's names."""
        rows = await self.session.execute(
            select(Assignment.shift_id, Assignment.id, Assignment.person_id, Person.display_name)
            .join(Person, Person.id == Assignment.person_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.state == AssignmentState.assigned,
                Assignment.shift_id.in_(shift_ids),
            )
            .order_by(Person.display_name, Assignment.id)
        )
        return [Seat(*row) for row in rows]

    async def people_shown(
        self, location_id: uuid.UUID, start: datetime, end: datetime
    ) -> list[ShownPerson]:
        """Active people whose home this is, and anyone on a shift of the period."""
        assigned = (
            select(Assignment.person_id)
            .join(Shift, Shift.id == Assignment.shift_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.state == AssignmentState.assigned,
                Shift.location_id == location_id,
                Shift.state != ShiftState.cancelled,
                Shift.starts_at >= start,
                Shift.starts_at < end,
            )
        )
        conn = await self.session.connection()
        rows = await conn.execute(
            select(*_SHOWN)
            .where(
                Person.organisation_id == self.organisation_id,
                or_(
                    and_(Person.home_location_id == location_id, Person.is_active.is_(True)),
                    Person.id.in_(assigned.scalar_subquery()),
                ),
            )
            .order_by(Person.display_name, Person.id)
        )
        return [ShownPerson(*row) for row in rows]

    async def qualified_people(
        self, shift: Shift, local_date: date, exclude: list[uuid.UUID]
    ) -> list[ShownPerson]:
        """Active people holding the shift's skill on its local date, not in `exclude`."""
        stmt = select(*_SHOWN).where(
            Person.organisation_id == self.organisation_id,
            Person.is_active.is_(True),
        )
        if shift.skill_id is not None:
            stmt = stmt.where(
                exists().where(
                    PersonSkill.person_id == Person.id,
                    PersonSkill.skill_id == shift.skill_id,
                    or_(PersonSkill.expires_date.is_(None), PersonSkill.expires_date >= local_date),
                )
            )
        if exclude:
            stmt = stmt.where(Person.id.not_in(exclude))
        conn = await self.session.connection()
        rows = await conn.execute(stmt.order_by(Person.display_name, Person.id))
        return [ShownPerson(*row) for row in rows]

    async def live_person_ids(self, shift_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.session.scalars(
            select(Assignment.person_id).where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.shift_id == shift_id,
                Assignment.state == AssignmentState.assigned,
            )
        )
        return list(rows.all())
