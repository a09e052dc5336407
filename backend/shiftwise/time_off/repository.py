from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from shiftwise.auth.subject import Subject
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository, overlapping
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Location,
    Person,
    Shift,
    ShiftState,
    TimeOffRequest,
    TimeOffState,
)


@dataclass(frozen=True)
class TimeOffFilters:
    person_id: uuid.UUID | None = None
    location_id: uuid.UUID | None = None
    state: TimeOffState | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Affected:
    assignment: Assignment
    shift_state: ShiftState
    location_id: uuid.UUID
    location_name: str
    time_zone: str


class TimeOffRepository(Repository[TimeOffRequest]):
    model = TimeOffRequest
    noun = "time_off_request"

    async def locked(self, request_id: uuid.UUID) -> TimeOffRequest | None:
        """The request, its row locked (PostgreSQL) and re-read, so deciding and
        cancelling one request are serialised and see each other's outcome."""
        found: TimeOffRequest | None = await self.session.scalar(
            self.scoped()
            .where(TimeOffRequest.id == request_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return found

    async def person(self, person_id: uuid.UUID, *, for_update: bool = False) -> Person | None:
        """A person of this organisation; locking their row serialises this change with
        assignment checks of the same person (which lock the shift, then the person)."""
        stmt = select(Person).where(
            Person.id == person_id, Person.organisation_id == self.organisation_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found: Person | None = await self.session.scalar(stmt)
        return found

    async def names(self, person_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not person_ids:
            return {}
        rows = await self.session.execute(
            select(Person.id, Person.display_name).where(
                Person.organisation_id == self.organisation_id, Person.id.in_(person_ids)
            )
        )
        return dict(rows.all())

    async def overlapping_requests(
        self, person_id: uuid.UUID, starts_at: datetime, ends_at: datetime
    ) -> list[TimeOffRequest]:
        """The person's pending or approved requests overlapping [starts_at, ends_at)."""
        rows = await self.session.scalars(
            self.scoped()
            .where(
                TimeOffRequest.person_id == person_id,
                TimeOffRequest.state.in_([TimeOffState.pending, TimeOffState.approved]),
                TimeOffRequest.starts_at < ends_at,
                TimeOffRequest.ends_at > starts_at,
            )
            .order_by(TimeOffRequest.starts_at)
        )
        return list(rows.all())

    async def page(
        self, subject: Subject, filters: TimeOffFilters, page: PageParams
    ) -> tuple[list[TimeOffRequest], int | None]:
        stmt = self.scoped().join(Person, Person.id == TimeOffRequest.person_id)
        if not subject.is_admin:
            # Staff see their own; coordinators also the people whose home location
            # they coordinate (see authz.policies.can_act_for_person).
            visible = TimeOffRequest.person_id == subject.person_id
            if subject.is_coordinator:
                visible = or_(visible, Person.home_location_id.in_(subject.location_ids))
            stmt = stmt.where(visible)
        if filters.person_id is not None:
            stmt = stmt.where(TimeOffRequest.person_id == filters.person_id)
        if filters.location_id is not None:
            stmt = stmt.where(Person.home_location_id == filters.location_id)
        if filters.state is not None:
            stmt = stmt.where(TimeOffRequest.state == filters.state)
        if filters.start is not None:
            stmt = stmt.where(TimeOffRequest.ends_at > filters.start)
        if filters.end is not None:
            stmt = stmt.where(TimeOffRequest.starts_at < filters.end)
        stmt = stmt.order_by(TimeOffRequest.starts_at, TimeOffRequest.id)
        return await paginate(self.session, stmt, page)

    async def affected(
        self, person_id: uuid.UUID, starts_at: datetime, ends_at: datetime
    ) -> list[Affected]:
        """The person's live assignments overlapping [starts_at, ends_at), with where."""
        rows = await self.session.execute(
            select(Assignment, Shift.state, Location.id, Location.name, Location.time_zone)
            .join(Shift, Shift.id == Assignment.shift_id)
            .join(Location, Location.id == Shift.location_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.person_id == person_id,
                Assignment.state == AssignmentState.assigned,
                overlapping(Assignment.starts_at, Assignment.ends_at, starts_at, ends_at),
            )
            .order_by(Assignment.starts_at, Assignment.id)
        )
        return [Affected(a, state, loc_id, name, zone) for a, state, loc_id, name, zone in rows]
